import CVendorKernels

/// The comparisons linking scores, each as ordered levels (as Splink's comparison levels):
/// level 0 is the strongest agreement, the last level the strongest disagreement, and `null`
/// (−1) means the evidence is missing on one side and carries no weight.
///
/// The thresholds are part of the code, not the model: a model stores one m and u per level
/// and names its levels, and loading checks the names match (`LinkModel.validate`).
public enum Comparison: Int, CaseIterable, Sendable {
  case name = 0
  case pgp
  case text
  /// Whether the two are each other's closest writer on the other's market, and by how much
  /// (a graph comparison, like exclusivity): an operator's style is told apart less by how
  /// alike two texts are in absolute terms (template phrases make every shop look alike)
  /// than by no other account on that market writing more like them.
  case textRank
  /// The share of profile sentences two accounts have in common, weighted by rarity
  /// (`ProfileSentences`): copied sentences, not just shared words.
  case sentences
  case shipping
  case products
  /// The pitches of listing titles (`ListingPitches`): a vendor's own title boilerplate.
  case pitches
  case prices
  case activity
  /// Whether each account is the other's best candidate on the other's market (markets let a
  /// vendor have one account, so a second-best candidate is most likely someone else).
  case exclusivity

  public var key: String {
    switch self {
    case .name: "name"
    case .pgp: "pgp"
    case .text: "text"
    case .textRank: "text_rank"
    case .sentences: "sentences"
    case .shipping: "shipping"
    case .products: "products"
    case .pitches: "pitches"
    case .prices: "prices"
    case .activity: "activity"
    case .exclusivity: "exclusivity"
    }
  }

  /// Level labels, strongest agreement first.
  public var levels: [String] {
    switch self {
    case .name:
      [
        "same handle", "same handle ignoring case and separators", "same handle core",
        "Jaro-Winkler >= 0.92 or one contains the other", "Jaro-Winkler >= 0.80", "different",
      ]
    case .pgp: ["shared key", "both have keys, none shared"]
    case .text:
      [
        "cosine >= 0.60", "cosine >= 0.50", "cosine >= 0.40", "cosine >= 0.32", "cosine >= 0.25",
        "below",
      ]
    case .textRank:
      [
        "closest writers both ways, 0.10+ cosine ahead of the runner-up",
        "closest writers both ways, 0.05+ ahead", "closest writers both ways, close runner-up",
        "closest writer of one side", "neither",
      ]
    case .sentences:
      [
        "weighted Jaccard >= 0.30", "weighted Jaccard >= 0.20", "weighted Jaccard >= 0.10",
        "some shared", "none shared",
      ]
    case .shipping:
      [
        "same ships-from, same ships-to", "same ships-from, ships-to Jaccard >= 0.5",
        "same ships-from", "different ships-from",
      ]
    case .products:
      ["same products", "Jaccard >= 0.5", "Jaccard >= 0.25", "some shared", "none shared"]
    case .pitches:
      ["same pitches", "Jaccard >= 0.5", "some shared", "none shared"]
    case .prices:
      [
        "quantity-adjusted prices within 5 %", "within 10 %", "within 20 %", "further apart",
      ]
    case .activity:
      ["active at the same time", "one stops and the other starts around a closure", "apart"]
    case .exclusivity:
      [
        "mutual best, 8+ bits clear of the runner-up", "mutual best, 4+ bits clear",
        "mutual best, close runner-up", "best candidate of one side", "neither",
      ]
    }
  }

  public static let count = allCases.count

  /// Text-cosine thresholds of the text levels (TF-IDF over words, word pairs and
  /// punctuation). Why these: on gen.py data at 3×5k, 98 % of alias pairs among candidates
  /// have a cosine ≥ 0.32 and 95 % of non-alias candidates one below it; the finer steps above
  /// let EM learn how much a closer text is worth.
  static let textThresholds: [Float] = [0.60, 0.50, 0.40, 0.32, 0.25]
  /// Cosine margins over the runner-up that separate the text-rank levels: on gen.py data
  /// (3×5k, words and word pairs) aliases who are each other's closest writers stand a median
  /// 0.13–0.17 ahead of the next account, look-alikes rarely 0.05.
  static let textRankMargins: [Float] = [0.10, 0.05]
  /// Rarity-weighted Jaccard thresholds of the profile-sentence levels: on gen.py 3×20k, 90 %
  /// of alias pairs among candidates are above 0.30 and 90 % of non-matching candidates
  /// below 0.10.
  static let sentenceThresholds: [Double] = [0.30, 0.20, 0.10]
  /// Price thresholds (median natural-log ratio of two accounts' quantity-adjusted price
  /// levels over shared products): ±5 % is within one vendor's listing-to-listing noise once
  /// averaged over a few listings, ±20 % and beyond is a different price list.
  static let priceThresholds: [Float] = [0.05, 0.10, 0.20]
  /// A closure "neighbourhood": the old account stops within 30 days of the closure and the
  /// new one starts between a week before and 60 days after it.
  static let closureBefore: Int32 = 30
  static let closureAfterStart: Int32 = -7
  static let closureAfterEnd: Int32 = 60
}

/// Computes comparison levels for pairs of accounts.
public struct PairComparer: @unchecked Sendable {
  public let evidence: AccountEvidence
  /// The handle forms packed for `nameLevel`.
  let handles: HandleBytes

  public init(_ evidence: AccountEvidence) {
    self.evidence = evidence
    handles = HandleBytes(evidence)
  }

  /// Levels of every comparison but text rank and exclusivity (which need the whole candidate
  /// graph: `Scoring.assignTextRank`, `Scoring.assignExclusivity`), into
  /// `out` (`Comparison.count` entries).
  /// Returns the text cosine (−1 when either has no text), which text rank needs as well.
  @inline(__always) @discardableResult
  public func levels(_ i: Int, _ j: Int, into out: UnsafeMutablePointer<Int8>) -> Float {
    levels(i, j, textCosine: cosine(i, j), into: out)
  }

  /// As `levels(_:_:into:)`, with `i`'s text vector already in `table` (or loaded into it):
  /// the path of `Scoring.levels`, which meets the pairs of one `i` in a row.
  @inline(__always) @discardableResult
  func levels(
    _ i: Int, _ j: Int, table: inout TokenWeightTable, into out: UnsafeMutablePointer<Int8>
  ) -> Float {
    levels(i, j, textCosine: cosine(i, j, table: &table), into: out)
  }

  @inline(__always)
  private func levels(
    _ i: Int, _ j: Int, textCosine: Float?, into out: UnsafeMutablePointer<Int8>
  ) -> Float {
    out[Comparison.name.rawValue] = nameLevel(i, j)
    out[Comparison.pgp.rawValue] = pgpLevel(i, j)
    out[Comparison.text.rawValue] = textLevel(textCosine)
    out[Comparison.textRank.rawValue] = -1
    out[Comparison.sentences.rawValue] = sentencesLevel(i, j)
    out[Comparison.shipping.rawValue] = shippingLevel(i, j)
    out[Comparison.products.rawValue] = productsLevel(i, j)
    out[Comparison.pitches.rawValue] = pitchesLevel(i, j)
    out[Comparison.prices.rawValue] = pricesLevel(i, j)
    out[Comparison.activity.rawValue] = activityLevel(i, j)
    out[Comparison.exclusivity.rawValue] = -1
    return textCosine ?? -1
  }

  /// Starts loading what comparing a pair with row `j` reads (text vector, handle bytes,
  /// products, prices, destinations). `Scoring.levels` calls it a few pairs ahead: the second
  /// row of a pair is a random row, and waiting for its cache misses was most of the time of
  /// each comparison.
  @inline(__always) func prefetch(_ j: Int) {
    let e = evidence
    let text = e.textRange(of: j)
    // A text vector averages 120 tokens at 3×20k (15 lines of tokens, 8 of weights).
    Self.prefetch(e.textTokens, text, maxLines: 24)
    Self.prefetch(e.textWeights, text, maxLines: 12)
    Self.prefetch(e.products, e.range(e.productOffsets, j), maxLines: 2)
    let prices = e.priceRange(of: j)
    Self.prefetch(e.priceProduct, prices, maxLines: 1)
    Self.prefetch(e.priceLevel, prices, maxLines: 1)
    Self.prefetch(e.shipsTo, e.range(e.shipsToOffsets, j), maxLines: 1)
    let sentences = e.sentenceRange(of: j)
    Self.prefetch(e.sentences, sentences, maxLines: 4)
    Self.prefetch(e.sentenceWeights, sentences, maxLines: 2)
    Self.prefetch(e.pitches, e.range(e.pitchOffsets, j), maxLines: 1)
    handles.prefetch(j)
  }

  /// Prefetches the cache lines of `array[range]`, at most `maxLines` of them.
  @inline(__always) private static func prefetch<T>(
    _ array: [T], _ range: Range<Int>, maxLines: Int
  ) {
    guard !range.isEmpty else { return }
    array.withUnsafeBufferPointer { p in
      let start = UnsafeRawPointer(p.baseAddress! + range.lowerBound)
      let bytes = min(maxLines * 64, range.count * MemoryLayout<T>.stride)
      for offset in stride(from: 0, to: bytes, by: 64) { cvk_prefetch(start + offset) }
    }
  }

  public func nameLevel(_ i: Int, _ j: Int) -> Int8 {
    let h = handles
    if h.sameScraped(i, j) { return 0 }
    if h.same(.folded, i, j) { return 1 }
    if h.same(.core, i, j) { return 2 }
    let jw = StringSimilarity.jaroWinkler(h.form(.folded, of: i), h.form(.folded, of: j))
    if jw >= 0.92 { return 3 }
    let (a, b) = (h.form(.core, of: i), h.form(.core, of: j))
    if min(a.count, b.count) >= 5
      && (HandleBytes.contains(a, b) || HandleBytes.contains(b, a))
    {
      return 3
    }
    return jw >= 0.80 ? 4 : 5
  }

  public func pgpLevel(_ i: Int, _ j: Int) -> Int8 { Self.pgpLevel(evidence, i, j) }

  /// As `pgpLevel(_:_:)`, for callers without a comparer (clustering needs no handle bytes).
  static func pgpLevel(_ evidence: AccountEvidence, _ i: Int, _ j: Int) -> Int8 {
    let a = evidence.keys(of: i)
    let b = evidence.keys(of: j)
    if a.isEmpty || b.isEmpty { return -1 }
    return sortedIntersect(a, b) > 0 ? 0 : 1
  }

  /// Cosine of the two sparse TF-IDF vectors (merge join on sorted token hashes), or nil
  /// when either account has no text.
  public func cosine(_ i: Int, _ j: Int) -> Float? {
    let e = evidence
    var p = Int(e.textOffsets[i])
    let pEnd = Int(e.textOffsets[i + 1])
    var q = Int(e.textOffsets[j])
    let qEnd = Int(e.textOffsets[j + 1])
    if p == pEnd || q == qEnd { return nil }
    var dot: Float = 0
    e.textTokens.withUnsafeBufferPointer { t in
      e.textWeights.withUnsafeBufferPointer { w in
        while p < pEnd && q < qEnd {
          let a = t[p]
          let b = t[q]
          if a == b {
            dot += w[p] * w[q]
            p += 1
            q += 1
          } else if a < b {
            p += 1
          } else {
            q += 1
          }
        }
      }
    }
    return dot
  }

  /// As `cosine(_:_:)`, through `table` holding `i`'s vector (loaded here when it holds
  /// another row's): one probe per token of `j` (`TokenWeightTable`), same Float result.
  func cosine(_ i: Int, _ j: Int, table: inout TokenWeightTable) -> Float? {
    let e = evidence
    let ri = e.textRange(of: i)
    let rj = e.textRange(of: j)
    if ri.isEmpty || rj.isEmpty { return nil }
    let dot = e.textTokens.withUnsafeBufferPointer { t in
      e.textWeights.withUnsafeBufferPointer { w in
        if table.loadedRow != i {
          table.load(
            row: i, tokens: UnsafeBufferPointer(rebasing: t[ri]),
            weights: UnsafeBufferPointer(rebasing: w[ri]))
        }
        guard table.complete else { return Float?.none }
        return table.dot(
          tokens: UnsafeBufferPointer(rebasing: t[rj]),
          weights: UnsafeBufferPointer(rebasing: w[rj]))
      }
    }
    // A vector that overflowed the table (rare) takes the merge.
    return dot ?? cosine(i, j)
  }

  public func textLevel(_ c: Float?) -> Int8 {
    guard let c else { return -1 }
    for (k, t) in Comparison.textThresholds.enumerated() where c >= t { return Int8(k) }
    return Int8(Comparison.textThresholds.count)
  }

  public func shippingLevel(_ i: Int, _ j: Int) -> Int8 {
    let e = evidence
    let a = e.shipsFrom[i]
    let b = e.shipsFrom[j]
    if a < 0 || b < 0 { return -1 }
    if a != b { return 3 }
    // An identical destination list is its own level: a vendor's list (e.g. four of a
    // dozen regions) is rarely matched exactly by another vendor, far more rarely than it
    // half-overlaps one (gen.py 3×5k: u 0.004 against 0.02).
    let ta = e.shipsTo(of: i)
    let tb = e.shipsTo(of: j)
    if ta.elementsEqual(tb) { return 0 }
    let inter = sortedIntersect(ta, tb)
    let union = ta.count + tb.count - inter
    return Double(inter) / Double(max(union, 1)) >= 0.5 ? 1 : 2
  }

  public func productsLevel(_ i: Int, _ j: Int) -> Int8 {
    let a = evidence.products(of: i)
    let b = evidence.products(of: j)
    if a.isEmpty || b.isEmpty { return -1 }
    // The same product range is its own level, as the same destinations are.
    if a.elementsEqual(b) { return 0 }
    let inter = sortedIntersect(a, b)
    let jac = Double(inter) / Double(a.count + b.count - inter)
    if jac >= 0.5 { return 1 }
    if jac >= 0.25 { return 2 }
    return inter > 0 ? 3 : 4
  }

  /// Rarity-weighted Jaccard of the two accounts' profile sentences (shared weight over the
  /// union's), the number shared; nil when either has none.
  public func sentenceOverlap(_ i: Int, _ j: Int) -> (jaccard: Double, shared: Int)? {
    let e = evidence
    let ra = e.sentenceRange(of: i)
    let rb = e.sentenceRange(of: j)
    if ra.isEmpty || rb.isEmpty { return nil }
    var shared = 0.0
    var total = 0.0
    var count = 0
    // Through buffers: 1.6M pairs at 3×20k, and indexing the evidence's arrays checked
    // bounds and retained them at each step.
    e.sentences.withUnsafeBufferPointer { sentences in
      e.sentenceWeights.withUnsafeBufferPointer { weights in
        forEachSharedKey(sentences, ra, rb) { p, _ in
          shared += Double(weights[p])
          count += 1
        }
        for k in ra { total += Double(weights[k]) }
        for k in rb { total += Double(weights[k]) }
      }
    }
    let union = total - shared
    return (union > 0 ? shared / union : 0, count)
  }

  public func sentencesLevel(_ i: Int, _ j: Int) -> Int8 {
    guard let (jaccard, shared) = sentenceOverlap(i, j) else { return -1 }
    for (k, t) in Comparison.sentenceThresholds.enumerated() where jaccard >= t { return Int8(k) }
    return shared > 0 ? 3 : 4
  }

  /// The same set of title pitches is its own level (as the same products are); null when
  /// either account's titles have none.
  public func pitchesLevel(_ i: Int, _ j: Int) -> Int8 {
    let a = evidence.pitches(of: i)
    let b = evidence.pitches(of: j)
    if a.isEmpty || b.isEmpty { return -1 }
    if a.elementsEqual(b) { return 0 }
    let inter = sortedIntersect(a, b)
    if inter == 0 { return 3 }
    return Double(inter) / Double(a.count + b.count - inter) >= 0.5 ? 1 : 2
  }

  /// Median |log price-level ratio| over the products both accounts price
  /// (`ProductPriceLevels`: unit prices with the product's quantity discount removed).
  public func priceDistance(_ i: Int, _ j: Int) -> Float? {
    let e = evidence
    let ra = e.priceRange(of: i)
    let rb = e.priceRange(of: j)
    if ra.isEmpty || rb.isEmpty { return nil }
    // The differences go to a stack buffer (at most the shorter list): no array per pair.
    return withUnsafeTemporaryAllocation(of: Float.self, capacity: min(ra.count, rb.count)) {
      diffs in
      var n = 0
      e.priceProduct.withUnsafeBufferPointer { product in
        e.priceLevel.withUnsafeBufferPointer { level in
          forEachSharedKey(product, ra, rb) { p, q in
            diffs[n] = abs(level[p] - level[q])
            n += 1
          }
        }
      }
      if n == 0 { return nil }
      var shared = UnsafeMutableBufferPointer(rebasing: diffs[0..<n])
      shared.sort()
      return shared[n / 2]
    }
  }

  public func pricesLevel(_ i: Int, _ j: Int) -> Int8 {
    guard let d = priceDistance(i, j) else { return -1 }
    for (k, t) in Comparison.priceThresholds.enumerated() where d <= t { return Int8(k) }
    return Int8(Comparison.priceThresholds.count)
  }

  public func activityLevel(_ i: Int, _ j: Int) -> Int8 { Self.activityLevel(evidence, i, j) }

  /// As `activityLevel(_:_:)`, for callers without a comparer.
  static func activityLevel(_ e: AccountEvidence, _ i: Int, _ j: Int) -> Int8 {
    guard let fi = e.firstSeenDay[i], let li = e.lastSeenDay[i], let fj = e.firstSeenDay[j],
      let lj = e.lastSeenDay[j]
    else { return -1 }
    if fi <= lj && fj <= li { return 0 }
    // Order so that `old` stopped before `new` started.
    let (old, oldLast, newFirst) = li < fj ? (i, li, fj) : (j, lj, fi)
    if let closed = e.marketClosedDay[Int(e.market[old])],
      abs(oldLast - closed) <= Comparison.closureBefore,
      (Comparison.closureAfterStart...Comparison.closureAfterEnd).contains(newFirst - closed)
    {
      return 1
    }
    return 2
  }
}

/// Calls `body(p, q)`, in ascending key order, for each pair of positions `p` in `ra` and `q`
/// in `rb` whose keys are equal: a merge join of two sorted, duplicate-free runs of `keys`
/// (an account's sentences, priced products, …), shared by the comparisons that walk them.
@inline(__always)
func forEachSharedKey<K: Comparable>(
  _ keys: UnsafeBufferPointer<K>, _ ra: Range<Int>, _ rb: Range<Int>, _ body: (Int, Int) -> Void
) {
  var p = ra.lowerBound
  var q = rb.lowerBound
  while p < ra.upperBound && q < rb.upperBound {
    let (a, b) = (keys[p], keys[q])
    if a == b {
      body(p, q)
      p += 1
      q += 1
    } else if a < b {
      p += 1
    } else {
      q += 1
    }
  }
}

/// Size of the intersection of two sorted, duplicate-free sequences.
@inline(__always)
func sortedIntersect<T: Comparable>(_ a: ArraySlice<T>, _ b: ArraySlice<T>) -> Int {
  var p = a.startIndex
  var q = b.startIndex
  var n = 0
  while p < a.endIndex && q < b.endIndex {
    if a[p] == b[q] {
      n += 1
      p += 1
      q += 1
    } else if a[p] < b[q] {
      p += 1
    } else {
      q += 1
    }
  }
  return n
}
