import Testing

@testable import VendorLink

@Suite struct LinkingDenseTests {
  /// The tiled sgemm top-k must find, for every row and column, the same best partners as a
  /// brute-force scan.
  @Test func topKMatchesBruteForce() {
    var rng = SplitMix64(seed: 5)
    var e = AccountEvidence()
    let n = 300
    for i in 0..<n {
      e.accountIDs.append(Int64(i))
      var toks = (0..<12).map { _ in UInt64(rng.int(60)) }
      toks.sort()
      toks = Array(Set(toks)).sorted()
      e.textTokens.append(contentsOf: toks)
      e.textWeights.append(contentsOf: toks.map { _ in Float(0.5 + rng.double()) })
      e.textOffsets.append(Int32(e.textTokens.count))
    }
    let dense = DenseText(e, dimensions: 32)
    let xs = (0..<130).map { Int32($0) }
    let ys = (130..<n).map { Int32($0) }
    var got = Set<[Int32]>()
    dense.topK(xs, ys, k: 3, floor: -2) { got.insert([$0, $1]) }
    var dots = [Float](repeating: 0, count: n * n)
    for a in xs {
      for b in ys {
        var s: Float = 0
        for d in 0..<32 { s += dense.vectors[Int(a) * 32 + d] * dense.vectors[Int(b) * 32 + d] }
        dots[Int(a) * n + Int(b)] = s
      }
    }
    func dot(_ a: Int32, _ b: Int32) -> Float { dots[Int(a) * n + Int(b)] }
    var expected = Set<[Int32]>()
    for x in xs {
      for y in ys.sorted(by: { dot(x, $0) > dot(x, $1) }).prefix(3) { expected.insert([x, y]) }
    }
    for y in ys {
      for x in xs.sorted(by: { dot($0, y) > dot($1, y) }).prefix(3) { expected.insert([x, y]) }
    }
    // Float rounding may swap exact ties; allow a handful.
    #expect(expected.subtracting(got).count <= 3)
    #expect(got.count <= expected.count + 3)
  }
}

@Suite struct LinkingIVFTests {
  /// Accounts with random sparse texts, enough for several lists.
  func evidence(_ n: Int, seed: UInt64) -> AccountEvidence {
    var rng = SplitMix64(seed: seed)
    var e = AccountEvidence()
    for i in 0..<n {
      e.accountIDs.append(Int64(i))
      let toks = Array(Set((0..<10).map { _ in UInt64(rng.int(400)) })).sorted()
      e.textTokens.append(contentsOf: toks)
      e.textWeights.append(contentsOf: toks.map { _ in Float(0.5 + rng.double()) })
      e.textOffsets.append(Int32(e.textTokens.count))
    }
    return e
  }

  // The quickselect and the probing tests moved with the inverted file to VendorKernels
  // (MutualTopKTests), assertions unchanged.

  /// Probing every list is an exhaustive search: the same neighbours as the exact path.
  @Test func probingEveryListIsExact() {
    let e = evidence(900, seed: 3)
    let dense = DenseText(e, dimensions: 32)
    let xs = (0..<400).map { Int32($0) }
    let ys = (400..<900).map { Int32($0) }
    let all = TextIVF(
      dense, base: ys,
      settings: TextIVFSettings(probes: 8, iterations: 3, minimumBase: 1, fixedLists: 8))
    var exact = Set<[Int32]>()
    var ivf = Set<[Int32]>()
    dense.topK(xs, ys, k: 3, floor: -2) { exact.insert([$0, $1]) }
    dense.topK(xs, ys, k: 3, floor: -2, index: all) { ivf.insert([$0, $1]) }
    // Float rounding may swap exact ties between the two summation orders.
    #expect(exact.symmetricDifference(ivf).count <= 4)
    #expect(exact.count > 1000)
  }

  /// With a quarter of the lists probed, most exact neighbours are still found (random
  /// texts have no cluster structure, the hardest case), and every pair joins the two sides.
  @Test func probingAQuarterKeepsMostNeighbours() {
    let e = evidence(1200, seed: 8)
    let dense = DenseText(e, dimensions: 32)
    let xs = (0..<600).map { Int32($0) }
    let ys = (600..<1200).map { Int32($0) }
    let quarter = TextIVF(
      dense, base: ys,
      settings: TextIVFSettings(probes: 4, iterations: 4, minimumBase: 1, fixedLists: 16))
    var exact = Set<[Int32]>()
    var ivf = Set<[Int32]>()
    dense.topK(xs, ys, k: 5, floor: -2) { exact.insert([$0, $1]) }
    dense.topK(xs, ys, k: 5, floor: -2, index: quarter) { ivf.insert([$0, $1]) }
    #expect(ivf.allSatisfy { $0[0] < 600 && $0[1] >= 600 })
    #expect(Double(exact.intersection(ivf).count) >= 0.6 * Double(exact.count))
    // At most k per row of each side (approximate lists overlap less, so more distinct pairs
    // than the exact search is possible).
    #expect(ivf.count <= 5 * (xs.count + ys.count))
  }
}
