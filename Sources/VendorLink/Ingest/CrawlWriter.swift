import Foundation
import OpenPGPKeys

/// Writes typed records of one crawl into the store, inside the caller's transaction.
///
/// Identifiers of accounts and listings are cached for the crawl so that each record costs
/// one or two inserts, not lookups; first/last-seen dates are kept in memory and flushed once
/// at the end (`finish`). Inserts of observations are `OR IGNORE` on their natural keys, so
/// re-reading the same facts never duplicates them.
final class CrawlWriter {
  let db: Database
  let crawlID: Int64
  private var accounts: [String: (id: Int64, first: String, last: String)] = [:]
  private var listings: [String: (id: Int64, first: String, last: String)] = [:]
  private var markets: Set<String> = []
  /// How often each feedback (by the digest of its content) was seen in this crawl; keyed by
  /// 16 bytes rather than the text so memory stays small on crawls with millions of sales.
  private var feedbackOccurrences: [[UInt8]: Int] = [:]
  /// Place fields repeat across a crawl ("Netherlands", "Worldwide"): parse each text once.
  /// Bounded so that a hostile crawl of unique strings cannot grow it without limit.
  private var placeCache: [String: (places: [Place], unrecognised: [String])] = [:]
  private var shipsToCache: [String: (to: [Place], excludes: [Place], unrecognised: [String])] = [:]
  static let placeCacheLimit = 50_000
  private(set) var warnings: [(line: Int, field: String?, message: String)] = []

  init(db: Database, crawlID: Int64) {
    self.db = db
    self.crawlID = crawlID
  }

  func write(_ record: CrawlRecord, line: Int) throws {
    switch record {
    case .market(let m): try writeMarket(m)
    case .vendor(let v): try writeVendor(v, line: line)
    case .listing(let l): try writeListing(l, line: line)
    case .feedback(let f): try writeFeedback(f, line: line)
    case .rate(let r):
      try db.run(
        """
        INSERT INTO rates(date, currency, usd, eur, source) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(date, currency) DO UPDATE SET usd = coalesce(excluded.usd, usd),
          eur = coalesce(excluded.eur, eur), source = excluded.source
        """,
        [.text(r.date), .text(r.currency), SQLValue(r.usd), SQLValue(r.eur), .text("crawl")])
    }
  }

  private func writeMarket(_ m: CrawlRecord.Market) throws {
    try db.run(
      """
      INSERT INTO markets(market, name, closed, closure) VALUES (?, ?, ?, ?)
      ON CONFLICT(market) DO UPDATE SET name = coalesce(excluded.name, name),
        closed = coalesce(excluded.closed, closed), closure = coalesce(excluded.closure, closure)
      """, [.text(m.market), SQLValue(m.name), SQLValue(m.closed), SQLValue(m.closure)])
    markets.insert(m.market)
  }

  private func ensureMarket(_ market: String) throws {
    if markets.contains(market) { return }
    try db.run("INSERT OR IGNORE INTO markets(market) VALUES (?)", [.text(market)])
    markets.insert(market)
  }

  /// The account's id, created on first sight; widens its seen window to `day`.
  func account(market: String, vendor: String, day: String) throws -> Int64 {
    let key = market + "\u{0}" + vendor
    if var a = accounts[key] {
      if day < a.first { a.first = day }
      if day > a.last { a.last = day }
      accounts[key] = a
      return a.id
    }
    try ensureMarket(market)
    let rows = try db.query(
      "SELECT account_id, first_seen, last_seen FROM accounts WHERE market = ? AND vendor = ?",
      [.text(market), .text(vendor)])
    if let r = rows.first, let id = r[0].intValue {
      let first = min(r[1].stringValue ?? day, day)
      let last = max(r[2].stringValue ?? day, day)
      accounts[key] = (id, first, last)
      return id
    }
    try db.run(
      "INSERT INTO accounts(market, vendor, first_seen, last_seen) VALUES (?, ?, ?, ?)",
      [.text(market), .text(vendor), .text(day), .text(day)])
    let id = db.lastInsertRowID
    accounts[key] = (id, day, day)
    return id
  }

  private func listing(market: String, listing: String, account: Int64, day: String) throws
    -> Int64
  {
    let key = market + "\u{0}" + listing
    if var l = listings[key] {
      if day < l.first { l.first = day }
      if day > l.last { l.last = day }
      listings[key] = l
      return l.id
    }
    let rows = try db.query(
      "SELECT listing_id, first_seen, last_seen FROM listings WHERE market = ? AND listing = ?",
      [.text(market), .text(listing)])
    if let r = rows.first, let id = r[0].intValue {
      listings[key] = (id, min(r[1].stringValue ?? day, day), max(r[2].stringValue ?? day, day))
      return id
    }
    try db.run(
      "INSERT INTO listings(market, listing, account_id, first_seen, last_seen) VALUES (?,?,?,?,?)",
      [.text(market), .text(listing), .integer(account), .text(day), .text(day)])
    let id = db.lastInsertRowID
    listings[key] = (id, day, day)
    return id
  }

  private func writeVendor(_ v: CrawlRecord.Vendor, line: Int) throws {
    let id = try account(market: v.market, vendor: v.vendor, day: v.observed)
    try db.run(
      """
      INSERT OR IGNORE INTO vendor_observations(account_id, observed, crawl_id, line, profile,
        pgp, since, sales, rating, extra) VALUES (?,?,?,?,?,?,?,?,?,?)
      """,
      [
        .integer(id), .text(v.observed), .integer(crawlID), .integer(Int64(line)),
        SQLValue(v.profile), SQLValue(v.pgp), SQLValue(v.since), SQLValue(v.sales),
        SQLValue(v.rating), SQLValue(v.extra),
      ])
    for (source, text) in [("pgp", v.pgp), ("profile", v.profile)] {
      guard let text, !text.isEmpty else { continue }
      try storeKeys(in: text, source: source, account: id, day: v.observed, line: line)
    }
  }

  /// Stores every key (and bare fingerprint) the text shows, linked to the account.
  private func storeKeys(in text: String, source: String, account: Int64, day: String, line: Int)
    throws
  {
    let found = KeyFinder.find(in: text)
    for key in found.keys {
      try db.run(
        """
        INSERT OR IGNORE INTO pgp_keys(fingerprint, key_id, version, algorithm, bits, curve,
          created, user_id, primary_fingerprint) VALUES (?,?,?,?,?,?,?,?,?)
        """,
        [
          .text(key.fingerprint), .text(key.keyID), .integer(Int64(key.version)),
          .text(key.algorithm), SQLValue(key.bits), SQLValue(key.curve), SQLValue(key.created),
          SQLValue(key.userID), SQLValue(key.primaryFingerprint),
        ])
    }
    // An account is linked to the primary keys it shows, not to their subkeys.
    for fpr in found.primaries {
      try linkKey(fpr, source: source, account: account, day: day)
    }
    for fpr in found.fingerprints {
      try linkKey(
        fpr, source: source == "pgp" ? "fingerprint" : "profile-fingerprint",
        account: account, day: day)
    }
    // A long key ID is resolved to the one fingerprint already known to end with it (so it
    // can be compared with accounts that show the full fingerprint); otherwise kept as is.
    for keyID in found.keyIDs {
      let known = try db.query(
        """
        SELECT DISTINCT fingerprint FROM account_keys
        WHERE substr(fingerprint, -16) = ? AND length(fingerprint) > 16 LIMIT 2
        """, [.text(keyID)])
      let resolved = known.count == 1 ? known[0][0].stringValue ?? keyID : keyID
      try linkKey(resolved, source: "key-id", account: account, day: day)
    }
    for defect in found.defects { warnings.append((line, source, defect)) }
  }

  private func linkKey(_ fpr: String, source: String, account: Int64, day: String) throws {
    try db.run(
      """
      INSERT INTO account_keys(account_id, fingerprint, source, first_seen, last_seen)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(account_id, fingerprint) DO UPDATE SET
        first_seen = min(first_seen, excluded.first_seen),
        last_seen = max(last_seen, excluded.last_seen)
      """, [.integer(account), .text(fpr), .text(source), .text(day), .text(day)])
  }

  private func writeListing(_ l: CrawlRecord.Listing, line: Int) throws {
    let account = try account(market: l.market, vendor: l.vendor, day: l.observed)
    let id = try listing(market: l.market, listing: l.listing, account: account, day: l.observed)
    let from = l.shipsFrom.map { places($0) }
    var to: [Place] = []
    var excluded: [Place] = []
    for raw in l.shipsTo {
      let parsed = shipsTo(raw)
      to += parsed.to
      excluded += parsed.excludes
      if !parsed.unrecognised.isEmpty {
        warnings.append(
          (line, "ships_to", "unrecognised place names: \(parsed.unrecognised.count)"))
      }
    }
    for raw in l.excludes {
      let parsed = places(raw)
      excluded += parsed.places
    }
    if let from, !from.unrecognised.isEmpty {
      warnings.append((line, "ships_from", "unrecognised place names: \(from.unrecognised.count)"))
    }
    let quantity = l.title.flatMap { QuantityParser.parse(title: $0) }
    let fromCodes = from?.places.map(\.code) ?? []
    try db.run(
      """
      INSERT OR IGNORE INTO listing_observations(listing_id, observed, crawl_id, line, title,
        description, category, price_amount, price_currency, quantity, unit, count,
        ships_from_raw, ships_from, ships_to, excludes, extra)
      VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
      """,
      [
        .integer(id), .text(l.observed), .integer(crawlID), .integer(Int64(line)),
        SQLValue(l.title), SQLValue(l.description), SQLValue(l.category),
        SQLValue(l.price?.amount), SQLValue(l.price?.currency), SQLValue(quantity?.amount),
        SQLValue(quantity?.unit.rawValue), SQLValue(quantity?.count), SQLValue(l.shipsFrom),
        fromCodes.isEmpty ? .null : .text(fromCodes.joined(separator: ",")),
        to.isEmpty ? .null : .text(Set(to.map(\.code)).sorted().joined(separator: ",")),
        excluded.isEmpty ? .null : .text(Set(excluded.map(\.code)).sorted().joined(separator: ",")),
        SQLValue(l.extra),
      ])
    guard db.changes > 0 else { return }  // this observation was stored before
    for (role, places) in [("from", from?.places ?? []), ("to", to), ("exclude", excluded)] {
      for place in Set(places.map(\.code)) {
        try db.run(
          "INSERT OR IGNORE INTO listing_places(listing_id, observed, role, place) VALUES (?,?,?,?)",
          [.integer(id), .text(l.observed), .text(role), .text(place)])
      }
    }
  }

  private func places(_ raw: String) -> (places: [Place], unrecognised: [String]) {
    if let hit = placeCache[raw] { return hit }
    let parsed = PlaceNormalizer.parse(raw)
    if placeCache.count < CrawlWriter.placeCacheLimit { placeCache[raw] = parsed }
    return parsed
  }

  private func shipsTo(_ raw: String) -> (to: [Place], excludes: [Place], unrecognised: [String]) {
    if let hit = shipsToCache[raw] { return hit }
    let parsed = ShipsToParser.parse(raw)
    if shipsToCache.count < CrawlWriter.placeCacheLimit { shipsToCache[raw] = parsed }
    return parsed
  }

  private func writeFeedback(_ f: CrawlRecord.Feedback, line: Int) throws {
    let account = try account(market: f.market, vendor: f.vendor, day: f.observed)
    var listingID: Int64?
    if let l = f.listing {
      let key = f.market + "\u{0}" + l
      listingID = listings[key]?.id
      if listingID == nil {
        listingID = try db.scalarInt(
          "SELECT listing_id FROM listings WHERE market = ? AND listing = ?",
          [.text(f.market), .text(l)])
      }
      if listingID == nil {
        warnings.append((line, "listing", "feedback for a listing not seen (yet); kept unpriced"))
      }
    }
    // The same feedback shown by two crawls is one sale: its identity is what it says, plus
    // its rank among identical ones on that listing and day within one crawl.
    let base = [
      f.market, f.listing ?? "", f.vendor, f.date, f.rating.map { "\($0)" } ?? "",
      f.text ?? "",
    ].joined(separator: "\u{1F}")
    // 128 bits of SHA-256: collisions are out of reach (2^-64 at ten billion sales) and the
    // unique index stays half the size of a hex key.
    let content = FileDigest.sha256Prefix16(Array(base.utf8))
    let occurrence = feedbackOccurrences[content, default: 0]
    feedbackOccurrences[content] = occurrence + 1
    let key =
      occurrence == 0 ? content : FileDigest.sha256Prefix16(content + Array("#\(occurrence)".utf8))
    try db.run(
      """
      INSERT OR IGNORE INTO feedback(listing_id, account_id, observed, date, rating, text,
        dedupe_key, crawl_id, line) VALUES (?,?,?,?,?,?,?,?,?)
      """,
      [
        SQLValue(listingID), .integer(account), .text(f.observed), .text(f.date),
        SQLValue(f.rating), SQLValue(f.text), .blob(key), .integer(crawlID), .integer(Int64(line)),
      ])
  }

  /// Flushes the seen windows of accounts and listings touched by this crawl.
  func finish() throws {
    for (_, a) in accounts {
      try db.run(
        "UPDATE accounts SET first_seen = ?, last_seen = ? WHERE account_id = ?",
        [.text(a.first), .text(a.last), .integer(a.id)])
    }
    for (_, l) in listings {
      try db.run(
        "UPDATE listings SET first_seen = ?, last_seen = ? WHERE listing_id = ?",
        [.text(l.first), .text(l.last), .integer(l.id)])
    }
  }
}
