import Foundation

/// Whether the two are each other's closest writer on the other's market, and by how much (a
/// graph comparison, like exclusivity): an operator's style is told apart less by how alike
/// two texts are in absolute terms (template phrases make every shop look alike) than by no
/// other account on that market writing more like them.
enum TextRankComparison {
  enum Level: Int8, ComparisonLevels {
    case mutualClear, mutualAhead, mutualClose, oneSide, neither
    var label: String {
      switch self {
      case .mutualClear: "closest writers both ways, 0.10+ cosine ahead of the runner-up"
      case .mutualAhead: "closest writers both ways, 0.05+ ahead"
      case .mutualClose: "closest writers both ways, close runner-up"
      case .oneSide: "closest writer of one side"
      case .neither: "neither"
      }
    }
  }

  /// Cosine margins over the runner-up that separate the mutual levels: on gen.py data (3×5k,
  /// words and word pairs) aliases who are each other's closest writers stand a median
  /// 0.13–0.17 ahead of the next account, look-alikes rarely 0.05.
  static let margins: [Float] = [0.10, 0.05]

  static let declaration = ComparisonDeclaration(
    key: "text_rank", kind: .graph, levels: Level.self,
    summary: "whether each is the other's closest writer on the other's market, by how much",
    values: { p in p.stored ? "from the last link run" : "not a candidate pair" })
}

extension Comparison {
  public static let textRank = Comparison(rawValue: 3)
}

extension Scoring {
  /// Sets the text-rank level of every pair (`Comparison.textRank`): for each account and each
  /// other market, its best and second-best text cosine among its candidates there (text
  /// top-k puts every account's closest writers among them). A pair that is both sides' best
  /// gets a level by its cosine margin over the runner-up (the smaller of the two sides');
  /// then "closest of one side"; then "neither". Null when either account has no text.
  public static func assignTextRank(
    _ levels: inout [Int8], _ pairs: CandidatePairs, _ e: AccountEvidence, cosines: [Float] = []
  ) {
    let cmp = PairComparer(e)
    // Cosines `Scoring.levels` computed are reused; the rest (NaN) are computed here.
    var cosine =
      cosines.count == pairs.count ? cosines : [Float](repeating: .nan, count: pairs.count)
    cosine.withUnsafeMutableBufferPointer { cosine in
      inChunks(pairs.count) { range in
        var table = TokenWeightTable()
        for k in range where cosine[k].isNaN {
          cosine[k] = cmp.cosine(Int(pairs.a[k]), Int(pairs.b[k]), table: &table) ?? -1
        }
      }
    }
    // A pair without text (cosine −1) is not ranked (NaN) and its level is null.
    MutualBest.assignLevels(
      &levels, column: Comparison.textRank.rawValue, pairs, e,
      score: cosine.map { $0 >= 0 ? Double($0) : .nan }, noRunnerUp: 0,
      margins: TextRankComparison.margins.map(Double.init), unranked: nullLevel)
  }
}
