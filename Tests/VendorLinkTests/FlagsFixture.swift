import Foundation

@testable import VendorLink

/// Builds small databases row by row, the way ingest fills them, for flag and report tests.
final class FlagsFixture {
  let db: Database
  private var lines = 0

  init() throws {
    db = try Schema.open(":memory:")
    try db.run(
      """
      INSERT INTO crawls (crawl_id, sha256, path, format, ingested_at)
      VALUES (1, 'x', 'fixture', 'jsonl', '2020-01-01')
      """)
  }

  func market(_ m: String, closed: String? = nil) throws {
    try db.run(
      "INSERT OR IGNORE INTO markets (market, name, closed, closure) VALUES (?, ?, ?, ?)",
      [.text(m), .text(m), SQLValue(closed), SQLValue(closed.map { _ in "voluntary" })])
  }

  @discardableResult
  func account(_ market: String, _ vendor: String, first: String? = nil, last: String? = nil)
    throws -> Int64
  {
    try self.market(market)
    try db.run(
      "INSERT INTO accounts (market, vendor, first_seen, last_seen) VALUES (?, ?, ?, ?)",
      [.text(market), .text(vendor), SQLValue(first), SQLValue(last)])
    return db.lastInsertRowID
  }

  @discardableResult
  func listing(_ account: Int64, _ name: String) throws -> Int64 {
    let market = try db.scalar(
      "SELECT market FROM accounts WHERE account_id = ?", [.integer(account)])!
    try db.run(
      "INSERT INTO listings (market, listing, account_id) VALUES (?, ?, ?)",
      [market, .text(name), .integer(account)])
    return db.lastInsertRowID
  }

  /// One observation of a listing, with its places ("from", "to", "exclude").
  func observe(
    _ listing: Int64, on observed: String, from: [String] = [], to: [String] = [],
    exclude: [String] = [], title: String? = nil, description: String? = nil,
    category: String? = nil, usd: Double? = nil, eur: Double? = nil, quantity: Double? = nil,
    unit: String? = nil, unitPriceEUR: Double? = nil
  ) throws {
    lines += 1
    try db.run(
      """
      INSERT INTO listing_observations (listing_id, observed, crawl_id, line, title, description,
        category, price_usd, price_eur, quantity, unit, unit_price_eur, ships_from)
      VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .integer(listing), .text(observed), .integer(Int64(lines)), SQLValue(title),
        SQLValue(description), SQLValue(category), SQLValue(usd), SQLValue(eur),
        SQLValue(quantity), SQLValue(unit), SQLValue(unitPriceEUR),
        SQLValue(from.joined(separator: ",")),
      ])
    for (role, places) in [("from", from), ("to", to), ("exclude", exclude)] {
      for p in places {
        try db.run(
          "INSERT INTO listing_places (listing_id, observed, role, place) VALUES (?, ?, ?, ?)",
          [.integer(listing), .text(observed), .text(role), .text(p)])
      }
    }
  }

  func sale(
    _ listing: Int64, on date: String, observed: String? = nil, usd: Double?, eur: Double?
  ) throws {
    lines += 1
    let account = try db.scalar(
      "SELECT account_id FROM listings WHERE listing_id = ?", [.integer(listing)])!
    try db.run(
      """
      INSERT INTO feedback (listing_id, account_id, observed, date, dedupe_key, price_usd,
        price_eur, crawl_id, line)
      VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)
      """,
      [
        .integer(listing), account, .text(observed ?? date), .text(date), .text("k\(lines)"),
        SQLValue(usd), SQLValue(eur), .integer(Int64(lines)),
      ])
  }

  func profile(_ account: Int64, on observed: String, _ text: String) throws {
    lines += 1
    try db.run(
      """
      INSERT INTO vendor_observations (account_id, observed, crawl_id, line, profile)
      VALUES (?, ?, 1, ?, ?)
      """, [.integer(account), .text(observed), .integer(Int64(lines)), .text(text)])
  }

  func identity(_ id: Int64, _ accounts: Int64...) throws {
    for a in accounts {
      try db.run(
        "INSERT INTO identities (identity_id, account_id) VALUES (?, ?)",
        [.integer(id), .integer(a)])
    }
  }

  func match(_ a: Int64, _ b: Int64, probability: Double) throws {
    try db.run(
      """
      INSERT INTO runs (command, tool_version, started_at) VALUES ('link', '0', '2020-01-01')
      """)
    try db.run(
      """
      INSERT INTO matches (run_id, account_a, account_b, match_weight, probability, decision)
      VALUES (?, ?, ?, 5, ?, 'match')
      """,
      [.integer(db.lastInsertRowID), .integer(a), .integer(b), .real(probability)])
  }

  func flags(_ kind: FlagKind) throws -> [(
    account: Int64, listing: Int64?, score: Double, details: String
  )] {
    try db.query(
      "SELECT account_id, listing_id, score, details FROM flags WHERE kind = ? ORDER BY flag_id",
      [.text(kind.rawValue)]
    ).map { ($0[0].intValue!, $0[1].intValue, $0[2].doubleValue!, $0[3].stringValue!) }
  }
}
