import Foundation
import Testing

@testable import VendorLink

/// `EvidenceLoader` reads tables in storage order and groups rows in Swift; these tests hold
/// it to the sorted-query loader it replaced (`ReferenceEvidenceLoader`) on random stores
/// whose listing ids, observations and places come in every order.
@Suite struct EvidenceLoaderTests {
  /// A random store: accounts with gaps in their ids, listings inserted in shuffled order
  /// (so listing_id order is not account order), several observations per listing, places
  /// of every role with prefixes of one another and non-ASCII text, NULLs and empty texts.
  static func randomStore(
    seed: UInt64, accounts accountCount: Int = 40, listings listingCount: Int = 200,
    sparseListingIDs: Bool = false, path: String = ":memory:"
  ) throws -> Database {
    var rng = SplitMix64(seed: seed)
    let db = try Schema.open(path)
    try db.run(
      "INSERT INTO crawls(sha256, path, format, ingested_at) VALUES ('t', 't', 'jsonl', 'now')")
    let crawl = SQLValue.integer(db.lastInsertRowID)
    let markets = ["alpha", "bravo", "charlie"]
    for m in markets {
      try db.run("INSERT INTO markets(market, closed) VALUES (?, NULL)", [.text(m)])
    }
    let handles = ["DutchMagic", "dutch_magic", "Dr4g0n420", "ÖkoShop", "TheRealStore_nl", "x"]
    let words = ["Cocaine", "MDMA", "speed", "Hash", "LSD", "kétamine", "STEALTH", "fast", "EU"]
    let seps = [" - ", " | ", " / ", " – ", " :: ", "***", "!!", " ", ", "]
    let places = ["NL", "DE", "EU", "E", "EU2", "Worldwide", "Österreich", "UK"]
    let observed = ["2020-01-01", "2020-02-01", "2020-03-01"]
    func text(_ n: Int, _ rng: inout SplitMix64) -> String {
      (0..<n).map { _ in
        (rng.int(3) == 0 ? "\(rng.int(50))g " : "") + rng.pick(words) + rng.pick(seps)
      }.joined()
    }
    func maybe(_ v: String, _ rng: inout SplitMix64) -> SQLValue {
      rng.int(4) == 0 ? .null : .text(v)
    }
    func maybe(_ v: Double, _ rng: inout SplitMix64) -> SQLValue {
      rng.int(4) == 0 ? .null : .real(v)
    }
    var accounts: [Int64] = []
    var nextAccount: Int64 = 1
    for k in 0..<accountCount {
      nextAccount += Int64(1 + rng.int(3))
      try db.run(
        "INSERT INTO accounts(account_id, market, vendor) VALUES (?, ?, ?)",
        [.integer(nextAccount), .text(rng.pick(markets)), .text(rng.pick(handles) + "\(k)")])
      accounts.append(nextAccount)
      for day in observed where rng.int(2) == 0 {
        let profile: SQLValue = rng.int(4) == 0 ? .text("") : .text(text(4, &rng))
        try db.run(
          """
          INSERT INTO vendor_observations(account_id, observed, crawl_id, line, profile)
          VALUES (?, ?, ?, 1, ?)
          """, [.integer(nextAccount), .text(day), crawl, profile])
      }
      for f in rng.sample(["AA", "BB", "CC", "DD"], rng.int(3)) {
        try db.run(
          "INSERT INTO account_keys VALUES (?, ?, 'profile', 'd', 'd')",
          [.integer(nextAccount), .text(f)])
      }
    }
    var owners = (0..<listingCount).map { _ in rng.pick(accounts) }
    owners.shuffle(using: &rng)
    for (n, owner) in owners.enumerated() {
      let id = sparseListingIDs ? Int64(n) * 1_000_000_007 + 5 : Int64(n + 1)
      try db.run(
        "INSERT INTO listings(listing_id, market, listing, account_id) VALUES (?, 'm', ?, ?)",
        [.integer(id), .text("l\(n)"), .integer(owner)])
      // Observations inserted newest first half of the time: rowid order is not time order.
      var days = rng.sample(observed, 1 + rng.int(3))
      if rng.int(2) == 0 { days.sort() }
      for day in days {
        let title: SQLValue = rng.int(8) == 0 ? .null : .text(text(1 + rng.int(3), &rng))
        let from: SQLValue = rng.int(5) == 0 ? .text("") : maybe(rng.pick(places), &rng)
        try db.run(
          """
          INSERT INTO listing_observations(listing_id, observed, crawl_id, line, title,
            description, category, price_eur, unit_price_eur, quantity, ships_from)
          VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)
          """,
          [
            .integer(id), .text(day), crawl, title, maybe(text(5, &rng), &rng),
            maybe(rng.pick(["Drugs/Stimulants", "Drugs/Ecstasy", ""]), &rng),
            maybe(Double(1 + rng.int(500)), &rng), maybe(Double(rng.int(30)), &rng),
            maybe(Double(rng.int(10)), &rng), from,
          ])
        for role in ["from", "to", "to", "exclude"] where rng.int(2) == 0 {
          try db.run(
            "INSERT OR IGNORE INTO listing_places VALUES (?, ?, ?, ?)",
            [.integer(id), .text(day), .text(role), .text(rng.pick(places))])
        }
      }
    }
    return db
  }

  @Test(arguments: [1, 2, 3, 4] as [UInt64])
  func matchesTheSortedQueryLoader(seed: UInt64) throws {
    let db = try Self.randomStore(seed: seed)
    try Self.expectSame(EvidenceLoader.load(from: db), ReferenceEvidenceLoader.load(from: db))
  }

  /// Enough accounts for several parallel chunks (at least 256 accounts each).
  @Test func matchesAcrossParallelChunks() throws {
    let db = try Self.randomStore(seed: 7, accounts: 800, listings: 1600)
    try Self.expectSame(EvidenceLoader.load(from: db), ReferenceEvidenceLoader.load(from: db))
  }

  /// In a file, listing places and keys are read on a second connection while listings are
  /// read on the first; in memory there is no second connection, and one reads everything.
  @Test func matchesWhenReadOnTwoConnections() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Self.randomStore(seed: 11, accounts: 300, listings: 900, path: dir.path("e.db"))
    #expect(db.openReader() != nil)
    #expect(try Self.randomStore(seed: 11, accounts: 2, listings: 2).openReader() == nil)
    try Self.expectSame(EvidenceLoader.load(from: db), ReferenceEvidenceLoader.load(from: db))
    let inMemory = try Self.randomStore(seed: 11, accounts: 300, listings: 900)
    #expect(
      try EvidenceLoader.load(from: db).evidenceHash
        == EvidenceLoader.load(from: inMemory).evidenceHash)
  }

  @Test func matchesWithSparseListingIDs() throws {
    let db = try Self.randomStore(seed: 9, sparseListingIDs: true)
    try Self.expectSame(EvidenceLoader.load(from: db), ReferenceEvidenceLoader.load(from: db))
  }

  /// The evidence hash changes for exactly the account whose inputs changed, whichever input
  /// it is, and is the same on every load.
  @Test func evidenceHashFollowsEveryInput() throws {
    let db = try Self.randomStore(seed: 5)
    let before = try EvidenceLoader.load(from: db).evidenceHash
    #expect(try EvidenceLoader.load(from: db).evidenceHash == before)
    let listing = try #require(
      try db.scalarInt(
        "SELECT listing_id FROM listing_places WHERE role = 'to' ORDER BY listing_id LIMIT 1"))
    let owner = try #require(
      try db.scalarInt("SELECT account_id FROM listings WHERE listing_id = ?", [.integer(listing)])
    )
    let edits = [
      "UPDATE listing_observations SET unit_price_eur = 123.5 WHERE listing_id = \(listing)",
      "UPDATE listing_observations SET ships_from = 'Mars' WHERE listing_id = \(listing)",
      "UPDATE listing_observations SET title = 'Other 5g' WHERE listing_id = \(listing)",
      "UPDATE listing_observations SET category = 'New' WHERE listing_id = \(listing)",
      "UPDATE OR IGNORE listing_places SET place = 'Moon' WHERE listing_id = \(listing) AND role = 'to'",
      "INSERT INTO account_keys VALUES (\(owner), 'FF', 'profile', 'd', 'd')",
      "UPDATE accounts SET vendor = 'renamed' WHERE account_id = \(owner)",
    ]
    let row = try #require(try EvidenceLoader.load(from: db).index(ofAccount: owner))
    var previous = before
    for sql in edits {
      try db.execute(sql)
      let now = try EvidenceLoader.load(from: db).evidenceHash
      #expect(now[row] != previous[row], "\(sql)")
      for k in now.indices where k != row { #expect(now[k] == previous[k], "\(sql)") }
      previous = now
    }
  }

  @Test func byteInternerNumbersFirstSeenAndRanksInByteOrder() {
    var interner = ByteInterner()
    let keys = ["EU", "E", "", "NL", "EU", "Österreich", "EU2", "E"] + (0..<200).map { "k\($0)" }
    var ids: [Int32] = []
    for k in keys {
      var k = k
      ids.append(k.withUTF8 { interner.id($0) })
    }
    #expect(ids.prefix(8) == [0, 1, 2, 3, 0, 4, 5, 1])
    #expect(interner.count == 206)
    #expect(interner.string(4) == "Österreich")
    let ranks = interner.byteOrderRanks()
    let byRank = (0..<interner.count).sorted { ranks[$0] < ranks[$1] }.map {
      interner.string(Int32($0))
    }
    #expect(byRank == byRank.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    #expect(byRank.prefix(4) == ["", "E", "EU", "EU2"])
  }

  /// Every field but `evidenceHash`, whose values are not specified.
  static func expectSame(_ a: AccountEvidence, _ b: AccountEvidence) {
    #expect(a.accountIDs == b.accountIDs)
    #expect(a.market == b.market)
    #expect(a.marketNames == b.marketNames)
    #expect(a.marketClosedDay == b.marketClosedDay)
    #expect(a.handles == b.handles)
    #expect(a.handleFolded == b.handleFolded)
    #expect(a.handleCore == b.handleCore)
    #expect(a.keyOffsets == b.keyOffsets)
    #expect(a.keys == b.keys)
    #expect(a.fingerprints == b.fingerprints)
    #expect(a.textOffsets == b.textOffsets)
    #expect(a.textTokens == b.textTokens)
    #expect(a.textWeights == b.textWeights)
    #expect(a.sentenceOffsets == b.sentenceOffsets)
    #expect(a.sentences == b.sentences)
    #expect(a.sentenceWeights == b.sentenceWeights)
    #expect(a.pitchOffsets == b.pitchOffsets)
    #expect(a.pitches == b.pitches)
    #expect(a.productOffsets == b.productOffsets)
    #expect(a.products == b.products)
    #expect(a.productNames == b.productNames)
    #expect(a.priceOffsets == b.priceOffsets)
    #expect(a.priceProduct == b.priceProduct)
    #expect(a.priceLevel == b.priceLevel)
    #expect(a.shipsFrom == b.shipsFrom)
    #expect(a.shipsToOffsets == b.shipsToOffsets)
    #expect(a.shipsTo == b.shipsTo)
    #expect(a.placeNames == b.placeNames)
    #expect(a.firstSeenDay == b.firstSeenDay)
    #expect(a.lastSeenDay == b.lastSeenDay)
    #expect(a.evidenceHash.count == a.count)
    // The store must exercise what is compared.
    #expect(a.count > 0 && !a.products.isEmpty && !a.priceLevel.isEmpty && !a.shipsTo.isEmpty)
    #expect(!a.sentences.isEmpty && !a.pitches.isEmpty)
  }
}
