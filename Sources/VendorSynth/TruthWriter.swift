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
/// - `truth_pairs_typed.csv` (both worlds): the true pairs with `evasion` (none, name, key,
///   both) and `pair_type` (cross-market, same-market). A new file rather than new columns,
///   so that the standard world's committed files keep their bytes.
///
/// The hard world's files carry more (datasets/README.md): `truth_pairs.csv` and
/// `truth_pairs_by_name.csv` have the `evasion` and `pair_type` columns too, `truth_accounts.csv`
/// and `truth_hard_negatives.csv` a `details` column (`key=value;…`), hard-negative kinds
/// include impersonator_key_pasted, copycat and common_handle, and `truth_world.csv` records
/// the settings.
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

  struct Counts {
    var pairs = 0
    var pairsBy: [String: Int] = [:]
    var flags: [String: Int] = [:]
    var hardNegatives = 0
    var negativesBy: [String: Int] = [:]
  }

  var hard: Bool { plan.settings.isHard }

  func write(to dir: String, seed: UInt64) throws -> Counts {
    var counts = Counts()
    try writeAccounts(dir + "/truth_accounts.csv")
    let pairs = truePairs()
    counts.pairs = pairs.count
    let typedHeader = [
      "market_a", "vendor_a", "market_b", "vendor_b", "alias_type", "evasion", "pair_type",
    ]
    let files = [
      ("truth_pairs.csv", hard), ("truth_pairs_by_name.csv", hard), ("truth_pairs_typed.csv", true),
    ]
    for (name, typed) in files {
      let w = try SynthFileWriter(path: dir + "/" + name)
      try w.write(TruthWriter.row(typed ? typedHeader : Array(typedHeader.prefix(5))))
      for p in pairs {
        let (a, b) = (plan.accounts[p.0], plan.accounts[p.1])
        var fields = [a.market.key, a.handle, b.market.key, b.handle, p.2]
        if typed {
          fields += [evasion(a, b), a.market == b.market ? "same-market" : "cross-market"]
        }
        try w.write(TruthWriter.row(fields))
        if name == "truth_pairs_typed.csv" {
          counts.pairsBy["evasion=" + fields[5], default: 0] += 1
          counts.pairsBy["pair_type=" + fields[6], default: 0] += 1
        }
      }
      try w.close()
    }
    counts.flags = try writeFlags(dir + "/truth_flags.csv")
    counts.negativesBy = try writeHardNegatives(dir + "/truth_hard_negatives.csv")
    counts.hardNegatives = counts.negativesBy.values.reduce(0, +)
    if hard { try writeWorld(dir + "/truth_world.csv", seed: seed) }
    return counts
  }

  /// What changed between two accounts of one operator: the handle (any difference, case
  /// included), the keys shown (none shared), both or neither.
  func evasion(_ a: SynthAccount, _ b: SynthAccount) -> String {
    let name = a.handle != b.handle
    let key = plan.keysShown(a).isDisjoint(with: plan.keysShown(b))
    switch (name, key) {
    case (false, false): return "none"
    case (true, false): return "name"
    case (false, true): return "key"
    case (true, true): return "both"
    }
  }

  private func writeAccounts(_ path: String) throws {
    let w = try SynthFileWriter(path: path)
    var header = ["market", "vendor", "operator_id", "alias_type", "role", "country"]
    if hard { header.append("details") }
    try w.write(TruthWriter.row(header))
    for a in plan.accounts {
      let op = plan.operators[a.operatorID]
      var fields = [
        a.market.key, a.handle, String(a.operatorID), a.aliasType, op.role.name, op.home,
      ]
      if hard { fields.append(a.details.joined(separator: ";")) }
      try w.write(TruthWriter.row(fields))
    }
    try w.close()
  }

  private func writeWorld(_ path: String, seed: UInt64) throws {
    let w = try SynthFileWriter(path: path)
    try w.write(TruthWriter.row(["setting", "value"]))
    try w.write(TruthWriter.row(["difficulty", plan.settings.difficulty.rawValue]))
    try w.write(TruthWriter.row(["seed", String(seed)]))
    try w.write(TruthWriter.row(["operators", String(plan.operatorCount)]))
    for p in SynthPhenomenon.allCases {
      try w.write(TruthWriter.row([p.rawValue, plan.settings.has(p) ? "on" : "off"]))
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

  private func writeHardNegatives(_ path: String) throws -> [String: Int] {
    let w = try SynthFileWriter(path: path)
    var header = ["market_a", "vendor_a", "market_b", "vendor_b", "kind"]
    if hard { header.append("details") }
    try w.write(TruthWriter.row(header))
    var counts: [String: Int] = [:]
    func put(_ a: SynthAccount, _ b: SynthAccount, _ kind: String, _ details: [String]) throws {
      var fields = [a.market.key, a.handle, b.market.key, b.handle, kind]
      if hard { fields.append(details.joined(separator: ";")) }
      try w.write(TruthWriter.row(fields))
      counts[kind, default: 0] += 1
    }
    for a in plan.accounts {
      let role = plan.operators[a.operatorID].role
      let other: Int
      switch role {
      case .vendor: continue
      case .impersonator(let v): other = v
      case .reseller(let s): other = s
      case .lookalike(let o): other = o
      case .copycat(let o): other = o
      }
      for b in plan.accountsOf[other] ?? [] {
        let account = plan.accounts[b]
        // A lookalike resembles the other operator's handles, not its renamed aliases.
        if case .lookalike = role, !SynthPlanner.related(a.handle, account.handle) { continue }
        var kind = role.name
        if hard, role.isImpersonator, a.details.contains("key=pasted") {
          kind = "impersonator_key_pasted"
        }
        try put(a, account, kind, a.details)
      }
    }
    if hard { try writeCommonHandles(put) }
    try w.close()
    return counts
  }

  /// Every other pair of different operators' accounts under one handle (case-insensitively):
  /// the planted common handles and any chance collision.
  private func writeCommonHandles(
    _ put: (SynthAccount, SynthAccount, String, [String]) throws -> Void
  ) throws {
    var byHandle: [String: [Int]] = [:]
    for a in plan.accounts { byHandle[a.handle.lowercased(), default: []].append(a.index) }
    for key in byHandle.keys.sorted() {
      let list = byHandle[key]!
      for i in list.indices {
        for j in list.indices where j > i {
          let (a, b) = (plan.accounts[list[i]], plan.accounts[list[j]])
          guard a.operatorID != b.operatorID else { continue }
          let roles = [a, b].map { plan.operators[$0.operatorID].role }
          // Impersonators' and lookalikes' pairs with their targets are listed as those.
          if roles.contains(where: { $0 != .vendor }) && isTargetPair(a, b) { continue }
          let planted =
            plan.commonHandleOps.contains(a.operatorID)
            && plan.commonHandleOps.contains(b.operatorID)
            && SynthVocabulary.commonHandles.contains(key)
          try put(a, b, "common_handle", ["planted=\(planted)"])
        }
      }
    }
  }

  private func isTargetPair(_ a: SynthAccount, _ b: SynthAccount) -> Bool {
    func target(_ x: SynthAccount) -> Int? {
      switch plan.operators[x.operatorID].role {
      case .vendor: nil
      case .impersonator(let v), .reseller(let v), .lookalike(let v), .copycat(let v): v
      }
    }
    return target(a) == b.operatorID || target(b) == a.operatorID
  }

  /// "3.5", "28", "0.5": no trailing zeros.
  static func number(_ x: Double) -> String {
    x.rounded() == x ? String(Int(x)) : String(x)
  }
}
