import CSQLite
import Foundation

/// Typed binding for statements run once per record (the ingest's inserts): no `[SQLValue]`
/// array per row, and text bound from the string's own UTF-8 storage instead of a C-string
/// copy measured with strlen.
extension Statement {
  public func bind(_ value: Int64, at index: Int32) throws {
    try check(sqlite3_bind_int64(stmt, index, value))
  }

  public func bind(_ value: Int64?, at index: Int32) throws {
    guard let value else { return try check(sqlite3_bind_null(stmt, index)) }
    try check(sqlite3_bind_int64(stmt, index, value))
  }

  public func bind(_ value: Double?, at index: Int32) throws {
    guard let value else { return try check(sqlite3_bind_null(stmt, index)) }
    try check(sqlite3_bind_double(stmt, index, value))
  }

  /// Binds `text` as TEXT, or NULL when nil.
  ///
  /// The text ends at its first NUL byte, exactly as the C string `bind(.text(_))` passes
  /// (a JSON `\u0000` is legal input); the two bindings must store the same values.
  public func bind(_ text: String?, at index: Int32) throws {
    guard var text else { return try check(sqlite3_bind_null(stmt, index)) }
    // withUTF8 hands out the string's contiguous storage (copying only a bridged string).
    let rc = text.withUTF8 { utf8 -> Int32 in
      guard let base = utf8.baseAddress, utf8.count > 0 else {
        return sqlite3_bind_text(stmt, index, "", 0, csqlite_transient())
      }
      let length = memchr(base, 0, utf8.count).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
      return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
        sqlite3_bind_text(stmt, index, $0, Int32(length ?? utf8.count), csqlite_transient())
      }
    }
    try check(rc)
  }

  /// Steps a statement that returns no rows; the number of rows it changed.
  @discardableResult
  public func execute() throws -> Int {
    while try step() {}
    return database.changes
  }

  private func check(_ rc: Int32) throws {
    if rc != SQLITE_OK { throw database.error(rc, sql: sql) }
  }
}

extension Database {
  /// `text` as a TEXT column stores it: cut at the first NUL (see `Statement.bind(_:at:)`).
  /// For values computed from what was bound, so they agree with a read-back.
  public static func storedText(_ text: String) -> String {
    guard let nul = text.utf8.firstIndex(of: 0) else { return text }
    return String(text[..<nul])
  }
}
