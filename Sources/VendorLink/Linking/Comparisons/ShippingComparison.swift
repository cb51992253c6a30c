/// Where the two ship from and to.
enum ShippingComparison {
  enum Level: Int8, ComparisonLevels {
    case sameFromSameTo, sameFromCloseTo, sameFrom, differentFrom
    var label: String {
      switch self {
      case .sameFromSameTo: "same ships-from, same ships-to"
      case .sameFromCloseTo: "same ships-from, ships-to Jaccard >= 0.5"
      case .sameFrom: "same ships-from"
      case .differentFrom: "different ships-from"
      }
    }
  }

  /// Ships-to Jaccard of `sameFromCloseTo`: half the destinations shared, a hand-set midpoint
  /// between some overlap and the same list (not tuned; the level's weight is learnt).
  static let closeToJaccard = 0.5

  static let declaration = ComparisonDeclaration(
    key: "shipping", levels: Level.self,
    summary: "ships-from country and ships-to list",
    values: { p in "\(places(p.e, p.i)) | \(places(p.e, p.j))" })

  static func places(_ e: AccountEvidence, _ r: Int) -> String {
    let from = e.shipsFrom[r] >= 0 ? e.placeNames[Int(e.shipsFrom[r])] : "?"
    let to = e.shipsTo(of: r).map { e.placeNames[Int($0)] }.joined(separator: ",")
    return "from \(from) to [\(to)]"
  }
}

extension Comparison {
  public static let shipping = Comparison(rawValue: 5)
}

extension PairComparer {
  public func shippingLevel(_ i: Int, _ j: Int) -> Int8 {
    typealias L = ShippingComparison.Level
    let e = evidence
    let a = e.shipsFrom[i]
    let b = e.shipsFrom[j]
    if a < 0 || b < 0 { return nullLevel }
    // A region ("EU", "Worldwide", "Undeclared") says where a vendor sells, not where it is:
    // against a country it is neither agreement nor disagreement (operators relabel their
    // country as a region on a new account).
    if a != b && !(e.isCountry(place: a) && e.isCountry(place: b)) { return nullLevel }
    if a != b { return L.differentFrom.rawValue }
    // An identical destination list is its own level: a vendor's list (e.g. four of a
    // dozen regions) is rarely matched exactly by another vendor, far more rarely than it
    // half-overlaps one (gen.py 3×5k: u 0.004 against 0.02).
    let ta = e.shipsTo(of: i)
    let tb = e.shipsTo(of: j)
    if ta.elementsEqual(tb) { return L.sameFromSameTo.rawValue }
    let inter = sortedIntersect(ta, tb)
    let union = ta.count + tb.count - inter
    return Double(inter) / Double(max(union, 1)) >= ShippingComparison.closeToJaccard
      ? L.sameFromCloseTo.rawValue : L.sameFrom.rawValue
  }
}
