import Foundation

/// The share of profile sentences two accounts have in common, weighted by rarity
/// (`ProfileSentences`): copied sentences, not just shared words.
enum SentencesComparison {
  enum Level: Int8, ComparisonLevels {
    case jaccard30, jaccard20, jaccard10, someShared, noneShared
    var label: String {
      switch self {
      case .jaccard30: "weighted Jaccard >= 0.30"
      case .jaccard20: "weighted Jaccard >= 0.20"
      case .jaccard10: "weighted Jaccard >= 0.10"
      case .someShared: "some shared"
      case .noneShared: "none shared"
      }
    }
  }

  /// Rarity-weighted Jaccard thresholds of the first three levels: on gen.py 3×20k, 90 % of
  /// alias pairs among candidates are above 0.30 and 90 % of non-matching candidates below
  /// 0.10.
  static let thresholds: [Double] = [0.30, 0.20, 0.10]

  static let declaration = ComparisonDeclaration(
    key: "sentences", levels: Level.self,
    summary: "rarity-weighted Jaccard of the profile sentences",
    values: { p in
      guard let o = p.cmp.sentenceOverlap(p.i, p.j) else {
        return "no profile sentences on one side"
      }
      return "rarity-weighted Jaccard \(String(format: "%.3f", o.jaccard)), \(o.shared) shared of "
        + "\(p.e.sentenceRange(of: p.i).count) | \(p.e.sentenceRange(of: p.j).count) sentences"
    })
}

extension Comparison {
  public static let sentences = Comparison(rawValue: 4)
}

extension PairComparer {
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
    guard let (jaccard, shared) = sentenceOverlap(i, j) else { return nullLevel }
    for (k, t) in SentencesComparison.thresholds.enumerated() where jaccard >= t {
      return Int8(k)
    }
    typealias L = SentencesComparison.Level
    return shared > 0 ? L.someShared.rawValue : L.noneShared.rawValue
  }
}
