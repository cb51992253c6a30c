import Testing

@testable import VendorKernels

@Suite struct DenseTopKTests {
  func randomMatrix(_ rows: Int, _ cols: Int, _ rng: inout SplitMix64, integers: Bool = false)
    -> DenseMatrix
  {
    DenseMatrix(
      rows: rows, columns: cols,
      values: (0..<rows * cols).map { _ in
        integers
          ? Float(Int.random(in: -2...2, using: &rng)) : Float.random(in: -1...1, using: &rng)
      })
  }

  /// Double-precision reference scores.
  func referenceScores(_ q: DenseMatrix, _ db: DenseMatrix) -> [Float] {
    var out: [Float] = []
    for i in 0..<q.rows {
      for j in 0..<db.rows {
        var s = 0.0
        for t in 0..<q.columns {
          s += Double(q.values[i * q.columns + t]) * Double(db.values[j * db.columns + t])
        }
        out.append(Float(s))
      }
    }
    return out
  }

  /// Scores agree rank by rank within `tol`, and every returned index really has the score
  /// reported for it (indices may differ only where reference scores are within `tol`).
  func expectClose(_ got: TopK, _ want: TopK, _ exact: [Float], columns: Int, tol: Float) {
    #expect(got.rows == want.rows && got.k == want.k)
    for r in 0..<got.rows {
      for t in 0..<got.k {
        let g = got.indices[r * got.k + t]
        let w = want.indices[r * want.k + t]
        #expect((g < 0) == (w < 0))
        guard g >= 0, w >= 0 else { continue }
        #expect(abs(got.scores[r * got.k + t] - want.scores[r * want.k + t]) <= tol)
        #expect(abs(exact[r * columns + Int(g)] - got.scores[r * got.k + t]) <= tol)
      }
    }
  }

  @Test func innerProductMatchesReferenceOnBothPaths() {
    var rng = SplitMix64(seed: 11)
    withBothKernelVariants { _ in
      for (n, m, d) in [(3, 50, 7), (25, 700, 33), (64, 1100, 16), (19, 40, 1)] {
        let q = randomMatrix(n, d, &rng)
        let db = randomMatrix(m, d, &rng)
        let exact = referenceScores(q, db)
        let want = referenceTopK(scores: exact, rows: n, columns: m, k: 10)
        let opts = DenseTopKOptions(queryTile: 16, databaseTile: 256, threads: 2)
        let got = DenseTopK.search(queries: q, database: db, k: 10, options: opts)
        expectClose(got, want, exact, columns: m, tol: 1e-4)
      }
    }
  }

  @Test func directPathEqualsBLASPath() {
    var rng = SplitMix64(seed: 12)
    let q = randomMatrix(30, 40, &rng)
    let db = randomMatrix(500, 40, &rng)
    let blas = DenseTopK.search(queries: q, database: db, k: 7)
    let direct = DenseTopK.search(
      queries: q, database: db, k: 7, options: DenseTopKOptions(blasThreshold: 1000))
    let exact = referenceScores(q, db)
    expectClose(direct, blas, exact, columns: 500, tol: 1e-4)
  }

  @Test func exactTiesGoToLowerIndex() {
    var rng = SplitMix64(seed: 13)
    // Small integer entries: every product is exact, so equal scores are exactly equal.
    let q = randomMatrix(40, 8, &rng, integers: true)
    var db = randomMatrix(60, 8, &rng, integers: true)
    db.values += db.values  // rows 60..<120 duplicate rows 0..<60
    db = DenseMatrix(rows: 120, columns: 8, values: db.values)
    let exact = referenceScores(q, db)
    let want = referenceTopK(scores: exact, rows: 40, columns: 120, k: 12)
    for threshold in [1, 1000] {
      let got = DenseTopK.search(
        queries: q, database: db, k: 12,
        options: DenseTopKOptions(queryTile: 7, databaseTile: 33, blasThreshold: threshold))
      #expect(got == want)
    }
  }

  @Test func cosineNormalisesBothSides() {
    var rng = SplitMix64(seed: 14)
    let q = randomMatrix(21, 12, &rng)
    var db = randomMatrix(90, 12, &rng)
    for t in 0..<12 { db.values[5 * 12 + t] = 0 }  // a zero row scores 0
    let exact = referenceScores(q.normalizedRows(), db.normalizedRows())
    let want = referenceTopK(scores: exact, rows: 21, columns: 90, k: 90)
    let got = DenseTopK.search(queries: q, database: db, k: 90, similarity: .cosine)
    expectClose(got, want, exact, columns: 90, tol: 1e-5)
    #expect(got.scores.allSatisfy { $0 <= 1.0001 && $0 >= -1.0001 })
    let n = db.normalizedRows()
    var norm: Float = 0
    for t in 0..<12 { norm += n.values[3 * 12 + t] * n.values[3 * 12 + t] }
    #expect(abs(norm - 1) < 1e-5)
  }

  @Test func edgeShapes() {
    var rng = SplitMix64(seed: 15)
    let q = randomMatrix(22, 4, &rng)
    let none = DenseTopK.search(queries: q, database: DenseMatrix(rows: 0, columns: 4), k: 3)
    #expect(none.indices == [Int32](repeating: -1, count: 66))
    let big = DenseTopK.search(queries: q, database: randomMatrix(2, 4, &rng), k: 5)
    #expect(big.row(0).count == 2 && big.indices[2] == -1)
    let empty = DenseTopK.search(queries: DenseMatrix(rows: 0, columns: 4), database: q, k: 3)
    #expect(empty.rows == 0 && empty.indices.isEmpty)
    let zeroDim = DenseTopK.search(
      queries: DenseMatrix(rows: 25, columns: 0), database: DenseMatrix(rows: 3, columns: 0), k: 2)
    #expect(zeroDim.row(0).map(\.index) == [0, 1] && zeroDim.scores[0] == 0)
  }
}
