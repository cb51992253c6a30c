import CBLAS
import Foundation
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
    var v = [Float](repeating: 0, count: n * dimensions)
    // Rows are independent: chunks of accounts on all cores, each writing its own rows.
    v.withUnsafeMutableBufferPointer { buffer in
      let out = UncheckedPointer(base: buffer.baseAddress)
      _ = parallelChunks(count: n, minimumChunk: 1024) { range in
        for i in range {
          Self.project(e, i, into: out.base! + i * dimensions, dimensions: dimensions)
        }
      }
    }
    vectors = v
  }

  /// Account `i`'s projected, L2-normalised text vector into `row` (zeroed, `dimensions`).
  private static func project(
    _ e: AccountEvidence, _ i: Int, into row: UnsafeMutablePointer<Float>, dimensions: Int
  ) {
    let scale = 1 / Float(Self.nonZerosPerToken).squareRoot()
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

  /// For rows `xs` against rows `ys`: each x's top `k` ys and each y's top `k` xs by dot
  /// product, above `floor`. Calls `emit(x, y)` for each (duplicates possible), on the
  /// calling thread, after the search. With `index` (an inverted file over `ys`), the search
  /// is approximate (`ivfTopK`); otherwise exact, as follows.
  ///
  /// Tiles of 256 xs are spread over one worker per core, each running a single-threaded
  /// sgemm on its own tile (OpenBLAS is held at one thread meanwhile, so that selection on
  /// one core overlaps the product on the other instead of BLAS threads spinning), then
  /// scanning the tile's scores 16 at a time against the row's and the columns' current k-th
  /// best (after the first tiles almost no score beats either, so the scan is one compare per
  /// 16 scores). Each worker keeps its own column lists; they are merged at the end.
  func topK(
    _ xs: [Int32], _ ys: [Int32], k: Int, floor: Float, index: TextIVF? = nil,
    emit: (Int32, Int32) -> Void
  ) {
    if xs.isEmpty || ys.isEmpty || k <= 0 { return }
    if let index {
      ivfTopK(queries: xs, index: index, k: k, floor: floor, emit: emit)
      return
    }
    let d = dimensions
    let ny = ys.count
    let yMat = gather(ys)
    let tile = 256
    let tiles = (xs.count + tile - 1) / tile
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, tiles))
    let rowTops = (0..<tiles).map { _ in TopK(rows: tile, k: k, floor: floor) }
    let colTops = (0..<workers).map { _ in TopK(rows: ny, k: k, floor: floor) }
    let blasThreads = openblas_get_num_threads()
    if workers > 1 { openblas_set_num_threads(1) }
    defer { if workers > 1 { openblas_set_num_threads(blasThreads) } }
    yMat.withUnsafeBufferPointer { yp in
      vectors.withUnsafeBufferPointer { vp in
        let (yBase, vBase) = (
          UnsafeSendable(UnsafeMutablePointer(mutating: yp.baseAddress!)),
          UnsafeSendable(UnsafeMutablePointer(mutating: vp.baseAddress!))
        )
        DispatchQueue.concurrentPerform(iterations: workers) { w in
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
              (xMat + r * d).update(from: vBase.pointer + Int(xs[start + r]) * d, count: d)
            }
            cblas_sgemm(
              CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(ny), Int32(d), 1,
              xMat, Int32(d), yBase.pointer, Int32(d), 0, scores, Int32(ny))
            let rowTop = rowTops[t]
            for r in 0..<rows {
              Self.scan(
                scores + r * ny, count: ny, row: r, rowTop: rowTop, column: Int32(start + r),
                colTop: colTop)
            }
            t += workers
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
    let merged = TopK.merged(colTops)
    for c in 0..<ny {
      for x in merged.ids(c) { emit(xs[Int(x)], ys[c]) }
    }
  }

  /// Offers one row of scores to its row list (`row` of `rowTop`, score j as id
  /// `columnOffset + j`) and to the lists of columns `columnOffset + j` of `colTop` (as id
  /// `column`); only scores that beat a k-th best are touched (`TwoSidedScan`).
  @inline(__always)
  static func scan(
    _ scores: UnsafePointer<Float>, count n: Int, row r: Int, rowTop: TopK, column x: Int32,
    colTop: TopK, columnOffset: Int = 0
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

/// Fixed-k best lists for many rows, sorted descending per row, in manually allocated
/// storage: the scan reads the rows' k-th best scores (`mins`) 16 at a time through a
/// pointer while inserting, which a Swift array's exclusive access would forbid. One worker
/// owns each instance at a time.
final class TopK: @unchecked Sendable {
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

  /// One list per row holding the best `k` of all `tops`' entries for it (the first of
  /// `tops` is reused when there is only one).
  static func merged(_ tops: [TopK]) -> TopK {
    if tops.count == 1 { return tops[0] }
    let first = tops[0]
    let out = TopK(rows: first.rows, k: first.k, floor: first.floor)
    for top in tops {
      for r in 0..<top.rows {
        for slot in 0..<top.k {
          let id = top.ids[r * top.k + slot]
          let s = top.scores[r * top.k + slot]
          if id >= 0 && s > out.mins[r] { out.insert(r, id, s) }
        }
      }
    }
    return out
  }

  func ids(_ r: Int) -> [Int32] {
    (0..<k).compactMap { ids[r * k + $0] >= 0 ? ids[r * k + $0] : nil }
  }
}
