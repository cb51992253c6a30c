import Foundation
import Testing

@testable import VendorLink

/// Facts from the real scrapes (../shared/data/real/README.md) that the flags must reproduce
/// once the files are imported with their presets. Skipped, visibly, when a file is absent.
@Suite struct FlagsRealDataTests {
  static func real(_ name: String) -> String? {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent("shared/data/real/\(name)").path
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }

  static func ingest(_ path: String, preset: String, into db: Database) throws {
    let p = try #require(CSVMapping.presets[preset])
    let options = IngestOptions(
      format: .csv, onError: .skip, market: p.market, currency: p.currency, mapping: p.mapping)
    _ = try Ingester(db: db).ingest(path: path, options: options)
  }

  @Test(
    .enabled(if: real("whitehouse-2020-09-17-listings.csv") != nil, "needs ../shared/data/real"))
  func whiteHouseMultiLocationShippers() throws {
    let path = try #require(Self.real("whitehouse-2020-09-17-listings.csv"))
    let db = try Schema.open(":memory:")
    try Self.ingest(path, preset: "whitehouse", into: db)
    var options = FlagOptions()
    options.kinds = [.multiLocation, .moved]
    try Flagger.run(db: db, options: options)
    var countries: [String: String] = [:]
    for row in try db.query(
      "SELECT vendor, json_extract(details, '$.countries') FROM v_flags WHERE kind = ?",
      [.text("multi-location")])
    {
      countries[row[0].stringValue!] = row[1].stringValue!
    }
    let facts = [
      "staroutlet": #"["BE","DE"]"#, "euroshopper": #"["DE","NL"]"#, "fairfax": #"["DE","NL"]"#,
      "xxxxtentacion": #"["DE","NL"]"#, "drugsource": #"["FR","NL"]"#,
    ]
    for (vendor, expected) in facts { #expect(countries[vendor] == expected, "\(vendor)") }
    // 13 vendors ship from two physical countries; regions never make a vendor multi-location.
    #expect(countries.count <= 13 && countries.count >= 12)
    #expect(!countries.values.contains { $0.contains("Worldwide") || $0.contains("EU") })
    // One snapshot: nobody can have moved.
    #expect(try db.scalarInt("SELECT COUNT(*) FROM flags WHERE kind = 'moved'") == 0)
  }

  @Test(
    .enabled(
      if: real("agora-2014-01-vendor-listings.csv") != nil
        && real("btc-usd-daily-coindesk.csv") != nil, "needs ../shared/data/real"))
  func agoraWholesaleListings() throws {
    let path = try #require(Self.real("agora-2014-01-vendor-listings.csv"))
    let rates = try #require(Self.real("btc-usd-daily-coindesk.csv"))
    // The first 1,000 rows keep the test fast; they hold the file's first crawl.
    let head = try String(contentsOfFile: path, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false
    ).prefix(1_001).joined(separator: "\n")
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agora-head-\(UUID().uuidString).csv"
    ).path
    try head.write(toFile: tmp, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let db = try Schema.open(":memory:")
    _ = try Ingester(db: db).loadRates(path: rates)
    try Self.ingest(tmp, preset: "agora-listings", into: db)
    var options = FlagOptions()
    options.kinds = [.wholesale, .multiLocation]
    try Flagger.run(db: db, options: options)
    // Every drug listing over USD 1,000; guns, guides and accounts are not drug wholesale.
    let titles = try db.query(
      "SELECT DISTINCT listing_id, title FROM listing_observations WHERE price_usd > 1000")
    let over = titles.filter {
      QuantityReader.read(title: $0[1].stringValue ?? "").kind != .nonDrug
    }.count
    #expect(over < titles.count)
    let flagged = try db.query(
      "SELECT score, json_extract(details, '$.maxListedUSD') FROM flags WHERE kind = 'wholesale'")
    #expect(over > 0)
    #expect(flagged.count == Int(over))
    for row in flagged {
      let score = row[0].doubleValue!
      let usd = row[1].doubleValue!
      #expect(usd > 1_000 && abs(score - usd / 1_000) < 0.001)
    }
    // Country spellings ("German", "Germany") arrive as ISO codes.
    let places = try db.query(
      "SELECT DISTINCT j.value FROM flags, json_each(details, '$.countries') j "
        + "WHERE kind = 'multi-location'")
    for p in places { #expect(PhysicalPlace.isCountry(p[0].stringValue ?? "")) }
  }
}
