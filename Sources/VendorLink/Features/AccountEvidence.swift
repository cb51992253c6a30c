/// Everything linking knows about every vendor account, as struct-of-arrays: one row per
/// account (index `i`), variable-length parts in CSR form (`xOffsets[i]..<xOffsets[i+1]`).
///
/// Contiguous arrays keep the hot loops (blocking, comparisons, EM) cache-friendly and free of
/// per-account allocations; interned integer ids replace strings everywhere a comparison only
/// needs equality.
public struct AccountEvidence: Sendable {
  /// `accounts.account_id` of each row, ascending.
  public var accountIDs: [Int64] = []
  /// Index into `marketNames` of each row's market.
  public var market: [Int32] = []
  public var marketNames: [String] = []
  /// Closure date of each market (days since 1970-01-01), nil when open or unknown.
  public var marketClosedDay: [Int32?] = []
  /// The handle as scraped (for display and the exact-handle level).
  public var handles: [String] = []
  /// `HandleNormaliser.folded` and `.core` of each handle, as UTF-8 bytes.
  public var handleFolded: [[UInt8]] = []
  public var handleCore: [[UInt8]] = []
  /// In how many accounts' texts each folded handle occurs as a word (an account's own
  /// handle is never its text evidence, so these are other vendors writing it): `accept`,
  /// `color` or `quality` are words a market uses, `abelincolnlogs` is a name. Splink's
  /// term-frequency adjustment, with the crawl's own texts as the dictionary.
  public var handleWordFrequency: [Int32] = []
  /// How many accounts of each account's market share its folded handle (itself included),
  /// and how many accounts each market has: the term frequencies of Splink's adjustment
  /// (`NameComparison.termFrequencyBits`). Empty in evidence built by hand: no adjustment.
  public var handleCountInMarket: [Int32] = []
  public var marketSize: [Int32] = []

  /// Interned PGP fingerprints per account, sorted ascending.
  public var keyOffsets: [Int32] = [0]
  public var keys: [Int32] = []
  public var fingerprints: [String] = []

  /// Sparse TF-IDF text vector per account (token hash, weight), sorted by hash, L2-normalised.
  public var textOffsets: [Int32] = [0]
  public var textTokens: [UInt64] = []
  public var textWeights: [Float] = []

  /// Hashes of each account's profile sentences (`ProfileSentences`), sorted, unique, each
  /// with its rarity weight: the natural log of the number of accounts over the number whose
  /// profile has that sentence (inverse document frequency).
  public var sentenceOffsets: [Int32] = [0]
  public var sentences: [UInt64] = []
  public var sentenceWeights: [Float] = []

  /// Interned product keys per account, sorted, unique.
  public var productOffsets: [Int32] = [0]
  public var products: [Int32] = []
  public var productNames: [String] = []

  /// Hashes of the pitches of each account's listing titles (`ListingPitches`), sorted,
  /// unique.
  public var pitchOffsets: [Int32] = [0]
  public var pitches: [UInt64] = []

  /// Price level per account and product, sorted by product: the natural log of the unit
  /// price at quantity 1 after the product's quantity discount (`ProductPriceLevels`).
  public var priceOffsets: [Int32] = [0]
  public var priceProduct: [Int32] = []
  public var priceLevel: [Float] = []

  /// Writing habits per account (`WritingHabits`), `WritingHabits.dimensions` floats a row,
  /// standardised and unit-length (all zero without text): inner products are cosines.
  public var habits: [Float] = []
  /// Whether each account has any text to read habits from (prose, not titles only).
  public var hasHabits: [Bool] = []
  /// Whether each account has prose: a profile or a listing description (scrapes with titles
  /// only — Hansa, AlphaBay — have none). Habits need prose; the text comparisons do not
  /// (titles say what is sold, in the vendor's words: on Hansa × AlphaBay they carry most of
  /// the evidence, and making them null there lost every link). Evidence built by hand
  /// without this array: every account has prose.
  public var hasProse: [Bool] = []

  /// Whether both accounts have prose (`hasProse`).
  public func bothHaveProse(_ i: Int, _ j: Int) -> Bool {
    hasProse.isEmpty || (hasProse[i] && hasProse[j])
  }

  /// Whether each place (`placeNames`) is a country, not a region ("EU", "Worldwide"):
  /// a ships-from region says little about where a vendor is.
  public var placeIsCountry: [Bool] = []

  /// Most frequent ships-from place per account (interned), -1 when unknown.
  public var shipsFrom: [Int32] = []
  /// Ships-to places per account (interned, sorted, unique).
  public var shipsToOffsets: [Int32] = [0]
  public var shipsTo: [Int32] = []
  public var placeNames: [String] = []

  /// First and last day the account was seen (days since 1970-01-01), nil when unknown.
  public var firstSeenDay: [Int32?] = []
  public var lastSeenDay: [Int32?] = []

  /// Days on which each market was crawled, sorted, unique (index by market): the days on
  /// which any of its accounts was first or last seen. An account's absence from a market
  /// means something only on a day that market was looked at.
  public var marketCrawlDays: [[Int32]] = []

  /// A hash of every input that feeds this account's evidence: when it is unchanged, the
  /// account's comparisons are too (except through corpus-wide IDF weights).
  public var evidenceHash: [UInt64] = []

  public init() {}

  public var count: Int { accountIDs.count }

  @inline(__always) func range(_ offsets: [Int32], _ i: Int) -> Range<Int> {
    Int(offsets[i])..<Int(offsets[i + 1])
  }
  public func keys(of i: Int) -> ArraySlice<Int32> { keys[range(keyOffsets, i)] }
  public func products(of i: Int) -> ArraySlice<Int32> { products[range(productOffsets, i)] }
  public func pitches(of i: Int) -> ArraySlice<UInt64> { pitches[range(pitchOffsets, i)] }
  public func sentenceRange(of i: Int) -> Range<Int> { range(sentenceOffsets, i) }
  public func shipsTo(of i: Int) -> ArraySlice<Int32> { shipsTo[range(shipsToOffsets, i)] }
  public func textRange(of i: Int) -> Range<Int> { range(textOffsets, i) }
  public func priceRange(of i: Int) -> Range<Int> { range(priceOffsets, i) }

  /// Whether market `m` was crawled on some day in `from...to`.
  public func crawled(market m: Int, from: Int32, to: Int32) -> Bool {
    // Evidence built by hand (tests) has no crawl days: every day counts as crawled.
    if marketCrawlDays.isEmpty { return from <= to }
    guard m < marketCrawlDays.count, from <= to else { return false }
    let days = marketCrawlDays[m]
    // First crawl day >= from, by binary search.
    var lo = 0
    var hi = days.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if days[mid] < from { lo = mid + 1 } else { hi = mid }
    }
    return lo < days.count && days[lo] <= to
  }

  /// Whether accounts `i` and `j` were seen active at the same time (false when a date is
  /// unknown).
  public func overlap(_ i: Int, _ j: Int) -> Bool {
    guard let fi = firstSeenDay[i], let li = lastSeenDay[i], let fj = firstSeenDay[j],
      let lj = lastSeenDay[j]
    else { return false }
    return fi <= lj && fj <= li
  }

  /// Whether the activity of accounts `i` and `j` can be compared: they were seen at the same
  /// time, or one's market was crawled while the other was active (so the one was absent
  /// then). Two single crawls of two markets months apart say nothing about whether the
  /// vendors were active at the same time: that pair's activity is unknown, not "apart".
  public func activityComparable(_ i: Int, _ j: Int) -> Bool {
    guard let fi = firstSeenDay[i], let li = lastSeenDay[i], let fj = firstSeenDay[j],
      let lj = lastSeenDay[j]
    else { return false }
    if overlap(i, j) { return true }
    return crawled(market: Int(market[j]), from: fi, to: li)
      || crawled(market: Int(market[i]), from: fj, to: lj)
  }

  /// Cosine of two accounts' writing habits, nil when either has no text.
  public func habitCosine(_ i: Int, _ j: Int) -> Float? {
    guard i < hasHabits.count && j < hasHabits.count && hasHabits[i] && hasHabits[j] else {
      return nil
    }
    let d = WritingHabits.dimensions
    return habits.withUnsafeBufferPointer { h in
      var dot: Float = 0
      for c in 0..<d { dot += h[i * d + c] * h[j * d + c] }
      return dot
    }
  }

  /// Whether place `p` is a country (evidence built without `placeIsCountry`: yes).
  public func isCountry(place p: Int32) -> Bool {
    Int(p) < placeIsCountry.count ? placeIsCountry[Int(p)] : true
  }

  /// Row index of an account id, by binary search (ids are ascending).
  public func index(ofAccount id: Int64) -> Int? {
    var lo = 0
    var hi = accountIDs.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if accountIDs[mid] < id { lo = mid + 1 } else { hi = mid }
    }
    return lo < accountIDs.count && accountIDs[lo] == id ? lo : nil
  }
}

/// Interns strings as dense Int32 ids.
struct Interner {
  private(set) var names: [String] = []
  private var ids: [String: Int32] = [:]
  mutating func id(_ s: String) -> Int32 {
    if let i = ids[s] { return i }
    let i = Int32(names.count)
    names.append(s)
    ids[s] = i
    return i
  }
}
