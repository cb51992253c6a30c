/// The pitches of listing titles (`ListingPitches`): a vendor's own title boilerplate.
enum PitchesComparison {
  enum Level: Int8, ComparisonLevels {
    case same, jaccard50, someShared, noneShared
    var label: String {
      switch self {
      case .same: "same pitches"
      case .jaccard50: "Jaccard >= 0.5"
      case .someShared: "some shared"
      case .noneShared: "none shared"
      }
    }
  }

  /// Jaccard of `jaccard50`: hand-set, as for products (not tuned; the level's weight is
  /// learnt).
  static let jaccard = 0.5

  static let declaration = ComparisonDeclaration(
    key: "pitches", levels: Level.self,
    summary: "the sets of listing-title pitches",
    values: { p in
      let a = p.e.pitches(of: p.i)
      let b = p.e.pitches(of: p.j)
      return "\(sortedIntersect(a, b)) shared of \(a.count) | \(b.count) title pitches"
    })
}

extension Comparison {
  public static let pitches = Comparison(rawValue: 7)
}

extension PairComparer {
  /// The same set of title pitches is its own level (as the same products are); null when
  /// either account's titles have none.
  public func pitchesLevel(_ i: Int, _ j: Int) -> Int8 {
    typealias L = PitchesComparison.Level
    let a = evidence.pitches(of: i)
    let b = evidence.pitches(of: j)
    if a.isEmpty || b.isEmpty { return nullLevel }
    if a.elementsEqual(b) { return L.same.rawValue }
    let inter = sortedIntersect(a, b)
    if inter == 0 { return L.noneShared.rawValue }
    return Double(inter) / Double(a.count + b.count - inter) >= PitchesComparison.jaccard
      ? L.jaccard50.rawValue : L.someShared.rawValue
  }
}
