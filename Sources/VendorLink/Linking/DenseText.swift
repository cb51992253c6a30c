import CBLAS

/// Dense, low-dimensional text vectors for candidate search: each account's sparse TF-IDF
/// vector projected with a sparse sign random projection (every token adds ±w/√s to `s`
/// hashed dimensions), then L2-normalised, so that one BLAS matrix product scores a tile of
/// account pairs (the way faiss' flat index does). Exact cosines are computed later, on the
/// sparse vectors, for the pairs that survive.
struct DenseText {
  /// 256 dimensions, as the peers' random projection: at 128 the projection noise cost ten
  /// points of text-only alias recall at 3×5k, and the sgemm is not the bottleneck.
  static let defaultDimensions = 256
  /// Non-zeros per token; 4 keeps the variance of projected cosines close to a dense
  /// Gaussian projection's at a fraction of its cost.
  static let nonZerosPerToken = 4

  let dimensions: Int
  /// Row-major `count × dimensions`.
  var vectors: [Float]

  init(_ e: AccountEvidence, dimensions: Int = DenseText.defaultDimensions) {
    self.dimensions = dimensions
    let n = e.count
    var v = [Float](repeating: 0, count: n * dimensions)
    let scale = 1 / Float(Self.nonZerosPerToken).squareRoot()
    v.withUnsafeMutableBufferPointer { out in
      for i in 0..<n {
        let row = out.baseAddress! + i * dimensions
        for k in e.textRange(of: i) {
          var h = e.textTokens[k]
          let w = e.textWeights[k] * scale
          for _ in 0..<Self.nonZerosPerToken {
            h = TextTokens.mix(h)
            let d = Int(truncatingIfNeeded: h >> 1) % dimensions
            row[d] += (h & 1) == 0 ? w : -w
          }
        }
        var norm: Float = 0
        for d in 0..<dimensions { norm += row[d] * row[d] }
        if norm > 0 {
          let inv = 1 / norm.squareRoot()
          for d in 0..<dimensions { row[d] *= inv }
        }
      }
    }
    vectors = v
  }

  /// For rows `xs` against rows `ys`: each x's top `k` ys and each y's top `k` xs by dot
  /// product, above `floor`. Calls `emit(x, y)` for each (duplicates possible).
  func topK(
    _ xs: [Int32], _ ys: [Int32], k: Int, floor: Float, emit: (Int32, Int32) -> Void
  ) {
    if xs.isEmpty || ys.isEmpty { return }
    let d = dimensions
    let ny = ys.count
    var yMat = [Float](repeating: 0, count: ny * d)
    for (r, y) in ys.enumerated() {
      let src = Int(y) * d
      for c in 0..<d { yMat[r * d + c] = vectors[src + c] }
    }
    let tile = 256
    var xMat = [Float](repeating: 0, count: tile * d)
    var scores = [Float](repeating: 0, count: tile * ny)
    var colTop = TopK(rows: ny, k: k, floor: floor)
    var rowTop = TopK(rows: tile, k: k, floor: floor)
    var start = 0
    while start < xs.count {
      let rows = min(tile, xs.count - start)
      for r in 0..<rows {
        let src = Int(xs[start + r]) * d
        for c in 0..<d { xMat[r * d + c] = vectors[src + c] }
      }
      xMat.withUnsafeBufferPointer { xp in
        yMat.withUnsafeBufferPointer { yp in
          scores.withUnsafeMutableBufferPointer { sp in
            cblas_sgemm(
              CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(ny), Int32(d), 1,
              xp.baseAddress, Int32(d), yp.baseAddress, Int32(d), 0, sp.baseAddress, Int32(ny))
          }
        }
      }
      rowTop.reset(floor: floor)
      scores.withUnsafeBufferPointer { sp in
        for r in 0..<rows {
          let base = r * ny
          var rowMin = rowTop.minimum(r)
          for c in 0..<ny {
            let s = sp[base + c]
            if s > rowMin { rowMin = rowTop.insert(r, Int32(c), s) }
            if s > colTop.mins[c] { colTop.insert(c, Int32(start + r), s) }
          }
        }
      }
      for r in 0..<rows {
        for y in rowTop.ids(r) { emit(xs[start + r], ys[Int(y)]) }
      }
      start += rows
    }
    for c in 0..<ny {
      for x in colTop.ids(c) { emit(xs[Int(x)], ys[c]) }
    }
  }
}

/// Fixed-k best lists for many rows, flat arrays sorted descending per row.
struct TopK {
  let k: Int
  var scores: [Float]
  var ids: [Int32]
  /// The score a newcomer must beat for each row (the k-th best so far, or the floor).
  var mins: [Float]

  init(rows: Int, k: Int, floor: Float) {
    self.k = k
    scores = [Float](repeating: floor, count: rows * k)
    ids = [Int32](repeating: -1, count: rows * k)
    mins = [Float](repeating: floor, count: rows)
  }

  mutating func reset(floor: Float) {
    for i in scores.indices { scores[i] = floor }
    for i in ids.indices { ids[i] = -1 }
    for i in mins.indices { mins[i] = floor }
  }

  @inline(__always) func minimum(_ r: Int) -> Float { mins[r] }

  /// Inserts (id, s) into row r (s must beat `mins[r]`); returns the new minimum.
  @discardableResult
  @inline(__always) mutating func insert(_ r: Int, _ id: Int32, _ s: Float) -> Float {
    let base = r * k
    var p = k - 1
    while p > 0 && scores[base + p - 1] < s {
      scores[base + p] = scores[base + p - 1]
      ids[base + p] = ids[base + p - 1]
      p -= 1
    }
    scores[base + p] = s
    ids[base + p] = id
    mins[r] = scores[base + k - 1]
    return mins[r]
  }

  func ids(_ r: Int) -> [Int32] {
    (0..<k).compactMap { ids[r * k + $0] >= 0 ? ids[r * k + $0] : nil }
  }
}
