/// The products the two sell (normalised product keys).
enum ProductsComparison {
  enum Level: Int8, ComparisonLevels {
    case same, jaccard50, jaccard25, someShared, noneShared
    var label: String {
      switch self {
      case .same: "same products"
      case .jaccard50: "Jaccard >= 0.5"
      case .jaccard25: "Jaccard >= 0.25"
      case .someShared: "some shared"
      case .noneShared: "none shared"
      }
    }
  }

  /// Jaccard thresholds of `jaccard50` and `jaccard25`: hand-set halves between the same
  /// range and one shared product (not tuned; each level's weight is learnt, so a threshold
  /// only decides how finely the overlap is cut).
  static let thresholds: [Double] = [0.5, 0.25]

  static let declaration = ComparisonDeclaration(
    key: "products", levels: Level.self,
    summary: "Jaccard of the product sets",
    values: { p in
      let a = p.e.products(of: p.i)
      let b = p.e.products(of: p.j)
      return "\(sortedIntersect(a, b)) shared of \(a.count) | \(b.count) products"
    })
}

extension Comparison {
  public static let products = Comparison(rawValue: 6)
}

extension PairComparer {
  public func productsLevel(_ i: Int, _ j: Int) -> Int8 {
    typealias L = ProductsComparison.Level
    let a = evidence.products(of: i)
    let b = evidence.products(of: j)
    if a.isEmpty || b.isEmpty { return nullLevel }
    // The same product range is its own level, as the same destinations are.
    if a.elementsEqual(b) { return L.same.rawValue }
    let inter = sortedIntersect(a, b)
    let jac = Double(inter) / Double(a.count + b.count - inter)
    if jac >= ProductsComparison.thresholds[0] { return L.jaccard50.rawValue }
    if jac >= ProductsComparison.thresholds[1] { return L.jaccard25.rawValue }
    return inter > 0 ? L.someShared.rawValue : L.noneShared.rawValue
  }
}
