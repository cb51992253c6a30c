import Foundation

/// Handle similarity: vendors keep their name, or a visible variant of it, across markets.
enum NameComparison {
  enum Level: Int8, ComparisonLevels {
    case sameHandle, sameFolded, sameCore, close, similar, different
    var label: String {
      switch self {
      case .sameHandle: "same handle"
      case .sameFolded: "same handle ignoring case and separators"
      case .sameCore: "same handle core"
      case .close: "Jaro-Winkler >= 0.92 or one contains the other"
      case .similar: "Jaro-Winkler >= 0.80"
      case .different: "different"
      }
    }
  }

  /// Jaro-Winkler of the folded handles for `close` (0.92) and `similar` (0.80): the usual
  /// cut-offs for names in record linkage (Winkler's), carried over from before the
  /// registry and not tuned on vendor handles since; EM/regression weigh each level.
  static let closeJaroWinkler = 0.92
  static let similarJaroWinkler = 0.80
  /// Shortest handle core that counts as contained in another (5 bytes): shorter cores are
  /// inside too many unrelated handles (hand-set, unchanged from before the registry).
  static let shortestContainedCore = 5

  static let declaration = ComparisonDeclaration(
    key: "name", levels: Level.self,
    summary: "the two handles: scraped, case- and separator-folded, core, Jaro-Winkler",
    values: { p in
      let jw = StringSimilarity.jaroWinkler(p.e.handleFolded[p.i], p.e.handleFolded[p.j])
      return
        "\(p.e.handles[p.i]) | \(p.e.handles[p.j]) (Jaro-Winkler \(String(format: "%.3f", jw)))"
    })
}

extension Comparison {
  public static let name = Comparison(rawValue: 0)
}

extension PairComparer {
  public func nameLevel(_ i: Int, _ j: Int) -> Int8 {
    typealias L = NameComparison.Level
    let h = handles
    if h.sameScraped(i, j) { return L.sameHandle.rawValue }
    if h.same(.folded, i, j) { return L.sameFolded.rawValue }
    if h.same(.core, i, j) { return L.sameCore.rawValue }
    let jw = StringSimilarity.jaroWinkler(h.form(.folded, of: i), h.form(.folded, of: j))
    if jw >= NameComparison.closeJaroWinkler { return L.close.rawValue }
    let (a, b) = (h.form(.core, of: i), h.form(.core, of: j))
    if min(a.count, b.count) >= NameComparison.shortestContainedCore
      && (HandleBytes.contains(a, b) || HandleBytes.contains(b, a))
    {
      return L.close.rawValue
    }
    return jw >= NameComparison.similarJaroWinkler ? L.similar.rawValue : L.different.rawValue
  }
}
