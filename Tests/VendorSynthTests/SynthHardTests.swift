import Foundation
import Testing
import VendorLink

@testable import VendorSynth

/// The hard world (`vendorlink synth --difficulty hard`): each phenomenon is in the truth with
/// the property it is meant to have, in the crawl files as well as in the truth, and each can
/// be switched off.
@Suite struct SynthHardTests {
  let f = SynthFixture.hard
  typealias Account = SynthFixture.Account

  private func account(_ row: [String: String], _ side: String = "") -> Account {
    Account(market: row["market" + side]!, vendor: row["vendor" + side]!)
  }

  private func details(_ row: [String: String]) -> [String: String] {
    var out: [String: String] = [:]
    for item in (row["details"] ?? "").split(separator: ";") {
      let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
      if kv.count == 2 { out[kv[0]] = kv[1] }
    }
    return out
  }

  private var crawlsOf: [Account: [String]] {
    var out: [Account: Set<String>] = [:]
    for v in f.vendors {
      out[Account(market: v.market, vendor: v.vendor), default: []].insert(v.observed)
    }
    return out.mapValues { $0.sorted() }
  }

  private var operatorOf: [Account: String] {
    Dictionary(uniqueKeysWithValues: f.truthAccounts.map { (account($0), $0["operator_id"]!) })
  }

  /// Country codes an account's listings ship from ("EU" and other labels as they are).
  private func shipsFrom(_ a: Account) -> Set<String> {
    let market = SynthMarket.allCases.first { $0.key == a.market }!
    var out: Set<String> = []
    for l in f.listings where l.market == a.market && l.vendor == a.vendor {
      out.insert(
        SynthCountries.all.first { $0.name(on: market) == l.shipsFrom }?.code ?? l.shipsFrom)
    }
    return out
  }

  @Test func sameSeedGivesIdenticalBytesAndTheSettingsAreRecorded() throws {
    let tmp = FileManager.default.temporaryDirectory.path + "/vl-hard-det-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    try SyntheticCrawl.generate(
      to: tmp, seed: SynthFixture.seed, operators: SynthFixture.hardOperators, settings: .hard)
    let names = try FileManager.default.contentsOfDirectory(atPath: f.directory).sorted()
    #expect(names.count == 13 + 7)
    for name in names {
      let original = FileManager.default.contents(atPath: f.directory + "/" + name)
      #expect(
        original != nil && original == FileManager.default.contents(atPath: tmp + "/" + name),
        "\(name) differs between two runs")
    }
    let world = try SynthFixture.csv(f.directory + "/truth_world.csv")
    #expect(world.first { $0["setting"] == "difficulty" }?["value"] == "hard")
    for p in SynthPhenomenon.allCases {
      #expect(world.first { $0["setting"] == p.rawValue }?["value"] == "on")
    }
  }

  @Test func everyPhenomenonIsInTheTruth() throws {
    let kinds = Set(f.hardNegatives.map { $0["kind"]! })
    #expect(
      kinds == [
        "impersonator", "impersonator_key_pasted", "copycat", "reseller", "common_handle",
        "lookalike",
      ])
    #expect(Set(f.truthPairs.map { $0["evasion"]! }) == ["none", "name", "key", "both"])
    #expect(Set(f.truthPairs.map { $0["pair_type"]! }) == ["cross-market", "same-market"])
    let typed = try String(contentsOfFile: f.directory + "/truth_pairs_typed.csv", encoding: .utf8)
    let pairs = try String(contentsOfFile: f.directory + "/truth_pairs.csv", encoding: .utf8)
    let byName = try String(
      contentsOfFile: f.directory + "/truth_pairs_by_name.csv", encoding: .utf8)
    #expect(typed == pairs && byName == pairs)
    #expect(f.truthAccounts.contains { details($0)["rewritten"] == "true" })
  }

  @Test func evasionSaysWhatChangedAndNameAndKeyChangersShareNeither() {
    var both = 0
    for p in f.truthPairs {
      let (a, b) = (account(p, "_a"), account(p, "_b"))
      let shared = SynthFixture.shareKey(f.keys(of: a), f.keys(of: b))
      let expected =
        switch (a.vendor != b.vendor, !shared) {
        case (false, false): "none"
        case (true, false): "name"
        case (false, true): "key"
        case (true, true): "both"
        }
      #expect(p["evasion"] == expected, "\(a) \(b)")
      #expect(p["pair_type"] == (a.market == b.market ? "same-market" : "cross-market"))
      if p["evasion"] == "both" {
        both += 1
        #expect(a.vendor != b.vendor && !shared)
      }
    }
    #expect(both >= 10)
  }

  @Test func rewrittenAccountsShowTheirRegionLabelAndRepricedMix() {
    var labelled = 0
    for row in f.truthAccounts where details(row)["rewritten"] == "true" {
      let d = details(row)
      let change = Int(d["price_change"]!.dropLast())!
      #expect((10...25).contains(abs(change)), "\(row)")
      let kept = d["products_kept"]!.split(separator: "/").map { Int($0)! }
      #expect(kept[0] >= 1 && kept[0] <= (kept[1] + 1) / 2 + 1)
      if let label = d["ships_from_label"], label != "none" {
        labelled += 1
        #expect(["EU", "Europe", "Worldwide"].contains(label))
        let shown = shipsFrom(account(row))
        #expect(shown.isEmpty || shown == [label], "\(row): \(shown)")
      }
    }
    #expect(labelled > 0)
  }

  @Test func siblingShopsAreOneOperatorLiveTwiceOnOneMarket() {
    let crawls = crawlsOf
    let same = f.truthPairs.filter { $0["pair_type"] == "same-market" }
    #expect(same.count >= 3)
    for p in same {
      let (a, b) = (account(p, "_a"), account(p, "_b"))
      #expect(a.market == b.market && a.vendor.lowercased() != b.vendor.lowercased())
      #expect(operatorOf[a] == operatorOf[b])
      let overlap = Set(crawls[a] ?? []).intersection(crawls[b] ?? [])
      #expect(!overlap.isEmpty, "\(a) and \(b) never live together")
    }
  }

  @Test func impersonatorsOpenAfterTheClosureAndDifferWhereFlagged() {
    let crawls = crawlsOf
    let closed = SynthTimeline.dreamClosed.description
    let rows = f.hardNegatives.filter { $0["kind"]!.hasPrefix("impersonator") }
    #expect(rows.count >= 9)
    var other = 0
    for h in rows {
      let (imp, victim) = (account(h, "_a"), account(h, "_b"))
      let d = details(h)
      #expect(d["victim_market_closed"] == closed)
      let seen = crawls[imp] ?? []
      #expect(!seen.isEmpty && seen.allSatisfy { $0 > closed } && seen.count <= 3)
      #expect(d["first_seen"] == seen.first)
      let shared = SynthFixture.shareKey(f.keys(of: imp), f.keys(of: victim))
      // A pasted key is the victim's (shared with its Dream account at least).
      if h["kind"] == "impersonator_key_pasted" && victim.market == "dream" { #expect(shared) }
      if h["kind"] == "impersonator" { #expect(!shared) }
      if d["ships_from"] == "other" && victim.market == "dream" {
        other += 1
        let mine = shipsFrom(imp)
        #expect(mine.isDisjoint(with: shipsFrom(victim)), "\(imp) \(victim)")
      }
    }
    #expect(other > 0)
    // An exact name is one of the victim's handles (a victim may hold a sibling shop too).
    for (imp, group) in Dictionary(grouping: rows, by: { account($0, "_a") })
    where details(group[0])["name"] == "exact" {
      #expect(group.contains { $0["vendor_b"] == imp.vendor }, "\(imp)")
    }
  }

  @Test func aKeyIsShownByOneOperatorUnlessAnImpersonatorPastedIt() {
    var owner: [String: String] = [:]
    let roles = Dictionary(uniqueKeysWithValues: f.truthAccounts.map { (account($0), $0["role"]!) })
    for (acc, op) in operatorOf.sorted(by: { $0.key.vendor < $1.key.vendor })
    where roles[acc] != "impersonator" {
      for key in f.keys(of: acc) where key.count == 40 {
        if let other = owner[key] { #expect(other == op, "\(key) shown by two operators") }
        owner[key] = op
      }
    }
  }

  @Test func copiesAreWordForWordWhereTheTruthSaysSo() {
    var firstLine: [Account: String] = [:]
    for v in f.vendors {
      firstLine[Account(market: v.market, vendor: v.vendor)] = String(
        v.profile.split(separator: "\n").first ?? "")
    }
    var verbatim = 0
    for kind in ["copycat", "impersonator", "impersonator_key_pasted"] {
      for h in f.hardNegatives where h["kind"] == kind && details(h)["copy"] == "verbatim" {
        let (copier, victim) = (account(h, "_a"), account(h, "_b"))
        guard victim.market == "dream" || kind == "copycat" else { continue }
        let expected = firstLine[victim]?.replacingOccurrences(
          of: victim.vendor, with: copier.vendor)
        if expected == firstLine[copier] { verbatim += 1 }
      }
    }
    #expect(verbatim >= 3)
  }

  @Test func commonHandlesJoinUnrelatedOperatorsUnderOneWord() {
    let planted = f.hardNegatives.filter {
      $0["kind"] == "common_handle" && details($0)["planted"] == "true"
    }
    #expect(planted.count >= 2)
    for h in f.hardNegatives where h["kind"] == "common_handle" {
      let (a, b) = (account(h, "_a"), account(h, "_b"))
      #expect(a.vendor.lowercased() == b.vendor.lowercased())
      #expect(operatorOf[a] != operatorOf[b])
    }
    for h in planted {
      #expect(SynthVocabulary.commonHandles.contains(h["vendor_a"]!.lowercased()))
      #expect(h["market_a"] != h["market_b"])
    }
  }

  @Test func vocabularyIsSharedAndDriftsMonthByMonth() throws {
    // Short generic profiles: one first line used by several unrelated operators.
    var owners: [String: Set<String>] = [:]
    for v in f.vendors {
      let key = Account(market: v.market, vendor: v.vendor)
      owners[String(v.profile.split(separator: "\n").first ?? ""), default: []].insert(
        operatorOf[key]!)
    }
    #expect(owners.values.contains { $0.count >= 5 })
    // A phrase of the month: December's in December's crawl, not in October's.
    let december = try String(
      contentsOfFile: f.directory + "/crawl-2018-12-15.jsonl", encoding: .utf8)
    let october = try String(
      contentsOfFile: f.directory + "/crawl-2019-10-15.jsonl", encoding: .utf8)
    #expect(december.contains("holiday shipping delays"))
    #expect(!october.contains("holiday shipping delays") && october.contains("halloween special"))
  }

  @Test(arguments: [
    ([SynthPhenomenon.impersonators, .copycats], ["impersonator", "copycat"]),
    ([.siblings, .commonHandles], ["planted=true", "common_handle=true", "same-market"]),
    ([.resellers, .lookalikes], ["reseller", "lookalike"]),
  ])
  func phenomenaSwitchOff(off: [SynthPhenomenon], absent: [String]) throws {
    let tmp = FileManager.default.temporaryDirectory.path + "/vl-hard-off-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let settings = try SynthSettings.parse(
      difficulty: .hard, only: nil, without: [off.map(\.rawValue).joined(separator: ",")])
    try SyntheticCrawl.generate(to: tmp, seed: 3, operators: 200, settings: settings)
    let negatives = try String(contentsOfFile: tmp + "/truth_hard_negatives.csv", encoding: .utf8)
    let pairs = try String(contentsOfFile: tmp + "/truth_pairs.csv", encoding: .utf8)
    let accounts = try String(contentsOfFile: tmp + "/truth_accounts.csv", encoding: .utf8)
    for word in absent {
      #expect(!negatives.contains("," + word), "\(word) still planted")
      #expect(!pairs.contains(word) && !accounts.contains(word))
    }
    let world = try SynthFixture.csv(tmp + "/truth_world.csv")
    for p in off { #expect(world.first { $0["setting"] == p.rawValue }?["value"] == "off") }
  }

  @Test func settingsParseNamesAndRejectUnknownOnes() throws {
    let s = try SynthSettings.parse(difficulty: .hard, only: ["siblings,evasion"], without: [])
    #expect(s.phenomena == [.siblings, .evasion])
    let t = try SynthSettings.parse(difficulty: .hard, only: nil, without: ["siblings"])
    #expect(t.phenomena.count == SynthPhenomenon.allCases.count - 1)
    #expect(throws: RuntimeFailure.self) {
      try SynthSettings.parse(difficulty: .hard, only: nil, without: ["telepathy"])
    }
    #expect(throws: RuntimeFailure.self) {
      try SynthSettings.parse(difficulty: .standard, only: nil, without: ["siblings"])
    }
  }
}
