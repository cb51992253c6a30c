import Foundation

/// Listing plans: what each account offers, at what price, from which of its countries, and
/// which listings are planted wholesale lots, price outliers or copies (resellers,
/// impersonators).
extension SynthPlanner {
  /// Retail listings stay at or under USD 640, so that even priced at a rate 1.56 times the
  /// crawl day's (the steepest 28-day BTC fall in the period, Nov–Dec 2018) no retail sale
  /// crosses the USD 1,000 wholesale line; wholesale lots start at USD 1,200 so that they stay
  /// over it at the crawl day's rate with room to spare.
  static let retailCeilingUSD = 640.0
  static let wholesaleFloorUSD = 1200.0

  mutating func makeListings() {
    for a in accounts.indices {
      let op = writers[accounts[a].persona ?? accounts[a].operatorID]
      // Impersonators list copies of their victim's listings (below); in the hard world one
      // or two of their own too.
      if op.role.isImpersonator && !settings.isHard { continue }
      let account = accounts[a]
      let multi = op.secondary != nil
      let count =
        op.role.isImpersonator
        ? rng.int(0...2) : max(multi ? 2 : 1, rng.geometric(1...10, keep: 0.68))
      let rewritten = account.aliasType == "renamed_new_key"
      for i in 0..<count {
        let (first, last) =
          (multi && i < 2) || rng.chance(0.7)
          ? (account.first, account.last) : subRange(account.first, account.last)
        let slot = multi ? i % 2 : 0
        if rng.chance(0.025) {
          appendOutlier(to: a, op: op, first: first, last: last, slot: slot)
        } else {
          appendRetail(to: a, op: op, first: first, last: last, slot: slot, rewritten: rewritten)
        }
      }
      if op.wholesaler && !op.role.isImpersonator {
        for _ in 0..<rng.int(1...2) {
          appendWholesale(to: a, op: op, slot: 0)
        }
      }
    }
    copyListings()
    fixKeyDisplays()
    realiseAliasTypes()
  }

  private mutating func subRange(_ a: Int, _ b: Int) -> (Int, Int) {
    let first = rng.int(a...b)
    return (first, rng.int(first...b))
  }

  mutating func nextListingID(_ market: SynthMarket) -> String {
    listingCounter[market.rawValue] += 1
    // Gaps in the numbering, as real listing ids have (others' listings, deleted ones).
    let n = 10_000 + listingCounter[market.rawValue] * 7 + rng.below(7)
    return market.listingPrefix + String(n)
  }

  private mutating func unitPrice(_ op: SynthOperator, _ product: Int) -> Double {
    ProductCatalog.kinds[product].unitUSD * op.priceFactor * rng.logNormalFactor(sigma: 0.08)
  }

  /// Rounds a price the way vendors set them (whole dollars under 100, fives above).
  private func vendorRound(_ usd: Double) -> Double {
    usd < 100 ? max(1, usd.rounded()) : (usd / 5).rounded() * 5
  }

  /// Sales per month of a listing: cheaper lots sell more (sales cluster under €200 and
  /// average about €75, as the study found), scaled by the vendor's popularity.
  private func salesRate(_ usd: Double, _ op: SynthOperator) -> Double {
    min(12, 1.1 * pow(60 / usd, 0.28) * op.popularity)
  }

  private mutating func appendRetail(
    to a: Int, op: SynthOperator, first: Int, last: Int, slot: Int, rewritten: Bool
  ) {
    let product = rng.pick(op.products)
    let kind = ProductCatalog.kinds[product]
    let unit = unitPrice(op, product)
    let ladder = kind.retail.filter {
      ProductCatalog.retailPrice(unitUSD: unit, quantity: $0) <= SynthPlanner.retailCeilingUSD
    }
    let options = ladder.isEmpty ? [kind.retail[0]] : ladder
    // Small lots are listed more often (weight 1/sqrt(rank+1)); a lot already listed by this
    // account is not listed twice.
    let listed = Set(accounts[a].listings.filter { $0.product == product }.map(\.quantity))
    let fresh = options.filter { !listed.contains($0) }
    let pool = fresh.isEmpty ? options : fresh
    let q = pool[rng.weightedIndex(pool.indices.map { 1 / Double($0 + 1).squareRoot() })]
    let usd = min(
      vendorRound(ProductCatalog.retailPrice(unitUSD: unit, quantity: q)),
      SynthPlanner.retailCeilingUSD)
    appendListing(
      to: a, op: op, product: product, quantity: q, usd: usd, first: first, last: last,
      slot: slot, kind: .retail, rewritten: rewritten)
  }

  private mutating func appendWholesale(to a: Int, op: SynthOperator, slot: Int) {
    let product = rng.pick(op.products)
    let kind = ProductCatalog.kinds[product]
    let unit = unitPrice(op, product)
    let lots = kind.wholesale.filter {
      ProductCatalog.retailPrice(unitUSD: unit, quantity: $0) >= SynthPlanner.wholesaleFloorUSD
    }
    guard let q = lots.isEmpty ? nil : rng.pick(lots) else { return }
    let account = accounts[a]
    let usd = vendorRound(ProductCatalog.retailPrice(unitUSD: unit, quantity: q))
    appendListing(
      to: a, op: op, product: product, quantity: q, usd: usd, first: account.first,
      last: account.last, slot: slot, kind: .wholesale, rewritten: false)
  }

  /// A unit price 8–20 times off its category's: a scam bait (too cheap) or a mistyped or
  /// placeholder price (too dear), kept within retail totals so it is not also wholesale.
  private mutating func appendOutlier(
    to a: Int, op: SynthOperator, first: Int, last: Int, slot: Int
  ) {
    let product = rng.pick(op.products)
    let kind = ProductCatalog.kinds[product]
    let q = kind.retail[0]
    let normal = ProductCatalog.retailPrice(unitUSD: kind.unitUSD * op.priceFactor, quantity: q)
    var factor = 8 + 12 * rng.uniform()
    if normal * factor > SynthPlanner.retailCeilingUSD || rng.chance(0.5) { factor = 1 / factor }
    let usd = max(0.5, ((normal * factor) * 100).rounded() / 100)
    appendListing(
      to: a, op: op, product: product, quantity: q, usd: usd, first: first, last: last,
      slot: slot, kind: .outlier(factor: usd / normal), rewritten: false)
  }

  private mutating func appendListing(
    to a: Int, op: SynthOperator, product: Int, quantity: Double, usd: Double, first: Int,
    last: Int, slot: Int, kind: ListingKind, rewritten: Bool
  ) {
    let market = accounts[a].market
    // The same operator lists the same lot with the same words on every account, unless it
    // rewrote everything (renamed with a new key).
    let textSeed = SynthRandom.mix(
      UInt64(op.id) &* 1_000_003 &+ UInt64(product) &* 7919 &+ UInt64(quantity * 100)
        &+ (rewritten ? UInt64(a) << 32 : 0))
    let sales: Double
    switch kind {
    case .retail: sales = salesRate(usd, op)
    case .wholesale: sales = 0.08
    case .outlier: sales = 0.3
    }
    var r = SynthRandom(seed: textSeed)
    let plan = ListingPlan(
      id: nextListingID(market), product: product, quantity: quantity, usd: usd, first: first,
      last: last, slot: slot, kind: kind,
      nameIndex: r.below(ProductCatalog.kinds[product].names.count),
      variant: r.below(6), hook: r.below(SynthVocabulary.listingHooks.count), textOwner: op.id,
      textSeed: textSeed, salesRate: sales)
    accounts[a].listings.append(plan)
  }

  /// Resellers copy 1–3 of a supplier's retail listings word for word at a 20–50% mark-up;
  /// impersonators copy the victim's Dream listings, a little cheaper as bait.
  private mutating func copyListings() {
    for a in accounts.indices {
      let op = operators[accounts[a].operatorID]
      let sourceOp: Int
      let markup: ClosedRange<Double>
      var limit: Int
      switch op.role {
      case .reseller(let s):
        (sourceOp, markup, limit) = (s, 1.2...1.5, rng.int(1...3))
      case .impersonator(let v):
        // Hard world: some of the listings (2–5), cloned 10–30 % cheaper.
        (sourceOp, markup, limit) =
          settings.isHard ? (v, 0.7...0.9, rng.int(2...5)) : (v, 0.8...1.0, 6)
      default: continue
      }
      let sources = (accountsOf[sourceOp] ?? []).flatMap { accounts[$0].listings }
        .filter { $0.kind == .retail }
      var cloned = 0
      for src in sources.prefix(limit) {
        let usd = vendorRound(
          src.usd * (markup.lowerBound + (markup.upperBound - markup.lowerBound) * rng.uniform()))
        guard usd <= SynthPlanner.retailCeilingUSD else { continue }
        let account = accounts[a]
        accounts[a].listings.append(
          ListingPlan(
            id: nextListingID(account.market), product: src.product, quantity: src.quantity,
            usd: usd, first: account.first, last: account.last, slot: 0, kind: .retail,
            nameIndex: src.nameIndex, variant: src.variant, hook: src.hook,
            textOwner: src.textOwner, textSeed: src.textSeed,
            salesRate: op.role.name == "impersonator" ? 0.4 : src.salesRate * 0.5))
        limit -= 1
        cloned += 1
      }
      if settings.isHard { accounts[a].details.append("listings_copied=\(cloned)") }
    }
  }

  /// Operators with several accounts always show a key on each (a missing key would make the
  /// truth about "key kept" unknowable).
  private mutating func fixKeyDisplays() {
    var count: [Int: Int] = [:]
    for a in accounts { count[a.operatorID, default: 0] += 1 }
    for i in accounts.indices
    where accounts[i].keyDisplay == .none && count[accounts[i].operatorID]! > 1 {
      accounts[i].keyDisplay = .fingerprint
    }
  }

  /// The alias type each account really got, against its operator's first account: a handle
  /// conflict may have turned an "unchanged" into a variant, a key rotation a kept key into a
  /// new one.
  private mutating func realiseAliasTypes() {
    var original: [Int: Int] = [:]
    for a in accounts where a.aliasType == "original" { original[a.operatorID] = a.index }
    for i in accounts.indices {
      let a = accounts[i]
      guard a.aliasType != "original", a.aliasType != "impersonator", let o = original[a.operatorID]
      else { continue }
      let type = SynthPlanner.pairType(accounts[o], a, keysShown: { self.keysShown($0) })
      accounts[i].aliasType = type
    }
  }

  /// Keys an account shows over its life.
  func keysShown(_ a: SynthAccount) -> Set<Int> {
    guard a.keyDisplay != .none else { return [] }
    switch a.keySource {
    case .own(let k), .pasted(let k): return [k]
    case .operatorKey:
      return Set((a.first...a.last).map { operators[a.operatorID].key(at: $0) })
    }
  }

  /// The alias type of a pair of one operator's accounts, from what they show: same handle or
  /// a variant of it or a new one; a shared key or not.
  static func pairType(
    _ a: SynthAccount, _ b: SynthAccount, keysShown: (SynthAccount) -> Set<Int>
  ) -> String {
    let keyKept = !keysShown(a).isDisjoint(with: keysShown(b))
    let name: Int
    if a.handle == b.handle {
      name = 0
    } else if related(a.handle, b.handle) {
      name = 1
    } else {
      name = 2
    }
    switch (name, keyKept) {
    case (0, true): return "unchanged"
    case (1, true): return "name_mut"
    case (2, true): return "renamed_key_kept"
    case (0, false): return "key_changed_only"
    default: return "renamed_new_key"
    }
  }

  /// Whether two handles are variants of one another (what `SynthNames.mutate` produces):
  /// equal once case, separators, digits and leetspeak are folded, or one contains the other,
  /// or within two edits.
  static func related(_ x: String, _ y: String) -> Bool {
    func fold(_ s: String) -> String {
      let leet: [Character: Character] = ["0": "o", "3": "e", "4": "a", "1": "i", "5": "s"]
      return String(
        s.lowercased().compactMap { c -> Character? in
          if let l = leet[c] { return l }
          return c.isLetter ? c : nil
        })
    }
    let a = fold(x)
    let b = fold(y)
    if a == b || (a.count >= 4 && b.contains(a)) || (b.count >= 4 && a.contains(b)) { return true }
    return editDistance(Array(a), Array(b), limit: 2) <= 2
  }

  static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
    if abs(a.count - b.count) > limit { return limit + 1 }
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...max(b.count, 1) where !b.isEmpty {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      previous = current
    }
    return previous[b.count]
  }
}
