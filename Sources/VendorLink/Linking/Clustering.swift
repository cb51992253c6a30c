/// Groups accounts into identities (operators) from scored pairs, resisting chaining.
///
/// Edges at or above the threshold are taken strongest first (greedy agglomeration, as
/// correlation-clustering heuristics do). Two clusters merge only when
/// - their average linkage clears the threshold: the mean probability over every pair of
///   accounts on different markets across the two clusters (an unscored pair counts as 0),
///   so one strong link cannot chain two otherwise unrelated groups; and
/// - they put no two accounts on one market, unless that pair shares a PGP key and was not
///   active at the same time (one account replaced the other). Concurrent same-market
///   accounts claiming one key are the impersonation pattern after a closure: they compete,
///   and the better-supported one wins.
public enum Clustering {
  public struct Edge: Sendable {
    public var a: Int32
    public var b: Int32
    public var probability: Double
    public var weight: Double
  }

  /// Cluster label (a row index: the smallest member) for each account row.
  public static func cluster(_ e: AccountEvidence, edges: [Edge], threshold: Double) -> [Int32] {
    let n = e.count
    var prob: [UInt64: Double] = [:]
    for edge in edges {
      prob[key(edge.a, edge.b)] = max(prob[key(edge.a, edge.b)] ?? 0, edge.probability)
    }
    var members: [[Int32]] = (0..<n).map { [Int32($0)] }
    var label = (0..<n).map { Int32($0) }
    let strong = edges.filter { $0.probability >= threshold }.sorted {
      ($0.weight, -Int($0.a), -Int($0.b)) > ($1.weight, -Int($1.a), -Int($1.b))
    }
    let cmp = PairComparer(e)
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
            if !(cmp.pgpLevel(Int(x), Int(y)) == 0 && cmp.activityLevel(Int(x), Int(y)) > 0) {
              allowed = false
            }
            continue
          }
          sum += prob[key(x, y)] ?? 0
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
}
