import Foundation
import Testing

@testable import VendorLink

/// Bundled ECB rates, `--replace` and `reprice` on the bundled White House file (1,373 rows,
/// 1,333 listing URLs; Python: 1,265 URLs with a numeric AUD price, 68 rows "N/A").
@Suite(
  .enabled(
    if: RealData.file("whitehouse-2020-09-17-listings.csv").map {
      FileManager.default.fileExists(atPath: $0)
    } ?? false, "needs ../shared/data/real"))
struct IngestReplaceRepriceTests {
  static var path: String { RealData.file("whitehouse-2020-09-17-listings.csv")! }

  static func options(_ map: CSVMapping? = nil) -> IngestOptions {
    var o = ImportPreset.all["whitehouse"]!.options(for: path)!
    if let map { o.mapping = map }
    return o
  }

  /// Every numeric AUD price gets EUR and USD values from the bundled ECB rates alone.
  @Test func bundledRatesPriceEveryAUDPrice() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("w.sqlite"))
    let s = try Ingester(db: db).ingest(path: Self.path, options: Self.options())
    #expect(s.ratesAdded.keys.sorted() == ["AUD", "EUR"])
    #expect(
      try db.scalarInt("SELECT COUNT(*) FROM listing_observations WHERE price_amount IS NOT NULL")
        == 1265)
    #expect(
      try db.scalarInt(
        """
        SELECT COUNT(*) FROM listing_observations
        WHERE price_amount IS NOT NULL AND (price_eur IS NULL OR price_usd IS NULL)
        """) == 0)
    // 68 "N/A" prices: one warning each, one group on the terminal.
    #expect(s.warnings == 68)
    #expect(s.warningGroups.count == 1 && s.warningGroups[0].count == 68)
    #expect(s.warningGroups[0].examples.count == 3)
    // The AUD→EUR rate of 2020-09-17 is the ECB's (its file: 1 EUR = 1.6152 AUD that day).
    let eur = try db.scalar(
      "SELECT price_eur / price_amount FROM listing_observations WHERE price_amount > 0 LIMIT 1")
    #expect(abs((eur?.doubleValue ?? 0) - 1 / 1.6152) < 1e-9)
  }

  /// The rows of every ingest table by natural keys (ids and crawl ids left out).
  static func dump(_ db: Database) throws -> [String: [String]] {
    let queries: [String: String] = [
      "accounts": "SELECT market, vendor, first_seen, last_seen FROM accounts",
      "listings": """
      SELECT l.market, l.listing, a.vendor, l.first_seen, l.last_seen
      FROM listings l JOIN accounts a USING (account_id)
      """,
      "observations": """
      SELECT l.listing, o.observed, o.line, o.title, o.category, o.price_amount,
        o.price_currency, o.price_usd, o.price_eur, o.quantity, o.unit, o.unit_price_eur,
        o.ships_from, o.ships_to, o.extra
      FROM listing_observations o JOIN listings l USING (listing_id)
      """,
      "places": """
      SELECT l.listing, p.observed, p.role, p.place
      FROM listing_places p JOIN listings l USING (listing_id)
      """,
      "vendors": """
      SELECT a.vendor, v.observed, v.line, v.profile, v.since, v.sales, v.rating
      FROM vendor_observations v JOIN accounts a USING (account_id)
      """,
      "warnings": "SELECT line, field, message FROM warnings",
      "rejects": "SELECT line, field, message FROM rejects",
      "markets": "SELECT * FROM markets", "rates": "SELECT * FROM rates",
      "crawls": "SELECT sha256, records, rejected FROM crawls",
    ]
    var out: [String: [String]] = [:]
    for (name, sql) in queries {
      out[name] = try db.query(sql).map { row in
        row.map { $0.stringValue ?? $0.doubleValue.map { String($0) } ?? "∅" }
          .joined(separator: "|")
      }.sorted()
    }
    return out
  }

  /// A wrong mapping, then `--replace` with the right one: the same database, table by
  /// table, as the right import from the start; the replaced import is kept in `runs`.
  @Test func replaceAfterAWrongMappingEqualsARightImport() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let right = try Schema.open(dir.path("right.sqlite"))
    _ = try Ingester(db: right).ingest(path: Self.path, options: Self.options())
    let fixed = try Schema.open(dir.path("fixed.sqlite"))
    let wrong = CSVMapping(columns: [
      "vendor": ["Product"], "title": ["Vendor"], "price": ["Price in AUD"],
      "observed": ["Date Time Recorded"],
    ])
    let first = try Ingester(db: fixed).ingest(path: Self.path, options: Self.options(wrong))
    #expect(first.vendors > 1000)  // product names taken for vendors
    let again = try Ingester(db: fixed).ingest(path: Self.path, options: Self.options())
    #expect(again.status == .alreadyImported)
    var replace = Self.options()
    replace.replace = true
    let replaced = try Ingester(db: fixed).ingest(path: Self.path, options: replace)
    #expect(replaced.replaced?["accounts"] == first.vendors)
    let a = try Self.dump(right)
    let b = try Self.dump(fixed)
    for table in a.keys.sorted() { #expect(a[table] == b[table], "\(table)") }
    #expect(
      try fixed.scalarInt("SELECT COUNT(*) FROM runs WHERE command = 'ingest --replace'") == 1)
  }

  /// Rates loaded after an import, then `reprice`: the prices of an import that had those
  /// rates from the start.
  @Test func repriceEqualsRatesFromTheStart() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let rates = try dir.write(
      "aud.csv", "date,currency,usd,eur\n2020-09-17,AUD,0.7301,0.6166\n")
    let start = try Schema.open(dir.path("start.sqlite"))
    let i = Ingester(db: start)
    _ = try i.loadRates(path: rates)
    _ = try i.ingest(path: Self.path, options: Self.options())
    let later = try Schema.open(dir.path("later.sqlite"))
    let j = Ingester(db: later)
    _ = try j.ingest(path: Self.path, options: Self.options())
    _ = try j.loadRates(path: rates)
    let out = try Repricer(db: later).run()
    #expect(out.changed == 1265)
    #expect(out.missing.isEmpty)
    let prices = """
      SELECT l.listing, o.price_usd, o.price_eur, o.unit_price_eur
      FROM listing_observations o JOIN listings l USING (listing_id) ORDER BY l.listing
      """
    #expect(try start.query(prices) == later.query(prices))
    // Nothing left to change.
    #expect(try Repricer(db: later).run().changed == 0)
  }
}
