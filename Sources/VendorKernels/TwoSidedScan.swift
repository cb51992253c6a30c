import CVendorKernels

/// Scanning one row of a score matrix for both row and column top-k lists at once.
public enum TwoSidedScan {
  /// The first index `i >= start` with `scores[i] > min(columnMinimum[i], rowMinimum)`, or
  /// `count` when there is none. Both buffers must hold at least `count` floats.
  @inlinable
  public static func firstAbove(
    _ scores: UnsafePointer<Float>, columnMinimum: UnsafePointer<Float>, count: Int,
    from start: Int,
    rowMinimum: Float
  ) -> Int {
    cvk_first_above(scores, columnMinimum, count, start, rowMinimum)
  }
}
