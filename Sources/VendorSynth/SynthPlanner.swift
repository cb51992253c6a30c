/// Builds the plan for `operators` operators: their attributes, roles, accounts per market over
/// the crawls, and listings. Deterministic for a seed: one sequential stream for the plan.
///
/// Shares (the numeric defaults and why):
/// - 45% of operators start on Dream (the largest market of the period); half of those still
///   active at the closure move on (the study saw "some" move; TNO counted 195 new Dream
///   vendors after one shock), 60% to Wall Street, 30% to Empire, 10% to both.
/// - Aliases change: key only 26%, name only 14% (half small variants, half new names), both
///   9%, neither 51% — the TNO figures after Operation Bayonet.
/// - 15% of Dream operators and 10% of the others hold a second account concurrently.
/// - Hard negatives: 2% impersonators (after the closure, of the best-selling Dream vendors),
///   3% resellers, 4% lookalike handles.
struct SynthPlanner {
  let seed: UInt64
  let operatorCount: Int
  let settings: SynthSettings
  var rng: SynthRandom
  var operators: [SynthOperator] = []
  /// Accounts' personas (hard world), numbered after the operators.
  var personas: [SynthOperator] = []
  /// Operators then personas: whose words, products and prices an account shows.
  var writers: [SynthOperator] = []
  var accounts: [SynthAccount] = []
  var keys: [SynthKey] = []
  var takenHandles: [Set<String>] = Array(repeating: [], count: 3)
  var listingCounter = [0, 0, 0]

  init(seed: UInt64, operators: Int, settings: SynthSettings = .standard) {
    self.seed = seed
    self.operatorCount = operators
    self.settings = settings
    rng = SynthRandom(seed: seed, 0x91A)
  }

  static let crawlCount = SynthTimeline.crawls.count

  mutating func build() {
    makeOperators()
    assignScenarios()
    makeAccounts()
    if settings.isHard { addHardAccounts() }
    placeMoves()
    for a in accounts { accountsOf[a.operatorID, default: []].append(a.index) }
    if settings.isHard { makePersonas() }
    writers = operators + personas
    makeListings()
  }

  /// Account indices per operator, in plan order (filled once accounts exist).
  var accountsOf: [Int: [Int]] = [:]
  /// Hard world: operators given a common handle; sibling account → its original account.
  var commonHandleOps: Set<Int> = []
  var siblingOf: [Int: Int] = [:]

  // MARK: - operators

  mutating func newKey(real: Int? = nil) -> Int {
    let id = keys.count
    if let real {
      keys.append(SynthKey(fingerprint: RealPublicKeys.all[real].fingerprint, real: real))
    } else {
      // 160 bits from the seed and the key number: distinct keys never collide in practice,
      // and the same seed always gives the same fingerprints.
      var k = SynthRandom(seed: seed, 0xFEE, UInt64(id))
      var hex = ""
      let digits = Array("0123456789ABCDEF")
      for _ in 0..<40 { hex.append(digits[k.below(16)]) }
      keys.append(SynthKey(fingerprint: hex, real: nil))
    }
    return id
  }

  private mutating func makeOperators() {
    let countries = SynthCountries.all
    let weights = countries.map(\.weight)
    for id in 0..<operatorCount {
      var r = SynthRandom(seed: seed, 0x0E7, UInt64(id))
      let home = countries[r.weightedIndex(weights)].code
      let style =
        settings.has(.sharedVocabulary) ? WritingStyle(rareTics: &r) : WritingStyle(&r)
      let name = SynthNames.fresh(&r)
      let products = SynthPlanner.drawProducts(home: home, &r)
      let country = SynthCountries.country(home)
      let shipsTo = r.pick(country.shipsTo)
      let exclusion: Int? =
        (shipsTo == ["Worldwide"] || shipsTo == ["Europe"] || shipsTo == ["European Union"])
          && r.chance(0.35) ? r.below(SynthCountries.exclusions.count) : nil
      let bulkCountry = ["NL", "DE", "CN", "ES", "PL"].contains(home)
      let op = SynthOperator(
        id: id, home: home, style: style, baseName: name, keys: [], rotation: nil,
        products: products, priceFactor: r.logNormalFactor(sigma: 0.18) * country.priceLevel,
        shipsTo: shipsTo, exclusion: exclusion,
        terms: r.below(SynthVocabulary.termsOfService.count),
        popularity: r.logNormalFactor(sigma: 0.8),
        wholesaler: home != "BE" && r.chance(bulkCountry ? 0.12 : 0.05))
      operators.append(op)
    }
    if settings.has(.sharedVocabulary) { assignGenericProfiles() }
  }

  /// One to three categories, by their popularity; Belgian vendors lean to synthetic drugs
  /// (MDMA, pills, amphetamine: "above average and stable" on Dream and Wall Street, as the
  /// study found), so their weight is 2.5 times the usual.
  static func drawProducts(home: String, _ r: inout SynthRandom) -> [Int] {
    var weights = ProductCatalog.popularity
    if home == "BE" {
      for (i, kind) in ProductCatalog.kinds.enumerated()
      where kind.category.hasPrefix("Drugs/Ecstasy") || kind.category.hasSuffix("/Speed") {
        weights[i] *= 2.5
      }
    }
    var products: [Int] = []
    for _ in 0..<r.int(1...3) {
      let k = r.weightedIndex(weights)
      if !products.contains(k) { products.append(k) }
    }
    return products
  }

  /// Moves an operator's home for a planted scenario, with what depends on it: its price
  /// level, where it ships to, its exclusions, its products (Belgian mix) and wholesale (never for Belgians, who
  /// "rarely sell wholesale": on Empire the study saw no sale above EUR 1,000).
  mutating func rehome(_ id: Int, to home: String) {
    let levels = (
      SynthCountries.country(operators[id].home).priceLevel, SynthCountries.country(home).priceLevel
    )
    operators[id].priceFactor *= levels.1 / levels.0
    operators[id].home = home
    let shipsTo = rng.pick(SynthCountries.country(home).shipsTo)
    operators[id].shipsTo = shipsTo
    if !(shipsTo == ["Worldwide"] || shipsTo == ["Europe"] || shipsTo == ["European Union"]) {
      operators[id].exclusion = nil
    }
    if home == "BE" {
      operators[id].products = SynthPlanner.drawProducts(home: home, &rng)
      operators[id].wholesaler = false
    }
  }

  // MARK: - scenarios

  /// Operator ids in a seeded order, for picking who plays each planted scenario.
  private mutating func shuffledIDs() -> [Int] {
    var ids = Array(0..<operatorCount)
    rng.shuffle(&ids)
    return ids
  }

  private mutating func assignScenarios() {
    let n = operatorCount
    var order = shuffledIDs()
    var cursor = 0
    func take(_ count: Int) -> [Int] {
      let c = min(count, order.count - cursor)
      defer { cursor += c }
      return Array(order[cursor..<(cursor + c)])
    }
    // Belgium: the study's subject, so its scenarios are planted whatever the draw gave
    // (at least a handful of Belgian operators, still under 2% of them at default sizes).
    let bePlans: [(home: String, secondary: String?, moveTo: String?)] = [
      ("BE", "NL", nil), ("BE", "NL", nil), ("NL", "BE", nil), ("BE", "DE", nil),
      ("NL", nil, "BE"), ("BE", nil, "DE"),
    ]
    for (id, p) in zip(take(bePlans.count), bePlans) {
      rehome(id, to: p.home)
      operators[id].secondary = p.secondary
      if let to = p.moveTo { operators[id].move = (rng.int(2...9), to) }
    }
    // A few more plain Belgian vendors (1 in 200 operators), so that at larger sizes the
    // country's sales statistics rest on more than the planted scenarios, while its share
    // stays near the study's 0.4–1.3%.
    for id in take(n / 200) { rehome(id, to: "BE") }
    // Other multi-location shippers and moves (about 2% each), between neighbours.
    let pairs = [
      ("DE", "NL"), ("US", "CA"), ("GB", "ES"), ("DE", "AT"), ("NL", "DE"), ("FR", "BE"),
    ]
    for id in take(max(2, n / 50)) {
      let p = rng.pick(pairs)
      rehome(id, to: p.0)
      operators[id].secondary = p.1
    }
    let moves = [("NL", "DE"), ("GB", "NL"), ("DE", "PL"), ("US", "CA"), ("NL", "ES")]
    for id in take(max(2, n / 50)) {
      let p = rng.pick(moves)
      rehome(id, to: p.0)
      operators[id].move = (rng.int(2...10), p.1)
    }
    // Keys: every operator one; the first few of a shuffled order get a real armored key
    // (one operator per key); 3% rotate to a new key mid-way.
    order = shuffledIDs()
    for (i, id) in order.enumerated() {
      let real = i < min(RealPublicKeys.all.count, max(1, n / 60)) ? i : nil
      operators[id].keys = [newKey(real: real)]
      if rng.chance(0.03) {
        operators[id].keys.append(newKey())
        operators[id].rotation = rng.int(3...9)
      }
    }
  }

  /// A planted move must fall inside an account's life, or no crawl would show it: the move
  /// happens between two crawls of the operator's longest-lived account.
  private mutating func placeMoves() {
    for id in operators.indices where operators[id].move != nil {
      guard
        let a = accounts.indices.filter({ accounts[$0].operatorID == id })
          .max(by: {
            accounts[$0].last - accounts[$0].first < accounts[$1].last - accounts[$1].first
          })
      else { continue }
      if accounts[a].first == accounts[a].last {
        if accounts[a].last < SynthTimeline.openCrawls(accounts[a].market).upperBound {
          accounts[a].last += 1
        } else {
          accounts[a].first -= 1
          accounts[a].since = min(accounts[a].since, SynthTimeline.crawls[accounts[a].first] + -10)
        }
      }
      operators[id].move!.crawl = rng.int((accounts[a].first + 1)...accounts[a].last)
    }
  }

  // MARK: - accounts

  mutating func claimHandle(_ handle: String, on market: SynthMarket) -> Bool {
    takenHandles[market.rawValue].insert(handle.lowercased()).inserted
  }

  /// A handle for `op` on `market`: `preferred` if free, else variants of it.
  mutating func freeHandle(_ preferred: String, on market: SynthMarket) -> String {
    if claimHandle(preferred, on: market) { return preferred }
    var candidate = preferred
    for _ in 0..<50 {
      candidate = SynthNames.mutate(preferred, &rng)
      if claimHandle(candidate, on: market) { return candidate }
    }
    var i = 2
    while !claimHandle(preferred + String(i), on: market) { i += 1 }
    return preferred + String(i)
  }

  mutating func keyDisplay(for keyID: Int?) -> KeyDisplay {
    guard let keyID else { return .none }
    if keys[keyID].real != nil {
      return rng.weighted([
        (.armored, 2), (.armoredCollapsed, 2), (.armoredInProfile, 1), (.fingerprint, 1),
      ])
    }
    return rng.weighted([
      (.fingerprint, 80), (.spacedFingerprint, 8), (.lowercaseFingerprint, 6), (.longKeyID, 6),
    ])
  }

  mutating func sinceDate(firstCrawl: Int) -> SynthDay {
    if firstCrawl == 0 { return SynthTimeline.crawls[0] + -rng.int(20...900) }
    return SynthTimeline.crawls[firstCrawl - 1] + rng.int(1...27)
  }

  @discardableResult
  mutating func addAccount(
    op id: Int, market: SynthMarket, handle: String, aliasType: String, first: Int, last: Int,
    keySource: KeySource, announces: String? = nil, profileOwner: Int? = nil
  ) -> Int {
    let keyID: Int? =
      switch keySource {
      case .operatorKey: operators[id].keys[0]
      case .own(let k), .pasted(let k): k
      }
    // 3% of accounts show no key at all, never on an alias (the truth would be unknowable).
    let display: KeyDisplay =
      aliasType == "original" && rng.chance(0.03) ? .none : keyDisplay(for: keyID)
    let impersonator = operators[id].role.isImpersonator
    let account = SynthAccount(
      index: accounts.count, market: market, handle: handle, operatorID: id,
      aliasType: aliasType, first: first, last: last, keySource: keySource, keyDisplay: display,
      since: sinceDate(firstCrawl: first),
      baseSales: impersonator ? 0 : Int(Double(rng.int(5...400)) * operators[id].popularity),
      rating: impersonator
        ? 3.2 + Double(rng.int(0...10)) / 10 : 4.6 + Double(rng.int(0...40)) / 100,
      announces: announces, profileOwner: profileOwner ?? id)
    accounts.append(account)
    return account.index
  }

  /// Alias kinds and their shares (TNO, after Operation Bayonet).
  mutating func drawAliasType() -> String {
    if settings.has(.evasion) { return rng.weighted(SynthPlanner.hardAliasShares) }
    return rng.weighted([
      ("unchanged", 0.51), ("key_changed_only", 0.26), ("name_mut", 0.07),
      ("renamed_key_kept", 0.07), ("renamed_new_key", 0.09),
    ])
  }

  /// Opens an alias account of `id` on `market`: name and key per the alias type.
  mutating func addAlias(
    op id: Int, market: SynthMarket, first: Int, last: Int, announceOld: String?
  ) {
    let type = drawAliasType()
    let base = operators[id].baseName
    var handle: String
    switch type {
    case "unchanged", "key_changed_only": handle = base
    case "name_mut": handle = SynthNames.mutate(base, &rng)
    default:
      var r = SynthRandom(seed: seed, 0xA11, UInt64(id), UInt64(market.rawValue))
      handle = SynthNames.fresh(&r)
    }
    handle = freeHandle(handle, on: market)
    let keySource: KeySource =
      type == "key_changed_only" || type == "renamed_new_key" ? .own(newKey()) : .operatorKey
    // A third of migrants say where they come from (and so do impersonators, falsely); in the
    // hard world an evader (new name and key) never does.
    var announce = announceOld.flatMap { rng.chance(0.33) ? $0 : nil }
    if settings.has(.evasion) && type == "renamed_new_key" { announce = nil }
    addAccount(
      op: id, market: market, handle: handle, aliasType: type, first: first, last: last,
      keySource: keySource, announces: announce)
  }

  mutating func lifetimeEnd(from first: Int, lastPossible: Int, stay: Double) -> Int {
    rng.chance(stay) ? lastPossible : rng.int(first...lastPossible)
  }

  private mutating func makeAccounts() {
    let n = operatorCount
    let counts = roleCounts
    let rates = accountRates
    var order = shuffledIDs()
    let impersonatorCount = counts.impersonators
    let impersonators = Array(order.suffix(impersonatorCount))
    order.removeLast(impersonatorCount)
    let dreamCount = n * 45 / 100
    let dreamOps = Array(order.prefix(dreamCount))
    let natives = Array(order.dropFirst(dreamCount))
    let last = SynthPlanner.crawlCount - 1

    if settings.isHard {
      assignCommonHandles(
        dreamOps: dreamOps, natives: natives,
        reserved: counts.lookalikes + counts.resellers + copycatCount)
    }
    // Lookalikes: natives whose handle is a near variant of a Dream operator's handle.
    for id in natives.prefix(counts.lookalikes) where !dreamOps.isEmpty {
      let victim = rng.pick(dreamOps)
      operators[id].role = .lookalike(of: victim)
      operators[id].baseName = SynthNames.mutate(operators[victim].baseName, &rng)
    }
    // Resellers: natives copying another vendor's listings.
    for id in natives.dropFirst(counts.lookalikes).prefix(counts.resellers) {
      var supplier = rng.pick(order)
      while supplier == id { supplier = rng.pick(order) }
      operators[id].role = .reseller(supplier: supplier)
    }
    if settings.isHard {
      assignCopycats(natives.dropFirst(counts.lookalikes + counts.resellers), all: order)
    }

    // Dream operators: their Dream account, maybe a concurrent one, maybe a migration.
    for id in dreamOps {
      operators[id].fromDream = true
      let first = rng.chance(0.7) ? 0 : rng.int(1...SynthTimeline.lastDreamCrawl)
      let end = lifetimeEnd(from: first, lastPossible: SynthTimeline.lastDreamCrawl, stay: 0.85)
      let handle = freeHandle(operators[id].baseName, on: .dream)
      operators[id].baseName = handle
      addAccount(
        op: id, market: .dream, handle: handle, aliasType: "original", first: first, last: end,
        keySource: .operatorKey)
      var used: Set<SynthMarket> = [.dream]
      if rng.chance(rates.concurrentDream) {
        let market: SynthMarket = rng.chance(0.65) ? .wsm : .empire
        let start = max(first, rng.int(0...4))
        addAlias(
          op: id, market: market, first: start,
          last: lifetimeEnd(from: start, lastPossible: last, stay: 0.7),
          announceOld: nil)
        used.insert(market)
      }
      guard end == SynthTimeline.lastDreamCrawl, rng.chance(rates.moveOn) else { continue }
      let targets: [SynthMarket] = rng.weighted([
        ([.wsm], 0.6), ([.empire], 0.3), ([.wsm, .empire], 0.1),
      ])
      let old = rng.pick(SynthVocabulary.migrantLines).replacingOccurrences(
        of: "{old}", with: handle)
      for market in targets where !used.contains(market) {
        let start = rng.weighted([(6, 0.6), (7, 0.25), (8, 0.1), (9, 0.05)])
        addAlias(
          op: id, market: market, first: start,
          last: lifetimeEnd(from: start, lastPossible: last, stay: 0.7),
          announceOld: old)
      }
    }

    // Natives of Wall Street and Empire, by the crawl they first appear in: Wall Street is
    // steady before the closure and jumps right after it; Empire grows from April (the
    // study's growth curves). Weights per crawl, Nov 2018 first.
    let wsmStart: [Double] = [8, 0.6, 0.6, 0.6, 0.6, 0.8, 5, 3, 1.5, 1, 0.8, 0.6, 0.5]
    let empireStart: [Double] = [3, 0.4, 0.4, 0.4, 0.6, 2.5, 2.5, 2, 1.5, 1.5, 1.2, 1, 0.8]
    for id in natives {
      let market: SynthMarket = rng.chance(0.6) ? .wsm : .empire
      let first = rng.weightedIndex(market == .wsm ? wsmStart : empireStart)
      let end = lifetimeEnd(from: first, lastPossible: last, stay: 0.6)
      let handle = freeHandle(operators[id].baseName, on: market)
      operators[id].baseName = handle
      addAccount(
        op: id, market: market, handle: handle, aliasType: "original", first: first, last: end,
        keySource: .operatorKey)
      if rng.chance(rates.concurrentNative) {
        let other: SynthMarket = market == .wsm ? .empire : .wsm
        let start = rng.int(first...min(first + 3, last))
        addAlias(
          op: id, market: other, first: start,
          last: lifetimeEnd(from: start, lastPossible: last, stay: 0.6),
          announceOld: nil)
      }
    }

    // Impersonators: right after the closure, as the best-selling Dream vendors that were
    // still there at the end; same name when free on that market, else a near variant; the
    // victim's public key pasted half of the time (the first impersonator always).
    var dreamAccount: [Int: Int] = [:]
    for a in accounts where a.market == .dream { dreamAccount[a.operatorID] = a.index }
    let victims = dreamOps.filter { id in
      dreamAccount[id].map { accounts[$0].last == SynthTimeline.lastDreamCrawl } ?? false
    }.sorted { operators[$0].popularity > operators[$1].popularity }
    if settings.isHard {
      addHardImpersonators(impersonators, victims: victims, dreamAccount: dreamAccount)
      return
    }
    for (i, id) in impersonators.enumerated() where !victims.isEmpty {
      let victim = victims[i % min(victims.count, max(3, impersonatorCount))]
      operators[id].role = .impersonator(victim: victim)
      let market: SynthMarket = rng.chance(0.6) ? .wsm : .empire
      let victimHandle = accounts[dreamAccount[victim]!].handle
      let handle = freeHandle(
        rng.chance(0.5) ? victimHandle : SynthNames.mutate(victimHandle, &rng), on: market)
      operators[id].baseName = handle
      let first = rng.int(
        SynthTimeline.firstCrawlAfterClosure...(SynthTimeline.firstCrawlAfterClosure + 1))
      // Half paste the key; the first always does, so every sample has the case.
      let pastes = rng.chance(0.5) || i == 0
      let pasted: KeySource =
        pastes
        ? .pasted(operators[victim].key(at: SynthTimeline.lastDreamCrawl)) : .operatorKey
      let claim =
        rng.chance(0.5)
        ? rng.pick(SynthVocabulary.migrantLines).replacingOccurrences(
          of: "{old}", with: victimHandle)
        : rng.pick(SynthVocabulary.impersonatorLines)
      addAccount(
        op: id, market: market, handle: handle, aliasType: "impersonator", first: first,
        last: min(first + rng.int(0...2), last), keySource: pasted, announces: claim,
        profileOwner: victim)
    }
  }
}
