import Foundation
import Testing

@testable import VendorLink

@Suite struct FlagsShippingTests {
  @Test func physicalPlacesExcludeRegions() {
    let table: [(String, Bool)] = [
      ("NL", true), ("HK", true), ("BE", true), ("EU", false), ("Europe", false),
      ("Worldwide", false), ("Digital", false), ("Undeclared", false), ("nl", false),
      ("NLD", false), ("", false), ("Nordics", false),
    ]
    for (place, expected) in table {
      #expect(PhysicalPlace.isCountry(place) == expected, "\(place)")
    }
  }

  @Test func sqlPredicateAgreesWithSwift() throws {
    let db = try Schema.open(":memory:")
    for place in ["NL", "EU", "Europe", "hk", "HK", "Digital", "N1", "ÉÉ"] {
      let sql = "SELECT \(PhysicalPlace.sqlIsCountry("?1"))"
      let v = try db.scalarInt(sql.replacingOccurrences(of: "?1", with: "'\(place)'"))
      #expect((v == 1) == PhysicalPlace.isCountry(place), "\(place)")
    }
  }

  /// A BE+NL shipper in one crawl, a mover NL → BE → DE, a vendor adding a location
  /// (not a move), and a region-only vendor (never multi-location).
  func fixture() throws -> (FlagsFixture, multi: Int64, mover: Int64, grower: Int64, eu: Int64) {
    let f = try FlagsFixture()
    let multi = try f.account("wsm", "benl")
    let a = try f.listing(multi, "a")
    let b = try f.listing(multi, "b")
    try f.observe(a, on: "2019-01-15", from: ["BE"])
    try f.observe(b, on: "2019-01-15", from: ["NL", "EU"])
    try f.observe(a, on: "2019-02-15", from: ["BE"])

    let mover = try f.account("wsm", "mover")
    let m = try f.listing(mover, "m")
    try f.observe(m, on: "2019-01-15", from: ["NL"])
    try f.observe(m, on: "2019-02-15", from: ["NL"])
    try f.observe(m, on: "2019-03-15", from: ["BE", "Worldwide"])
    try f.observe(m, on: "2019-05-15", from: ["DE"])

    let grower = try f.account("wsm", "grower")
    let g1 = try f.listing(grower, "g1")
    let g2 = try f.listing(grower, "g2")
    try f.observe(g1, on: "2019-01-15", from: ["NL"])
    try f.observe(g1, on: "2019-02-15", from: ["NL"])
    try f.observe(g2, on: "2019-02-15", from: ["BE"])

    let eu = try f.account("wsm", "euonly")
    let e = try f.listing(eu, "e")
    try f.observe(e, on: "2019-01-15", from: ["EU", "Digital", "Worldwide"])
    try f.observe(e, on: "2019-02-15", from: ["NL", "Europe"])
    return (f, multi, mover, grower, eu)
  }

  @Test func multiLocationNeedsTwoCountriesInOneCrawl() throws {
    let (f, multi, mover, grower, eu) = try fixture()
    let flags = MultiLocationDetector.detect(try ShippingHistory.load(f.db))
    #expect(Set(flags.map(\.accountID)) == [multi, grower])
    let benl = try #require(flags.first { $0.accountID == multi })
    #expect(benl.score == 0.5)  // one of its two crawls
    #expect(benl.details.contains(#""pairs":[["BE","NL"]]"#))
    #expect(!flags.contains { $0.accountID == mover || $0.accountID == eu })
  }

  @Test func movesNeedADroppedAndAnAddedCountry() throws {
    let (f, _, mover, _, _) = try fixture()
    let flags = MoveDetector.detect(try ShippingHistory.load(f.db))
    #expect(flags.map(\.accountID) == [mover])
    let flag = try #require(flags.first)
    #expect(flag.score == 2)
    #expect(flag.details.contains(#""path":["NL","BE","DE"]"#))
    #expect(flag.details.contains(#""lastSeenBefore":"2019-02-15""#))
    #expect(flag.details.contains(#""firstSeenAfter":"2019-03-15""#))
  }

  @Test func moveRulesTableDriven() {
    let cases: [([String], [String], Bool)] = [
      (["NL"], ["BE"], true), (["NL"], ["NL", "BE"], false), (["NL", "BE"], ["BE"], false),
      (["NL", "BE"], ["BE", "DE"], true), (["NL"], ["NL"], false),
    ]
    for (before, after, moved) in cases {
      let rows = [
        CrawlShipping(accountID: 1, observed: "2019-01-01", countries: before),
        CrawlShipping(accountID: 1, observed: "2019-02-01", countries: after),
      ]
      #expect(MoveDetector.moves(rows[...]).isEmpty == !moved, "\(before) → \(after)")
    }
  }

  /// Property: on random histories, every multi-location flag has a crawl with ≥ 2 countries,
  /// and every move's `from` is in the earlier crawl and not the later one.
  @Test func randomHistoriesKeepInvariants() {
    var rng = SplitMix64(seed: 42)
    let pool = ["BE", "NL", "DE", "FR"]
    for _ in 0..<200 {
      var rows: [CrawlShipping] = []
      for month in 1...6 where Bool.random(using: &rng) {
        let n = Int.random(in: 1...3, using: &rng)
        let countries = Array(Set((0..<n).map { _ in pool.randomElement(using: &rng)! }))
        rows.append(
          CrawlShipping(accountID: 7, observed: "2019-0\(month)-01", countries: countries))
      }
      let anyMulti = rows.contains { $0.countries.count > 1 }
      #expect(MultiLocationDetector.detect(rows).isEmpty == !anyMulti)
      for move in MoveDetector.moves(rows[...]) {
        #expect(Set(move.from).isSubset(of: move.before))
        #expect(Set(move.from).isDisjoint(with: move.after))
        #expect(Set(move.to).isSubset(of: move.after))
        #expect(move.lastSeenBefore < move.firstSeenAfter)
      }
    }
  }
}
