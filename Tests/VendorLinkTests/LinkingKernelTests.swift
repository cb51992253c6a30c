import Foundation
import Testing

@testable import VendorLink

/// The fast paths of scoring and clustering against the simple code they replaced, on seeded
/// random inputs: linking's exports must stay byte-identical, so these compare bit patterns,
/// not closeness.
@Suite struct LinkingKernelTests {
  /// Random sparse text vectors (sorted unique tokens, some accounts empty), with tokens drawn
  /// from a small range so that vectors share many, and some vectors long enough to make the
  /// table grow.
  func textEvidence(_ rng: inout SplitMix64, accounts: Int) -> AccountEvidence {
    var e = AccountEvidence()
    for _ in 0..<accounts {
      let length = rng.int(5) == 0 ? 0 : rng.int(8) == 0 ? 300 + rng.int(400) : rng.int(60)
      var tokens = Set<UInt64>()
      while tokens.count < length {
        tokens.insert(rng.int(2) == 0 ? UInt64(rng.int(2_000)) : rng.next())
      }
      for t in tokens.sorted() {
        e.textTokens.append(t)
        e.textWeights.append(Float(rng.double()) * (rng.int(10) == 0 ? -1 : 1))
      }
      e.textOffsets.append(Int32(e.textTokens.count))
    }
    return e
  }

  @Test func tableCosineIsTheMergeCosineBitForBit() {
    var rng = SplitMix64(seed: 41)
    let e = textEvidence(&rng, accounts: 60)
    let cmp = PairComparer(e)
    var table = TokenWeightTable(capacity: 4)
    var compared = 0
    // Grouped by the first row as Scoring.levels meets them, then one row switching back and
    // forth (a reload each time).
    var pairs: [(Int, Int)] = []
    for i in 0..<60 { for j in 0..<60 where rng.int(4) == 0 { pairs.append((i, j)) } }
    for _ in 0..<200 { pairs.append((rng.int(60), rng.int(60))) }
    for (i, j) in pairs {
      let merged = cmp.cosine(i, j)
      let probed = cmp.cosine(i, j, table: &table)
      #expect(merged?.bitPattern == probed?.bitPattern)
      if merged != nil { compared += 1 }
    }
    #expect(compared > 500)
  }

  /// Five tokens in one bucket of a 16-bucket table overflow it: the cosine then takes the
  /// merge, with the same result.
  @Test func overflowedTableFallsBackToTheMerge() {
    // Tokens whose Fibonacci hash has the same top 4 bits (the table's hash for 16 buckets).
    let crowded = (UInt64(1)...).lazy.filter { ($0 &* 0x9e37_79b9_7f4a_7c15) >> 60 == 3 }
      .prefix(5)
    var e = AccountEvidence()
    let other = Set(Array(crowded).suffix(2) + [2, 99]).sorted()
    e.textTokens = Array(crowded) + other
    e.textWeights = [0.1, 0.2, 0.3, 0.4, 0.5] + other.map { Float($0 % 7 + 1) / 8 }
    e.textOffsets = [0, 5, Int32(5 + other.count)]
    let cmp = PairComparer(e)
    var table = TokenWeightTable(capacity: 4)
    let probed = cmp.cosine(0, 1, table: &table)
    #expect(!table.complete)
    #expect(probed?.bitPattern == cmp.cosine(0, 1)?.bitPattern)
    #expect((probed ?? 0) > 0.1)
  }

  /// The Jaro similarity as it was written first (flag arrays), the reference.
  static func referenceJaro(_ a: [UInt8], _ b: [UInt8]) -> Double {
    if a.isEmpty && b.isEmpty { return 1 }
    if a.isEmpty || b.isEmpty { return 0 }
    let window = max(0, max(a.count, b.count) / 2 - 1)
    var aMatched = [Bool](repeating: false, count: a.count)
    var bMatched = [Bool](repeating: false, count: b.count)
    var matches = 0
    for i in 0..<a.count {
      let lo = max(0, i - window)
      let hi = min(b.count - 1, i + window)
      if lo > hi { continue }
      for j in lo...hi where !bMatched[j] && a[i] == b[j] {
        aMatched[i] = true
        bMatched[j] = true
        matches += 1
        break
      }
    }
    if matches == 0 { return 0 }
    var transpositions = 0
    var k = 0
    for i in 0..<a.count where aMatched[i] {
      while !bMatched[k] { k += 1 }
      if a[i] != b[k] { transpositions += 1 }
      k += 1
    }
    let m = Double(matches)
    return (m / Double(a.count) + m / Double(b.count) + (m - Double(transpositions / 2)) / m) / 3
  }

  @Test func jaroPathsAreTheReferenceBitForBit() {
    var rng = SplitMix64(seed: 43)
    let alphabets = [Array("ab".utf8), Array("abcde_1".utf8), (0...255).map { UInt8($0) }]
    for round in 0..<3_000 {
      let alphabet = alphabets[round % alphabets.count]
      // Lengths around the 64-byte limit of the bit-parallel path, and across it.
      let maxLength = round % 5 == 0 ? 90 : 20
      let a = (0..<rng.int(maxLength + 1)).map { _ in rng.pick(alphabet) }
      let b = (0..<rng.int(maxLength + 1)).map { _ in rng.pick(alphabet) }
      let expected = Self.referenceJaro(a, b).bitPattern
      // Both kernel paths (up to 64 bytes and beyond) go through `jaro`; VendorKernels'
      // NameSimilarityBytesTests checks them against the same reference with the boost.
      #expect(StringSimilarity.jaro(a, b).bitPattern == expected)
    }
    let full = [UInt8](repeating: 7, count: 64)
    #expect(StringSimilarity.jaro(full, full) == 1)
  }

  @Test func handleBytesCompareAsStringsAndContainAsTextTokens() {
    var rng = SplitMix64(seed: 47)
    // Canonically equivalent spellings (é precomposed and decomposed) must stay equal.
    let pieces = ["a", "B", "_", "é", "e\u{301}", "ß", "1", "shop", "ü"]
    var e = AccountEvidence()
    for _ in 0..<80 {
      let handle = (0..<(1 + rng.int(4))).map { _ in rng.pick(pieces) }.joined()
      e.accountIDs.append(Int64(e.accountIDs.count + 1))
      e.handles.append(handle)
      e.handleFolded.append(Array(handle.lowercased().utf8))
      e.handleCore.append(Array(handle.lowercased().utf8.filter { $0 != 95 }))
    }
    let bytes = HandleBytes(e)
    var equalPairs = 0
    for i in 0..<80 {
      for j in 0..<80 {
        #expect(bytes.sameScraped(i, j) == (e.handles[i] == e.handles[j]))
        #expect(bytes.same(.folded, i, j) == (e.handleFolded[i] == e.handleFolded[j]))
        #expect(bytes.same(.core, i, j) == (e.handleCore[i] == e.handleCore[j]))
        #expect(
          HandleBytes.contains(bytes.form(.core, of: i), bytes.form(.core, of: j))
            == TextTokens.contains(e.handleCore[i], e.handleCore[j]))
        if i != j && e.handles[i] == e.handles[j] { equalPairs += 1 }
      }
    }
    #expect(equalPairs > 0)
  }

  /// The price distance as first written (an array of differences, sorted), the reference.
  static func referencePriceDistance(_ e: AccountEvidence, _ i: Int, _ j: Int) -> Float? {
    let ra = e.priceRange(of: i)
    let rb = e.priceRange(of: j)
    var diffs: [Float] = []
    var p = ra.lowerBound
    var q = rb.lowerBound
    while p < ra.upperBound && q < rb.upperBound {
      if e.priceProduct[p] == e.priceProduct[q] {
        diffs.append(abs(e.priceLevel[p] - e.priceLevel[q]))
        p += 1
        q += 1
      } else if e.priceProduct[p] < e.priceProduct[q] {
        p += 1
      } else {
        q += 1
      }
    }
    if diffs.isEmpty { return nil }
    diffs.sort()
    return diffs[diffs.count / 2]
  }

  @Test func priceDistanceIsTheReference() {
    var rng = SplitMix64(seed: 53)
    var e = AccountEvidence()
    for _ in 0..<50 {
      for product in (0..<12).filter({ _ in rng.int(3) == 0 }) {
        e.priceProduct.append(Int32(product))
        e.priceLevel.append(Float(rng.double() * 4))
      }
      e.priceOffsets.append(Int32(e.priceProduct.count))
    }
    let cmp = PairComparer(e)
    var shared = 0
    for i in 0..<50 {
      for j in 0..<50 {
        let expected = Self.referencePriceDistance(e, i, j)
        #expect(cmp.priceDistance(i, j)?.bitPattern == expected?.bitPattern)
        if expected != nil { shared += 1 }
      }
    }
    #expect(shared > 100)
  }

  @Test func edgeLookupKeepsTheHighestProbabilityAndZeroForUnscored() {
    var rng = SplitMix64(seed: 59)
    var edges: [Clustering.Edge] = []
    var expected: [UInt64: Double] = [:]
    for _ in 0..<400 {
      let (a, b) = (Int32(rng.int(40)), Int32(rng.int(40)))
      let p = rng.double()
      edges.append(Clustering.Edge(a: a, b: b, probability: p, weight: 0))
      expected[Clustering.key(a, b)] = max(expected[Clustering.key(a, b)] ?? 0, p)
    }
    let lookup = Clustering.EdgeProbabilities(edges)
    for x in Int32(0)..<40 {
      for y in Int32(0)..<40 {
        #expect(lookup[x, y] == expected[Clustering.key(x, y)] ?? 0)
      }
    }
  }

  /// Clustering from scored pairs (sorted pairs as the lookup) equals clustering from the
  /// same pairs as an edge list.
  @Test func clusteringScoredPairsIsClusteringTheirEdges() {
    var rng = SplitMix64(seed: 61)
    var e = AccountEvidence()
    let n = 90
    for i in 0..<n {
      e.accountIDs.append(Int64(i + 1))
      e.market.append(Int32(rng.int(4)))
      e.keyOffsets.append(0)
      e.firstSeenDay.append(nil)
      e.lastSeenDay.append(nil)
    }
    e.marketNames = ["A", "B", "C", "D"]
    e.marketClosedDay = [nil, nil, nil, nil]
    var pairs = CandidatePairs()
    for a in 0..<n {
      for b in (a + 1)..<n where rng.int(6) == 0 {
        pairs.a.append(Int32(a))
        pairs.b.append(Int32(b))
        pairs.rules.append(1)
      }
    }
    var scored = ScoredPairs(pairs: pairs, levels: [])
    scored.matchWeight = (0..<pairs.count).map { _ in rng.double() * 20 - 10 }
    scored.probability = scored.matchWeight.map { Scoring.probability(bits: $0) }
    let edges = (0..<pairs.count).map {
      Clustering.Edge(
        a: pairs.a[$0], b: pairs.b[$0], probability: scored.probability[$0],
        weight: scored.matchWeight[$0])
    }
    let fromScored = Clustering.cluster(e, scored: scored, threshold: 0.5)
    #expect(fromScored == Clustering.cluster(e, edges: edges, threshold: 0.5))
    #expect(Set(fromScored).count < n)
  }

  /// Stable identity ids as first written (dictionaries of clusters and votes).
  static func referenceStableIDs(labels: [Int32], accountIDs: [Int64], previous: [Int64: Int64])
    -> [Int64]
  {
    var clusters: [Int32: [Int]] = [:]
    for (row, l) in labels.enumerated() { clusters[l, default: []].append(row) }
    let order = clusters.keys.sorted {
      let a = clusters[$0]!
      let b = clusters[$1]!
      return a.count != b.count ? a.count > b.count : accountIDs[a[0]] < accountIDs[b[0]]
    }
    var used = Set<Int64>()
    var next = (previous.values.max() ?? 0) + 1
    var ids = [Int64](repeating: 0, count: labels.count)
    for l in order {
      let rows = clusters[l]!
      var votes: [Int64: Int] = [:]
      for r in rows { if let old = previous[accountIDs[r]] { votes[old, default: 0] += 1 } }
      let choice = votes.filter { !used.contains($0.key) }
        .max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
      let id: Int64
      if let choice {
        id = choice
      } else {
        id = next
        next += 1
      }
      used.insert(id)
      for r in rows { ids[r] = id }
    }
    return ids
  }

  @Test func stableIDsAreTheReference() {
    var rng = SplitMix64(seed: 67)
    for _ in 0..<40 {
      let n = 1 + rng.int(60)
      let accountIDs = (0..<n).map { Int64($0 * 3 + 5) }
      let labels = (0..<n).map { _ in Int32(rng.int(max(1, n / 3))) }
      var previous: [Int64: Int64] = [:]
      for id in accountIDs where rng.int(3) != 0 { previous[id] = Int64(1 + rng.int(8)) }
      #expect(
        Clustering.stableIDs(labels: labels, accountIDs: accountIDs, previous: previous)
          == Self.referenceStableIDs(labels: labels, accountIDs: accountIDs, previous: previous))
    }
  }

  @Test func weightTablesReadAsTheNestedTables() {
    let table: [[Double]] = [[1, 2, 3], [4], [5, 6]]
    let flat = WeightTable(table)
    for (c, row) in table.enumerated() {
      for (l, w) in row.enumerated() { #expect(flat[c, Int8(l)] == w) }
    }
    let stratified: [[[Double]]] = [[[1, 2], [3, 4]], [[5, 6]]]
    let flat3 = WeightTable(stratified: stratified)
    for (c, row) in stratified.enumerated() {
      for (l, cell) in row.enumerated() {
        for (s, w) in cell.enumerated() { #expect(flat3[c, Int8(l), Int8(s)] == w) }
      }
    }
  }
}
