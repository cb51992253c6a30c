import Foundation

/// Writes one crawl file per crawl day: the three market records, the daily BTC and EUR
/// rates since the previous crawl, then every open market's vendor, listing and feedback observations.
/// While writing, it records where each account shipped from, so that the truth about
/// multi-location shippers and moves describes exactly what the files contain.
struct CrawlEmitter {
  let seed: UInt64
  let plan: SynthPlanner
  let rates: BitcoinRates
  let text: SynthText
  /// Accounts per market, in plan order.
  let byMarket: [[Int]]
  private(set) var counts: [String: Int] = [:]
  /// Feedback seen so far per account (adds to its `sales` counter).
  private var salesSoFar: [Int]
  /// Per account: country codes shipped from at each crawl it was observed.
  private(set) var shippedFrom: [[(crawl: Int, codes: [String])]]
  /// Cached profiles (rendered once; the same text at every crawl).
  private var profiles: [String?]
  /// Cached listing texts per account (title, description): rendering is most of the cost,
  /// and the plan already bounds memory by its size, not by the output's.
  private var listingTexts: [[(title: String, description: String)]?]

  init(seed: UInt64, plan: SynthPlanner, rates: BitcoinRates) {
    self.seed = seed
    self.plan = plan
    self.rates = rates
    text = SynthText(seed: seed, operators: plan.writers, settings: plan.settings)
    var groups: [[Int]] = [[], [], []]
    for a in plan.accounts { groups[a.market.rawValue].append(a.index) }
    byMarket = groups
    salesSoFar = Array(repeating: 0, count: plan.accounts.count)
    shippedFrom = Array(repeating: [], count: plan.accounts.count)
    profiles = Array(repeating: nil, count: plan.accounts.count)
    listingTexts = Array(repeating: nil, count: plan.accounts.count)
  }

  static func fileName(_ crawl: Int) -> String { "crawl-\(SynthTimeline.crawls[crawl]).jsonl" }

  mutating func write(crawl c: Int, to writer: SynthFileWriter) throws {
    var e = JSONLineEncoder()
    for m in SynthMarket.allCases {
      e.beginObject()
      e.field("kind", "market")
      e.field("market", m.key)
      e.field("name", m.displayName)
      if m == .dream {
        e.field("closed", SynthTimeline.dreamClosed.description)
        e.field("closure", "voluntary")
      }
      e.endLine()
      count("market")
    }
    let day = SynthTimeline.crawls[c]
    let from = c == 0 ? SynthTimeline.firstRateDay : SynthTimeline.crawls[c - 1] + 1
    for d in from.index...day.index {
      let rate = rates.rate(on: SynthDay(index: d))
      e.beginObject()
      e.field("kind", "rate")
      e.field("date", rate.day.description)
      e.field("currency", "BTC")
      e.field("usd", rate.usd, decimals: 2)
      e.field("eur", rate.eur, decimals: 2)
      e.endLine()
      // The day's euro in dollars too (EUR/USD, implied by the BTC quotes), so that USD
      // prices (Empire) convert to EUR without a cross through BTC.
      e.beginObject()
      e.field("kind", "rate")
      e.field("date", rate.day.description)
      e.field("currency", "EUR")
      e.field("usd", rate.usd / rate.eur, decimals: 4)
      e.endLine()
      count("rate")
      count("rate")
    }
    try writer.write(e.bytes)
    for m in SynthMarket.allCases where SynthTimeline.isOpen(m, crawl: c) {
      for a in byMarket[m.rawValue] where plan.accounts[a].isActive(c) {
        e.removeAll()
        writeAccount(a, crawl: c, into: &e)
        try writer.write(e.bytes)
      }
    }
  }

  private mutating func count(_ kind: String) { counts[kind, default: 0] += 1 }

  private func pgpText(_ account: SynthAccount, crawl: Int) -> (field: String?, inProfile: String?)
  {
    let keyID: Int
    switch account.keySource {
    case .operatorKey: keyID = plan.operators[account.operatorID].key(at: crawl)
    case .own(let k), .pasted(let k): keyID = k
    }
    let key = plan.keys[keyID]
    let fp = key.fingerprint
    var display = account.keyDisplay
    if key.real == nil && [.armored, .armoredCollapsed, .armoredInProfile].contains(display) {
      display = .fingerprint
    }
    switch display {
    case .none: return (nil, nil)
    case .fingerprint: return (fp, nil)
    case .lowercaseFingerprint: return (fp.lowercased(), nil)
    case .spacedFingerprint:
      var s = ""
      for (i, ch) in fp.enumerated() {
        if i > 0 && i % 4 == 0 { s += " " }
        s.append(ch)
      }
      return (s, nil)
    case .longKeyID: return ("0x" + fp.suffix(16), nil)
    case .armored: return (RealPublicKeys.all[key.real!].armored, nil)
    case .armoredCollapsed:
      return (RealPublicKeys.all[key.real!].armored.replacingOccurrences(of: "\n", with: " "), nil)
    case .armoredInProfile: return (nil, RealPublicKeys.all[key.real!].armored)
    }
  }

  private mutating func writeAccount(_ a: Int, crawl c: Int, into e: inout JSONLineEncoder) {
    let account = plan.accounts[a]
    let op = plan.writers[account.persona ?? account.operatorID]
    let market = account.market
    let observed = SynthTimeline.crawls[c].description
    let rate = rates.rate(on: SynthTimeline.crawls[c])

    // Feedback first (drawn per account and crawl), so the vendor record's sales count
    // includes this crawl's.
    var r = SynthRandom(seed: seed, 0xFEED, UInt64(a), UInt64(c))
    var feedback: [(listing: Int, day: SynthDay, rating: Int, text: String)] = []
    let impersonator = account.aliasType == "impersonator"
    for (i, l) in account.listings.enumerated() where c >= l.first && c <= l.last {
      let n = poisson(l.salesRate, &r)
      for _ in 0..<n {
        let negative = impersonator ? r.chance(0.4) : r.chance(0.04)
        let rating = negative ? r.int(1...2) : r.weighted([(5, 0.9), (4, 0.08), (3, 0.02)])
        let day = SynthTimeline.crawls[c] + -r.int(0...(SynthTimeline.feedbackWindowDays - 1))
        feedback.append((i, day, rating, SynthText.feedbackText(&r, negative: negative)))
      }
    }
    salesSoFar[a] += feedback.count

    if profiles[a] == nil {
      profiles[a] = text.profile(account, handle: account.handle)
    }
    let pgp = pgpText(account, crawl: c)
    e.beginObject()
    e.field("kind", "vendor")
    e.field("market", market.key)
    e.field("observed", observed)
    e.field("vendor", account.handle)
    var profile = profiles[a]!
    if let news = text.drift(crawl: c, key: UInt64(a), share: 0.25) { profile += "\nNews: " + news }
    e.field("profile", pgp.inProfile.map { profile + "\n\n" + $0 } ?? profile)
    if let p = pgp.field { e.field("pgp", p) }
    e.field("since", account.since.description)
    e.field("sales", account.baseSales + salesSoFar[a])
    e.field("rating", account.rating, decimals: 2)
    e.endLine()
    count("vendor")

    if listingTexts[a] == nil {
      listingTexts[a] = account.listings.map { (text.title($0), text.description($0)) }
    }
    var codes: [String] = []
    for (i, l) in account.listings.enumerated() where c >= l.first && c <= l.last {
      let country = l.slot == 1 ? (op.secondary ?? op.country(at: c)) : op.country(at: c)
      // A region label stands for the country in the file, so the truth sees it too.
      let code = op.shipsFromLabel ?? country
      if !codes.contains(code) { codes.append(code) }
      e.beginObject()
      e.field("kind", "listing")
      e.field("market", market.key)
      e.field("observed", observed)
      e.field("listing", l.id)
      e.field("vendor", account.handle)
      e.field("title", listingTexts[a]![i].title)
      var description = listingTexts[a]![i].description
      if let phrase = text.drift(crawl: c, key: l.textSeed &+ UInt64(a), share: 0.35) {
        description += " " + phrase
      }
      e.field("description", description)
      e.field("category", ProductCatalog.kinds[l.product].category)
      e.beginObject("price")
      if market == .empire {
        e.field("amount", l.usd, decimals: 2)
        e.field("currency", "USD")
      } else {
        e.field("amount", l.usd / rate.usd, decimals: 6)
        e.field("currency", "BTC")
      }
      e.endObject()
      e.field(
        "ships_from", op.shipsFromLabel ?? SynthCountries.country(country).name(on: market))
      e.field("ships_to", op.shipsTo)
      if let x = op.exclusion { e.field("excludes", SynthCountries.exclusions[x].excludes) }
      e.endLine()
      count("listing")
    }
    if !codes.isEmpty { shippedFrom[a].append((c, codes.sorted())) }

    for f in feedback {
      let l = account.listings[f.listing]
      e.beginObject()
      e.field("kind", "feedback")
      e.field("market", market.key)
      e.field("observed", observed)
      e.field("listing", l.id)
      e.field("vendor", account.handle)
      e.field("date", f.day.description)
      e.field("rating", f.rating)
      e.field("text", f.text)
      e.endLine()
      count("feedback")
    }
  }

  /// Knuth's Poisson sampler (means here are small), capped at 40 sales a month per listing.
  private func poisson(_ mean: Double, _ r: inout SynthRandom) -> Int {
    let limit = exp(-mean)
    var k = 0
    var p = r.uniform()
    while p > limit && k < 40 {
      k += 1
      p *= r.uniform()
    }
    return k
  }
}
