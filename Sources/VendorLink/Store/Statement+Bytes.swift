import CSQLite
import Foundation

/// Column text as bytes in SQLite's own buffer, for readers that only hash, compare or intern
/// it: making a Swift `String` per row (allocation and UTF-8 validation) cost more than the
/// rest of reading 1.6 million ship-to rows.
extension Statement {
  /// Calls `body` with column `i`'s text up to its first NUL byte (the same text as
  /// `string(_:)` reads), or returns nil without calling it when the column is NULL. The
  /// buffer is valid only inside `body`.
  public func withText<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows
    -> R?
  {
    guard let p = sqlite3_column_text(stmt, Int32(i)) else { return nil }
    return try body(UnsafeBufferPointer(start: p, count: strlen(p)))
  }
}
