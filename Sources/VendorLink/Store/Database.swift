import CSQLite
import Foundation

/// An error from SQLite. The message names the operation and SQLite's own text; it never
/// contains bound values, so vendor text does not leak into logs (as GRDB does).
public struct DatabaseError: Error, CustomStringConvertible {
  public let code: Int32
  public let message: String
  public let sql: String?
  public var description: String {
    if let sql { return "SQLite error \(code): \(message) (in: \(sql.prefix(120)))" }
    return "SQLite error \(code): \(message)"
  }

  /// SQLite's primary result code for a violated constraint (`SQLITE_CONSTRAINT`, 19): a
  /// UNIQUE or NOT NULL insert refused, which ingest treats as "already stored".
  public static let constraint = SQLITE_CONSTRAINT

  /// True when the statement was refused by a constraint (`constraint`).
  public var isConstraintViolation: Bool { code == Self.constraint }
}

/// A value SQLite stores.
public enum SQLValue: Equatable, Sendable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])
}

/// A thin, owned wrapper over one `sqlite3*` connection.
///
/// We use the C API directly rather than GRDB: the hot path is bulk insertion through
/// persistent prepared statements (measured here at about twice GRDB's rows/s), we need
/// nothing of GRDB's observation or record machinery, and it costs no build minutes.
public final class Database {
  let handle: OpaquePointer
  public let path: String
  private var statementCache: [String: Statement] = [:]

  /// Opens (creating when missing) the database at `path`, private to the user (0600),
  /// in WAL mode so that readers are never blocked by a batch run.
  public init(path: String, readOnly: Bool = false) throws {
    _ = Database.processConfigured
    self.path = path
    let existed = FileManager.default.fileExists(atPath: path)
    var db: OpaquePointer?
    let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
    guard rc == SQLITE_OK, let db else {
      let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      if let db { sqlite3_close_v2(db) }
      throw DatabaseError(code: rc, message: "\(msg): \(path)", sql: nil)
    }
    handle = db
    if !existed && !readOnly && path != ":memory:" {
      // Sensitive by default: the database holds scraped vendor data.
      chmod(path, 0o600)
    }
    sqlite3_busy_timeout(db, 10_000)
    if !readOnly && path != ":memory:" {
      try execute("PRAGMA journal_mode=WAL")
    }
    // NORMAL is durable at transaction boundaries in WAL mode, the guarantee we promise.
    try execute("PRAGMA synchronous=NORMAL")
    try execute("PRAGMA foreign_keys=ON")
    // A 64 MiB page cache keeps a crawl's transaction from spilling pages to the WAL again
    // and again (measured: a third of ingest time went to rewriting pages); it is a fixed
    // bound, so memory still does not grow with the input.
    try execute("PRAGMA cache_size=-65536")
    try execute("PRAGMA temp_store=MEMORY")
  }

  /// Process-wide SQLite settings, applied once before the first connection opens.
  /// Memory statistics off: they serialise every allocation through a global mutex and
  /// nothing reads them (the mutex alone was 3–4% of an ingest profile).
  private static let processConfigured: Void = { _ = csqlite_disable_memstatus() }()

  deinit {
    statementCache.removeAll()
    sqlite3_close_v2(handle)
  }

  /// Runs one or more SQL statements that return no rows.
  public func execute(_ sql: String) throws {
    var err: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(handle, sql, nil, nil, &err)
    if rc != SQLITE_OK {
      let msg = err.map { String(cString: $0) } ?? "error"
      sqlite3_free(err)
      throw DatabaseError(code: rc, message: msg, sql: sql)
    }
  }

  /// A prepared statement, cached per SQL text so that bulk inserts reuse it.
  public func prepare(_ sql: String) throws -> Statement {
    if let s = statementCache[sql] {
      s.reset()
      return s
    }
    let s = try Statement(database: self, sql: sql)
    statementCache[sql] = s
    return s
  }

  /// Runs `sql` with `values` bound in order.
  @discardableResult
  public func run(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
    let s = try prepare(sql)
    try s.bind(values)
    while try s.step() {}
    return Int(sqlite3_changes(handle))
  }

  /// All rows of a query, each as an array of values in column order.
  public func query(_ sql: String, _ values: [SQLValue] = []) throws -> [[SQLValue]] {
    let s = try prepare(sql)
    try s.bind(values)
    var rows: [[SQLValue]] = []
    while try s.step() { rows.append(s.row()) }
    return rows
  }

  /// Calls `body` for every row, without materialising the result.
  public func forEach(_ sql: String, _ values: [SQLValue] = [], _ body: (Statement) throws -> Void)
    throws
  {
    let s = try prepare(sql)
    try s.bind(values)
    while try s.step() { try body(s) }
  }

  /// The first column of the first row, or nil.
  public func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> SQLValue? {
    let s = try prepare(sql)
    try s.bind(values)
    guard try s.step() else { return nil }
    let v = s.value(0)
    s.reset()
    return v
  }

  public func scalarInt(_ sql: String, _ values: [SQLValue] = []) throws -> Int64? {
    if case .integer(let i)? = try scalar(sql, values) { return i }
    return nil
  }

  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// Rows changed by the last INSERT, UPDATE or DELETE.
  public var changes: Int { Int(sqlite3_changes(handle)) }

  /// Runs `body` in one transaction: committed when it returns, rolled back when it
  /// throws, so that a failed or killed run leaves the previous state intact.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    try execute("BEGIN IMMEDIATE")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  /// A savepoint inside the current transaction: `body`'s writes are undone when it throws.
  public func savepoint<T>(_ name: String = "sp", _ body: () throws -> T) throws -> T {
    // Through the statement cache: a savepoint per record must cost microseconds.
    try run("SAVEPOINT \(name)")
    do {
      let r = try body()
      try run("RELEASE \(name)")
      return r
    } catch {
      _ = try? run("ROLLBACK TO \(name)")
      _ = try? run("RELEASE \(name)")
      throw error
    }
  }

  /// A savepoint run once per record: its statements prepared once, not looked up each time.
  public func repeatedSavepoint(_ name: String) throws -> RepeatedSavepoint {
    RepeatedSavepoint(
      begin: try prepare("SAVEPOINT \(name)"), release: try prepare("RELEASE \(name)"),
      rollback: try prepare("ROLLBACK TO \(name)"))
  }

  func error(_ rc: Int32, sql: String?) -> DatabaseError {
    DatabaseError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
  }
}

/// `Database.savepoint` with its statements held (see `Database.repeatedSavepoint`).
public struct RepeatedSavepoint {
  let begin: Statement
  let release: Statement
  let rollback: Statement

  /// Runs `body` in the savepoint: its writes are undone when it throws.
  public func run<T>(_ body: () throws -> T) throws -> T {
    try begin.execute()
    do {
      let r = try body()
      try release.execute()
      return r
    } catch {
      _ = try? rollback.execute()
      _ = try? release.execute()
      throw error
    }
  }
}

/// A prepared statement. Owned by its `Database`'s cache; not thread-safe.
public final class Statement {
  let stmt: OpaquePointer
  unowned let database: Database
  let sql: String

  init(database: Database, sql: String) throws {
    var s: OpaquePointer?
    let rc = sqlite3_prepare_v3(
      database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &s, nil)
    guard rc == SQLITE_OK, let s else { throw database.error(rc, sql: sql) }
    self.stmt = s
    self.database = database
    self.sql = sql
  }

  deinit { sqlite3_finalize(stmt) }

  func reset() {
    sqlite3_reset(stmt)
    sqlite3_clear_bindings(stmt)
  }

  public func bind(_ values: [SQLValue]) throws {
    for (i, v) in values.enumerated() { try bind(v, at: Int32(i + 1)) }
  }

  public func bind(_ value: SQLValue, at index: Int32) throws {
    let rc: Int32
    switch value {
    case .null: rc = sqlite3_bind_null(stmt, index)
    case .integer(let i): rc = sqlite3_bind_int64(stmt, index, i)
    case .real(let d): rc = sqlite3_bind_double(stmt, index, d)
    case .text(let t): rc = sqlite3_bind_text(stmt, index, t, -1, csqlite_transient())
    case .blob(let b):
      rc = b.withUnsafeBytes {
        sqlite3_bind_blob(stmt, index, $0.baseAddress, Int32($0.count), csqlite_transient())
      }
    }
    if rc != SQLITE_OK { throw database.error(rc, sql: sql) }
  }

  /// Advances; true when a row is available.
  public func step() throws -> Bool {
    let rc = sqlite3_step(stmt)
    if rc == SQLITE_ROW { return true }
    if rc == SQLITE_DONE {
      sqlite3_reset(stmt)
      return false
    }
    let e = database.error(rc, sql: sql)
    sqlite3_reset(stmt)
    throw e
  }

  public var columnCount: Int { Int(sqlite3_column_count(stmt)) }

  public func columnName(_ i: Int) -> String {
    String(cString: sqlite3_column_name(stmt, Int32(i)))
  }

  public func value(_ i: Int) -> SQLValue {
    let c = Int32(i)
    switch sqlite3_column_type(stmt, c) {
    case SQLITE_INTEGER: return .integer(sqlite3_column_int64(stmt, c))
    case SQLITE_FLOAT: return .real(sqlite3_column_double(stmt, c))
    case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(stmt, c)))
    case SQLITE_BLOB:
      let n = Int(sqlite3_column_bytes(stmt, c))
      guard n > 0, let p = sqlite3_column_blob(stmt, c) else { return .blob([]) }
      return .blob(Array(UnsafeRawBufferPointer(start: p, count: n)))
    default: return .null
    }
  }

  public func int(_ i: Int) -> Int64? {
    sqlite3_column_type(stmt, Int32(i)) == SQLITE_NULL ? nil : sqlite3_column_int64(stmt, Int32(i))
  }
  public func double(_ i: Int) -> Double? {
    sqlite3_column_type(stmt, Int32(i)) == SQLITE_NULL ? nil : sqlite3_column_double(stmt, Int32(i))
  }
  public func string(_ i: Int) -> String? {
    guard let p = sqlite3_column_text(stmt, Int32(i)) else { return nil }
    return String(cString: p)
  }

  public func row() -> [SQLValue] { (0..<columnCount).map { value($0) } }
}

extension SQLValue {
  public init(_ s: String?) { self = s.map { .text($0) } ?? .null }
  public init(_ i: Int?) { self = i.map { .integer(Int64($0)) } ?? .null }
  public init(_ i: Int64?) { self = i.map { .integer($0) } ?? .null }
  public init(_ d: Double?) { self = d.map { .real($0) } ?? .null }
  public var stringValue: String? {
    switch self {
    case .text(let s): return s
    case .integer(let i): return String(i)
    case .real(let d): return String(d)
    default: return nil
    }
  }
  public var intValue: Int64? {
    switch self {
    case .integer(let i): return i
    case .real(let d): return Int64(d)
    case .text(let s): return Int64(s)
    default: return nil
    }
  }
  public var doubleValue: Double? {
    switch self {
    case .integer(let i): return Double(i)
    case .real(let d): return d
    case .text(let s): return Double(s)
    default: return nil
    }
  }
}
