/// Which scored pairs are `contested` rather than `match`: their words agree but their
/// behaviour does not — the impersonation pattern after a closure (STUDY.md): a newcomer
/// takes a known vendor's name, copies its profile and sometimes pastes its public key, but
/// cannot copy where it ships from, what it sells, at what prices, or stay out of the way of
/// the genuine vendor's own new account.
///
/// A decision rule, not a weight: weights are fitted on pairs that share a key, which is
/// exactly what an impersonator who pastes the victim's key also does, so no fitted weight
/// can tell the two apart. The rule asks for two independent disagreements in behaviour (one
/// alone is common among genuine aliases: a migrant reprices or changes part of its range;
/// sibling shops on one market sell different things, and a short life after a closure is
/// one); timing, habits and two live accounts on one market under one name are shown as
/// reasons but never decide.
public enum Contest {
  /// Why a pair is contested, one bit each (stored with the pair, shown by `explain`).
  public struct Reasons: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// Both sell things and share none of them.
    public static let noSharedProducts = Reasons(rawValue: 1)
    /// Both ship from a country, and not the same one.
    public static let otherShipsFrom = Reasons(rawValue: 2)
    /// The products both sell are priced more than 20 % apart (median).
    public static let otherPrices = Reasons(rawValue: 4)
    /// The newer account opened after the older one's market closed: the moment
    /// impersonators choose (and migrants too: never a reason on its own).
    public static let afterClosure = Reasons(rawValue: 8)
    /// Both are live on one market at the same time under one name.
    public static let twoLiveOnOneMarket = Reasons(rawValue: 16)
    /// Writing habits disagree although the texts agree: a copied text, not a shared hand.
    /// Shown, not counted: sibling shops share a profile and write their titles apart.
    public static let otherHabits = Reasons(rawValue: 32)
    /// The newer account opened after the older one's market closed and was gone again
    /// within `shortLife` days while its own market was still crawled: the exit of a scam,
    /// not a move (a migrant comes to stay; an impersonator sells poorly and vanishes).
    /// Counted: without it, 77 % of the standard synthetic world's impersonator pairs were
    /// decided `match` instead of 29 %; the price is that genuine migrants who vanish soon
    /// with one other disagreement are contested (13 of its 516 true pairs).
    public static let vanishedSoon = Reasons(rawValue: 64)

    /// Disagreements in behaviour, counted by `isContested`.
    static let behaviour: Reasons = [
      noSharedProducts, otherShipsFrom, otherPrices, vanishedSoon,
    ]

    public var labels: [String] {
      var out: [String] = []
      if contains(.noSharedProducts) { out.append("no product in common") }
      if contains(.otherShipsFrom) { out.append("ships from another country") }
      if contains(.otherPrices) { out.append("prices more than 20 % apart") }
      if contains(.otherHabits) { out.append("writing habits differ although the texts agree") }
      if contains(.afterClosure) { out.append("opened after the other's market closed") }
      if contains(.vanishedSoon) { out.append("gone again soon after opening") }
      if contains(.twoLiveOnOneMarket) { out.append("two live accounts on one market, one name") }
      return out
    }
  }

  /// Habit cosine below which two accounts whose texts agree are said to write differently.
  /// Why 0.2: habit vectors are z-scored rates, so unrelated writers scatter around 0 and one
  /// writer's accounts sit well above 0.5; 0.2 leaves room for short texts.
  static let differentHabits: Float = 0.2
  /// Days within which a post-closure newcomer that stops being seen counts as `vanishedSoon`:
  /// three monthly crawls (a move takes weeks to set up, a scam lives one to three crawls).
  static let shortLife: Int32 = 90

  /// The disagreements of pair (i, j), given its levels.
  public static func reasons(
    _ e: AccountEvidence, _ i: Int, _ j: Int, levels: (Comparison) -> Int8
  ) -> Reasons {
    var r: Reasons = []
    if levels(.products) == Int8(Comparison.products.levels.count - 1) {
      r.insert(.noSharedProducts)
    }
    let (fi, fj) = (e.shipsFrom[i], e.shipsFrom[j])
    if fi >= 0 && fj >= 0 && fi != fj && e.isCountry(place: fi) && e.isCountry(place: fj) {
      r.insert(.otherShipsFrom)
    }
    if levels(.prices) == Int8(Comparison.prices.levels.count - 1) { r.insert(.otherPrices) }
    if textsAgree(levels), let h = e.habitCosine(i, j), h < differentHabits {
      r.insert(.otherHabits)
    }
    if let (old, new) = olderNewer(e, i, j), let closed = e.marketClosedDay[Int(e.market[old])],
      let first = e.firstSeenDay[new], first > closed
    {
      r.insert(.afterClosure)
      if let last = e.lastSeenDay[new], last - first <= shortLife,
        let marketLast = e.marketCrawlDays.isEmpty
          ? nil : e.marketCrawlDays[Int(e.market[new])].last,
        marketLast > last
      {
        r.insert(.vanishedSoon)
      }
    }
    if e.market[i] == e.market[j], levels(.name) <= 2, e.overlap(i, j) {
      r.insert(.twoLiveOnOneMarket)
    }
    return r
  }

  /// Sets `scored.contested` for every pair at or above the threshold whose reasons make it
  /// contested (`isContested`).
  public static func decide(_ scored: inout ScoredPairs, _ e: AccountEvidence, threshold: Double) {
    var out = [UInt16](repeating: 0, count: scored.count)
    for k in 0..<scored.count where scored.probability[k] >= threshold {
      let (i, j) = (Int(scored.pairs.a[k]), Int(scored.pairs.b[k]))
      let r = reasons(e, i, j) { scored.level(k, $0) }
      if isContested(r) { out[k] = r.rawValue }
    }
    scored.contested = out
  }

  /// Whether a pair with these reasons is contested (when its score alone would be a match).
  public static func isContested(_ r: Reasons) -> Bool {
    r.intersection(.behaviour).rawValue.nonzeroBitCount >= 2
  }

  /// Whether the texts agree enough that a disagreement in habits means a copy: a close
  /// cosine, or many shared profile sentences.
  static func textsAgree(_ levels: (Comparison) -> Int8) -> Bool {
    let t = levels(.text)
    let s = levels(.sentences)
    return (t >= 0 && t <= 1) || (s >= 0 && s <= 1)
  }

  /// (older, newer) by first-seen day, nil when either is unknown or both started together.
  static func olderNewer(_ e: AccountEvidence, _ i: Int, _ j: Int) -> (Int, Int)? {
    guard let fi = e.firstSeenDay[i], let fj = e.firstSeenDay[j], fi != fj else { return nil }
    return fi < fj ? (i, j) : (j, i)
  }

}
