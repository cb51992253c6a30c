import CVendorKernels

/// Per-row heaps fed tile by tile (`cvk_topk_merge_tile`), then sorted into a `TopK`.
/// Memory: rows × k entries, whatever the number of columns scanned. Several threads may merge
/// into it at once as long as each touches only its own rows.
final class TopKAccumulator: @unchecked Sendable {
  let rows: Int
  let k: Int
  let scores: UnsafeMutablePointer<Float>
  let ids: UnsafeMutablePointer<Int32>
  let sizes: UnsafeMutablePointer<Int32>

  init(rows: Int, k: Int) {
    self.rows = rows
    self.k = k
    scores = .allocate(capacity: max(1, rows * k))
    ids = .allocate(capacity: max(1, rows * k))
    sizes = .allocate(capacity: max(1, rows))
    sizes.initialize(repeating: 0, count: max(1, rows))
  }

  deinit {
    scores.deallocate()
    ids.deallocate()
    sizes.deallocate()
  }

  /// Merges `tileRows` rows of scores starting at row `firstRow`, columns `firstColumn ..<
  /// firstColumn + columns`, from a row-major tile with row stride `stride`.
  func merge(
    tile: UnsafePointer<Float>, firstRow: Int, tileRows: Int, columns: Int, stride: Int,
    firstColumn: Int
  ) {
    guard k > 0, tileRows > 0, columns > 0 else { return }
    cvk_topk_merge_tile(
      tile, tileRows, columns, stride, Int32(firstColumn), k, scores + firstRow * k,
      ids + firstRow * k, sizes + firstRow)
  }

  /// Sorts every row best-first, pads short rows, and copies the result out.
  func finish() -> TopK {
    guard rows > 0, k > 0 else {
      return TopK(rows: rows, k: k, indices: [], scores: [])
    }
    cvk_topk_finish(rows, k, scores, ids, sizes)
    return TopK(
      rows: rows, k: k, indices: Array(UnsafeBufferPointer(start: ids, count: rows * k)),
      scores: Array(UnsafeBufferPointer(start: scores, count: rows * k)))
  }
}
