import Testing

@testable import VendorLink

@Suite struct LinkingClusteringTests {
  func evidence(markets: [String]) -> AccountEvidence {
    var e = AccountEvidence()
    var names: [String] = []
    for (i, m) in markets.enumerated() {
      if !names.contains(m) { names.append(m) }
      e.accountIDs.append(Int64(i + 1))
      e.market.append(Int32(names.firstIndex(of: m)!))
      e.handles.append("v\(i)")
      e.keyOffsets.append(0)
      e.firstSeenDay.append(nil)
      e.lastSeenDay.append(nil)
    }
    e.marketNames = names
    e.marketClosedDay = names.map { _ in nil }
    return e
  }

  @Test func oneStrongLinkDoesNotChainTwoGroups() {
    // a(A)–b(B) and b(B)–c(C) are strong, a–c was never scored: {a,b} + c averages 0.495.
    let e = evidence(markets: ["A", "B", "C"])
    let edges = [
      Clustering.Edge(a: 0, b: 1, probability: 0.99, weight: 20),
      Clustering.Edge(a: 1, b: 2, probability: 0.99, weight: 19),
    ]
    let labels = Clustering.cluster(e, edges: edges, threshold: 0.5)
    #expect(labels[0] == labels[1])
    #expect(labels[2] != labels[1])
  }

  @Test func aTriangleJoins() {
    let e = evidence(markets: ["A", "B", "C"])
    let edges = [
      Clustering.Edge(a: 0, b: 1, probability: 0.99, weight: 20),
      Clustering.Edge(a: 1, b: 2, probability: 0.99, weight: 19),
      Clustering.Edge(a: 0, b: 2, probability: 0.7, weight: 3),
    ]
    let labels = Clustering.cluster(e, edges: edges, threshold: 0.5)
    #expect(Set(labels).count == 1)
  }

  @Test func atMostOneAccountPerMarket() {
    // Two accounts on B both look like a on A: the stronger one wins.
    let e = evidence(markets: ["A", "B", "B"])
    let edges = [
      Clustering.Edge(a: 0, b: 1, probability: 0.9, weight: 5),
      Clustering.Edge(a: 0, b: 2, probability: 0.99, weight: 12),
    ]
    let labels = Clustering.cluster(e, edges: edges, threshold: 0.5)
    #expect(labels[0] == labels[2])
    #expect(labels[1] != labels[0])
  }

  @Test func identityIDsAreStableAndNewOnesAreFresh() {
    let accounts: [Int64] = [10, 11, 12, 13]
    let previous: [Int64: Int64] = [10: 7, 11: 7, 12: 3]
    let ids = Clustering.stableIDs(labels: [0, 0, 2, 3], accountIDs: accounts, previous: previous)
    #expect(ids[0] == 7 && ids[1] == 7)
    #expect(ids[2] == 3)
    #expect(ids[3] == 8)
    // Same clustering again: same ids.
    let again = Clustering.stableIDs(
      labels: [0, 0, 2, 3], accountIDs: accounts,
      previous: Dictionary(uniqueKeysWithValues: zip(accounts, ids)))
    #expect(again == ids)
  }
}
