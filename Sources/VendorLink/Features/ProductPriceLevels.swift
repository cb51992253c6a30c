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
  /// Accounts are independent once the slopes are known, so they run in parallel chunks.
  static func levels(_ accounts: [[Point]], productCount: Int) -> [[(Int32, Float)]] {
    let slope = slopes(accounts, productCount: productCount)
    return parallelChunks(count: accounts.count) { chunk in
      chunk.map { level(accounts[$0], slope: slope) }
    }.flatMap { $0 }
  }

  /// One account's level per product: the mean of its points' log unit prices, each moved
  /// to quantity 1 along the product's slope (summed in the points' order).
  static func level(_ points: [Point], slope: [Double]) -> [(Int32, Float)] {
    var out: [(Int32, Float)] = []
    forEachProduct(points) { product, group in
      var sum = 0.0
      for p in group {
        sum += Double(p.logUnitPrice) - slope[Int(product)] * log(Double(p.quantity))
      }
      out.append((product, Float(sum / Double(group.count))))
    }
    return out
  }

  /// Calls `body` for each product of `points`, ascending, with its points in their order
  /// (a stable sort by product: the dictionaries this replaced cost an allocation per
  /// account and product).
  static func forEachProduct(_ points: [Point], _ body: (Int32, ArraySlice<Point>) -> Void) {
    guard !points.isEmpty else { return }
    let sorted = stableSortedByProduct(points)
    var k = 0
    while k < sorted.count {
      var j = k + 1
      while j < sorted.count && sorted[j].product == sorted[k].product { j += 1 }
      body(sorted[k].product, sorted[k..<j])
      k = j
    }
  }

  /// `points` stably sorted by product: by insertion (an account has a handful of points,
  /// often already in order, and the standard sort of (product, offset) pairs allocated
  /// three arrays per account), by the standard sort on offsets past 64 points.
  static func stableSortedByProduct(_ points: [Point]) -> [Point] {
    var out = points
    if out.count > 64 {
      return out.indices.sorted {
        (points[$0].product, $0) < (points[$1].product, $1)
      }.map { points[$0] }
    }
    for i in out.indices.dropFirst() where out[i].product < out[i - 1].product {
      let p = out[i]
      var j = i
      // Strictly greater only: equal products keep their order (stable).
      while j > 0 && out[j - 1].product > p.product {
        out[j] = out[j - 1]
        j -= 1
      }
      out[j] = p
    }
    return out
  }

  /// The pooled within-account slope of each product (0 where no account lists two
  /// quantities of it). One thread: the sums run in account order, so the same floats come
  /// out in every run.
  static func slopes(_ accounts: [[Point]], productCount: Int) -> [Double] {
    var sxy = [Double](repeating: 0, count: productCount)
    var sxx = [Double](repeating: 0, count: productCount)
    for points in accounts where points.count >= 2 {
      forEachProduct(points) { product, group in
        guard group.count >= 2 else { return }
        let xy = group.map { (log(Double($0.quantity)), Double($0.logUnitPrice)) }
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
