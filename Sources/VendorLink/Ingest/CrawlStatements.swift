/// The statements `CrawlWriter` runs per record, prepared once per crawl and held, so a row
/// costs no lookup of its SQL text (hashing these texts was a visible share of ingest time).
struct CrawlStatements {
  let upsertRate: Statement
  let upsertMarket: Statement
  let insertMarket: Statement
  let selectAccount: Statement
  let anyAccountIn: Statement
  let anyListingIn: Statement
  let insertAccount: Statement
  let selectListing: Statement
  let selectListingID: Statement
  let insertListing: Statement
  let insertVendorObservation: Statement
  let insertKey: Statement
  let upsertAccountKey: Statement
  let selectFingerprintsEndingWith: Statement
  let insertListingObservation: Statement
  /// `insertPlaces[k - 1]` inserts k listing_places rows: one statement per listing rather
  /// than per place (about three places per listing).
  let insertPlaces: [Statement]
  static let placesPerStatement = 8
  let insertFeedback: Statement
  let updateAccountSeen: Statement
  let updateListingSeen: Statement

  init(db: Database) throws {
    upsertRate = try db.prepare(
      """
      INSERT INTO rates(date, currency, usd, eur, source) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(date, currency) DO UPDATE SET usd = coalesce(excluded.usd, usd),
        eur = coalesce(excluded.eur, eur), source = excluded.source
      """)
    upsertMarket = try db.prepare(
      """
      INSERT INTO markets(market, name, closed, closure) VALUES (?, ?, ?, ?)
      ON CONFLICT(market) DO UPDATE SET name = coalesce(excluded.name, name),
        closed = coalesce(excluded.closed, closed), closure = coalesce(excluded.closure, closure)
      """)
    insertMarket = try db.prepare("INSERT OR IGNORE INTO markets(market) VALUES (?)")
    selectAccount = try db.prepare(
      "SELECT account_id, first_seen, last_seen FROM accounts WHERE market = ? AND vendor = ?")
    anyAccountIn = try db.prepare("SELECT 1 FROM accounts WHERE market = ? LIMIT 1")
    anyListingIn = try db.prepare("SELECT 1 FROM listings WHERE market = ? LIMIT 1")
    insertAccount = try db.prepare(
      "INSERT INTO accounts(market, vendor, first_seen, last_seen) VALUES (?, ?, ?, ?)")
    selectListing = try db.prepare(
      "SELECT listing_id, first_seen, last_seen FROM listings WHERE market = ? AND listing = ?")
    selectListingID = try db.prepare(
      "SELECT listing_id FROM listings WHERE market = ? AND listing = ?")
    insertListing = try db.prepare(
      "INSERT INTO listings(market, listing, account_id, first_seen, last_seen) VALUES (?,?,?,?,?)")
    insertVendorObservation = try db.prepare(
      """
      INSERT OR IGNORE INTO vendor_observations(account_id, observed, crawl_id, line, profile,
        pgp, since, sales, rating, extra) VALUES (?,?,?,?,?,?,?,?,?,?)
      """)
    insertKey = try db.prepare(
      """
      INSERT OR IGNORE INTO pgp_keys(fingerprint, key_id, version, algorithm, bits, curve,
        created, user_id, primary_fingerprint) VALUES (?,?,?,?,?,?,?,?,?)
      """)
    upsertAccountKey = try db.prepare(
      """
      INSERT INTO account_keys(account_id, fingerprint, source, first_seen, last_seen)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(account_id, fingerprint) DO UPDATE SET
        first_seen = min(first_seen, excluded.first_seen),
        last_seen = max(last_seen, excluded.last_seen)
      """)
    selectFingerprintsEndingWith = try db.prepare(
      """
      SELECT DISTINCT fingerprint FROM account_keys
      WHERE substr(fingerprint, -16) = ? AND length(fingerprint) > 16 LIMIT 2
      """)
    insertListingObservation = try db.prepare(
      """
      INSERT OR IGNORE INTO listing_observations(listing_id, observed, crawl_id, line, title,
        description, category, price_amount, price_currency, price_usd, price_eur, quantity,
        unit, count, unit_price_eur, ships_from_raw, ships_from, ships_to, excludes, extra)
      VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
      """)
    insertPlaces = try CrawlStatements.placeInserts(db)
    insertFeedback = try db.prepare(
      """
      INSERT OR IGNORE INTO feedback(listing_id, account_id, observed, date, rating, text,
        dedupe_key, crawl_id, line) VALUES (?,?,?,?,?,?,?,?,?)
      """)
    updateAccountSeen = try db.prepare(
      "UPDATE accounts SET first_seen = ?, last_seen = ? WHERE account_id = ?")
    updateListingSeen = try db.prepare(
      "UPDATE listings SET first_seen = ?, last_seen = ? WHERE listing_id = ?")
  }

  /// The listing_places inserts for 1...placesPerStatement rows.
  static func placeInserts(_ db: Database) throws -> [Statement] {
    return try (1...placesPerStatement).map { k in
      let rows = Array(repeating: "(?,?,?,?)", count: k).joined(separator: ",")
      return try db.prepare(
        """
        INSERT OR IGNORE INTO listing_places(listing_id, observed, role, place)
        VALUES \(rows)
        """)
    }
  }
}
