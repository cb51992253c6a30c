/// Pairs of row indices, struct-of-arrays: pair `t` is (`left[t]`, `right[t]`) with
/// `left[t] < right[t]` for self-joins. Int32 indices halve the memory of candidate lists,
/// which reach tens of millions of pairs for 100k sets.
public struct CandidatePairs: Sendable, Equatable {
  public var left: [Int32]
  public var right: [Int32]

  public init(left: [Int32] = [], right: [Int32] = []) {
    precondition(left.count == right.count)
    self.left = left
    self.right = right
  }

  public var count: Int { left.count }
}
