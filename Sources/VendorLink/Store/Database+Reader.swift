import CSQLite

extension Database {
  /// A second, read-only connection to the same database file, with a small page cache, so
  /// that another thread can scan a table while this connection scans another (a connection
  /// reads on one thread; WAL lets readers share the file). Nil for in-memory and temporary
  /// databases, which another connection cannot see, when the file cannot be opened, and
  /// when SQLite was built single-threaded (no two connections may then run at once):
  /// callers then read on this connection.
  ///
  /// 2 MiB of cache: the reader only makes full scans, which read each page once, so a
  /// larger cache would only hold pages nobody asks for again (the default here is 64 MiB).
  func openReader() -> Database? {
    guard sqlite3_threadsafe() != 0,
      let name = sqlite3_db_filename(handle, "main"), name.pointee != 0,
      let reader = try? Database(path: String(cString: name), readOnly: true),
      (try? reader.execute("PRAGMA cache_size=-2048")) != nil
    else { return nil }
    return reader
  }
}
