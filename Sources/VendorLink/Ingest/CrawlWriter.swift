import Foundation
import OpenPGPKeys

/// Writes typed records of one crawl into the store, inside the caller's transaction.
///
/// Identifiers of accounts and listings are cached for the crawl so that each record costs
/// one or two inserts, not lookups; first/last-seen dates are kept in memory and flushed once
/// at the end (`finish`). Inserts of observations are `OR IGNORE` on their natural keys, so
/// re-reading the same facts never duplicates them.
///
/// Every statement is prepared once and held (`CrawlStatements`): a lookup of the SQL text per
/// row cost more than some of the inserts. Listing prices are converted as rows are inserted
/// (`ListingPricing`), so the price pass does not revisit them.
final class CrawlWriter {
  let db: Database
  let crawlID: Int64
  private let sql: CrawlStatements
  private let pricing: ListingPricing
  private var accounts: [NameKey: SeenWindow] = [:]
  private var listings: [NameKey: SeenWindow] = [:]
  private var markets: Set<String> = []
  /// Feedback identities for records written without a `PreparedRecord` (CSV input).
  private let identity = FeedbackIdentity()
  /// Normalises listings written without a `PreparedRecord` (CSV input).
  private let normaliser = ListingNormaliser()
  var warnings: [(line: Int, field: String?, message: String)] = []

  /// A name within a market (an account or a listing): hashed as two strings, no joined copy.
  struct NameKey: Hashable {
    let market: String
    let name: String
  }

  /// An account's or listing's id and first/last-seen days as this crawl widens them.
  struct SeenWindow {
    let id: Int64
    var first: String
    var last: String
    /// The store holds this window already: `finish` has nothing to write.
    var stored: Bool

    /// The window of a row found in the store, widened to `day`.
    init(id: Int64, storedFirst: String?, storedLast: String?, day: String) {
      self.id = id
      first = min(storedFirst ?? day, day)
      last = max(storedLast ?? day, day)
      stored = first == storedFirst && last == storedLast
    }

    /// A row just inserted with `day` as its window.
    init(id: Int64, inserted day: String) {
      self.id = id
      first = day
      last = day
      stored = true
    }

    mutating func widen(to day: String) {
      if day < first {
        first = day
        stored = false
      }
      if day > last {
        last = day
        stored = false
      }
    }
  }

  init(db: Database, crawlID: Int64) throws {
    self.db = db
    self.crawlID = crawlID
    self.sql = try CrawlStatements(db: db)
    self.pricing = ListingPricing(db: db)
  }

  /// Distinct accounts and listings this crawl wrote (rolled-back batches taken out).
  var touched: (vendors: Int, listings: Int) { (accounts.count, listings.count) }

  /// Missing rates met by the listings stored so far, in row order; nil when rates changed
  /// after prices were converted, so the price pass must convert this crawl's listings again.
  var listingPriceNotes: PricePass.Outcome? { pricing.deferred ? nil : pricing.notes }

  /// The record's writes were rolled back (a savepoint): forget what it noted.
  func recordRolledBack() { pricing.discardRecord() }

  /// Cache entries added since `beginBatch`, whose rows a rolled-back batch takes away.
  private var batchAdded: (accounts: [NameKey], listings: [NameKey], markets: [String])?

  /// Where the writer's memory stood when a batch began (see `rollBack(to:)`).
  struct BatchMark {
    let warnings: Int
  }

  /// Starts a batch of records written under one savepoint.
  func beginBatch() -> BatchMark {
    batchAdded = ([], [], [])
    return BatchMark(warnings: warnings.count)
  }

  func endBatch() { batchAdded = nil }

  /// The batch's savepoint was rolled back: forget the ids of rows it created and the
  /// warnings it raised, so its records can be written again one by one. Seen windows it
  /// widened stay widened: writing the records again widens them the same way (and a record
  /// the store refuses widened them in the one-by-one writing too). Listing prices are all
  /// checked again by the price pass, as rates the batch wrote were undone.
  func rollBack(to mark: BatchMark) {
    if let added = batchAdded {
      for key in added.accounts { accounts[key] = nil }
      for key in added.listings { listings[key] = nil }
      for market in added.markets { markets.remove(market) }
    }
    warnings.removeSubrange(mark.warnings...)
    pricing.recheckAll()
    batchAdded = nil
  }

  /// The record's writes are kept.
  func recordStored() { pricing.keepRecord() }

  /// Stores one record; `prepared` is what the decoding thread worked out for it (nil: it is
  /// worked out here). Records without it must not be mixed with records with it in one
  /// crawl: feedback identities count occurrences on one side only.
  func write(_ record: CrawlRecord, line: Int, prepared: PreparedRecord? = nil) throws {
    switch (record, prepared) {
    case (.market(let m), _): try writeMarket(m)
    case (.vendor(let v), .vendor(let pgp, let profile)?):
      try writeVendor(v, line: line, keys: (pgp, profile))
    case (.vendor(let v), _):
      try writeVendor(v, line: line, keys: (Self.keys(in: v.pgp), Self.keys(in: v.profile)))
    case (.listing(let l), .listing(let n)?): try writeListing(l, line: line, normalised: n)
    case (.listing(let l), _): try writeListing(l, line: line, normalised: nil)
    case (.feedback(let f), .feedback(let key)?): try writeFeedback(f, line: line, dedupeKey: key)
    case (.feedback(let f), _):
      try writeFeedback(f, line: line, dedupeKey: identity.key(for: f))
    case (.rate(let r), _):
      let s = sql.upsertRate
      try s.bind(r.date, at: 1)
      try s.bind(r.currency, at: 2)
      try s.bind(r.usd, at: 3)
      try s.bind(r.eur, at: 4)
      try s.bind("crawl", at: 5)
      try s.execute()
      pricing.rateWritten()
    }
  }

  private func writeMarket(_ m: CrawlRecord.Market) throws {
    let s = sql.upsertMarket
    try s.bind(m.market, at: 1)
    try s.bind(m.name, at: 2)
    try s.bind(m.closed, at: 3)
    try s.bind(m.closure, at: 4)
    try s.execute()
    if markets.insert(m.market).inserted { batchAdded?.markets.append(m.market) }
  }

  private func ensureMarket(_ market: String) throws {
    if markets.contains(market) { return }
    try sql.insertMarket.bind(market, at: 1)
    try sql.insertMarket.execute()
    if markets.insert(market).inserted { batchAdded?.markets.append(market) }
  }

  /// The account's id, created on first sight; widens its seen window to `day`.
  func account(market: String, vendor: String, day: String) throws -> Int64 {
    let key = NameKey(market: market, name: vendor)
    if let a = accounts[key] {
      if day < a.first || day > a.last { accounts[key]!.widen(to: day) }
      return a.id
    }
    try ensureMarket(market)
    let mayBeStored = try !isNew(market, vendor, in: &newAccountMarkets, sql.anyAccountIn)
    if mayBeStored, let found = try lookUp(sql.selectAccount, market, vendor) {
      batchAdded?.accounts.append(key)
      accounts[key] = SeenWindow(
        id: found.id, storedFirst: found.first, storedLast: found.last, day: day)
      return found.id
    }
    let s = sql.insertAccount
    try s.bind(market, at: 1)
    try s.bind(vendor, at: 2)
    try s.bind(day, at: 3)
    try s.bind(day, at: 4)
    try s.execute()
    let id = db.lastInsertRowID
    batchAdded?.accounts.append(key)
    accounts[key] = SeenWindow(id: id, inserted: day)
    return id
  }

  /// Markets that had no accounts (listings) before this crawl. There, a name missing from the
  /// cache is missing from the store too (every row this crawl adds is cached, and a batch
  /// that is undone takes its rows from both), so a new name costs its insert, not a lookup
  /// first: on a first import that lookup was a quarter of writing a listing.
  private var newAccountMarkets: [String: Bool] = [:]
  private var newListingMarkets: [String: Bool] = [:]
  private var sawNUL = false

  /// True when `name` cannot be stored yet in `market`: the market had none of these rows
  /// when the crawl first met it. Once a name with a NUL byte appears, every name takes the
  /// lookup: the store cuts text there, so two names can be one row (`Statement.bind`).
  private func isNew(
    _ market: String, _ name: String, in known: inout [String: Bool], _ anyIn: Statement
  ) throws -> Bool {
    if market.utf8.contains(0) || name.utf8.contains(0) { sawNUL = true }
    if sawNUL { return false }
    if let new = known[market] { return new }
    try anyIn.bind(market, at: 1)
    let new = try !anyIn.step()
    if !new { try anyIn.execute() }
    known[market] = new
    return new
  }

  /// The stored (id, first_seen, last_seen) of a market's account or listing.
  private func lookUp(_ s: Statement, _ market: String, _ name: String) throws
    -> (id: Int64, first: String?, last: String?)?
  {
    try s.bind(market, at: 1)
    try s.bind(name, at: 2)
    guard try s.step() else { return nil }
    defer { _ = try? s.execute() }
    guard let id = s.int(0) else { return nil }
    return (id, s.string(1), s.string(2))
  }

  private func listing(market: String, listing: String, account: Int64, day: String) throws
    -> Int64
  {
    let key = NameKey(market: market, name: listing)
    if let l = listings[key] {
      if day < l.first || day > l.last { listings[key]!.widen(to: day) }
      return l.id
    }
    let mayBeStored = try !isNew(market, listing, in: &newListingMarkets, sql.anyListingIn)
    if mayBeStored, let found = try lookUp(sql.selectListing, market, listing) {
      batchAdded?.listings.append(key)
      listings[key] = SeenWindow(
        id: found.id, storedFirst: found.first, storedLast: found.last, day: day)
      return found.id
    }
    let s = sql.insertListing
    try s.bind(market, at: 1)
    try s.bind(listing, at: 2)
    try s.bind(account, at: 3)
    try s.bind(day, at: 4)
    try s.bind(day, at: 5)
    try s.execute()
    let id = db.lastInsertRowID
    batchAdded?.listings.append(key)
    listings[key] = SeenWindow(id: id, inserted: day)
    return id
  }

  /// The keys a vendor text shows; nil for a missing or empty text (nothing to store).
  static func keys(in text: String?) -> KeyFinder.Found? {
    guard let text, !text.isEmpty else { return nil }
    return KeyFinder.find(in: text)
  }

  private func writeVendor(
    _ v: CrawlRecord.Vendor, line: Int, keys: (pgp: KeyFinder.Found?, profile: KeyFinder.Found?)
  ) throws {
    let id = try account(market: v.market, vendor: v.vendor, day: v.observed)
    let s = sql.insertVendorObservation
    try s.bind(id, at: 1)
    try s.bind(v.observed, at: 2)
    try s.bind(crawlID, at: 3)
    try s.bind(Int64(line), at: 4)
    try s.bind(v.profile, at: 5)
    try s.bind(v.pgp, at: 6)
    try s.bind(v.since, at: 7)
    try s.bind(v.sales.map(Int64.init), at: 8)
    try s.bind(v.rating, at: 9)
    try s.bind(v.extra, at: 10)
    try s.execute()
    for (source, found) in [("pgp", keys.pgp), ("profile", keys.profile)] {
      guard let found else { continue }
      try storeKeys(found, source: source, account: id, day: v.observed, line: line)
    }
  }

  /// Stores every key (and bare fingerprint) the text shows, linked to the account.
  private func storeKeys(
    _ found: KeyFinder.Found, source: String, account: Int64, day: String, line: Int
  ) throws {
    for key in found.keys {
      let s = sql.insertKey
      try s.bind(key.fingerprint, at: 1)
      try s.bind(key.keyID, at: 2)
      try s.bind(Int64(key.version), at: 3)
      try s.bind(key.algorithm, at: 4)
      try s.bind(key.bits.map(Int64.init), at: 5)
      try s.bind(key.curve, at: 6)
      try s.bind(key.created, at: 7)
      try s.bind(key.userID, at: 8)
      try s.bind(key.primaryFingerprint, at: 9)
      try s.execute()
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
      let s = sql.selectFingerprintsEndingWith
      try s.bind(keyID, at: 1)
      var known: [String?] = []
      while try s.step() { known.append(s.string(0)) }
      let resolved = known.count == 1 ? known[0] ?? keyID : keyID
      try linkKey(resolved, source: "key-id", account: account, day: day)
    }
    for defect in found.defects { warnings.append((line, source, defect)) }
  }

  private func linkKey(_ fpr: String, source: String, account: Int64, day: String) throws {
    let s = sql.upsertAccountKey
    try s.bind(account, at: 1)
    try s.bind(fpr, at: 2)
    try s.bind(source, at: 3)
    try s.bind(day, at: 4)
    try s.bind(day, at: 5)
    try s.execute()
  }

  private func writeListing(
    _ l: CrawlRecord.Listing, line: Int, normalised given: NormalisedListing?
  ) throws {
    let account = try account(market: l.market, vendor: l.vendor, day: l.observed)
    let id = try listing(market: l.market, listing: l.listing, account: account, day: l.observed)
    let n = given ?? normaliser.normalise(l)
    for w in n.warnings { warnings.append((line, w.field, w.message)) }
    let quantity = n.quantity
    let price = l.price.flatMap {
      pricing.convert(
        amount: $0.amount, currency: $0.currency, on: l.observed, quantity: quantity?.amount,
        hasUnit: quantity != nil)
    }
    let s = sql.insertListingObservation
    try s.bind(id, at: 1)
    try s.bind(l.observed, at: 2)
    try s.bind(crawlID, at: 3)
    try s.bind(Int64(line), at: 4)
    try s.bind(l.title, at: 5)
    try s.bind(l.description, at: 6)
    try s.bind(l.category, at: 7)
    try s.bind(l.price?.amount, at: 8)
    try s.bind(l.price?.currency, at: 9)
    try s.bind(price?.usd, at: 10)
    try s.bind(price?.eur, at: 11)
    try s.bind(quantity?.amount, at: 12)
    try s.bind(quantity?.unit.rawValue, at: 13)
    try s.bind(quantity.map { Int64($0.count) }, at: 14)
    try s.bind(price?.unitPriceEUR, at: 15)
    try s.bind(l.shipsFrom, at: 16)
    try s.bind(n.shipsFrom, at: 17)
    try s.bind(n.shipsTo, at: 18)
    try s.bind(n.excludes, at: 19)
    try s.bind(l.extra, at: 20)
    guard try s.execute() > 0 else { return }  // this observation was stored before
    if let price { pricing.noteStored(price.missing) }
    try insertPlaces(n.places[...], listing: id, observed: l.observed)
  }

  /// Inserts listing_places rows, up to `placesPerStatement` per statement.
  private func insertPlaces(
    _ rows: ArraySlice<(role: String, place: String)>, listing: Int64, observed: String
  ) throws {
    var rest = rows
    while !rest.isEmpty {
      let chunk = rest.prefix(CrawlStatements.placesPerStatement)
      rest = rest.dropFirst(chunk.count)
      let s = sql.insertPlaces[chunk.count - 1]
      var index: Int32 = 1
      for row in chunk {
        try s.bind(listing, at: index)
        try s.bind(observed, at: index + 1)
        try s.bind(row.role, at: index + 2)
        try s.bind(row.place, at: index + 3)
        index += 4
      }
      try s.execute()
    }
  }

  private func writeFeedback(_ f: CrawlRecord.Feedback, line: Int, dedupeKey key: [UInt8]) throws {
    let account = try account(market: f.market, vendor: f.vendor, day: f.observed)
    var listingID: Int64?
    if let l = f.listing {
      listingID = listings[NameKey(market: f.market, name: l)]?.id
      if listingID == nil {
        let s = sql.selectListingID
        try s.bind(f.market, at: 1)
        try s.bind(l, at: 2)
        if try s.step() {
          listingID = s.int(0)
          try s.execute()
        }
      }
      if listingID == nil {
        warnings.append((line, "listing", "feedback for a listing not seen (yet); kept unpriced"))
      }
    }
    let s = sql.insertFeedback
    try s.bind(listingID, at: 1)
    try s.bind(account, at: 2)
    try s.bind(f.observed, at: 3)
    try s.bind(f.date, at: 4)
    try s.bind(f.rating, at: 5)
    try s.bind(f.text, at: 6)
    try s.bind(.blob(key), at: 7)
    try s.bind(crawlID, at: 8)
    try s.bind(Int64(line), at: 9)
    try s.execute()
  }

  /// Flushes the seen windows of accounts and listings this crawl widened.
  func finish() throws {
    for (s, entries) in [(sql.updateAccountSeen, accounts), (sql.updateListingSeen, listings)] {
      for (_, e) in entries where !e.stored {
        try s.bind(e.first, at: 1)
        try s.bind(e.last, at: 2)
        try s.bind(e.id, at: 3)
        try s.execute()
      }
    }
  }
}
