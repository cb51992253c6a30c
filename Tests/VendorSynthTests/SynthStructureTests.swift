import Foundation
import Testing

@testable import VendorSynth

/// What `vendorlink synth` plants must really be in the files it writes, and the truth files
/// must describe exactly those files.
@Suite struct SynthStructureTests {
  let f = SynthFixture.shared

  private func account(_ row: [String: String], _ side: String = "") -> SynthFixture.Account {
    SynthFixture.Account(market: row["market" + side]!, vendor: row["vendor" + side]!)
  }

  private var observedAccounts: Set<SynthFixture.Account> {
    Set(f.vendors.map { SynthFixture.Account(market: $0.market, vendor: $0.vendor) })
  }

  @Test func sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws {
    let tmp = FileManager.default.temporaryDirectory.path + "/vl-synth-det-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    try SyntheticCrawl.generate(
      to: tmp + "/a", seed: SynthFixture.seed, operators: SynthFixture.operators)
    try SyntheticCrawl.generate(
      to: tmp + "/b", seed: SynthFixture.seed + 1, operators: SynthFixture.operators)
    let names = try FileManager.default.contentsOfDirectory(atPath: f.directory).sorted()
    #expect(names.count == 13 + 6)
    var differing = 0
    for name in names {
      let original = FileManager.default.contents(atPath: f.directory + "/" + name)
      let again = FileManager.default.contents(atPath: tmp + "/a/" + name)
      #expect(original != nil && original == again, "\(name) differs between two runs")
      if FileManager.default.contents(atPath: tmp + "/b/" + name) != original { differing += 1 }
    }
    #expect(differing >= 13)
  }

  @Test func everyRecordKindIsPresentAndMarketsCloseAsPlanned() {
    for kind in ["market", "rate", "vendor", "listing", "feedback"] {
      #expect(f.kinds[kind, default: 0] > 0, "no \(kind) records")
    }
    #expect(f.kinds["market"] == 3 * 13)
    let lastDream = SynthTimeline.crawls[SynthTimeline.lastDreamCrawl].description
    #expect(f.vendors.filter { $0.market == "dream" }.allSatisfy { $0.observed <= lastDream })
    #expect(Set(f.vendors.map(\.market)) == ["dream", "wsm", "empire"])
  }

  @Test func feedbackRefersToAListingOfTheSameCrawlAndIsPricedByItsOwnFile() {
    var listed: Set<String> = []
    for l in f.listings { listed.insert("\(l.market)|\(l.observed)|\(l.listing)|\(l.vendor)") }
    for fb in f.feedback {
      #expect(listed.contains("\(fb.market)|\(fb.observed)|\(fb.listing)|\(fb.vendor)"))
      #expect(fb.date <= fb.observed)
      #expect(
        f.rateFile[fb.date] == f.fileOf[fb.observed], "feedback date without a rate in its file")
    }
    // Every BTC rate has its EUR/USD twin, and they agree.
    #expect(Set(f.eurRates.keys) == Set(f.rates.keys))
    for (day, btc) in f.rates {
      #expect(abs(f.eurRates[day]! - btc.usd / btc.eur) < 0.0001)
    }
    // Listing ids are unique per market and crawl.
    var seen: Set<String> = []
    for l in f.listings { #expect(seen.insert("\(l.market)|\(l.observed)|\(l.listing)").inserted) }
  }

  @Test func truthPairsJoinAccountsOfOneOperatorOnDifferentMarkets() throws {
    var operatorOf: [SynthFixture.Account: String] = [:]
    for row in f.truthAccounts { operatorOf[account(row)] = row["operator_id"]! }
    #expect(
      Set(operatorOf.keys) == observedAccounts,
      "truth_accounts must list exactly the crawled accounts")
    #expect(!f.truthPairs.isEmpty)
    for p in f.truthPairs {
      let (a, b) = (account(p, "_a"), account(p, "_b"))
      #expect(a.market != b.market)
      #expect(operatorOf[a] != nil && operatorOf[a] == operatorOf[b])
    }
    // Every pair of one operator's accounts is listed.
    var byOperator: [String: Int] = [:]
    for (_, op) in operatorOf { byOperator[op, default: 0] += 1 }
    #expect(f.truthPairs.count == byOperator.values.map { $0 * ($0 - 1) / 2 }.reduce(0, +))
    let byName = try String(
      contentsOfFile: f.directory + "/truth_pairs_by_name.csv", encoding: .utf8)
    let pairs = try String(contentsOfFile: f.directory + "/truth_pairs.csv", encoding: .utf8)
    #expect(byName == pairs && byName.hasPrefix("market_a,vendor_a,market_b,vendor_b,alias_type\n"))
  }

  @Test func noOperatorHoldsTwoAccountsOnOneMarket() {
    var seen: Set<String> = []
    for row in f.truthAccounts {
      #expect(seen.insert(row["operator_id"]! + "|" + row["market"]!).inserted)
    }
    // Impersonators are operators of their own, with one account each.
    let impostors = f.truthAccounts.filter { $0["alias_type"] == "impersonator" }
    #expect(!impostors.isEmpty)
    #expect(impostors.allSatisfy { $0["role"] == "impersonator" })
  }

  @Test func aliasTypesSayWhatChangedBetweenThePair() {
    var counts: [String: Int] = [:]
    for p in f.truthPairs {
      let (a, b) = (account(p, "_a"), account(p, "_b"))
      let type = p["alias_type"]!
      counts[type, default: 0] += 1
      let shared = SynthFixture.shareKey(f.keys(of: a), f.keys(of: b))
      let sameName = a.vendor == b.vendor
      switch type {
      case "unchanged": #expect(sameName && shared, "\(a) \(b)")
      case "key_changed_only": #expect(sameName && !shared, "\(a) \(b)")
      case "name_mut":
        #expect(!sameName && shared && SynthPlanner.related(a.vendor, b.vendor), "\(a) \(b)")
      case "renamed_key_kept": #expect(!sameName && shared, "\(a) \(b)")
      case "renamed_new_key": #expect(!sameName && !shared, "\(a) \(b)")
      default: Issue.record("unknown alias type \(type)")
      }
    }
    #expect(counts["unchanged", default: 0] > 0 && counts["key_changed_only", default: 0] > 0)
    #expect(counts["renamed_new_key", default: 0] + counts["name_mut", default: 0] > 0)
  }

  @Test func onlyImpersonatorsShowAnotherOperatorsKey() {
    var operatorOf: [SynthFixture.Account: (String, String)] = [:]
    for row in f.truthAccounts { operatorOf[account(row)] = (row["operator_id"]!, row["role"]!) }
    var owner: [String: String] = [:]
    var pasted = 0
    for (acc, (op, role)) in operatorOf.sorted(by: { $0.key.vendor < $1.key.vendor })
    where role != "impersonator" {
      for key in f.keys(of: acc) where key.count == 40 {
        if let other = owner[key] { #expect(other == op, "key shared by two operators") }
        owner[key] = op
      }
    }
    for (acc, (op, role)) in operatorOf where role == "impersonator" {
      for key in f.keys(of: acc) where owner[key] != nil && owner[key] != op { pasted += 1 }
    }
    #expect(pasted > 0, "some impersonator pastes its victim's key")
    #expect(f.vendors.contains { $0.pgp?.contains("BEGIN PGP PUBLIC KEY BLOCK") ?? false })
  }

  private func shipsFromPerCrawl() -> [SynthFixture.Account: [String: Set<String>]] {
    var out: [SynthFixture.Account: [String: Set<String>]] = [:]
    for l in f.listings {
      out[SynthFixture.Account(market: l.market, vendor: l.vendor), default: [:]][
        l.observed, default: []
      ]
      .insert(l.shipsFrom)
    }
    return out
  }

  @Test func multiLocationFlagsAreExactlyTheAccountsShippingFromTwoCountriesInOneCrawl() {
    let flagged = Set(f.truthFlags.filter { $0["kind"] == "multi-location" }.map { account($0) })
    let actual = Set(shipsFromPerCrawl().filter { $0.value.values.contains { $0.count > 1 } }.keys)
    #expect(!flagged.isEmpty)
    #expect(flagged == actual)
    // The study's Belgian cases are planted: NL+BE on one account.
    #expect(
      f.truthFlags.contains { $0["kind"] == "multi-location" && $0["details"]!.contains("BE+NL") })
  }

  @Test func movedFlagsMatchAChangeOfCountryBetweenCrawls() {
    let per = shipsFromPerCrawl()
    let moved = f.truthFlags.filter { $0["kind"] == "moved" }
    #expect(!moved.isEmpty)
    for m in moved {
      let d = Dictionary(
        uniqueKeysWithValues: m["details"]!.split(separator: ";").map {
          let kv = $0.split(separator: "=")
          return (String(kv[0]), String(kv[1]))
        })
      let crawls = per[account(m)]!
      let before = crawls[d["last_before"]!]!
      let after = crawls[d["first_after"]!]!
      #expect(before.count == 1 && after.count == 1 && before != after)
    }
    #expect(moved.contains { $0["details"]!.hasPrefix("from=NL;to=BE") })
    #expect(moved.contains { $0["details"]!.hasPrefix("from=BE;to=DE") })
  }

  @Test func wholesaleListingsAndOnlyThoseExceedUSD1000AtTheDaysRate() {
    let wholesale = Set(
      f.truthFlags.filter { $0["kind"] == "wholesale" }.map { $0["listing"]! + "@" + $0["market"]! }
    )
    #expect(!wholesale.isEmpty)
    for l in f.listings {
      let usd = f.usd(l)
      if wholesale.contains(l.listing + "@" + l.market) {
        #expect(usd > 1000, "\(l.listing) is flagged wholesale at \(usd) USD")
      } else {
        #expect(usd < 1000, "\(l.listing) is over USD 1000 without a flag")
      }
    }
  }

  @Test func priceOutliersAreFarFromTheirCategorysUnitPrices() {
    var plan = SynthPlanner(seed: SynthFixture.seed, operators: SynthFixture.operators)
    plan.build()
    var unit: [Int: [Double]] = [:]
    var outliers: [ListingPlan] = []
    for l in plan.accounts.flatMap(\.listings) {
      if case .outlier = l.kind {
        outliers.append(l)
      } else if l.kind == .retail {
        unit[l.product, default: []].append(l.usd / l.quantity)
      }
    }
    #expect(!outliers.isEmpty)
    let flagged = Set(f.truthFlags.filter { $0["kind"] == "price-outlier" }.map { $0["listing"]! })
    for l in outliers {
      #expect(flagged.contains(l.id))
      let sorted = unit[l.product, default: []].sorted()
      guard !sorted.isEmpty else { continue }
      let median = sorted[sorted.count / 2]
      let ratio = (l.usd / l.quantity) / median
      // Planted 8–20× off; bulk discounts and vendor price levels move the median by < 2×.
      #expect(ratio > 4 || ratio < 0.25, "\(l.id) ratio \(ratio)")
    }
    // And ordinary retail lots stay within 4x of it either way, so a threshold separates them.
    for l in plan.accounts.flatMap(\.listings) where l.kind == .retail {
      let sorted = unit[l.product, default: []].sorted()
      let ratio = (l.usd / l.quantity) / sorted[sorted.count / 2]
      #expect(ratio < 4 && ratio > 0.25, "\(l.id) ratio \(ratio)")
    }
  }

  @Test func migrantsAreExactlyDreamOperatorsNewAccountsWithinTwelveWeeks() {
    var operatorOf: [SynthFixture.Account: String] = [:]
    var role: [SynthFixture.Account: String] = [:]
    for row in f.truthAccounts {
      operatorOf[account(row)] = row["operator_id"]!
      role[account(row)] = row["role"]!
    }
    let dreamOperators = Set(operatorOf.filter { $0.key.market == "dream" }.values)
    var firstSeen: [SynthFixture.Account: String] = [:]
    for v in f.vendors {
      let a = SynthFixture.Account(market: v.market, vendor: v.vendor)
      firstSeen[a] = min(firstSeen[a] ?? v.observed, v.observed)
    }
    let closed = SynthTimeline.dreamClosed
    let limit = (closed + SynthTimeline.migrantWindowDays).description
    let expected = Set(
      firstSeen.filter { a, seen in
        a.market != "dream" && seen > closed.description && seen <= limit
          && dreamOperators.contains(operatorOf[a]!)
      }.keys)
    let flagged = Set(f.truthFlags.filter { $0["kind"] == "migrant" }.map { account($0) })
    #expect(!flagged.isEmpty)
    #expect(flagged == expected)
    // Impersonators appear in the same window without being migrants: hard negatives.
    #expect(role.contains { $0.value == "impersonator" && !flagged.contains($0.key) })
  }

  @Test func hardNegativesLookAlikeButBelongToDifferentOperators() {
    var operatorOf: [SynthFixture.Account: String] = [:]
    for row in f.truthAccounts { operatorOf[account(row)] = row["operator_id"]! }
    let kinds = Set(f.hardNegatives.map { $0["kind"]! })
    #expect(kinds == ["impersonator", "reseller", "lookalike"])
    let titles = Dictionary(
      grouping: f.listings, by: { SynthFixture.Account(market: $0.market, vendor: $0.vendor) }
    )
    .mapValues { Set($0.map(\.title)) }
    for h in f.hardNegatives {
      let (a, b) = (account(h, "_a"), account(h, "_b"))
      #expect(operatorOf[a] != nil && operatorOf[b] != nil && operatorOf[a] != operatorOf[b])
      switch h["kind"] {
      case "lookalike": #expect(SynthPlanner.related(a.vendor, b.vendor), "\(a.vendor) \(b.vendor)")
      default: break
      }
    }
    // Resellers and impersonators copy titles word for word from the other operator.
    for kind in ["reseller", "impersonator"] {
      let copied = f.hardNegatives.filter { $0["kind"] == kind }.contains { h in
        !(titles[account(h, "_a")] ?? []).isDisjoint(with: titles[account(h, "_b")] ?? [])
      }
      #expect(copied, "no \(kind) copies titles")
    }
  }

  @Test func salesLookLikeTheStudys() {
    var price: [String: Double] = [:]
    for l in f.listings { price["\(l.market)|\(l.observed)|\(l.listing)"] = f.usd(l) }
    let eur = f.feedback.map { fb in
      price["\(fb.market)|\(fb.observed)|\(fb.listing)"]! * f.rates[fb.observed]!.eur
        / f.rates[fb.observed]!.usd
    }
    let mean = eur.reduce(0, +) / Double(eur.count)
    let under200 = Double(eur.filter { $0 < 200 }.count) / Double(eur.count)
    #expect(mean > 50 && mean < 100, "mean sale \(mean) EUR")
    #expect(under200 > 0.85, "share under 200 EUR \(under200)")
  }
}
