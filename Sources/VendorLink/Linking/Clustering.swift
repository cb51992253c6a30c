/// Groups accounts into identities (operators) from scored pairs, resisting chaining.
///
/// Edges at or above the threshold are taken strongest first (greedy agglomeration, as
/// correlation-clustering heuristics do). Two clusters merge only when
/// - their average linkage clears the threshold: the mean probability over every pair of
///   accounts on different markets across the two clusters (an unscored pair counts as 0),
///   so one strong link cannot chain two otherwise unrelated groups; and
/// - they put no two accounts on one market, unless that pair is itself a match (sibling
///   shops: one operator running two accounts on one market) or shares a PGP key and was not
///   active at the same time (one account replaced the other). Concurrent same-market
///   accounts claiming one identity without a strong link between them are the impersonation
///   pattern after a closure: they compete, and the better-supported one wins.
public enum Clustering {
  public struct Edge: Sendable {
    public var a: Int32
    public var b: Int32
    public var probability: Double
    public var weight: Double
  }

  /// Cluster label (a row index: the smallest member) for each account row.
  public static func cluster(_ e: AccountEvidence, edges: [Edge], threshold: Double) -> [Int32] {
    let lookup = EdgeProbabilities(edges)
    let strong = edges.filter { $0.probability >= threshold }
    return merge(e, strong: strong, probabilities: lookup, threshold: threshold)
  }

  /// As `cluster(_:edges:threshold:)` on every scored candidate pair, without an edge list
  /// of all 1.6M pairs (3×20k): the pairs are already sorted and unique, so they are their
  /// own lookup table.
  public static func cluster(_ e: AccountEvidence, scored: ScoredPairs, threshold: Double)
    -> [Int32]
  {
    let p = scored.pairs
    let lookup = EdgeProbabilities(sortedPairs: p, probability: scored.probability)
    var strong: [Edge] = []
    for k in 0..<scored.count where scored.probability[k] >= threshold {
      strong.append(
        Edge(
          a: p.a[k], b: p.b[k], probability: scored.probability[k],
          weight: scored.matchWeight[k]))
    }
    return merge(e, strong: strong, probabilities: lookup, threshold: threshold)
  }

  /// The greedy agglomeration over the strong edges (see the type's comment).
  private static func merge(
    _ e: AccountEvidence, strong unsorted: [Edge], probabilities prob: EdgeProbabilities,
    threshold: Double
  ) -> [Int32] {
    let n = e.count
    var members: [[Int32]] = (0..<n).map { [Int32($0)] }
    var label = (0..<n).map { Int32($0) }
    let strong = unsorted.sorted {
      ($0.weight, -Int($0.a), -Int($0.b)) > ($1.weight, -Int($1.a), -Int($1.b))
    }
    for edge in strong {
      let ca = label[Int(edge.a)]
      let cb = label[Int(edge.b)]
      if ca == cb { continue }
      let A = members[Int(ca)]
      let B = members[Int(cb)]
      var sum = 0.0
      var pairs = 0
      var allowed = true
      for x in A {
        for y in B {
          if e.market[Int(x)] == e.market[Int(y)] {
            // Sibling shops: two accounts on one market join only on their own strong link
            // (a look-alike of a cluster member is not enough to chain them in).
            let direct = prob[x, y]
            if direct >= threshold {
              sum += direct
              pairs += 1
            } else if !(PairComparer.pgpLevel(e, Int(x), Int(y))
              == PGPComparison.Level.sharedKey.rawValue
              && PairComparer.activityLevel(e, Int(x), Int(y))
                > ActivityComparison.Level.overlapping.rawValue)
            {
              allowed = false
            }
            continue
          }
          sum += prob[x, y]
          pairs += 1
        }
        if !allowed { break }
      }
      guard allowed, pairs == 0 || sum / Double(pairs) >= threshold else { continue }
      let (keep, drop) = ca < cb ? (ca, cb) : (cb, ca)
      for y in members[Int(drop)] { label[Int(y)] = keep }
      members[Int(keep)].append(contentsOf: members[Int(drop)])
      members[Int(drop)] = []
    }
    return label
  }

  /// Probability of each scored pair by (smaller row, larger row) key, as a sorted key array
  /// searched by bisection: the merge looks up only pairs inside candidate clusters (tens of
  /// thousands), while hashing every pair (1.6M at 3×20k) cost most of clustering's time.
  struct EdgeProbabilities {
    private var keys: [UInt64] = []
    private var probability: [Double] = []

    /// From edges in any order; a pair given twice keeps its higher probability.
    init(_ edges: [Edge]) {
      let order = edges.indices.sorted {
        Clustering.key(edges[$0].a, edges[$0].b) < Clustering.key(edges[$1].a, edges[$1].b)
      }
      for k in order {
        let key = Clustering.key(edges[k].a, edges[k].b)
        if let last = keys.last, last == key {
          probability[probability.count - 1] = max(
            probability[probability.count - 1], edges[k].probability)
        } else {
          keys.append(key)
          probability.append(max(0, edges[k].probability))
        }
      }
    }

    /// From candidate pairs (`a < b`, sorted by (a, b), unique) and their probabilities.
    init(sortedPairs p: CandidatePairs, probability: [Double]) {
      keys = (0..<p.count).map { Clustering.key(p.a[$0], p.b[$0]) }
      self.probability = probability.map { max(0, $0) }
    }

    /// The pair's probability, 0 when it was not scored.
    subscript(_ x: Int32, _ y: Int32) -> Double {
      let key = Clustering.key(x, y)
      var lo = 0
      var hi = keys.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if keys[mid] < key { lo = mid + 1 } else { hi = mid }
      }
      return lo < keys.count && keys[lo] == key ? probability[lo] : 0
    }
  }

  @inline(__always) static func key(_ x: Int32, _ y: Int32) -> UInt64 {
    let (lo, hi) = x < y ? (x, y) : (y, x)
    return UInt64(UInt32(lo)) << 32 | UInt64(UInt32(hi))
  }

  /// Identity ids for clusters, reusing the previous run's ids: each cluster takes the old id
  /// most of its members had (largest clusters choose first, each old id used once), so ids
  /// stay put when nothing changed; new clusters get ids above every id ever used.
  public static func stableIDs(
    labels: [Int32], accountIDs: [Int64], previous: [Int64: Int64]
  ) -> [Int64] {
    let clusters = ClusterRows(labels)
    // Largest first, then by first member's account id (ids are unique: a total order).
    let order = (0..<clusters.count).sorted {
      let (a, b) = (clusters.rows($0), clusters.rows($1))
      return a.count != b.count ? a.count > b.count : accountIDs[a.first!] < accountIDs[b.first!]
    }
    var used = Set<Int64>()
    var next = (previous.values.max() ?? 0) + 1
    var ids = [Int64](repeating: 0, count: labels.count)
    var votes: [Int64] = []
    for c in order {
      let rows = clusters.rows(c)
      votes.removeAll(keepingCapacity: true)
      for r in rows {
        if let old = previous[accountIDs[r]], !used.contains(old) { votes.append(old) }
      }
      let id: Int64
      if let choice = mostVoted(&votes) {
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

  /// The most frequent id (the smallest among equally frequent ones), nil when empty.
  private static func mostVoted(_ votes: inout [Int64]) -> Int64? {
    guard votes.count > 1 else { return votes.first }
    votes.sort()
    return mostFrequent(inSorted: votes)
  }

  /// Rows grouped by cluster label (clusters numbered in order of first appearance; rows
  /// ascending within a cluster), as one CSR array instead of a dictionary of arrays.
  struct ClusterRows {
    private var offsets: [Int]
    private var members: [Int]

    init(_ labels: [Int32]) {
      var index: [Int32: Int] = [:]
      var clusterOf = [Int](repeating: 0, count: labels.count)
      var sizes: [Int] = []
      for (row, l) in labels.enumerated() {
        let c: Int
        if let known = index[l] {
          c = known
        } else {
          c = sizes.count
          index[l] = c
          sizes.append(0)
        }
        clusterOf[row] = c
        sizes[c] += 1
      }
      offsets = [0]
      for size in sizes { offsets.append(offsets[offsets.count - 1] + size) }
      var fill = Array(offsets.dropLast())
      members = [Int](repeating: 0, count: labels.count)
      for row in labels.indices {
        members[fill[clusterOf[row]]] = row
        fill[clusterOf[row]] += 1
      }
    }

    var count: Int { offsets.count - 1 }
    func rows(_ c: Int) -> ArraySlice<Int> { members[offsets[c]..<offsets[c + 1]] }
  }
}
