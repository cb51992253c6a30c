import Foundation

/// Writing: TF-IDF cosine of the two accounts' profile and listing text (words, word pairs
/// and punctuation).
enum TextComparison {
  enum Level: Int8, ComparisonLevels {
    case cosine60, cosine50, cosine40, cosine32, cosine25, below
    var label: String {
      switch self {
      case .cosine60: "cosine >= 0.60"
      case .cosine50: "cosine >= 0.50"
      case .cosine40: "cosine >= 0.40"
      case .cosine32: "cosine >= 0.32"
      case .cosine25: "cosine >= 0.25"
      case .below: "below"
      }
    }
  }

  /// Text-cosine thresholds of the levels above `below`. Why these: on gen.py data at 3×5k,
  /// 98 % of alias pairs among candidates have a cosine ≥ 0.32 and 95 % of non-alias
  /// candidates one below it; the finer steps above let EM learn how much a closer text is
  /// worth.
  static let thresholds: [Float] = [0.60, 0.50, 0.40, 0.32, 0.25]

  static let declaration = ComparisonDeclaration(
    key: "text", levels: Level.self,
    summary: "TF-IDF cosine of profile and listing text",
    values: { p in
      p.cmp.cosine(p.i, p.j).map { "TF-IDF cosine \(String(format: "%.3f", $0))" } ?? "no text"
    })
}

extension Comparison {
  public static let text = Comparison(rawValue: 2)
}

extension PairComparer {
  /// The level of text cosine `c` (nil: either account has no text).
  public func textLevel(_ c: Float?) -> Int8 {
    guard let c else { return nullLevel }
    for (k, t) in TextComparison.thresholds.enumerated() where c >= t { return Int8(k) }
    return TextComparison.Level.below.rawValue
  }
}
