import CBLAS

/// Mutual (two-sided) top-k by inner product: each query's best `k` database rows and each
/// database row's best `k` queries, above a floor, from one score matrix. Candidate search
/// wants both directions (a pair is kept when either side ranks the other highly), and one
/// product serves both.
extension DenseTopK {
  /// For rows `queries` against rows `database` of `vectors` (row indices): each query's top
  /// `k` database rows and each database row's top `k` queries by inner product, above
  /// `floor`. Calls `emit(query, databaseRow)` for each (duplicates possible), on the calling
  /// thread, after the search. Exact; `DenseIVFIndex.mutualTopK` is the approximate search.
  ///
  /// Tiles of 256 queries are spread over one worker per thread, each running a
  /// single-threaded sgemm on its own tile (OpenBLAS is held at one thread meanwhile, so that
  /// selection on one core overlaps the product on the other instead of BLAS threads
  /// spinning), then scanning the tile's scores 16 at a time against the row's and the
  /// columns' current k-th best (after the first tiles almost no score beats either, so the
  /// scan is one compare per 16 scores). Each worker keeps its own column lists; they are
  /// merged at the end in worker order, so the result does not depend on scheduling.
  public static func mutual(
    queries xs: [Int32], database ys: [Int32], of vectors: DenseMatrix, k: Int, floor: Float,
    threads: Int? = nil, emit: (Int32, Int32) -> Void
  ) {
    if xs.isEmpty || ys.isEmpty || k <= 0 { return }
    let d = vectors.columns
    let ny = ys.count
    let yMat = vectors.gathered(ys)
    let tile = 256
    let tiles = (xs.count + tile - 1) / tile
    let workers = max(1, min(Parallel.threadCount(threads), tiles))
    let rowTops = (0..<tiles).map { _ in BestLists(rows: tile, k: k, floor: floor) }
    let colTops = (0..<workers).map { _ in BestLists(rows: ny, k: k, floor: floor) }
    withSingleThreadedBLAS(if: workers > 1) {
      yMat.values.withUnsafeBufferPointer { yp in
        vectors.values.withUnsafeBufferPointer { vp in
          let bases = UncheckedSendable(value: (yp.baseAddress!, vp.baseAddress!))
          Parallel.forEach(chunks: workers, threads: workers) { w in
            let (yBase, vBase) = bases.value
            let colTop = colTops[w]
            let xMat = UnsafeMutablePointer<Float>.allocate(capacity: tile * d)
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: tile * ny)
            defer {
              xMat.deallocate()
              scores.deallocate()
            }
            var t = w
            while t < tiles {
              let start = t * tile
              let rows = min(tile, xs.count - start)
              for r in 0..<rows {
                (xMat + r * d).update(from: vBase + Int(xs[start + r]) * d, count: d)
              }
              cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(ny), Int32(d), 1,
                xMat, Int32(d), yBase, Int32(d), 0, scores, Int32(ny))
              let rowTop = rowTops[t]
              for r in 0..<rows {
                BestLists.scan(
                  scores + r * ny, count: ny, row: r, rowTop: rowTop, column: Int32(start + r),
                  colTop: colTop)
              }
              t += workers
            }
          }
        }
      }
    }
    for t in 0..<tiles {
      let start = t * tile
      for r in 0..<min(tile, xs.count - start) {
        for y in rowTops[t].ids(r) { emit(xs[start + r], ys[Int(y)]) }
      }
    }
    let merged = BestLists.merged(colTops)
    for c in 0..<ny {
      for x in merged.ids(c) { emit(xs[Int(x)], ys[c]) }
    }
  }

  /// Runs `body` with OpenBLAS held at one thread when `condition` holds (our own threads
  /// each run a single-threaded sgemm), restoring the caller's setting after. The setting is
  /// process-wide: do not run other BLAS work meanwhile.
  static func withSingleThreadedBLAS<R>(if condition: Bool, _ body: () -> R) -> R {
    let before = openblas_get_num_threads()
    if condition { openblas_set_num_threads(1) }
    defer { if condition { openblas_set_num_threads(before) } }
    return body()
  }
}

/// Fixed-k best lists for many rows, sorted descending per row, in manually allocated
/// storage: the scan reads the rows' k-th best scores (`mins`) 16 at a time through a
/// pointer while inserting, which a Swift array's exclusive access would forbid. One worker
/// owns each instance at a time. Ties: a newcomer must beat the k-th best strictly, and
/// goes after equal scores already kept, so the first offered wins.
final class BestLists: @unchecked Sendable {
  let k: Int
  let rows: Int
  let scores: UnsafeMutablePointer<Float>
  let ids: UnsafeMutablePointer<Int32>
  /// The score a newcomer must beat for each row (the k-th best so far, or the floor).
  let mins: UnsafeMutablePointer<Float>
  let floor: Float

  init(rows: Int, k: Int, floor: Float) {
    self.k = k
    self.floor = floor
    self.rows = rows
    scores = .allocate(capacity: max(1, rows * k))
    ids = .allocate(capacity: max(1, rows * k))
    mins = .allocate(capacity: max(1, rows))
    scores.initialize(repeating: floor, count: rows * k)
    ids.initialize(repeating: -1, count: rows * k)
    mins.initialize(repeating: floor, count: rows)
  }

  deinit {
    scores.deallocate()
    ids.deallocate()
    mins.deallocate()
  }

  /// Inserts (id, s) into row r (s must beat `mins[r]`); returns the new minimum.
  @discardableResult
  @inline(__always) func insert(_ r: Int, _ id: Int32, _ s: Float) -> Float {
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

  /// One list per row holding the best `k` of all `lists`' entries for it, offered in
  /// the order of `lists` (the first is reused when there is only one).
  static func merged(_ lists: [BestLists]) -> BestLists {
    if lists.count == 1 { return lists[0] }
    let first = lists[0]
    let out = BestLists(rows: first.rows, k: first.k, floor: first.floor)
    for list in lists {
      for r in 0..<list.rows {
        for slot in 0..<list.k {
          let id = list.ids[r * list.k + slot]
          let s = list.scores[r * list.k + slot]
          if id >= 0 && s > out.mins[r] { out.insert(r, id, s) }
        }
      }
    }
    return out
  }

  /// Row r's kept ids, best first.
  func ids(_ r: Int) -> [Int32] {
    (0..<k).compactMap { ids[r * k + $0] >= 0 ? ids[r * k + $0] : nil }
  }

  /// Offers one row of scores to its row list (`row` of `rowTop`, score j as id
  /// `columnOffset + j`) and to the lists of columns `columnOffset + j` of `colTop` (as id
  /// `column`); only scores that beat a k-th best are touched (`TwoSidedScan`).
  @inline(__always)
  static func scan(
    _ scores: UnsafePointer<Float>, count n: Int, row r: Int, rowTop: BestLists, column x: Int32,
    colTop: BestLists, columnOffset: Int = 0
  ) {
    var rowMin = rowTop.mins[r]
    let colMins = colTop.mins + columnOffset
    var c = TwoSidedScan.firstAbove(
      scores, columnMinimum: colMins, count: n, from: 0, rowMinimum: rowMin)
    while c < n {
      let s = scores[c]
      if s > rowMin { rowMin = rowTop.insert(r, Int32(columnOffset + c), s) }
      if s > colMins[c] { colTop.insert(columnOffset + c, x, s) }
      c = TwoSidedScan.firstAbove(
        scores, columnMinimum: colMins, count: n, from: c + 1, rowMinimum: rowMin)
    }
  }
}
