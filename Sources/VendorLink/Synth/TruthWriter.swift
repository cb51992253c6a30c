/// The ground truth next to the crawl files:
/// - `truth_accounts.csv`: market,vendor,operator_id,alias_type,role,country — one row per
///   account (alias_type relative to the operator's first account; impersonators are their
///   own operators with alias_type `impersonator`).
/// - `truth_pairs.csv`: market_a,vendor_a,market_b,vendor_b,alias_type — every pair of one
///   operator's accounts (all cross-market: no operator holds two accounts on one market).
/// - `truth_pairs_by_name.csv`: the same rows, under the name and columns that
///   `shared/peers/score_matches.py --truth` reads.
/// - `truth_flags.csv`: kind,market,vendor,listing,details — planted multi-location, moved,
///   wholesale, price-outlier and migrant.
/// - `truth_hard_negatives.csv`: market_a,vendor_a,market_b,vendor_b,kind — pairs of different
///   operators built to look alike (impersonator, lookalike, reseller).
struct TruthWriter {
  let plan: SynthPlanner
  let emitter: CrawlEmitter
  let rates: BitcoinRates

  static func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return s
    }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func row(_ fields: [String]) -> String {
    fields.map(csvField).joined(separator: ",") + "\n"
  }

  func write(to dir: String) throws -> (pairs: Int, flags: [String: Int], hardNegatives: Int) {
    try writeAccounts(dir + "/truth_accounts.csv")
    let pairs = truePairs()
    for name in ["truth_pairs.csv", "truth_pairs_by_name.csv"] {
      let w = try SynthFileWriter(path: dir + "/" + name)
      try w.write(TruthWriter.row(["market_a", "vendor_a", "market_b", "vendor_b", "alias_type"]))
      for p in pairs {
        let (a, b) = (plan.accounts[p.0], plan.accounts[p.1])
        try w.write(TruthWriter.row([a.market.key, a.handle, b.market.key, b.handle, p.2]))
      }
      try w.close()
    }
    let flags = try writeFlags(dir + "/truth_flags.csv")
    let negatives = try writeHardNegatives(dir + "/truth_hard_negatives.csv")
    return (pairs.count, flags, negatives)
  }

  private func writeAccounts(_ path: String) throws {
    let w = try SynthFileWriter(path: path)
    try w.write(
      TruthWriter.row(["market", "vendor", "operator_id", "alias_type", "role", "country"]))
    for a in plan.accounts {
      let op = plan.operators[a.operatorID]
      try w.write(
        TruthWriter.row([
          a.market.key, a.handle, String(a.operatorID), a.aliasType, op.role.name, op.home,
        ]))
    }
    try w.close()
  }

  /// Every pair of accounts of one operator, typed by what changed between the two.
  func truePairs() -> [(Int, Int, String)] {
    let byOperator = plan.accountsOf
    var out: [(Int, Int, String)] = []
    for id in byOperator.keys.sorted() {
      let list = byOperator[id]!
      for i in list.indices {
        for j in list.indices where j > i {
          let (a, b) = (plan.accounts[list[i]], plan.accounts[list[j]])
          out.append((a.index, b.index, SynthPlanner.pairType(a, b, keysShown: plan.keysShown)))
        }
      }
    }
    return out
  }

  private func writeFlags(_ path: String) throws -> [String: Int] {
    let w = try SynthFileWriter(path: path)
    var counts: [String: Int] = [:]
    func put(_ kind: String, _ a: SynthAccount, _ listing: String, _ details: String) throws {
      counts[kind, default: 0] += 1
      try w.write(TruthWriter.row([kind, a.market.key, a.handle, listing, details]))
    }
    try w.write(TruthWriter.row(["kind", "market", "vendor", "listing", "details"]))
    let crawls = SynthTimeline.crawls
    for a in plan.accounts {
      let seen = emitter.shippedFrom[a.index]
      // multi-location: two or more countries among one crawl's listings.
      let multi = seen.filter { $0.codes.count > 1 }
      if let m = multi.first {
        try put(
          "multi-location", a, "",
          "countries=\(m.codes.joined(separator: "+"));first=\(crawls[m.crawl]);crawls=\(multi.count)"
        )
      }
      // moved: one country in a crawl, another one in the next crawl observed.
      for (x, y) in zip(seen, seen.dropFirst())
      where x.codes.count == 1 && y.codes.count == 1 && x.codes != y.codes {
        try put(
          "moved", a, "",
          "from=\(x.codes[0]);to=\(y.codes[0]);last_before=\(crawls[x.crawl]);first_after=\(crawls[y.crawl])"
        )
      }
      for l in a.listings {
        switch l.kind {
        case .retail: break
        case .wholesale:
          try put(
            "wholesale", a, l.id, "usd=\(Int(l.usd));quantity=\(TruthWriter.number(l.quantity))")
        case .outlier(let factor):
          let kind = ProductCatalog.kinds[l.product]
          try put(
            "price-outlier", a, l.id,
            "factor=\(TruthWriter.number((factor * 100).rounded() / 100));category=\(kind.category);unit=\(kind.unit.symbol)"
          )
        }
      }
      // migrant: first seen on a surviving market within 12 weeks after Dream closed, by an
      // operator that held a Dream account.
      let firstDay = crawls[a.first]
      let op = plan.operators[a.operatorID]
      if a.market != .dream && op.fromDream && firstDay > SynthTimeline.dreamClosed
        && firstDay - SynthTimeline.dreamClosed <= SynthTimeline.migrantWindowDays,
        let dream = (plan.accountsOf[a.operatorID] ?? []).lazy.map({ plan.accounts[$0] })
          .first(where: { $0.market == .dream })
      {
        try put(
          "migrant", a, "",
          "closed_market=dream;closed=\(SynthTimeline.dreamClosed);first_seen=\(firstDay);dream_vendor=\(dream.handle)"
        )
      }
    }
    try w.close()
    return counts
  }

  private func writeHardNegatives(_ path: String) throws -> Int {
    let w = try SynthFileWriter(path: path)
    try w.write(TruthWriter.row(["market_a", "vendor_a", "market_b", "vendor_b", "kind"]))
    let byOperator = plan.accountsOf
    var n = 0
    for a in plan.accounts {
      let other: Int
      switch plan.operators[a.operatorID].role {
      case .vendor: continue
      case .impersonator(let v): other = v
      case .reseller(let s): other = s
      case .lookalike(let o): other = o
      }
      for b in byOperator[other] ?? [] {
        let account = plan.accounts[b]
        // A lookalike resembles the other operator's handles, not its renamed aliases.
        if case .lookalike = plan.operators[a.operatorID].role,
          !SynthPlanner.related(a.handle, account.handle)
        {
          continue
        }
        try w.write(
          TruthWriter.row([
            a.market.key, a.handle, account.market.key, account.handle,
            plan.operators[a.operatorID].role.name,
          ]))
        n += 1
      }
    }
    try w.close()
    return n
  }

  /// "3.5", "28", "0.5": no trailing zeros.
  static func number(_ x: Double) -> String {
    x.rounded() == x ? String(Int(x)) : String(x)
  }
}
