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

  /// Most frequent ships-from place per account (interned), -1 when unknown.
  public var shipsFrom: [Int32] = []
  /// Ships-to places per account (interned, sorted, unique).
  public var shipsToOffsets: [Int32] = [0]
  public var shipsTo: [Int32] = []
  public var placeNames: [String] = []

  /// First and last day the account was seen (days since 1970-01-01), nil when unknown.
  public var firstSeenDay: [Int32?] = []
  public var lastSeenDay: [Int32?] = []

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
