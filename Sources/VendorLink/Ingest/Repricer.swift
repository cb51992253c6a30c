/// Recomputes every stored price (listing observations and sales) from the rates the store
/// holds now: after `--rates` brings rates a crawl lacked, or after a user's rates replace the
/// bundled ECB ones for some days. Missing fiat rates are first filled from the bundled ECB
/// table, as an ingest does.
public struct Repricer {
  public let db: Database

  public init(db: Database) { self.db = db }

  public struct Outcome: Sendable {
    /// Stored rows whose USD, EUR or unit price changed.
    public var changed = 0
    /// Prices still without a USD or EUR value, by "currency→target".
    public var missing: [String: Int] = [:]
    /// Bundled ECB rows added, per currency.
    public var ratesAdded: [String: Int] = [:]
  }

  /// Reprices every crawl in one transaction.
  public func run() throws -> Outcome {
    var out = Outcome()
    try db.transaction {
      var currencies = Set<String>()
      try db.forEach(
        "SELECT DISTINCT price_currency FROM listing_observations WHERE price_currency IS NOT NULL"
      ) { s in
        if let c = s.string(0) { currencies.insert(c) }
      }
      out.ratesAdded = try BundledRateLoader(db: db).fill(currencies)
      var crawls: [Int64] = []
      try db.forEach("SELECT crawl_id FROM crawls ORDER BY crawl_id") { crawls.append($0.int(0)!) }
      for id in crawls {
        let o = try PricePass(db: db, crawlID: id).run(listingNotes: nil)
        out.changed += o.changed
        for (key, m) in o.missing { out.missing[key, default: 0] += m.count }
      }
    }
    return out
  }
}
