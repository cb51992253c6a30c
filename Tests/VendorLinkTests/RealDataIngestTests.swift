import Foundation
import Testing

@testable import VendorLink

/// The public scrapes in ../shared/data/real import with the presets, and reproduce the facts
/// their README lists (counted by hand from the raw files).
@Suite(.enabled(if: RealData.directory != nil, "needs ../shared/data/real"))
struct RealDataIngestTests {
  func importing(_ name: String, preset: String, rates: String? = nil) throws -> (
    Database, IngestSummary, TempDir
  )? {
    guard let path = RealData.file(name) else { return nil }
    let dir = try TempDir()
    let db = try Schema.open(dir.path("real.sqlite"))
    let ingester = Ingester(db: db)
    if let rates, let r = RealData.file(rates) { _ = try ingester.loadRates(path: r) }
    let p = CSVMapping.presets[preset]!
    let summary = try ingester.ingest(
      path: path,
      options: IngestOptions(
        format: .csv, onError: .skip, market: p.market, currency: p.currency, mapping: p.mapping))
    return (db, summary, dir)
  }

  @Test func agoraVendorListings() throws {
    guard
      let (db, summary, dir) = try importing(
        "agora-2014-01-vendor-listings.csv", preset: "agora-listings",
        rates: "btc-usd-daily-coindesk.csv")
    else { return }
    defer { dir.cleanup() }
    #expect(summary.rejected == 0)
    #expect(try db.scalarInt("SELECT COUNT(*) FROM accounts") == 262)
    // 8,533 listing rows; the same (vendor, title) in one crawl is one listing observation.
    // Python: 3,397 distinct (vendor, product) pairs, 8,352 (vendor, product, day) triples.
    #expect(try db.scalarInt("SELECT COUNT(*) FROM listing_observations") == 8_352)
    #expect(try db.scalarInt("SELECT COUNT(*) FROM listings") == 3_397)
    // Four crawls in January 2014.
    #expect(try db.scalarInt("SELECT COUNT(DISTINCT observed) FROM listing_observations") == 4)
    // Every price converted to USD with the CoinDesk rates of its day.
    #expect(
      try db.scalarInt("SELECT COUNT(*) FROM listing_observations WHERE price_usd IS NULL") == 0)
    // The raw spellings of the 'from' column normalise: Germany under both names, no unknowns.
    #expect(try db.scalarInt("SELECT COUNT(*) FROM warnings WHERE field = 'ships_from'") == 0)
    let german = try db.query(
      "SELECT DISTINCT ships_from_raw FROM listing_observations WHERE ships_from = 'DE' ORDER BY 1")
    #expect(german.count >= 2)
    // Wholesale listings exist (over USD 1,000, Aldridge & Décary-Hétu 2016).
    #expect(
      try db.scalarInt("SELECT COUNT(*) FROM listing_observations WHERE price_usd > 1000") ?? 0 > 0)
  }

  @Test func agoraFeedbackIsDatedFromTheCrawlDay() throws {
    guard
      let (db, summary, dir) = try importing(
        "agora-2014-01-01-products-feedback.csv", preset: "agora-feedback",
        rates: "btc-usd-daily-coindesk.csv")
    else { return }
    defer { dir.cleanup() }
    #expect(summary.rejected == 0)
    let n = try db.scalarInt("SELECT COUNT(*) FROM feedback") ?? 0
    #expect(n > 1_000)
    // "5 days ago" on a 2014-01-01 page is 2013-12-27: every sale is on or before the crawl.
    #expect(try db.scalarInt("SELECT COUNT(*) FROM feedback WHERE date > observed") == 0)
    #expect(try db.scalarInt("SELECT COUNT(*) FROM feedback WHERE date = '2013-12-27'") ?? 0 > 0)
    // Sales are priced (the listing's price at the sale day's rate).
    #expect(try db.scalarInt("SELECT COUNT(*) FROM feedback WHERE price_usd IS NULL") == 0)
    #expect(
      try db.scalar(
        "SELECT category FROM listing_observations WHERE category LIKE 'Drugs/Cannabis/%' LIMIT 1")
        != nil)
  }

  @Test func whiteHouseMarket() throws {
    guard
      let (db, summary, dir) = try importing(
        "whitehouse-2020-09-17-listings.csv", preset: "whitehouse")
    else { return }
    defer { dir.cleanup() }
    #expect(summary.rejected == 0)
    #expect(try db.scalarInt("SELECT COUNT(*) FROM accounts") == 479)
    #expect(try db.scalarInt("SELECT COUNT(DISTINCT observed) FROM listing_observations") == 1)
    // Vendors shipping from more than one physical country, regions set aside: 13.
    var countries: [String: Set<String>] = [:]
    for row in try db.query(
      """
      SELECT DISTINCT a.vendor, p.place FROM listing_places p JOIN listings l USING (listing_id)
      JOIN accounts a USING (account_id) WHERE p.role = 'from'
      """)
    {
      if let place = Place(code: row[1].stringValue!), place.isCountry {
        countries[row[0].stringValue!, default: []].insert(place.code)
      }
    }
    let multi = countries.filter { $0.value.count > 1 }.keys.sorted()
    #expect(multi.count == 13)
    for v in ["staroutlet", "euroshopper", "fairfax", "xxxxtentacion", "drugsource"] {
      #expect(multi.contains(v), "\(v)")
    }
    let star = try db.query(
      """
      SELECT DISTINCT p.place FROM listing_places p JOIN listings l USING (listing_id)
      JOIN accounts a USING (account_id) WHERE a.vendor = 'staroutlet' AND p.role = 'from' ORDER BY 1
      """)
    #expect(star == [[.text("BE")], [.text("DE")]])
    // AUD prices are converted with the bundled ECB rates of the crawl day (1,265 numeric
    // prices); the 68 "N/A" cells are warnings, not prices.
    #expect(
      try db.scalarInt("SELECT COUNT(*) FROM listing_observations WHERE price_eur IS NOT NULL")
        == 1265)
    #expect(summary.ratesAdded["AUD"] ?? 0 > 7000)
    #expect(
      try db.scalarInt(
        "SELECT COUNT(*) FROM warnings WHERE field = 'price' AND message LIKE 'no price shown%'")
        == 68)
  }
}
