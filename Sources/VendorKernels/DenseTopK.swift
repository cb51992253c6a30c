import CBLAS
import CVendorKernels

/// How dense vectors are compared.
public enum DenseSimilarity: Sendable {
  /// Raw inner product.
  case innerProduct
  /// Cosine: inner product of L2-normalised copies of both sides (zero rows score 0).
  case cosine
}

/// Tuning of `DenseTopK.search`; the defaults suit 256-dimensional vectors on this machine.
public struct DenseTopKOptions: Sendable {
  /// Query rows per tile. 512 rows keep the database pass count low (the database streams
  /// through memory once per query tile: 20k queries read it 40 times) while the tile of
  /// scores, 512 × `databaseTile` floats = 2 MiB per thread, stays bounded.
  public var queryTile = 512
  /// Database rows per tile: 1024 is large enough that OpenBLAS runs near peak on a
  /// 512×1024×256 product and small enough that each tile is merged while still in cache.
  public var databaseTile = 1024
  /// Below this many queries a BLAS call costs more than it saves: scores come from the
  /// direct SIMD dot-product kernel instead (faiss uses the same threshold, 20).
  public var blasThreshold = 20
  /// Threads over query tiles; nil = one per CPU. Each runs single-threaded sgemm on its own
  /// tile, so selection on one core overlaps the product on the other.
  public var threads: Int?

  public init(
    queryTile: Int = 512, databaseTile: Int = 1024, blasThreshold: Int = 20, threads: Int? = nil
  ) {
    self.queryTile = queryTile
    self.databaseTile = databaseTile
    self.blasThreshold = blasThreshold
    self.threads = threads
  }
}

/// Exact k-nearest-neighbour search by inner product or cosine, as faiss's `IndexFlatIP`:
/// tiled `cblas_sgemm` with a per-row top-k merge after each tile, so the n×m score matrix is
/// never materialised. Memory: the result plus threads × queryTile × databaseTile floats
/// (plus normalised copies of both inputs for cosine).
///
/// With more than one thread, OpenBLAS is set to one thread for the duration of the call (our
/// threads each run their own sgemm) and restored after; that setting is process-wide, so do
/// not run other BLAS work concurrently with a multi-threaded search.
public enum DenseTopK {
  public static func search(
    queries: DenseMatrix, database: DenseMatrix, k: Int,
    similarity: DenseSimilarity = .innerProduct, options: DenseTopKOptions = DenseTopKOptions()
  ) -> TopK {
    precondition(queries.columns == database.columns, "dimension mismatch")
    precondition(k >= 0)
    switch similarity {
    case .innerProduct:
      return innerProductTopK(queries, database, k, options)
    case .cosine:
      return innerProductTopK(queries.normalizedRows(), database.normalizedRows(), k, options)
    }
  }

  static func innerProductTopK(
    _ q: DenseMatrix, _ db: DenseMatrix, _ k: Int, _ options: DenseTopKOptions
  ) -> TopK {
    let n = q.rows
    let m = db.rows
    let d = q.columns
    let acc = TopKAccumulator(rows: n, k: k)
    guard n > 0, k > 0 else { return acc.finish() }
    let qt = max(1, options.queryTile)
    let dt = max(1, options.databaseTile)
    let threads = Parallel.threadCount(options.threads)
    let useBLAS = n >= options.blasThreshold && d > 0
    let tileCount = (n + qt - 1) / qt
    let workers = min(threads, tileCount)
    // Our threads each run a single-threaded sgemm; restore the caller's setting after.
    let blasThreadsBefore = openblas_get_num_threads()
    if workers > 1 { openblas_set_num_threads(1) }
    defer { if workers > 1 { openblas_set_num_threads(blasThreadsBefore) } }
    q.values.withUnsafeBufferPointer { qv in
      db.values.withUnsafeBufferPointer { dv in
        let qp = qv.baseAddress
        let dp = dv.baseAddress
        Parallel.forEach(chunks: tileCount, threads: workers) { tile in
          let r0 = tile * qt
          let rows = min(qt, n - r0)
          let buffer = UnsafeMutablePointer<Float>.allocate(capacity: rows * min(dt, max(m, 1)))
          defer { buffer.deallocate() }
          var c0 = 0
          while c0 < m {
            let cols = min(dt, m - c0)
            if useBLAS {
              cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(cols), Int32(d), 1,
                qp! + r0 * d, Int32(d), dp! + c0 * d, Int32(d), 0, buffer, Int32(cols))
            } else if d > 0 {
              cvk_dot_block(qp! + r0 * d, rows, dp! + c0 * d, cols, d, buffer)
            } else {
              buffer.initialize(repeating: 0, count: rows * cols)
            }
            acc.merge(
              tile: buffer, firstRow: r0, tileRows: rows, columns: cols, stride: cols,
              firstColumn: c0)
            c0 += cols
          }
        }
      }
    }
    return acc.finish()
  }
}
