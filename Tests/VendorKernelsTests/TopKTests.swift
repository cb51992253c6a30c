import CVendorKernels
import Testing

@testable import VendorKernels

@Suite struct TopKSelectionTests {
  /// Merges a score matrix tile by tile through the C kernel.
  func kernelTopK(_ scores: [Float], rows: Int, columns: Int, k: Int, tile: Int) -> TopK {
    let acc = TopKAccumulator(rows: rows, k: k)
    scores.withUnsafeBufferPointer { s in
      var c0 = 0
      while c0 < columns {
        let cols = min(tile, columns - c0)
        acc.merge(
          tile: s.baseAddress! + c0, firstRow: 0, tileRows: rows, columns: cols, stride: columns,
          firstColumn: c0)
        c0 += cols
      }
    }
    return acc.finish()
  }

  @Test func matchesSortOnRandomScoresWithTiesAndNaN() {
    var rng = SplitMix64(seed: 7)
    withBothKernelVariants { _ in
      for _ in 0..<40 {
        let rows = Int.random(in: 1...6, using: &rng)
        let columns = Int.random(in: 1...300, using: &rng)
        let k = Int.random(in: 1...40, using: &rng)
        // Few distinct values, so ties are everywhere; some NaN and infinities.
        let scores: [Float] = (0..<rows * columns).map { _ in
          switch Int.random(in: 0..<20, using: &rng) {
          case 0: return .nan
          case 1: return -.infinity
          case 2: return .infinity
          default: return Float(Int.random(in: -5...5, using: &rng))
          }
        }
        let tile = Int.random(in: 1...64, using: &rng)
        let got = kernelTopK(scores, rows: rows, columns: columns, k: k, tile: tile)
        let want = referenceTopK(scores: scores, rows: rows, columns: columns, k: k)
        #expect(got == want, "rows \(rows) cols \(columns) k \(k) tile \(tile)")
      }
    }
  }

  @Test func padsWhenKExceedsColumns() {
    let got = kernelTopK([3, 1, 2], rows: 1, columns: 3, k: 5, tile: 2)
    #expect(got.indices == [0, 2, 1, -1, -1])
    #expect(got.scores == [3, 2, 1, -.infinity, -.infinity])
    #expect(got.row(0).map(\.index) == [0, 2, 1])
  }

  @Test func zeroKAndZeroRows() {
    #expect(kernelTopK([1, 2], rows: 1, columns: 2, k: 0, tile: 2).indices.isEmpty)
    #expect(kernelTopK([], rows: 0, columns: 5, k: 3, tile: 2).scores.isEmpty)
  }
}
