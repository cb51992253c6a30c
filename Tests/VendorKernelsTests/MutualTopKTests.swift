import Testing

@testable import VendorKernels

/// Mutual (two-sided) dense top-k, exact and through the inverted file, against a
/// brute-force reference on seeded random unit vectors.
@Suite struct MutualTopKTests {
  /// `rows` random unit vectors of `d` dimensions.
  func unitVectors(_ rows: Int, _ d: Int, seed: UInt64) -> DenseMatrix {
    var rng = SplitMix64(seed: seed)
    var m = DenseMatrix(
      rows: rows, columns: d,
      values: (0..<rows * d).map { _ in Float.random(in: -1...1, using: &rng) })
    m.normalizeRows()
    return m
  }

  /// The pairs a brute-force search keeps: each x's best k ys and each y's best k xs above
  /// `floor` (ties to the first offered, as the kernel).
  func reference(_ v: DenseMatrix, _ xs: [Int32], _ ys: [Int32], k: Int, floor: Float)
    -> Set<[Int32]>
  {
    let scores = v.gathered(xs).innerProducts(v.gathered(ys))
    var out = Set<[Int32]>()
    for (i, x) in xs.enumerated() {
      let best = ys.indices.filter { scores[i * ys.count + $0] > floor }
        .sorted { scores[i * ys.count + $0] > scores[i * ys.count + $1] }.prefix(k)
      for j in best { out.insert([x, ys[j]]) }
    }
    for (j, y) in ys.enumerated() {
      let best = xs.indices.filter { scores[$0 * ys.count + j] > floor }
        .sorted { scores[$0 * ys.count + j] > scores[$1 * ys.count + j] }.prefix(k)
      for i in best { out.insert([xs[i], y]) }
    }
    return out
  }

  @Test(arguments: [(1, 1), (2, 3), (4, 10)])
  func exactMatchesTheReference(threads: Int, k: Int) {
    let v = unitVectors(900, 24, seed: 5)
    // Queries span several 256-row tiles; both sides are scattered rows of one matrix.
    let xs: [Int32] = (0..<300).map { Int32(3 * $0) }
    let ys: [Int32] = (0..<900).filter { $0 % 3 != 0 }.map { Int32($0) }
    var got = Set<[Int32]>()
    DenseTopK.mutual(queries: xs, database: ys, of: v, k: k, floor: 0.05, threads: threads) {
      got.insert([$0, $1])
    }
    #expect(got == reference(v, xs, ys, k: k, floor: 0.05))
    #expect(got.allSatisfy { $0[0] % 3 == 0 && $0[1] % 3 != 0 })
  }

  @Test func emptySidesAndZeroKEmitNothing() {
    let v = unitVectors(10, 4, seed: 1)
    var count = 0
    DenseTopK.mutual(queries: [], database: [1, 2], of: v, k: 3, floor: -2) { _, _ in count += 1 }
    DenseTopK.mutual(queries: [1], database: [2], of: v, k: 0, floor: -2) { _, _ in count += 1 }
    #expect(count == 0)
  }

  /// Probing every list is an exhaustive search: the same pairs as the exact path.
  @Test func ivfProbingEveryListIsExact() {
    let v = unitVectors(1000, 16, seed: 9)
    let xs = (0..<400).map { Int32($0) }
    let ys = (400..<1000).map { Int32($0) }
    let index = DenseIVFIndex(v, base: ys, lists: 8, probes: 8, iterations: 3)
    var exact = Set<[Int32]>()
    var ivf = Set<[Int32]>()
    DenseTopK.mutual(queries: xs, database: ys, of: v, k: 3, floor: -2) { exact.insert([$0, $1]) }
    index.mutualTopK(queries: xs, of: v, k: 3, floor: -2) { ivf.insert([$0, $1]) }
    // Float rounding may swap exact ties between the two summation orders.
    #expect(exact.symmetricDifference(ivf).count <= 4)
    #expect(exact.count > 1000)
    #expect(index.rows.sorted() == ys)
    #expect(index.listStart.first == 0 && index.listStart.last == ys.count)
  }

  /// The quickselect finds the k-th largest for every k, with ties and repeated values.
  @Test func largestIsTheKthOfTheSorted() {
    var rng = SplitMix64(seed: 17)
    for _ in 0..<200 {
      let n = Int.random(in: 1...300, using: &rng)
      let distinct = Int.random(in: 1...40, using: &rng)
      let values: [Float] = (0..<n).map { _ in
        Float(Int.random(in: 0..<distinct, using: &rng)) / Float(distinct)
      }
      let sorted = values.sorted(by: >)
      let k = Int.random(in: 1...n, using: &rng)
      var scratch = values
      #expect(DenseIVFIndex.largest(k, in: &scratch) == sorted[k - 1])
      #expect(scratch.sorted() == values.sorted())
    }
  }

  /// Each query probes exactly its `probes` nearest centroids (ties to the lower list), and
  /// each list's queries are ascending.
  @Test func probingPicksTheNearestCentroids() {
    let v = unitVectors(3000, 16, seed: 21)
    let base = (0..<1000).map { Int32($0) }
    let queries = v.gathered((1000..<3000).map { Int32($0) })
    let index = DenseIVFIndex(v, base: base, lists: 23, probes: 5, iterations: 2)
    let probing = index.probing(queries)
    let scores = queries.innerProducts(index.centroids)
    var expected = [[Int32]](repeating: [], count: index.lists)
    for q in 0..<queries.rows {
      let order = (0..<index.lists).sorted {
        let (x, y) = (scores[q * index.lists + $0], scores[q * index.lists + $1])
        return x != y ? x > y : $0 < $1
      }
      for c in order.prefix(5) { expected[c].append(Int32(q)) }
    }
    #expect(probing == expected)
  }
}
