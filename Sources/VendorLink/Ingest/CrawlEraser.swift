import Foundation

/// Removes everything one crawl stored, for `ingest --replace`: its observations, places,
/// feedback, rejects and warnings; the accounts, listings, keys and markets that only it
/// had (with rows of other tables that point at them: flags, linking state); and it widens
/// nothing: the seen windows of what remains are computed again from what remains.
/// The crawl's row goes too, and a `runs` row keeps the replaced import's history.
struct CrawlEraser {
  let db: Database

  /// Erases crawl `id` inside the caller's transaction; returns the rows removed per table.
  func erase(_ id: Int64, replacedBy path: String) throws -> [String: Int] {
    var removed: [String: Int] = [:]
    let crawl = [SQLValue.integer(id)]
    try db.execute("DROP TABLE IF EXISTS temp.erase_accounts")
    try db.execute("DROP TABLE IF EXISTS temp.erase_listings")
    try db.run(
      """
      CREATE TEMP TABLE erase_accounts AS
        SELECT account_id FROM vendor_observations WHERE crawl_id = ?1
        UNION SELECT l.account_id FROM listing_observations o JOIN listings l USING (listing_id)
          WHERE o.crawl_id = ?1
        UNION SELECT account_id FROM feedback WHERE crawl_id = ?1
      """, crawl)
    try db.run(
      """
      CREATE TEMP TABLE erase_listings AS
        SELECT listing_id FROM listing_observations WHERE crawl_id = ?1
        UNION SELECT listing_id FROM feedback WHERE crawl_id = ?1 AND listing_id IS NOT NULL
      """, crawl)
    try delete(
      "listing_places",
      """
      (listing_id, observed) IN
        (SELECT listing_id, observed FROM listing_observations WHERE crawl_id = ?)
      """, crawl, &removed)
    for table in ["listing_observations", "vendor_observations", "feedback", "rejects", "warnings"]
    {
      try delete(table, "crawl_id = ?", crawl, &removed)
    }
    try eraseOrphans(&removed)
    try refreshWindows()
    try recordRun(id, path: path, removed: removed)
    try delete("crawls", "crawl_id = ?", crawl, &removed)
    return removed
  }

  /// Listings, accounts, keys and markets nothing else holds any more.
  private func eraseOrphans(_ removed: inout [String: Int]) throws {
    let orphanListings = """
      listing_id IN (SELECT listing_id FROM temp.erase_listings)
        AND listing_id NOT IN (SELECT listing_id FROM listing_observations)
        AND listing_id NOT IN (SELECT listing_id FROM feedback WHERE listing_id IS NOT NULL)
      """
    try deleteReferences(to: "listings", key: "listing_id", where: orphanListings, &removed)
    try delete("listings", orphanListings, [], &removed)
    let orphanAccounts = """
      account_id IN (SELECT account_id FROM temp.erase_accounts)
        AND account_id NOT IN (SELECT account_id FROM vendor_observations)
        AND account_id NOT IN (SELECT account_id FROM listings)
        AND account_id NOT IN (SELECT account_id FROM feedback)
      """
    try deleteReferences(to: "accounts", key: "account_id", where: orphanAccounts, &removed)
    try delete("accounts", orphanAccounts, [], &removed)
    try delete(
      "pgp_keys",
      """
      fingerprint NOT IN (SELECT fingerprint FROM account_keys)
        AND coalesce(primary_fingerprint, '') NOT IN (SELECT fingerprint FROM account_keys)
      """, [], &removed)
    try delete(
      "markets",
      """
      market NOT IN (SELECT market FROM accounts) AND market NOT IN (SELECT market FROM listings)
        AND name IS NULL AND closed IS NULL AND closure IS NULL
      """, [], &removed)
  }

  /// Deletes the rows of every table whose foreign key points at the rows of `parent`
  /// selected by `condition` (account_keys, flags, linking state: whatever the schema has).
  private func deleteReferences(
    to parent: String, key: String, where condition: String, _ removed: inout [String: Int]
  ) throws {
    var tables: [String] = []
    try db.forEach("SELECT name FROM sqlite_master WHERE type = 'table'") {
      tables.append($0.string(0)!)
    }
    for table in tables {
      var columns: [String] = []
      try db.forEach("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)", [.text(table)]) {
        if $0.string(1) == parent, let c = $0.string(0) { columns.append(c) }
      }
      for c in columns {
        try delete(
          table, "\"\(c)\" IN (SELECT \(key) FROM \(parent) WHERE \(condition))", [], &removed)
      }
    }
  }

  /// Seen windows of the accounts and listings the crawl touched, from what remains.
  private func refreshWindows() throws {
    try db.run(
      """
      UPDATE listings SET
        first_seen = (SELECT min(observed) FROM listing_observations o
          WHERE o.listing_id = listings.listing_id),
        last_seen = (SELECT max(observed) FROM listing_observations o
          WHERE o.listing_id = listings.listing_id)
      WHERE listing_id IN (SELECT listing_id FROM temp.erase_listings)
      """)
    let days = """
      SELECT observed AS d FROM vendor_observations v WHERE v.account_id = accounts.account_id
      UNION ALL SELECT o.observed FROM listing_observations o JOIN listings l USING (listing_id)
        WHERE l.account_id = accounts.account_id
      UNION ALL SELECT observed FROM feedback f WHERE f.account_id = accounts.account_id
      """
    try db.run(
      """
      UPDATE accounts SET first_seen = (SELECT min(d) FROM (\(days))),
        last_seen = (SELECT max(d) FROM (\(days)))
      WHERE account_id IN (SELECT account_id FROM temp.erase_accounts)
      """)
  }

  /// A `runs` row for the replaced import: its file, hash, counts and what was removed.
  private func recordRun(_ id: Int64, path: String, removed: [String: Int]) throws {
    let row = try db.query(
      "SELECT sha256, path, records, rejected, ingested_at FROM crawls WHERE crawl_id = ?",
      [.integer(id)])
    guard let r = row.first else { return }
    var params: [(String, JSONValue)] = [
      ("replaced_crawl_id", .number(Double(id))), ("sha256", .string(r[0].stringValue ?? "")),
      ("path", .string(r[1].stringValue ?? "")), ("replaced_by", .string(path)),
      ("records", .number(Double(r[2].intValue ?? 0))),
      ("rejected", .number(Double(r[3].intValue ?? 0))),
      ("ingested_at", .string(r[4].stringValue ?? "")),
    ]
    for (table, n) in removed.sorted(by: { $0.key < $1.key }) {
      params.append(("removed_" + table, .number(Double(n))))
    }
    let now = ISO8601DateFormatter().string(from: Date())
    try db.run(
      """
      INSERT INTO runs(command, parameters, tool_version, started_at, finished_at, status)
      VALUES ('ingest --replace', ?, ?, ?, ?, 'replaced')
      """,
      [
        .text(JSONValue.object(params).serialized), .text(VendorLinkVersion.string), .text(now),
        .text(now),
      ])
  }

  private func delete(
    _ table: String, _ condition: String, _ values: [SQLValue], _ removed: inout [String: Int]
  ) throws {
    let n = try db.run("DELETE FROM \(table) WHERE \(condition)", values)
    if n > 0 { removed[table, default: 0] += n }
  }
}
