import Foundation

/// Each account's price level per product: the log unit price it would ask at quantity 1,
/// after a quantity-discount slope shared by every vendor of that product.
///
/// Why: vendors list different quantities of the same product (a 5 g and a 28 g bag), and
/// unit prices fall with quantity, so comparing only listings of the very same quantity left
/// a third of alias pairs on gen.py data with no price comparison at all. With the slope
/// removed, any two listings of one product are comparable.
///
/// The slope of a product is the pooled within-account least-squares slope of log unit price
/// on log quantity (accounts' own price levels are fixed effects, so it measures the discount
/// curve, not which vendors sell big lots). It is clamped to [−1, 1]: a unit price that falls
/// faster than the quantity rises, or grows with it, is a data error, not a discount.
struct ProductPriceLevels {
  /// One price point: interned product, quantity (> 0), natural log of the unit price.
  struct Point {
    var product: Int32
    var quantity: Float
    var logUnitPrice: Float
  }

  static let slopeBounds: ClosedRange<Double> = -1...1

  /// Per account, `(product, level)` sorted by product, one entry per product it prices.
  static func levels(_ accounts: [[Point]], productCount: Int) -> [[(Int32, Float)]] {
    let slope = slopes(accounts, productCount: productCount)
    return accounts.map { points in
      var sums: [Int32: (Double, Int)] = [:]
      for p in points {
        let adjusted = Double(p.logUnitPrice) - slope[Int(p.product)] * log(Double(p.quantity))
        let s = sums[p.product, default: (0, 0)]
        sums[p.product] = (s.0 + adjusted, s.1 + 1)
      }
      return sums.map { ($0.key, Float($0.value.0 / Double($0.value.1))) }.sorted { $0.0 < $1.0 }
    }
  }

  /// The pooled within-account slope of each product (0 where no account lists two
  /// quantities of it).
  static func slopes(_ accounts: [[Point]], productCount: Int) -> [Double] {
    var sxy = [Double](repeating: 0, count: productCount)
    var sxx = [Double](repeating: 0, count: productCount)
    for points in accounts {
      var groups: [Int32: [(Double, Double)]] = [:]
      for p in points {
        groups[p.product, default: []].append((log(Double(p.quantity)), Double(p.logUnitPrice)))
      }
      for (product, xy) in groups where xy.count >= 2 {
        let mx = xy.reduce(0) { $0 + $1.0 } / Double(xy.count)
        let my = xy.reduce(0) { $0 + $1.1 } / Double(xy.count)
        for (x, y) in xy {
          sxy[Int(product)] += (x - mx) * (y - my)
          sxx[Int(product)] += (x - mx) * (x - mx)
        }
      }
    }
    return (0..<productCount).map { p in
      sxx[p] > 1e-9 ? min(slopeBounds.upperBound, max(slopeBounds.lowerBound, sxy[p] / sxx[p])) : 0
    }
  }
}
