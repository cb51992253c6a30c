import VendorKernels

/// Candidate pairs: the union of several cheap blocking rules, so that only a near-linear
/// number of pairs is scored. Each pair remembers which rules proposed it (for the blocking
/// report and for explain).
public struct CandidatePairs: Sendable {
  /// Row indices into `AccountEvidence`, `a[k] < b[k]`, sorted by (a, b), unique.
  public var a: [Int32] = []
  public var b: [Int32] = []
  /// Bit set of `BlockingRule`s per pair.
  public var rules: [UInt8] = []
  public var count: Int { a.count }
}

public enum BlockingRule: UInt8, CaseIterable, Sendable {
  case sharedKey = 1
  case handleCore = 2
  case handleNeighbours = 4
  case textTopK = 8
  case textLSH = 16
  /// The same handle once case, separators and leetspeak are folded away (`HandleNormaliser`):
  /// always a candidate, however many accounts share it, because an identical handle on two
  /// markets is the first thing an investigator checks (Hansa × AlphaBay: 205 shared handles).
  case sameHandle = 32
  /// The closest behaviour profiles on other markets among accounts shipping from the same
  /// country (`ProfileNeighbours`): for operators who changed name, key and texts at once.
  case profile = 64

  public var label: String {
    switch self {
    case .sharedKey: "shared PGP key"
    case .handleCore: "same handle core"
    case .handleNeighbours: "sorted handle neighbours"
    case .textTopK: "text top-k"
    case .textLSH: "text MinHash LSH"
    case .sameHandle: "same folded handle"
    case .profile: "behaviour profile neighbours"
    }
  }
}

/// Settings of blocking, with the reason for each default.
public struct BlockingSettings: Sendable {
  /// Text neighbours kept per account and other market. 6: on gen.py 3×20k (24 probes) 10
  /// kept 0.36M more candidate pairs (1.59M against 1.22M, a fifth of the scoring time) for
  /// F1 0.983 against 0.982 and text-only alias recall 0.883 against 0.880; the synth sample
  /// is unchanged. (At 3×5k with 128 dimensions, 5 had listed 77 % of text-only aliases and
  /// 10 87 %; the 256 dimensions, sentence tokens and text rank since made the extra
  /// neighbours nearly redundant.)
  public var textK = 6
  /// Pairs whose projected text cosine is below this are not text candidates: aliases sit
  /// far above it, and it prunes most of the top-k bookkeeping.
  public var textFloor: Float = 0.15
  /// A key or handle core shared by more accounts than this is a template or a pasted key,
  /// not an identity: pairing all of them would be quadratic and useless.
  public var maxGroup = 50
  /// Sorted-neighbourhood window on handles (each side): typos and suffixes keep neighbours.
  public var handleWindow = 3
  /// Pair accounts on the same market only through a shared key. Off by default: sibling
  /// shops (one operator, two accounts on one market at once) exist and rarely show their
  /// key on both (an independent generator's crawl: 27 of 50 same-market pairs were never
  /// candidates with this on).
  public var sameMarketOnlyByKey = false
  /// Text neighbours kept per account on its own market (besides itself). Fewer than across
  /// markets: two shops of one operator on one market are rarer than migrants, and each
  /// same-market search is a full n×n product of the market with itself.
  public var sameMarketTextK = 3
  /// Behaviour-profile neighbours kept per account and other market (`ProfileNeighbours`),
  /// and the profile cosine below which none is kept. 0 turns the rule off.
  public var profileK = 4
  public var profileFloor: Float = 0.5
  public var textDimensions = DenseText.defaultDimensions
  /// Inverted-file search for text top-k (`TextIVFSettings`) on markets of 2,048 accounts or
  /// more; `exactTextSearch` compares every pair of accounts instead (slower; on gen.py 3×20k
  /// about half a point more candidate recall for aliases known by their text only).
  var textIVF = TextIVFSettings()
  public var exactTextSearch = false
  /// MinHash LSH over each account's text tokens (words, word pairs, punctuation runs), for
  /// pasted or lightly edited texts whichever way the dense projection ranks them: 20 bands
  /// of 5 rows make a pair with token Jaccard 0.7 collide in 97 % of cases, 0.5 in 47 % and
  /// 0.3 in 5 %. (32 × 4 also caught looser look-alikes: on gen.py 3×20k it doubled the
  /// candidate pairs for 0.4 points of recall.) 0 bands turns the rule off.
  public var lshBands = 20
  public var lshRows = 5
  /// A band bucket shared by more accounts than this is boilerplate (a market's template, a
  /// common disclaimer), not a copied text: it is skipped, as `maxGroup` skips shared keys.
  public var lshMaxBucket = 20

  public init() {}
}

public enum Blocking {
  public static func candidates(_ e: AccountEvidence, settings s: BlockingSettings = .init())
    -> CandidatePairs
  {
    var keys: [UInt64] = []
    var flags: [UInt8] = []
    let n = e.count
    func add(_ x: Int32, _ y: Int32, _ rule: BlockingRule) {
      if x == y { return }
      let sameMarket = e.market[Int(x)] == e.market[Int(y)]
      if sameMarket && (s.sameMarketOnlyByKey && rule != .sharedKey) { return }
      let (lo, hi) = x < y ? (x, y) : (y, x)
      keys.append(UInt64(UInt32(lo)) << 32 | UInt64(UInt32(hi)))
      flags.append(rule.rawValue)
    }
    func groups(_ members: [Int32], _ rule: BlockingRule) {
      guard members.count > 1 && members.count <= s.maxGroup else { return }
      for p in 0..<members.count {
        for q in (p + 1)..<members.count { add(members[p], members[q], rule) }
      }
    }
    // Shared PGP key.
    var byKey = [[Int32]](repeating: [], count: e.fingerprints.count)
    for i in 0..<n { for k in e.keys(of: i) { byKey[Int(k)].append(Int32(i)) } }
    for g in byKey { groups(g, .sharedKey) }
    // Same folded handle: always (no `maxGroup`): one market rarely holds two accounts whose
    // handles fold alike, so a group is about as large as the number of markets.
    var byFolded: [[UInt8]: [Int32]] = [:]
    for i in 0..<n where !e.handleFolded[i].isEmpty {
      byFolded[e.handleFolded[i], default: []].append(Int32(i))
    }
    for g in byFolded.values where g.count > 1 {
      for p in 0..<g.count {
        for q in (p + 1)..<g.count { add(g[p], g[q], .sameHandle) }
      }
    }
    // Same handle core.
    var byCore: [[UInt8]: [Int32]] = [:]
    for i in 0..<n where e.handleCore[i].count >= 3 {
      byCore[e.handleCore[i], default: []].append(Int32(i))
    }
    for g in byCore.values { groups(g, .handleCore) }
    // Sorted neighbourhood on the folded handle and on its reverse.
    for reversed in [false, true] {
      let forms = e.handleFolded.map { reversed ? Array($0.reversed()) : $0 }
      let order = (0..<n).sorted { forms[$0].lexicographicallyPrecedes(forms[$1]) }
      for p in 0..<order.count {
        for q in (p + 1)..<min(order.count, p + 1 + s.handleWindow) {
          add(Int32(order[p]), Int32(order[q]), .handleNeighbours)
        }
      }
    }
    // Text top-k per pair of markets.
    let dense = DenseText(e, dimensions: s.textDimensions)
    var byMarket = [[Int32]](repeating: [], count: e.marketNames.count)
    for i in 0..<n where e.textOffsets[i] < e.textOffsets[i + 1] {
      byMarket[Int(e.market[i])].append(Int32(i))
    }
    // Each market searched from others is clustered once (`TextIVF`), when both sides are
    // large enough for the inverted file to pay.
    var indexes = [TextIVF?](repeating: nil, count: byMarket.count)
    for x in 0..<byMarket.count {
      if !s.sameMarketOnlyByKey && s.sameMarketTextK > 0 {
        // Within one market: each account's closest writers besides itself (k + 1 for self).
        var index: TextIVF? = nil
        if !s.exactTextSearch && byMarket[x].count >= s.textIVF.minimumBase {
          if indexes[x] == nil {
            indexes[x] = TextIVF(dense, base: byMarket[x], settings: s.textIVF)
          }
          index = indexes[x]
        }
        dense.topK(
          byMarket[x], byMarket[x], k: s.sameMarketTextK + 1, floor: s.textFloor, index: index
        ) { p, q in add(p, q, .textTopK) }
      }
      for y in (x + 1)..<byMarket.count {
        var index: TextIVF? = nil
        if !s.exactTextSearch && min(byMarket[x].count, byMarket[y].count) >= s.textIVF.minimumBase
        {
          if indexes[y] == nil {
            indexes[y] = TextIVF(dense, base: byMarket[y], settings: s.textIVF)
          }
          index = indexes[y]
        }
        dense.topK(byMarket[x], byMarket[y], k: s.textK, floor: s.textFloor, index: index) { p, q in
          add(p, q, .textTopK)
        }
      }
    }
    // Behaviour profiles within a ships-from country.
    if s.profileK > 0 {
      ProfileNeighbours.pairs(e, k: s.profileK, floor: s.profileFloor) { p, q in
        add(p, q, .profile)
      }
    }
    // MinHash LSH on text tokens (across markets, and within one unless same-market pairs need
    // a shared key).
    if s.lshBands > 0 && s.lshRows > 0 {
      let sets = (0..<n).map { Array(e.textTokens[e.textRange(of: $0)]) }
      let signatures = MinHashSignatures(
        ShingleHashes(sets: sets), permutations: s.lshBands * s.lshRows)
      let lsh = LSHIndex(signatures, bands: s.lshBands, rows: s.lshRows)
      let found = lsh.candidatePairs(
        groups: s.sameMarketOnlyByKey ? e.market : nil, maxBucketSize: s.lshMaxBucket)
      for k in 0..<found.count { add(found.left[k], found.right[k], .textLSH) }
    }
    // Sort, merge duplicates, OR their rules. With indices under 2^28, each pair and its rule
    // bits pack into one word (28 bits per index), so a plain integer sort does the work (it
    // cost a tenth of blocking through a closure over indices at 3×20k: 2.3M proposals).
    if n < 1 << 28 {
      var packed = [UInt64](repeating: 0, count: keys.count)
      for k in keys.indices {
        packed[k] = (keys[k] >> 32) << 36 | (keys[k] & 0xffff_ffff) << 8 | UInt64(flags[k])
      }
      packed.sort()
      var out = CandidatePairs()
      out.a.reserveCapacity(packed.count / 2)
      var last: UInt64 = .max
      for word in packed {
        let pair = word >> 8
        let rule = UInt8(truncatingIfNeeded: word)
        if pair == last {
          out.rules[out.rules.count - 1] |= rule
          continue
        }
        last = pair
        out.a.append(Int32(truncatingIfNeeded: pair >> 28))
        out.b.append(Int32(truncatingIfNeeded: pair & (1 << 28 - 1)))
        out.rules.append(rule)
      }
      return out
    }
    let order = keys.indices.sorted { keys[$0] < keys[$1] }
    var out = CandidatePairs()
    out.a.reserveCapacity(order.count / 2)
    var last: UInt64 = .max
    for k in order {
      if keys[k] == last {
        out.rules[out.rules.count - 1] |= flags[k]
        continue
      }
      last = keys[k]
      out.a.append(Int32(truncatingIfNeeded: keys[k] >> 32))
      out.b.append(Int32(truncatingIfNeeded: keys[k] & 0xffff_ffff))
      out.rules.append(flags[k])
    }
    return out
  }
}
