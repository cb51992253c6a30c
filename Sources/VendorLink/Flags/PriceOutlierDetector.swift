import Foundation

/// Price outliers: listings whose unit price (EUR per gram, per pill, …) is far from the
/// prices of their product category in the same unit.
///
/// Prices are compared on a log scale because they are multiplicative (bulk discounts,
/// markups and currency swings scale prices; a listing at 10× the median is as odd as one at
/// 1/10) and their spread is right-skewed. The score is the robust z-score
/// (log p − median) / (1.4826 · MAD) within the (category, unit) group.
///
/// The default cutoff |z| > 3.5 is Iglewicz & Hoaglin's (1993) rule for modified z-scores:
/// for normally distributed log prices it flags about 1 listing in 2,000 by chance, while a
/// typical bulk discount (a kilo at half the per-gram price of a gram, |log 0.5| ≈ 0.7 with
/// a MAD of log prices near 0.3, z ≈ 1.6) stays well inside. Groups smaller than
/// `minGroupSize` (default 20) are skipped: with fewer listings the median and MAD of a
/// category are themselves too uncertain to call anything an outlier.
public enum PriceOutlierDetector {
  /// One listing's representative unit price: the median over its observations.
  public struct Item: Sendable, Equatable {
    public var listingID: Int64
    public var accountID: Int64
    public var category: String
    public var unit: String
    public var unitPriceEUR: Double
    public init(
      listingID: Int64, accountID: Int64, category: String, unit: String, unitPriceEUR: Double
    ) {
      self.listingID = listingID
      self.accountID = accountID
      self.category = category
      self.unit = unit
      self.unitPriceEUR = unitPriceEUR
    }
  }

  struct Evidence: Encodable {
    var category: String
    var unit: String
    var unitPriceEUR: Double
    var groupMedianEUR: Double
    var groupSize: Int
    var z: Double
    var direction: String
    var ratioToMedian: Double
  }

  public static func detect(_ items: [Item], cutoff: Double = 3.5, minGroupSize: Int = 20)
    -> [Flag]
  {
    var groups: [String: [Int]] = [:]
    for (i, item) in items.enumerated() where item.unitPriceEUR > 0 {
      groups["\(item.category)\u{1F}\(item.unit)", default: []].append(i)
    }
    var flags: [Flag] = []
    for key in groups.keys.sorted() {
      let members = groups[key]!
      guard members.count >= minGroupSize else { continue }
      let logs = members.map { log(items[$0].unitPriceEUR) }
      guard let stats = RobustStats.zScores(logs), stats.scale > 0 else { continue }
      for (k, i) in members.enumerated() where abs(stats.z[k]) > cutoff {
        let item = items[i]
        let med = exp(stats.median)
        let evidence = Evidence(
          category: item.category, unit: item.unit, unitPriceEUR: rounded(item.unitPriceEUR, 4),
          groupMedianEUR: rounded(med, 4), groupSize: members.count, z: rounded(stats.z[k], 3),
          direction: stats.z[k] > 0 ? "high" : "low",
          ratioToMedian: rounded(item.unitPriceEUR / med, 3))
        flags.append(
          Flag(
            kind: .priceOutlier, accountID: item.accountID, listingID: item.listingID,
            score: rounded(abs(stats.z[k]), 3), evidence: evidence))
      }
    }
    return flags
  }

  /// One item per listing with a category, a unit and a positive unit price.
  static func load(_ db: Database) throws -> [Item] {
    let sql = """
      SELECT lo.listing_id, l.account_id, lo.category, lo.unit, lo.unit_price_eur
      FROM listing_observations lo JOIN listings l ON l.listing_id = lo.listing_id
      WHERE lo.unit_price_eur > 0 AND lo.unit IS NOT NULL AND lo.category IS NOT NULL
      ORDER BY lo.listing_id
      """
    var items: [Item] = []
    var prices: [Double] = []
    func flush() {
      if let m = RobustStats.median(prices), !items.isEmpty {
        items[items.count - 1].unitPriceEUR = m
      }
      prices.removeAll(keepingCapacity: true)
    }
    try db.forEach(sql) { s in
      guard let listing = s.int(0), let account = s.int(1), let category = s.string(2),
        let unit = s.string(3), let price = s.double(4)
      else { return }
      if items.last?.listingID != listing {
        flush()
        items.append(
          Item(
            listingID: listing, accountID: account, category: category, unit: unit,
            unitPriceEUR: price))
      }
      prices.append(price)
    }
    flush()
    return items
  }
}
