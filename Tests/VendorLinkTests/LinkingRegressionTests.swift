import Foundation
import Testing

@testable import VendorLink

/// `LevelRegression`: the Cholesky solve, and recovery of known weights from pairs drawn
/// from a logistic model over comparison levels (seeded, so failures reproduce).
@Suite struct LinkingRegressionTests {
  @Test(arguments: [1, 2, 5, 12] as [UInt64])
  func choleskySolvesRandomPositiveDefiniteSystems(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let n = 2 + rng.int(9)
    // a = bᵀb + I is symmetric positive definite.
    let b = (0..<n * n).map { _ in rng.double() * 2 - 1 }
    var a = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0..<n {
        for k in 0..<n { a[i * n + j] += b[k * n + i] * b[k * n + j] }
        if i == j { a[i * n + j] += 1 }
      }
    }
    let x = (0..<n).map { _ in rng.double() * 10 - 5 }
    let rhs = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i * n + $1] * x[$1] } }
    let solved = try #require(LevelRegression.solveSymmetric(a, rhs, size: n))
    for i in 0..<n { #expect(abs(solved[i] - x[i]) < 1e-8) }
  }

  @Test func choleskyRejectsIndefiniteMatrices() {
    #expect(LevelRegression.solveSymmetric([1, 2, 2, 1], [1, 1], size: 2) == nil)
  }

  /// Pairs drawn with known per-level log-odds: the fit recovers the differences between a
  /// comparison's levels (the split between levels and intercept is the penalty's), a null
  /// level adds nothing, and the fitted probabilities are calibrated.
  @Test func recoversKnownWeights() {
    var rng = SplitMix64(seed: 7)
    let C = Comparison.count
    let fitted: [Comparison] = [.name, .shipping]
    let truth: [Comparison: [Double]] = [
      .name: [3, 2.5, 2, 1.5, 1, 0, -2], .shipping: [2, 0.5, 0, -1.5],
    ]
    let intercept = -1.0
    let count = 60_000
    var levels = [Int8](repeating: -1, count: count * C)
    var positive = [Bool](repeating: false, count: count)
    for k in 0..<count {
      var z = intercept
      for c in fitted {
        // One pair in ten has no evidence for the comparison (null level).
        if rng.int(10) == 0 { continue }
        let l = rng.int(c.levels.count)
        levels[k * C + c.rawValue] = Int8(l)
        z += truth[c]![l]
      }
      positive[k] = rng.double() < 1 / (1 + exp(-z))
    }
    let r = LevelRegression.fit(
      levels: levels, count: count, fitted: fitted, positive: positive,
      sampleWeight: [Double](repeating: 1, count: count))
    #expect(r.converged)
    for c in fitted {
      let w = r.weights[c.rawValue]
      for l in 1..<w.count {
        #expect(abs((w[l] - w[0]) - (truth[c]![l] - truth[c]![0])) < 0.15, "\(c) level \(l)")
      }
    }
    #expect(r.weights[Comparison.text.rawValue].isEmpty)
    // Calibration: mean fitted probability equals the share of positives (a property of the
    // maximum-likelihood fit with an intercept, up to the small penalty).
    var sum = 0.0
    for k in 0..<count {
      var z = r.intercept
      for c in fitted where levels[k * C + c.rawValue] >= 0 {
        z += r.weights[c.rawValue][Int(levels[k * C + c.rawValue])]
      }
      sum += 1 / (1 + exp(-z))
    }
    let share = Double(positive.filter { $0 }.count) / Double(count)
    #expect(abs(sum / Double(count) - share) < 0.002)
  }

  /// Pairs with zero sample weight do not move the fit.
  @Test func ignoresUnweightedPairs() {
    var rng = SplitMix64(seed: 3)
    let C = Comparison.count
    let count = 4_000
    var levels = [Int8](repeating: -1, count: count * C)
    var positive = [Bool](repeating: false, count: count)
    var weight = [Double](repeating: 1, count: count)
    for k in 0..<count {
      let l = rng.int(4)
      levels[k * C + Comparison.shipping.rawValue] = Int8(l)
      positive[k] = rng.double() < (l == 0 ? 0.8 : 0.2)
    }
    let base = LevelRegression.fit(
      levels: levels, count: count, fitted: [.shipping], positive: positive, sampleWeight: weight)
    // Append contradicting pairs with weight 0.
    for _ in 0..<1000 {
      levels.append(contentsOf: (0..<C).map { $0 == Comparison.shipping.rawValue ? 0 : -1 })
      positive.append(false)
      weight.append(0)
    }
    let same = LevelRegression.fit(
      levels: levels, count: count + 1000, fitted: [.shipping], positive: positive,
      sampleWeight: weight)
    #expect(abs(same.intercept - base.intercept) < 1e-9)
    #expect(
      zip(same.weights[Comparison.shipping.rawValue], base.weights[Comparison.shipping.rawValue])
        .allSatisfy { abs($0 - $1) < 1e-9 })
  }
}
