import Foundation
import Testing

@testable import VendorLink

@Suite struct IngestTests {
  static let crawl1 = """
    {"kind":"market","market":"dream","name":"Dream Market","closed":"2019-04-30","closure":"voluntary"}
    {"kind":"rate","date":"2019-01-10","currency":"BTC","usd":3600.5,"eur":3150.2}
    {"kind":"vendor","market":"dream","observed":"2019-01-15","vendor":"DutchMagic","profile":"hi","pgp":"0123456789ABCDEF0123456789ABCDEF01234567","sales":1234,"rating":4.93,"color":"red"}
    {"kind":"listing","market":"dream","observed":"2019-01-15","listing":"dm-1","vendor":"DutchMagic","title":"100g MDMA","price":{"amount":0.01,"currency":"BTC"},"ships_from":"Netherlands","ships_to":["Europe"],"excludes":["USA"]}
    {"kind":"feedback","market":"dream","observed":"2019-01-15","listing":"dm-1","vendor":"DutchMagic","date":"2019-01-12","rating":5,"text":"fast"}
    {"kind":"feedback","market":"dream","observed":"2019-01-15","listing":"dm-1","vendor":"DutchMagic","date":"2019-01-12","rating":5,"text":"fast"}
    """
  /// The next month: the same listing at a new price, the same two feedbacks seen again plus one.
  static let crawl2 = """
    {"kind":"rate","date":"2019-02-10","currency":"BTC","usd":3700,"eur":3200}
    {"kind":"listing","market":"dream","observed":"2019-02-15","listing":"dm-1","vendor":"DutchMagic","title":"100g MDMA","price":{"amount":0.02,"currency":"BTC"},"ships_from":"Belgium"}
    {"kind":"feedback","market":"dream","observed":"2019-02-15","listing":"dm-1","vendor":"DutchMagic","date":"2019-01-12","rating":5,"text":"fast"}
    {"kind":"feedback","market":"dream","observed":"2019-02-15","listing":"dm-1","vendor":"DutchMagic","date":"2019-01-12","rating":5,"text":"fast"}
    {"kind":"feedback","market":"dream","observed":"2019-02-15","listing":"dm-1","vendor":"DutchMagic","date":"2019-02-11","rating":4,"text":"ok"}
    """

  func counts(_ db: Database) throws -> [Int64] {
    try [
      "accounts", "vendor_observations", "listings", "listing_observations", "feedback", "rates",
      "crawls", "rejects",
    ]
    .map { try db.scalarInt("SELECT COUNT(*) FROM \($0)") ?? -1 }
  }

  @Test func importingTheSameCrawlTwiceChangesNothing() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("db.sqlite"))
    let file = try dir.write("c1.jsonl", Self.crawl1)
    let first = try Ingester(db: db).ingest(path: file, options: IngestOptions())
    #expect(first.status == .imported && first.records == 6 && first.rejected == 0)
    let before = try counts(db)
    let second = try Ingester(db: db).ingest(path: file, options: IngestOptions())
    #expect(second.status == .alreadyImported)
    #expect(try counts(db) == before)
    // A copy under another name is the same crawl.
    let copy = try dir.write("copy.jsonl", Self.crawl1)
    #expect(
      try Ingester(db: db).ingest(path: copy, options: IngestOptions()).status == .alreadyImported)
  }

  @Test func aLaterCrawlAddsHistoryAndCountsEachSaleOnce() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("db.sqlite"))
    for (name, text) in [("c1.jsonl", Self.crawl1), ("c2.jsonl", Self.crawl2)] {
      _ = try Ingester(db: db).ingest(path: try dir.write(name, text), options: IngestOptions())
    }
    #expect(try db.scalarInt("SELECT COUNT(*) FROM listing_observations") == 2)
    // Two identical feedbacks on one day are two sales; seeing them again is not.
    #expect(try db.scalarInt("SELECT COUNT(*) FROM feedback") == 3)
    let window = try db.query("SELECT first_seen, last_seen FROM accounts")
    #expect(window.first == [.text("2019-01-15"), .text("2019-02-15")])
    let from = try db.query(
      "SELECT observed, ships_from FROM listing_observations ORDER BY observed")
    #expect(from.map { $0[1] } == [.text("NL"), .text("BE")])
    // Listing converted at its day's rate (nearest earlier).
    let usd = try db.scalar(
      "SELECT price_usd FROM listing_observations WHERE observed = '2019-02-15'")
    #expect(abs((usd?.doubleValue ?? 0) - 0.02 * 3700) < 1e-9)
    // A sale is priced at the listing's price on or before its day, at that day's rate.
    let sale = try db.scalar("SELECT price_usd FROM feedback WHERE date = '2019-02-11'")
    #expect(abs((sale?.doubleValue ?? 0) - 0.01 * 3700) < 1e-9)
    let keys = try db.query("SELECT fingerprint, source FROM account_keys")
    #expect(keys == [[.text("0123456789ABCDEF0123456789ABCDEF01234567"), .text("fingerprint")]])
    #expect(try db.scalar("SELECT extra FROM vendor_observations") == .text(#"{"color":"red"}"#))
  }

  @Test func aMalformedLineIsNamedAndSkippedWithEverythingElseKept() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("db.sqlite"))
    var lines = Self.crawl1.split(separator: "\n").map(String.init)
    lines.insert(
      #"{"kind":"listing","market":"dream","observed":"2019-01-15","vendor":"x"}"#, at: 3)
    lines.insert(#"{"kind":"listing", oops"#, at: 2)
    let file = try dir.write("bad.jsonl", lines.joined(separator: "\n"))
    let s = try Ingester(db: db).ingest(path: file, options: IngestOptions(onError: .skip))
    #expect(s.records == 6 && s.rejected == 2)
    #expect(s.firstErrors.map(\.line) == [3, 5])
    #expect(s.firstErrors.last?.field == "listing")
    #expect(s.firstErrors.first?.description.hasPrefix("\(file):3: invalid JSON") == true)
    let rejects = try db.query("SELECT line, field FROM rejects ORDER BY line")
    #expect(rejects == [[.integer(3), .null], [.integer(5), .text("listing")]])
  }

  @Test func abortRollsBackTheCrawlAndKeepsEarlierData() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("db.sqlite"))
    _ = try Ingester(db: db).ingest(
      path: try dir.write("c1.jsonl", Self.crawl1), options: IngestOptions())
    let before = try counts(db)
    var lines = Self.crawl2.split(separator: "\n").map(String.init)
    lines.insert(
      #"{"kind":"feedback","market":"dream","observed":"2019-02-15","vendor":"DutchMagic","date":"someday"}"#,
      at: 2)
    let bad = try dir.write("c2.jsonl", lines.joined(separator: "\n"))
    do {
      _ = try Ingester(db: db).ingest(path: bad, options: IngestOptions(onError: .abort))
      Issue.record("expected a rejection")
    } catch let e as InputRejected {
      #expect(
        e.errors.first
          == InputError(file: bad, line: 3, field: "date", message: e.errors.first!.message))
    }
    #expect(try counts(db) == before)
    // Once fixed, the crawl imports.
    let fixed = try dir.write("c2-fixed.jsonl", Self.crawl2)
    #expect(
      try Ingester(db: db).ingest(path: fixed, options: IngestOptions(onError: .abort)).records == 5
    )
  }

  @Test(arguments: [
    ("2019-01-15", true), ("2020-02-29", true), ("2019-02-29", false), ("1900-02-29", false),
    ("2000-02-29", true), ("2019-04-31", false), ("2019-13-01", false), ("2019-00-10", false),
    ("2019-1-15", false), ("2019/01/15", false), ("20190115xx", false),
  ])
  func plainISODaysAreCheckedForRealDates(text: String, valid: Bool) {
    #expect(RecordDecoder.isPlainISODay(text) == valid)
  }

  @Test func unknownKindsAndMissingKeysAreFieldErrors() throws {
    let cases: [(String, String?)] = [
      (#"{"kind":"auction"}"#, "kind"),
      (#"{"market":"x"}"#, "kind"),
      (#"{"kind":"vendor","market":"m","observed":"2019-01-01"}"#, "vendor"),
      (#"{"kind":"vendor","market":"m","vendor":"v","observed":"yesterday-ish"}"#, "observed"),
      (
        #"{"kind":"listing","market":"m","observed":"2019-01-01","listing":"l","vendor":"v","price":5}"#,
        "price"
      ),
      (
        #"{"kind":"listing","market":"m","observed":"2019-01-01","listing":"l","vendor":"v","price":{"amount":-1,"currency":"BTC"}}"#,
        "price.amount"
      ),
      (#"{"kind":"rate","date":"2019-01-01","currency":"BTC"}"#, "usd"),
      (#"{"kind":"vendor","market":"m","vendor":"  ","observed":"2019-01-01"}"#, "vendor"),
      (#"[1,2]"#, nil),
      // Found by the fuzzer: a whole number beyond Int64 where a string is expected (it
      // trapped converting to Int64; now it is read as the text "5.861006e+19").
      (#"{"kind":5861006e13}"#, "kind"),
    ]
    for (text, field) in cases {
      do {
        _ = try RecordDecoder.decode(try JSONParser.parse(text))
        Issue.record("accepted: \(text)")
      } catch let e as FieldError {
        #expect(e.field == field, "\(text)")
      }
    }
  }
}

@Suite struct IngestKeyTests {
  /// A long key ID ("0x…") names the fingerprint an earlier account showed in full.
  @Test func longKeyIDsResolveToKnownFingerprints() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("db.sqlite"))
    let fpr = "0123456789ABCDEF0123456789ABCDEF01234567"
    let text = """
      {"kind":"vendor","market":"dream","observed":"2019-01-01","vendor":"A","pgp":"\(fpr)"}
      {"kind":"vendor","market":"wsm","observed":"2019-06-01","vendor":"B","pgp":"0x89ABCDEF01234567"}
      {"kind":"vendor","market":"wsm","observed":"2019-06-01","vendor":"C","pgp":"0xFEDCBA9876543210"}
      """
    _ = try Ingester(db: db).ingest(path: try dir.write("k.jsonl", text), options: IngestOptions())
    let rows = try db.query(
      "SELECT a.vendor, k.fingerprint, k.source FROM account_keys k JOIN accounts a USING (account_id) ORDER BY 1"
    )
    #expect(
      rows == [
        [.text("A"), .text(fpr), .text("fingerprint")],
        [.text("B"), .text(fpr), .text("key-id")],
        [.text("C"), .text("FEDCBA9876543210"), .text("key-id")],
      ])
  }

  /// A real key block pasted in a profile with its newlines collapsed (as scrapes do) is
  /// found, stored once, and linked to both accounts that show it.
  @Test func keysInProfilesAreStoredAndShared() throws {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
    url.appendPathComponent("OpenPGPKeysTests/Fixtures/eddsa-ed25519-cv25519")
    let armored = try String(contentsOfFile: url.path + ".asc", encoding: .utf8)
    let colons = try String(contentsOfFile: url.path + ".colons", encoding: .utf8)
    let expected = colons.split(separator: "\n").first { $0.hasPrefix("fpr:") }!
      .split(separator: ":", omittingEmptySubsequences: false)[9]
    let mangled = armored.replacingOccurrences(of: "\n", with: " ")
    func vendor(_ market: String, _ name: String, _ field: String) -> String {
      var out = ""
      JSONValue.object([
        ("kind", .string("vendor")), ("market", .string(market)),
        ("observed", .string("2019-03-01")), ("vendor", .string(name)),
        (field, .string("Welcome! My key: " + mangled + " PGP only.")),
      ]).write(to: &out)
      return out
    }
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("db.sqlite"))
    let file = try dir.write(
      "k.jsonl",
      [vendor("dream", "Alpha", "profile"), vendor("wsm", "Alpha2", "pgp")].joined(separator: "\n"))
    _ = try Ingester(db: db).ingest(path: file, options: IngestOptions(onError: .abort))
    let linked = try db.query(
      "SELECT a.market, k.source FROM account_keys k JOIN accounts a USING (account_id) WHERE fingerprint = ? ORDER BY 1",
      [.text(String(expected))])
    #expect(linked == [[.text("dream"), .text("profile")], [.text("wsm"), .text("pgp")]])
    #expect(
      try db.scalarInt("SELECT COUNT(*) FROM pgp_keys WHERE primary_fingerprint IS NULL") == 1)
    let subkeys = colons.split(separator: "\n").filter { $0.hasPrefix("sub:") }.count
    #expect(
      try db.scalarInt(
        "SELECT COUNT(*) FROM pgp_keys WHERE primary_fingerprint = ?", [.text(String(expected))])
        == Int64(subkeys))
  }
}

@Suite struct ShipsToTests {
  @Test(arguments: [
    ("Worldwide", ["Worldwide"], [String]()),
    ("everywhere but Australia", ["Worldwide"], ["AU"]),
    ("We do not ship to USA / Canada", ["Worldwide"], ["CA", "US"]),
    ("EU", ["EU"], []),
  ])
  func destinationsAndExclusionsAreSplit(raw: String, to: [String], excludes: [String]) {
    let parsed = ShipsToParser.parse(raw)
    #expect(parsed.to.map(\.code).sorted() == to.sorted(), "\(raw)")
    #expect(parsed.excludes.map(\.code).sorted() == excludes.sorted(), "\(raw)")
  }
}
