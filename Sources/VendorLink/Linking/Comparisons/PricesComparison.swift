import Foundation

/// Price lists: the median distance between the two accounts' quantity-adjusted price levels
/// over the products both price (`ProductPriceLevels`).
enum PricesComparison {
  enum Level: Int8, ComparisonLevels {
    case within5, within10, within20, furtherApart
    var label: String {
      switch self {
      case .within5: "quantity-adjusted prices within 5 %"
      case .within10: "within 10 %"
      case .within20: "within 20 %"
      case .furtherApart: "further apart"
      }
    }
  }

  /// Thresholds on the median natural-log ratio of the price levels over shared products:
  /// ±5 % is within one vendor's listing-to-listing noise once averaged over a few listings,
  /// ±20 % and beyond is a different price list.
  static let thresholds: [Float] = [0.05, 0.10, 0.20]

  static let declaration = ComparisonDeclaration(
    key: "prices", levels: Level.self,
    summary: "median |log ratio| of quantity-adjusted price levels over shared products",
    values: { p in
      p.cmp.priceDistance(p.i, p.j).map {
        "median |log price-level ratio| over shared products \(String(format: "%.3f", $0))"
      } ?? "no priced product in common"
    })
}

extension Comparison {
  public static let prices = Comparison(rawValue: 8)
}

extension PairComparer {
  /// Median |log price-level ratio| over the products both accounts price
  /// (`ProductPriceLevels`: unit prices with the product's quantity discount removed).
  public func priceDistance(_ i: Int, _ j: Int) -> Float? {
    let e = evidence
    let ra = e.priceRange(of: i)
    let rb = e.priceRange(of: j)
    if ra.isEmpty || rb.isEmpty { return nil }
    // The differences go to a stack buffer (at most the shorter list): no array per pair.
    return withUnsafeTemporaryAllocation(of: Float.self, capacity: min(ra.count, rb.count)) {
      diffs in
      var n = 0
      e.priceProduct.withUnsafeBufferPointer { product in
        e.priceLevel.withUnsafeBufferPointer { level in
          forEachSharedKey(product, ra, rb) { p, q in
            diffs[n] = abs(level[p] - level[q])
            n += 1
          }
        }
      }
      if n == 0 { return nil }
      var shared = UnsafeMutableBufferPointer(rebasing: diffs[0..<n])
      shared.sort()
      return shared[n / 2]
    }
  }

  public func pricesLevel(_ i: Int, _ j: Int) -> Int8 {
    guard let d = priceDistance(i, j) else { return nullLevel }
    for (k, t) in PricesComparison.thresholds.enumerated() where d <= t { return Int8(k) }
    return PricesComparison.Level.furtherApart.rawValue
  }
}
