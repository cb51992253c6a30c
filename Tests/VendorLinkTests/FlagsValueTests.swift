import Foundation
import Testing

@testable import VendorLink

@Suite struct FlagsValueTests {
  func only(_ kinds: FlagKind...) -> FlagOptions {
    var o = FlagOptions()
    o.kinds = Set(kinds)
    return o
  }

  @Test func wholesaleListingsAndSalesAboveTheLine() throws {
    let f = try FlagsFixture()
    let a = try f.account("agora", "bulk")
    let kilo = try f.listing(a, "kilo")
    let gram = try f.listing(a, "gram")
    let edge = try f.listing(a, "edge")
    let soldBig = try f.listing(a, "sold-big")
    try f.observe(kilo, on: "2014-01-01", usd: 2_500, eur: 1_800, quantity: 1000, unit: "g")
    try f.observe(kilo, on: "2014-01-08", usd: 3_000, eur: 2_200, quantity: 1000, unit: "g")
    try f.observe(gram, on: "2014-01-01", usd: 12, eur: 9)
    try f.observe(edge, on: "2014-01-01", usd: 1_000, eur: 730)  // at the line: not above it
    // Listed under the line at the crawl, but sold above it earlier (the price changed).
    try f.observe(soldBig, on: "2014-01-08", usd: 900, eur: 650)
    try f.sale(soldBig, on: "2013-12-20", usd: 1_200, eur: 880)
    try f.sale(soldBig, on: "2013-12-28", usd: 1_100, eur: 800)
    try f.sale(gram, on: "2013-12-28", usd: 12, eur: 9)

    try Flagger.run(db: f.db, options: only(.wholesale))
    let flags = try f.flags(.wholesale)
    #expect(flags.map(\.listing) == [kilo, soldBig])
    #expect(flags[0].score == 3)
    #expect(flags[0].details.contains(#""observationsOver":2"#))
    #expect(flags[0].details.contains(#""maxListedEUR":2200"#))
    #expect(flags[1].details.contains(#""salesOver":2"#))
    #expect(flags[1].score == 1.2)

    var lower = only(.wholesale)
    lower.wholesaleThresholdUSD = 500
    try Flagger.run(db: f.db, options: lower)
    #expect(try f.flags(.wholesale).map(\.listing) == [kilo, edge, soldBig])
  }

  @Test func robustStatsTable() {
    #expect(RobustStats.median([]) == nil)
    #expect(RobustStats.median([3, 1, 2]) == 2)
    #expect(RobustStats.median([4, 1, 2, 3]) == 2.5)
    #expect(RobustStats.mad([1, 1, 2, 2, 4, 6, 9], median: 2) == 1)
    let z = RobustStats.zScores([5, 5, 5, 5, 9])!
    #expect(z.median == 5 && z.scale > 0 && z.z[4] > 0 && z.z[0] == 0)
    #expect(RobustStats.zScores([2, 2, 2])!.z == [0, 0, 0])
  }

  /// Property: robust z is unchanged by shifting and scaling the data (as log prices are
  /// shifted by a currency and scaled by nothing), and one wild value cannot move the median
  /// of the rest by more than one rank.
  @Test func robustZIsAffineInvariant() {
    var rng = SplitMix64(seed: 3)
    for _ in 0..<100 {
      let xs = (0..<25).map { _ in Double.random(in: -2...2, using: &rng) }
      let shift = Double.random(in: -5...5, using: &rng)
      let scale = Double.random(in: 0.5...4, using: &rng)
      let a = RobustStats.zScores(xs)!.z
      let b = RobustStats.zScores(xs.map { $0 * scale + shift })!.z
      for (u, v) in zip(a, b) { #expect(abs(u - v) < 1e-9) }
    }
  }

  @Test func priceOutliersPerCategoryAndUnit() throws {
    let f = try FlagsFixture()
    let a = try f.account("dream", "v")
    var rng = SplitMix64(seed: 11)
    // 30 MDMA listings per gram around €20 (±30%), 30 per pill around €5.
    for i in 0..<30 {
      let g = try f.listing(a, "g\(i)")
      try f.observe(
        g, on: "2019-01-15", category: "Drugs/MDMA", unit: "g",
        unitPriceEUR: 20 * exp(Double.random(in: -0.3...0.3, using: &rng)))
      let p = try f.listing(a, "p\(i)")
      try f.observe(
        p, on: "2019-01-15", category: "Drugs/MDMA", unit: "pill",
        unitPriceEUR: 5 * exp(Double.random(in: -0.3...0.3, using: &rng)))
    }
    // €5 per gram is normal for a pill but 4× under the gram median; €200/g is 10× over.
    let cheap = try f.listing(a, "cheap")
    try f.observe(cheap, on: "2019-01-15", category: "Drugs/MDMA", unit: "g", unitPriceEUR: 5)
    let dear = try f.listing(a, "dear")
    try f.observe(dear, on: "2019-01-15", category: "Drugs/MDMA", unit: "g", unitPriceEUR: 150)
    try f.observe(dear, on: "2019-02-15", category: "Drugs/MDMA", unit: "g", unitPriceEUR: 250)
    try f.observe(dear, on: "2019-03-15", category: "Drugs/MDMA", unit: "g", unitPriceEUR: 200)
    // A small category is never tested.
    let rare = try f.listing(a, "rare")
    try f.observe(rare, on: "2019-01-15", category: "Drugs/DMT", unit: "g", unitPriceEUR: 9_999)

    try Flagger.run(db: f.db, options: only(.priceOutlier))
    let flags = try f.flags(.priceOutlier)
    #expect(Set(flags.compactMap(\.listing)) == [cheap, dear])
    let d = try #require(flags.first { $0.listing == dear })
    #expect(d.score > 3.5)
    #expect(d.details.contains(#""direction":"high""#))
    #expect(d.details.contains(#""unitPrice":200"#))  // the median of its observations
    #expect(flags.first { $0.listing == cheap }!.details.contains(#""direction":"low""#))
  }

  @Test func migrantsFollowClosuresThroughIdentities() throws {
    let f = try FlagsFixture()
    try f.market("dream", closed: "2019-04-30")
    let old = try f.account("dream", "DutchMagic", first: "2018-11-15", last: "2019-04-15")
    let new = try f.account("wsm", "DutchMagic2", first: "2019-05-15", last: "2019-11-15")
    let late = try f.account("wsm", "Late", first: "2019-09-15", last: "2019-11-15")
    let oldLate = try f.account("dream", "LateOld", first: "2018-11-15", last: "2019-04-15")
    let before = try f.account("empire", "Before", first: "2019-01-15", last: "2019-11-15")
    let oldBefore = try f.account("dream", "BeforeOld", first: "2018-11-15", last: "2019-04-15")
    let loner = try f.account("wsm", "Loner", first: "2019-05-15", last: "2019-11-15")

    // Before linking: no migrant, and the run says why.
    let s0 = try Flagger.run(db: f.db, options: only(.migrant))
    #expect(!s0.linkingHasRun)
    #expect(s0.notes.contains { $0.contains("linking has not run") })
    #expect(s0.counts[.migrant] == 0)

    try f.identity(1, old, new)
    try f.identity(2, late, oldLate)
    try f.identity(3, before, oldBefore)
    try f.identity(4, loner)
    try f.match(old, new, probability: 0.97)
    let s1 = try Flagger.run(db: f.db, options: only(.migrant))
    #expect(s1.linkingHasRun && s1.notes.isEmpty)
    let flags = try f.flags(.migrant)
    #expect(flags.map(\.account) == [new])  // `late` is past 12 weeks, `before` predates it
    #expect(flags[0].score == 0.97)
    #expect(flags[0].details.contains(#""daysAfterClosure":15"#))
    #expect(flags[0].details.contains(#""vendor":"DutchMagic""#))

    var wide = only(.migrant)
    wide.migrantWindowDays = 200
    try Flagger.run(db: f.db, options: wide)
    #expect(Set(try f.flags(.migrant).map(\.account)) == [new, late])
  }

  @Test func dayArithmetic() {
    #expect(Day("2019-05-15")!.days(since: Day("2019-04-30")!) == 15)
    #expect(Day("2020-03-01")!.days(since: Day("2020-02-28")!) == 2)
    #expect(Day("2019-04-30T23:00:00Z")!.days(since: Day("2019-04-30")!) == 0)
    #expect(Day("garbage") == nil && Day("2019-13-01") == nil)
  }

  @Test func runReplacesFlagsAndIsIdempotent() throws {
    let f = try FlagsFixture()
    let a = try f.account("wsm", "benl")
    try f.observe(try f.listing(a, "x"), on: "2019-01-15", from: ["BE", "NL"], usd: 5_000)
    try Flagger.run(db: f.db)
    let first = try f.db.query("SELECT kind, account_id, listing_id, score, details FROM flags")
    let s = try Flagger.run(db: f.db)
    let second = try f.db.query("SELECT kind, account_id, listing_id, score, details FROM flags")
    #expect(first == second && !first.isEmpty)
    #expect(s.counts[.multiLocation] == 1 && s.counts[.wholesale] == 1)
    #expect(try f.db.scalarInt("SELECT COUNT(DISTINCT run_id) FROM flags") == 1)
    #expect(try f.db.scalarInt("SELECT COUNT(*) FROM runs WHERE command = 'flag'") == 2)
    #expect(
      try f.db.scalar("SELECT status FROM runs WHERE run_id = ?", [.integer(s.runID)])
        == .text("ok"))
  }

  @Test func failedRunKeepsPreviousFlags() throws {
    let f = try FlagsFixture()
    let a = try f.account("wsm", "benl")
    try f.observe(try f.listing(a, "x"), on: "2019-01-15", from: ["BE", "NL"])
    try Flagger.run(db: f.db)
    // Break the schema under the detector: the next run fails and rolls back.
    try f.db.execute("ALTER TABLE listing_places RENAME TO lp_gone")
    #expect(throws: DatabaseError.self) { try Flagger.run(db: f.db) }
    try f.db.execute("ALTER TABLE lp_gone RENAME TO listing_places")
    #expect(try f.flags(.multiLocation).count == 1)
    #expect(try f.db.scalarInt("SELECT COUNT(*) FROM runs") == 1)
  }
}
