import Foundation

/// Handle similarity: vendors keep their name, or a visible variant of it, across markets.
enum NameComparison {
  enum Level: Int8, ComparisonLevels {
    case sameHandle, sameFolded, sameCore, sameCommon, close, similar, different
    var label: String {
      switch self {
      case .sameHandle: "same handle"
      case .sameFolded: "same handle ignoring case and separators"
      case .sameCore: "same handle core"
      case .sameCommon: "same handle, but a word other vendors write or 4 letters or fewer"
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
  /// A folded handle written as a word in this many other accounts' texts is a word of the
  /// market's language (`accept`, `color`, `quality`), so two vendors choosing it is no
  /// coincidence (Splink's term-frequency adjustment, the crawl's texts as the dictionary).
  /// Why 3: a vendor's own name turns up in one or two others' texts (a migrant's "formerly
  /// X", an impersonator's "the REAL X"), a word in many.
  static let commonWordWriters: Int32 = 3
  /// Folded handles this short collide by chance across thousands of vendors.
  static let shortHandle = 4

  /// Most bits the term-frequency adjustment adds or takes (as the writing cap, 8: a handle
  /// is one piece of evidence, however rare).
  static let maxTermFrequencyBits = 8.0

  /// Splink's term-frequency adjustment for a pair at `sameHandle` or `sameFolded`: the
  /// level's weight assumes the average chance that two unrelated accounts share a handle
  /// (`uRandom`, measured on the training crawl's random cross-market pairs); this crawl
  /// says how likely *this* handle is to be shared by chance — the product of its shares of
  /// the two markets. A handle each market has once among thousands adds bits (Hansa ×
  /// AlphaBay: `abelincolnlogs`); one that many accounts use takes them away. Zero for other
  /// levels, without `uRandom`, or for evidence without handle counts.
  static func termFrequencyBits(
    _ e: AccountEvidence, _ i: Int, _ j: Int, level: Int8, uRandom: [Double?]
  ) -> Double {
    guard level == Level.sameHandle.rawValue || level == Level.sameFolded.rawValue,
      e.handleCountInMarket.count == e.count, Int(level) < uRandom.count,
      let uLevel = uRandom[Int(level)], uLevel > 0
    else { return 0 }
    let (mi, mj) = (Int(e.market[i]), Int(e.market[j]))
    let (ci, cj) = (Double(e.handleCountInMarket[i]), Double(e.handleCountInMarket[j]))
    let (ni, nj) = (Double(e.marketSize[mi]), Double(e.marketSize[mj]))
    let uValue = mi == mj ? ci * (ci - 1) / (ni * (ni - 1)) : ci * cj / (ni * nj)
    guard uValue > 0 else { return 0 }
    return min(maxTermFrequencyBits, max(-maxTermFrequencyBits, log2(uLevel / uValue)))
  }

  /// Whether account `r`'s handle is common (`commonWordWriters`, `shortHandle`).
  static func isCommon(_ e: AccountEvidence, _ r: Int) -> Bool {
    e.handleFolded[r].count <= shortHandle
      || (r < e.handleWordFrequency.count && e.handleWordFrequency[r] >= commonWordWriters)
  }

  static let declaration = ComparisonDeclaration(
    key: "name", levels: Level.self,
    summary: "the two handles: scraped, case- and separator-folded, core, Jaro-Winkler",
    values: { p in
      let jw = StringSimilarity.jaroWinkler(p.e.handleFolded[p.i], p.e.handleFolded[p.j])
      let f = p.e.handleWordFrequency
      let writers = f.count == p.e.count ? max(f[p.i], f[p.j]) : 0
      return
        "\(p.e.handles[p.i]) | \(p.e.handles[p.j]) (Jaro-Winkler \(String(format: "%.3f", jw)); "
        + "written as a word by \(writers) other vendors)"
    })
}

extension Comparison {
  public static let name = Comparison(rawValue: 0)
}

extension PairComparer {
  public func nameLevel(_ i: Int, _ j: Int) -> Int8 {
    typealias L = NameComparison.Level
    let h = handles
    let same: L? =
      h.sameScraped(i, j)
      ? .sameHandle
      : h.same(.folded, i, j) ? .sameFolded : h.same(.core, i, j) ? .sameCore : nil
    if let same {
      let e = evidence
      let common =
        same == .sameCore
        ? e.handleCore[i].count <= NameComparison.shortHandle
        : NameComparison.isCommon(e, i) || NameComparison.isCommon(e, j)
      return common ? L.sameCommon.rawValue : same.rawValue
    }
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
