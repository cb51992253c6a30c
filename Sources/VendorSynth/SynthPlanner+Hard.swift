/// The hard world's plan (issue 13): what it adds to or changes in the standard plan. Every
/// draw here comes from its own stream (seed, a tag, an entity), so switching one phenomenon
/// off leaves the others' draws alone, and nothing here runs for the standard world.
///
/// Shares (and why):
/// - Aliases change name and key 25 % of the time (TNO's 9 % was the share right after one
///   takedown; issue 13's independent crawl had 14 % and linking failed on them), key only 24 %,
///   name only 15 %, nothing 36 %.
/// - More movement than the standard world (75 % of Dream operators present at the closure move
///   on, 30 % / 25 % hold a concurrent account), so that 1,500 operators give about 1,000 true
///   pairs and 2,300 accounts, the size of issue 13's independent crawl.
/// - 5 % impersonators, 3 % lookalikes, 3 % resellers, 2 % copycats, 1 % of operators in
///   common-handle pairs, 3 % with a sibling shop: enough of each kind for a per-kind rate at
///   1,500 operators (≥ 30 pairs each), few enough to stay a minority of the accounts.
extension SynthPlanner {
  static let hardAliasShares: [(String, Double)] = [
    ("unchanged", 0.36), ("key_changed_only", 0.24), ("name_mut", 0.08),
    ("renamed_key_kept", 0.07), ("renamed_new_key", 0.25),
  ]

  /// How many operators play each hard-negative role.
  var roleCounts: (impersonators: Int, lookalikes: Int, resellers: Int) {
    let n = operatorCount
    guard settings.isHard else { return (max(2, n / 50), max(2, n * 4 / 100), max(2, n * 3 / 100)) }
    func count(_ p: SynthPhenomenon, _ value: Int) -> Int { settings.has(p) ? value : 0 }
    return (
      count(.impersonators, max(3, n * 5 / 100)), count(.lookalikes, max(2, n * 3 / 100)),
      count(.resellers, max(2, n * 3 / 100))
    )
  }

  var copycatCount: Int { settings.has(.copycats) ? max(2, operatorCount * 2 / 100) : 0 }

  /// Chances that a Dream operator at the closure moves on, that a Dream operator and that a
  /// native hold a concurrent account on another market.
  var accountRates: (moveOn: Double, concurrentDream: Double, concurrentNative: Double) {
    settings.isHard ? (0.75, 0.3, 0.25) : (0.5, 0.15, 0.10)
  }

  // MARK: - operators

  /// A quarter of operators use a short generic profile (shared vocabulary).
  mutating func assignGenericProfiles() {
    for id in operators.indices {
      var r = SynthRandom(seed: seed, 0x6E9, UInt64(id))
      if r.chance(0.25) {
        operators[id].genericProfile = r.below(SynthVocabulary.genericProfiles.count)
      }
    }
  }

  /// Copycats: natives that paste a popular vendor's profile under their own name.
  mutating func assignCopycats(_ candidates: ArraySlice<Int>, all: [Int]) {
    let chosen = Array(candidates.prefix(copycatCount))
    let taken = Set(chosen)
    let popular = all.filter { operators[$0].role == .vendor && !taken.contains($0) }
      .sorted { operators[$0].popularity > operators[$1].popularity }
      .prefix(max(5, operatorCount / 20))
    guard !popular.isEmpty else { return }
    for id in chosen {
      var r = SynthRandom(seed: seed, 0xC0C, UInt64(id))
      operators[id].role = .copycat(of: r.pick(Array(popular)))
    }
  }

  /// Common handles: a Dream operator and a native of another market, unrelated, under one
  /// generic word (in its own casing each: "accept", "Accept").
  mutating func assignCommonHandles(dreamOps: [Int], natives: [Int], reserved: Int) {
    guard settings.has(.commonHandles) else { return }
    let a = Array(dreamOps.reversed())
    let b = Array(natives.dropFirst(reserved).reversed())
    let words = SynthVocabulary.commonHandles
    for g in 0..<min(max(2, operatorCount / 100), a.count, b.count) {
      var r = SynthRandom(seed: seed, 0xC4A, UInt64(g))
      for id in [a[g], b[g]] {
        let word = words[g % words.count]
        operators[id].baseName = r.weighted([
          (word, 3), (word.prefix(1).uppercased() + word.dropFirst(), 2), (word.uppercased(), 1),
        ])
        commonHandleOps.insert(id)
      }
    }
  }

  // MARK: - impersonators

  /// Impersonators open after Dream closed (1–3 crawls after), under the victim's exact name
  /// where a surviving market still has it free (55 %) or a near variant, copy its profile
  /// word for word or in part, mostly claim to be it, ship from another country 65 % of the
  /// time, live 1–3 crawls, and 40 % paste its public key (the first always).
  mutating func addHardImpersonators(_ ids: [Int], victims: [Int], dreamAccount: [Int: Int]) {
    guard !victims.isEmpty else { return }
    let pool = min(victims.count, max(3, ids.count * 2 / 3))
    for (i, id) in ids.enumerated() {
      var r = SynthRandom(seed: seed, 0x1A9, UInt64(id))
      let victim = victims[i % pool]
      operators[id].role = .impersonator(victim: victim)
      let victimHandle = accounts[dreamAccount[victim]!].handle
      let markets: [SynthMarket] = r.chance(0.6) ? [.wsm, .empire] : [.empire, .wsm]
      let exact = r.chance(0.55)
      let market =
        exact
        ? markets.first { !takenHandles[$0.rawValue].contains(victimHandle.lowercased()) }
          ?? markets[0] : markets[0]
      let handle = freeHandle(
        exact ? victimHandle : SynthNames.mutate(victimHandle, &r), on: market)
      operators[id].baseName = handle
      let sameCountry = placeImpersonator(id, like: victim, &r)
      let first = r.int(
        SynthTimeline.firstCrawlAfterClosure...(SynthTimeline.firstCrawlAfterClosure + 2))
      let pastes = i == 0 || r.chance(0.4)
      let key: KeySource =
        pastes ? .pasted(operators[victim].key(at: SynthTimeline.lastDreamCrawl)) : .operatorKey
      let lines = SynthVocabulary.realClaimLines + SynthVocabulary.migrantLines
      let claim =
        r.chance(0.75)
        ? r.pick(lines).replacingOccurrences(of: "{old}", with: victimHandle) : nil
      let a = addAccount(
        op: id, market: market, handle: handle, aliasType: "impersonator", first: first,
        last: min(first + r.int(0...2), SynthPlanner.crawlCount - 1), keySource: key,
        announces: claim, profileOwner: victim)
      accounts[a].profileCopy = r.chance(0.5) ? .verbatim : .partial
      accounts[a].details = [
        "name=\(handle == victimHandle ? "exact" : "variant")",
        "copy=\(accounts[a].profileCopy == .verbatim ? "verbatim" : "partial")",
        "key=\(pastes ? "pasted" : "own")", "claim=\(claim == nil ? "no" : "yes")",
        "ships_from=\(sameCountry ? "same" : "other")",
        "victim_market_closed=\(SynthTimeline.dreamClosed)",
        "first_seen=\(SynthTimeline.crawls[first])",
      ]
    }
  }

  /// Ships an impersonator from its victim's country (35 %) or from another one; it ships
  /// from one country only (no second location, no move) so that "same" and "other" are exact.
  /// Returns whether it is the victim's country.
  private mutating func placeImpersonator(
    _ id: Int, like victim: Int, _ r: inout SynthRandom
  ) -> Bool {
    operators[id].secondary = nil
    operators[id].move = nil
    let victimCountry = operators[victim].country(at: SynthTimeline.lastDreamCrawl)
    if r.chance(0.35) {
      operators[id].home = victimCountry
      return true
    }
    let others = SynthCountries.all.filter { $0.code != victimCountry }
    if operators[id].home == victimCountry {
      operators[id].home = others[r.weightedIndex(others.map(\.weight))].code
    }
    return false
  }

  // MARK: - accounts

  /// After the standard accounts: copycats' copied profiles, common handles' details, and
  /// sibling shops.
  mutating func addHardAccounts() {
    for a in accounts.indices {
      let id = accounts[a].operatorID
      if case .copycat(let victim) = operators[id].role {
        var r = SynthRandom(seed: seed, 0xC0D, UInt64(a))
        accounts[a].profileOwner = victim
        accounts[a].profileCopy = r.chance(0.6) ? .verbatim : .partial
        accounts[a].details.append(
          "copy=\(accounts[a].profileCopy == .verbatim ? "verbatim" : "partial")")
      }
      if commonHandleOps.contains(id) && accounts[a].aliasType == "original" {
        accounts[a].details.append("common_handle=true")
      }
    }
    if settings.has(.siblings) { addSiblings() }
  }

  /// Sibling shops: 3 % of operators open a second shop on the market of their first account,
  /// while the first is live (sharing 1–6 crawls), under a variant (40 %) or a new name, with
  /// the operator's key half of the time, selling another part of the operator's range.
  private mutating func addSiblings() {
    var pool = accounts.indices.filter {
      accounts[$0].aliasType == "original" && accounts[$0].last > accounts[$0].first
        && operators[accounts[$0].operatorID].role == .vendor
    }
    var order = SynthRandom(seed: seed, 0x5B0)
    order.shuffle(&pool)
    for o in pool.prefix(max(2, operatorCount * 3 / 100)) {
      var r = SynthRandom(seed: seed, 0x5B1, UInt64(o))
      let original = accounts[o]
      let start = r.int(original.first...(original.last - 1))
      let end = min(
        SynthTimeline.openCrawls(original.market).upperBound, start + r.int(1...6))
      let wanted = r.chance(0.4) ? SynthNames.mutate(original.handle, &r) : SynthNames.fresh(&r)
      let handle = freeHandle(wanted, on: original.market)
      let key: KeySource = r.chance(0.5) ? .operatorKey : .own(newKey())
      let s = addAccount(
        op: original.operatorID, market: original.market, handle: handle, aliasType: "sibling",
        first: start, last: end, keySource: key)
      accounts[s].details = ["sibling_of=\(original.market.key):\(original.handle)"]
      siblingOf[s] = o
    }
  }

  // MARK: - personas

  /// Evaders (drawn to change name and key) and sibling shops show a persona: its own words,
  /// products and prices.
  mutating func makePersonas() {
    for a in accounts.indices where operators[accounts[a].operatorID].role == .vendor {
      if settings.has(.evasion) && accounts[a].aliasType == "renamed_new_key" {
        evasionPersona(a)
      } else if siblingOf[a] != nil {
        siblingPersona(a)
      }
    }
  }

  private mutating func newPersona(from op: SynthOperator) -> SynthOperator {
    var p = op
    p.id = operatorCount + personas.count
    return p
  }

  /// A rewrite: a new style keeping one old habit 60 % of the time, about half of the
  /// products kept and one or two new ones, prices moved by 10–25 % either way, other terms,
  /// and ships-from shown as a region 70 % of the time (not for multi-location shippers and
  /// movers, whose country is the point of their flags).
  private mutating func evasionPersona(_ a: Int) {
    var r = SynthRandom(seed: seed, 0xE7A, UInt64(a))
    let op = operators[accounts[a].operatorID]
    var p = newPersona(from: op)
    let (style, habit) = WritingStyle.rewrite(
      of: op.style, keep: 0.6, rareTics: settings.has(.sharedVocabulary), &r)
    p.style = style
    var kept = op.products
    r.shuffle(&kept)
    kept = Array(kept.prefix(max(1, (op.products.count + 1) / 2)))
    let keptCount = kept.count
    for _ in 0..<r.int(1...2) {
      let k = r.weightedIndex(ProductCatalog.popularity)
      if !kept.contains(k) { kept.append(k) }
    }
    p.products = kept
    let change = (0.10 + 0.15 * r.uniform()) * (r.chance(0.5) ? 1 : -1)
    p.priceFactor = op.priceFactor * (1 + change)
    let terms = SynthVocabulary.termsOfService.count
    p.terms = (op.terms + 1 + r.below(terms - 1)) % terms
    if op.secondary == nil && op.move == nil && r.chance(0.7) {
      let european = !["US", "CA", "AU", "CN"].contains(op.home)
      p.shipsFromLabel = european ? r.pick(["EU", "Europe", "Worldwide"]) : "Worldwide"
    }
    p.genericProfile =
      settings.has(.sharedVocabulary) && r.chance(0.25)
      ? r.below(SynthVocabulary.genericProfiles.count) : nil
    personas.append(p)
    accounts[a].persona = p.id
    accounts[a].details += [
      "rewritten=true", "habit_kept=\(habit ?? "none")",
      "products_kept=\(keptCount)/\(op.products.count)",
      "price_change=\(Int((change * 100).rounded()))%",
      "ships_from_label=\(p.shipsFromLabel ?? "none")",
    ]
  }

  /// A sibling shop sells another part of the range: the second half of the operator's
  /// products, or a new product when it has one only; same style, same prices.
  private mutating func siblingPersona(_ a: Int) {
    var r = SynthRandom(seed: seed, 0x5B2, UInt64(a))
    let op = operators[accounts[a].operatorID]
    var p = newPersona(from: op)
    if op.products.count >= 2 {
      p.products = Array(op.products.suffix(op.products.count / 2))
    } else {
      var k = r.weightedIndex(ProductCatalog.popularity)
      if op.products.contains(k) { k = (k + 1) % ProductCatalog.kinds.count }
      p.products = [k]
    }
    personas.append(p)
    accounts[a].persona = p.id
  }
}
