import Foundation
import Testing

@testable import VendorLink

@Suite struct DatabaseTests {
  @Test func transactionRollsBackOnError() throws {
    let db = try Schema.open(":memory:")
    try db.run("INSERT INTO markets(market, name) VALUES (?, ?)", [.text("dream"), .text("Dream")])
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try db.transaction {
        try db.run("INSERT INTO markets(market) VALUES ('wsm')")
        throw Boom()
      }
    }
    #expect(try db.scalarInt("SELECT COUNT(*) FROM markets") == 1)
  }

  /// A database from schema version 1 (no text-rank columns in `matches`) gains them on
  /// open, and keeps its rows.
  @Test func openingAnOlderDatabaseAddsNewComparisonColumns() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vl-\(UUID().uuidString).sqlite"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      let db = try Schema.open(path)
      try db.execute(
        """
        ALTER TABLE matches DROP COLUMN text_rank_level;
        ALTER TABLE matches DROP COLUMN text_rank_weight;
        INSERT INTO markets(market) VALUES ('a'), ('b');
        INSERT INTO runs(run_id, command, tool_version, started_at) VALUES (1, 'link', 't', 'd');
        INSERT INTO accounts(account_id, market, vendor) VALUES (1, 'a', 'x'), (2, 'b', 'y');
        INSERT INTO matches(run_id, account_a, account_b, match_weight, probability, decision)
        VALUES (1, 1, 2, 3.5, 0.9, 'match');
        PRAGMA user_version = 1;
        """)
    }
    let db = try Schema.open(path)
    var columns: [String] = []
    try db.forEach("PRAGMA table_info(matches)") { s in columns.append(s.string(1) ?? "") }
    #expect(columns.contains("text_rank_level") && columns.contains("text_rank_weight"))
    #expect(try db.scalarInt("SELECT COUNT(*) FROM matches WHERE match_weight = 3.5") == 1)
    #expect(try db.scalarInt("PRAGMA user_version") == Int64(Schema.version))
  }

  @Test func newDatabaseFileIsPrivate() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vl-\(UUID().uuidString).sqlite"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    _ = try Schema.open(path)
    let attrs = try FileManager.default.attributesOfItem(atPath: path)
    let perms = (attrs[.posixPermissions] as? NSNumber)?.intValue ?? -1
    #expect(perms & 0o077 == 0)
  }
}

/// The typed binding of the ingest must store exactly what `SQLValue` binding stores.
@Suite struct StatementBindingTests {
  @Test(arguments: [
    "", "plain", "é ü 漢字 🙂", "cut\u{0}here", "\u{0}", String(repeating: "x", count: 5000),
  ])
  func typedTextStoresWhatSQLValueTextStores(_ text: String) throws {
    let db = try Schema.open(":memory:")
    try db.execute("CREATE TABLE t(k INTEGER, v TEXT)")
    try db.run("INSERT INTO t VALUES (1, ?)", [.text(text)])
    let s = try db.prepare("INSERT INTO t VALUES (2, ?)")
    try s.bind(text, at: 1)
    try s.execute()
    let rows = try db.query("SELECT v, typeof(v) FROM t ORDER BY k")
    #expect(rows[0] == rows[1])
    #expect(rows[1][0].stringValue == Database.storedText(text))
  }

  @Test func nilBindsNull() throws {
    let db = try Schema.open(":memory:")
    try db.execute("CREATE TABLE t(a, b, c)")
    let s = try db.prepare("INSERT INTO t VALUES (?, ?, ?)")
    try s.bind(nil as String?, at: 1)
    try s.bind(nil as Double?, at: 2)
    try s.bind(nil as Int64?, at: 3)
    try s.execute()
    #expect(try db.query("SELECT * FROM t") == [[.null, .null, .null]])
  }
}
