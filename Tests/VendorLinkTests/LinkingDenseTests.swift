import Testing

@testable import VendorLink

@Suite struct LinkingDenseTests {
  /// The tiled sgemm top-k must find, for every row and column, the same best partners as a
  /// brute-force scan.
  @Test func topKMatchesBruteForce() {
    var rng = TestRNG(5)
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
