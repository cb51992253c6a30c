/// The k best matches of each query, struct-of-arrays: row `i` occupies
/// `indices[i*k ..< (i+1)*k]` and `scores[i*k ..< (i+1)*k]`, best first.
///
/// Order: higher score first; equal scores go to the lower index, so results are deterministic.
/// When fewer than `k` candidates exist (k > m, or NaN scores, which are skipped), the row is
/// padded with index -1 and score `-Float.infinity`.
public struct TopK: Sendable, Equatable {
  public let rows: Int
  public let k: Int
  public var indices: [Int32]
  public var scores: [Float]

  public init(rows: Int, k: Int, indices: [Int32], scores: [Float]) {
    precondition(indices.count == rows * k && scores.count == rows * k)
    self.rows = rows
    self.k = k
    self.indices = indices
    self.scores = scores
  }

  /// The (index, score) pairs of row `i`, best first, without the padding.
  public func row(_ i: Int) -> [(index: Int, score: Float)] {
    var out: [(index: Int, score: Float)] = []
    for t in 0..<k where indices[i * k + t] >= 0 {
      out.append((Int(indices[i * k + t]), scores[i * k + t]))
    }
    return out
  }
}
