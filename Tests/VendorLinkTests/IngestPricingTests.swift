import Foundation
import Testing

@testable import VendorLink

/// Listing prices are converted as rows are inserted; these pin that the result is the one
/// the end-of-crawl price pass gives, wherever the rates sit in the file.
@Suite struct IngestPricingTests {
  static let rate = #"{"kind":"rate","date":"2019-01-10","currency":"BTC","usd":3600,"eur":3100}"#
  static func listing(_ id: String, _ amount: Double, currency: String = "BTC") -> String {
    #"{"kind":"listing","market":"m","observed":"2019-01-15","listing":"\#(id)","vendor":"v","title":"10 x 100mg","price":{"amount":\#(amount),"currency":"\#(currency)"}}"#
  }

  /// (listing, price_usd, price_eur, unit_price_eur) and the warnings, after one crawl.
  func ingest(_ lines: [String]) throws -> (rows: [[SQLValue]], warnings: [[SQLValue]]) {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("db.sqlite"))
    let file = try dir.write("c.jsonl", lines.joined(separator: "\n"))
    _ = try Ingester(db: db).ingest(path: file, options: IngestOptions())
    let rows = try db.query(
      """
      SELECT l.listing, o.price_usd, o.price_eur, o.unit_price_eur
      FROM listing_observations o JOIN listings l USING (listing_id) ORDER BY l.listing
      """)
    return (rows, try db.query("SELECT field, message FROM warnings ORDER BY rowid"))
  }

  @Test func aRateBeforeOrAfterTheListingsGivesTheSamePrices() throws {
    let listings = [
      Self.listing("a", 0.5), Self.listing("b", 2), Self.listing("c", 1, currency: "XMR"),
    ]
    let first = try ingest([Self.rate] + listings)
    let last = try ingest(listings + [Self.rate])
    let middle = try ingest([listings[0], Self.rate, listings[1], listings[2]])
    #expect(first.rows == last.rows && first.rows == middle.rows)
    #expect(first.warnings == last.warnings && first.warnings == middle.warnings)
    // 0.5 BTC at 3600 USD; 10 x 100 mg = 1 g, so the unit price is the EUR price.
    #expect(first.rows[0] == [.text("a"), .real(1800), .real(1550), .real(1550)])
    // XMR has no rate: left empty and reported once per target currency; the BTC prices of
    // 2019-01-15 rest on the rate of 2019-01-10, and that distance is on record too.
    #expect(first.rows[2] == [.text("c"), .null, .null, .null])
    #expect(first.warnings.count == 3)
    #expect(
      first.warnings.contains([
        .text("price"),
        .text(
          "2 BTC prices of 2019-01-15 use rates from 5 days earlier (the nearest earlier rate)"),
      ]))
  }

  @Test func aListingStoredBeforeIsNotPricedOrReportedAgain() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("db.sqlite"))
    let xmr = Self.listing("c", 1, currency: "XMR")
    _ = try Ingester(db: db).ingest(path: try dir.write("1.jsonl", xmr), options: IngestOptions())
    // The same observation again (another file): ignored, so no new missing-rate warning.
    let second = try Ingester(db: db).ingest(
      path: try dir.write("2.jsonl", xmr + "\n" + Self.rate), options: IngestOptions())
    #expect(second.warnings == 0)
    #expect(try db.scalarInt("SELECT COUNT(*) FROM listing_observations") == 1)
  }
}

/// Records are written a batch at a time under one savepoint; a record the store refuses
/// must still cost only itself (the batch is undone and written again record by record).
@Suite struct IngestBatchTests {
  @Test func aRefusedRecordInABatchIsTheOnlyOneRejected() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("db.sqlite"))
    // A constraint failure the writer itself never causes, raised on one listing.
    try db.execute(
      """
      CREATE TEMP TRIGGER refuse BEFORE INSERT ON listing_observations
      WHEN NEW.title = 'REFUSE' BEGIN SELECT RAISE(ABORT, 'refused'); END
      """)
    var lines = [IngestPricingTests.rate]
    for i in 0..<3000 {  // several batches
      let title = i == 1500 ? "REFUSE" : "10 x 100mg"
      lines.append(
        #"{"kind":"listing","market":"m","observed":"2019-01-15","listing":"l\#(i)","vendor":"v\#(i % 7)","title":"\#(title)","price":{"amount":0.5,"currency":"BTC"},"ships_to":"NL"}"#
      )
    }
    let file = try dir.write("c.jsonl", lines.joined(separator: "\n"))
    var options = IngestOptions()
    options.onError = .skip
    let summary = try Ingester(db: db).ingest(path: file, options: options)
    #expect(summary.records == 3000 && summary.rejected == 1)
    let rejects = try db.query("SELECT line, field FROM rejects")
    #expect(rejects == [[.integer(1502), .null]])  // the rate is line 1
    #expect(try db.scalarInt("SELECT COUNT(*) FROM listing_observations") == 2999)
    #expect(try db.scalarInt("SELECT COUNT(*) FROM listing_places") == 2999)
    // Prices are right on both sides of the undone batch.
    #expect(
      try db.scalarInt("SELECT COUNT(*) FROM listing_observations WHERE price_usd = 1800") == 2999)
    #expect(try db.scalarInt("SELECT COUNT(*) FROM accounts") == 7)
  }
}

@Suite struct UnitRateCacheTests {
  /// Property: a cached unit rate times the amount is `RateTable.convert`, to the bit, and
  /// reports the same missing rates (seeded amounts, currencies and days, hits and misses).
  @Test func cachedConversionIsTheTableConversion() {
    var table = RateTable()
    var rng = SplitMix64(seed: 42)
    for day in 1...28 where day % 3 != 0 {
      let date = "2019-02-\(day < 10 ? "0" : "")\(day)"
      table.add(
        date: date, currency: "BTC", usd: Double.random(in: 3000...4000, using: &rng),
        eur: day % 2 == 0 ? nil : Double.random(in: 2500...3500, using: &rng))
      table.add(date: date, currency: "EUR", usd: 1.13, eur: nil)
    }
    var cache = UnitRateCache(rates: table)
    for _ in 0..<2000 {
      let day = Int.random(in: 1...28, using: &rng)
      let date = "2019-02-\(day < 10 ? "0" : "")\(day)"
      let currency = ["BTC", "btc", "EUR", "USD", "XMR", "€"].randomElement(using: &rng)!
      let amount = Double.random(in: 0...50, using: &rng)
      let want = table.convert(amount: amount, currency: currency, on: date)
      let got = cache.convert(amount: amount, currency: currency, on: date)
      #expect(got.money.usd?.bitPattern == want.money.usd?.bitPattern)
      #expect(got.money.eur?.bitPattern == want.money.eur?.bitPattern)
      #expect(got.missing == want.missing)
    }
  }
}

@Suite struct IngestNewMarketTests {
  func ingest(_ lines: [String], into db: Database, _ dir: TempDir, _ name: String) throws
    -> IngestSummary
  {
    try Ingester(db: db).ingest(
      path: try dir.write(name, lines.joined(separator: "\n")), options: IngestOptions())
  }

  static func vendor(_ market: String, _ name: String, _ day: String) -> String {
    #"{"kind":"vendor","market":"\#(market)","observed":"\#(day)","vendor":"\#(name)"}"#
  }

  /// A name cut at a NUL by the store is the same row as the name before it, in a market
  /// new to the store or not, whichever comes first.
  @Test(arguments: [true, false])
  func namesThatTheStoreCutsAtANulAreOneAccount(nulFirst: Bool) throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("db.sqlite"))
    var lines = [Self.vendor("m", #"v\u0000x"#, "2019-01-01"), Self.vendor("m", "v", "2019-01-02")]
    if !nulFirst { lines.reverse() }
    let summary = try ingest(lines, into: db, dir, "c.jsonl")
    #expect(summary.records == 2 && summary.rejected == 0)
    #expect(
      try db.query("SELECT vendor, first_seen, last_seen FROM accounts") == [
        [.text("v"), .text("2019-01-01"), .text("2019-01-02")]
      ])
  }

  /// A later crawl finds the accounts an earlier one stored (the market is not new then).
  @Test func aKnownMarketsAccountsAreFoundAgain() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("db.sqlite"))
    _ = try ingest([Self.vendor("m", "a", "2019-01-01")], into: db, dir, "1.jsonl")
    _ = try ingest(
      [Self.vendor("m", "a", "2019-02-01"), Self.vendor("n", "a", "2019-02-01")], into: db, dir,
      "2.jsonl")
    #expect(
      try db.query("SELECT market, vendor, first_seen, last_seen FROM accounts ORDER BY 1") == [
        [.text("m"), .text("a"), .text("2019-01-01"), .text("2019-02-01")],
        [.text("n"), .text("a"), .text("2019-02-01"), .text("2019-02-01")],
      ])
  }
}
