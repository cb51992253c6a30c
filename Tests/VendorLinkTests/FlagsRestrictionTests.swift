import Foundation
import Testing

@testable import VendorLink

@Suite struct FlagsRestrictionTests {
  let reader = RestrictionText()

  @Test func readsRefusalPhrases() {
    let table: [(String, [String], [String])] = [
      ("No US", ["US"], []),
      ("not shipping to NL", ["NL"], []),
      ("EU only", [], ["EU"]),
      ("no Anglo countries", ["AU", "CA", "GB", "NZ", "US"], []),
      ("We don't ship to Australia or Canada.", ["AU", "CA"], []),
      ("NO USA/UK/AUS!!", ["AU", "GB", "US"], []),
      ("Shipping worldwide except the Netherlands and Sweden", ["NL", "SE"], []),
      ("we do not ship to the United States of America", ["US"], []),
      ("Ships to Europe only", [], ["Europe"]),
      ("no shipping outside of the EU", [], ["EU"]),
      ("only ship to EU", [], ["EU"]),
      ("No Anglo-Saxon countries, sorry", ["AU", "CA", "GB", "NZ", "US"], []),
      ("no non-EU orders", [], ["EU"]),
      ("Excluding: Scandinavia, Australia", ["AU", "Nordics"], []),
      ("NO US, NL", ["NL", "US"], []),
      ("no new zealand", ["NZ"], []),
      ("Shipping to EU Only", [], ["EU"]),
      ("We ship to Europe only please", [], ["Europe"]),
    ]
    for (text, excluded, only) in table {
      let found = reader.read(text)
      #expect(found.excluded == excluded, "\(text)")
      #expect(found.only == only, "\(text)")
    }
  }

  @Test func ordinaryProseRefusesNothing() {
    let texts = [
      "Contact us for bulk orders. No refunds on reships.",
      "Ships from NL only", "Top quality MDMA from the Netherlands, next day delivery",
      "no it is not possible", "NO BS, NO PM, just quality", "Only the best from Belgium",
      "Stealth shipping to US and EU", "100g MDMA 84% - free shipping EU",
      "not responsible for customs", "do not finalize early",
      "Shipping to France Only PGP encrypted messages please", "No FE unless 100+ sales",
      "Wrong address = no refund", "Reship only with proof",
    ]
    for t in texts { #expect(reader.read(t).isEmpty, "\(t)") }
  }

  /// Property: the byte prefilter keeps every text the reader finds a refusal in (it may keep
  /// more). Random texts are built from refusal phrases and filler, in random case.
  @Test func prefilterNeverDropsARefusal() throws {
    var rng = SplitMix64(seed: 7)
    let parts = [
      "No US", "EU only", "not to NL", "we don't ship to Canada", "except Sweden", "quality",
      "stealth", "Europe", "PostNL", "no refunds", "NL", "fast", "outside EU", "excl. UK",
      "Never to AU", "without Norway", "cannot ship to DE", "no non-EU", "wont ship to USA",
      "We don’t ship to Canada", "NO US", "Europe only", "outside of Europe",
    ]
    for _ in 0..<300 {
      let text = (0..<Int.random(in: 1...5, using: &rng)).map { _ in
        parts.randomElement(using: &rng)!
      }.joined(separator: Bool.random(using: &rng) ? ". " : " ")
      let cased = Bool.random(using: &rng) ? text.uppercased() : text
      if !reader.read(cased).isEmpty { #expect(RefusalPrefilter.mayRefuse(cased), "\(cased)") }
    }
    #expect(!RefusalPrefilter.mayRefuse("Top quality MDMA, stealth shipping"))
    #expect(RefusalPrefilter.mayRefuse("We DON’T ship to AU"))
  }

  @Test func detectorMergesFieldsAndText() throws {
    let f = try FlagsFixture()
    let a = try f.account("dream", "refuser")
    let l = try f.listing(a, "l1")
    try f.observe(l, on: "2019-01-15", from: ["BE"], exclude: ["US"], title: "MDMA 1g")
    try f.observe(
      l, on: "2019-02-15", from: ["BE"], exclude: ["US"],
      description: "No Anglo countries. Not shipping to NL.")
    try f.profile(a, on: "2019-02-15", "EU only, sorry")
    let quiet = try f.account("dream", "quiet")
    try f.observe(try f.listing(quiet, "q"), on: "2019-01-15", from: ["NL"], title: "no refunds")

    try Flagger.run(
      db: f.db,
      options: {
        var o = FlagOptions(); o.kinds = [.restriction]; return o
      }())
    let flags = try f.flags(.restriction)
    #expect(flags.map(\.account) == [a])
    let d = try #require(flags.first).details
    #expect(d.contains(#""countries":["AU","CA","GB","NL","NZ","US"]"#))
    #expect(d.contains(#""US":["field","text"]"#))
    #expect(d.contains(#""only":["EU"]"#))
    #expect(flags.first?.score == 7)
  }
}

/// Issue 14: a restriction flag's evidence names the listing each refusal was read in,
/// instead of merging two listings' texts into one line.
@Suite struct RestrictionEvidenceTests {
  @Test func eachRefusalNamesItsListing() throws {
    var r = RestrictionDetector.Refusals()
    r.add(excluded: ["US"], source: "text", in: "listing a")
    r.add(excluded: ["US", "AU"], source: "text", in: "listing b")
    r.add(only: ["EU"], source: "text", in: "profile")
    for l in ["c", "d", "e"] { r.add(excluded: ["CA"], source: "field", in: "listing " + l) }
    r.add(excluded: ["CA"], source: "field", in: "listing f")
    let flag = try #require(RestrictionDetector.flags([7: r]).first)
    let json = flag.details
    #expect(json.contains(#""US":["listing a","listing b"]"#))
    #expect(json.contains(#""AU":["listing b"]"#))
    #expect(json.contains(#""only:EU":["profile"]"#))
    #expect(json.contains(#""CA":["listing c","listing d","listing e","… 1 more"]"#))
  }
}
