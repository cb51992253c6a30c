import VendorKernels

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
    // Rows are independent: chunks of accounts on all cores, each filling its own rows,
    // joined in chunk order.
    let parts = Parallel.chunks(count: n, minimumChunk: 1024) { range in
      var rows = [Float](repeating: 0, count: range.count * dimensions)
      for i in range {
        Self.project(e, i, into: &rows, at: (i - range.lowerBound) * dimensions, dimensions)
      }
      return rows
    }
    var starts = [0]
    for part in parts { starts.append(starts.last! + part.count) }
    vectors = Parallel.concatenated(parts, starts: starts)
  }

  /// Account `i`'s projected, L2-normalised text vector into `rows[start..<start +
  /// dimensions]` (zeroed).
  private static func project(
    _ e: AccountEvidence, _ i: Int, into rows: inout [Float], at start: Int, _ dimensions: Int
  ) {
    let scale = 1 / Float(Self.nonZerosPerToken).squareRoot()
    for k in e.textRange(of: i) {
      var h = e.textTokens[k]
      let w = e.textWeights[k] * scale
      for _ in 0..<Self.nonZerosPerToken {
        h = TextTokens.mix(h)
        let d = Int(truncatingIfNeeded: h >> 1) % dimensions
        rows[start + d] += (h & 1) == 0 ? w : -w
      }
    }
    var norm: Float = 0
    for d in start..<(start + dimensions) { norm += rows[d] * rows[d] }
    if norm > 0 {
      let inv = 1 / norm.squareRoot()
      for d in start..<(start + dimensions) { rows[d] *= inv }
    }
  }

  /// The vectors as one `count × dimensions` matrix (no copy: the array is shared).
  var matrix: DenseMatrix {
    DenseMatrix(rows: vectors.count / max(1, dimensions), columns: dimensions, values: vectors)
  }

  /// For rows `xs` against rows `ys`: each x's top `k` ys and each y's top `k` xs by dot
  /// product, above `floor` (VendorKernels' mutual top-k). Calls `emit(x, y)` for each
  /// (duplicates possible), on the calling thread, after the search. With `index` (an
  /// inverted file over `ys`), the search is approximate; otherwise exact.
  func topK(
    _ xs: [Int32], _ ys: [Int32], k: Int, floor: Float, index: TextIVF? = nil,
    emit: (Int32, Int32) -> Void
  ) {
    if let index {
      index.index.mutualTopK(queries: xs, of: matrix, k: k, floor: floor, emit: emit)
    } else {
      DenseTopK.mutual(queries: xs, database: ys, of: matrix, k: k, floor: floor, emit: emit)
    }
  }
}
