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
    /// Price per unit in `currency`.
    public var unitPrice: Double
    /// "EUR", or "USD" where no EUR rate was known.
    public var currency: String
    public init(
      listingID: Int64, accountID: Int64, category: String, unit: String, unitPrice: Double,
      currency: String = "EUR"
    ) {
      self.listingID = listingID
      self.accountID = accountID
      self.category = category
      self.unit = unit
      self.unitPrice = unitPrice
      self.currency = currency
    }
  }

  struct Evidence: Encodable {
    var category: String
    var unit: String
    var unitPrice: Double
    var currency: String
    var groupMedian: Double
    var groupSize: Int
    var z: Double
    var direction: String
    var ratioToMedian: Double
  }

  public static func detect(_ items: [Item], cutoff: Double = 3.5, minGroupSize: Int = 20)
    -> [Flag]
  {
    var groups: [String: [Int]] = [:]
    for (i, item) in items.enumerated() where item.unitPrice > 0 {
      groups["\(item.category)\u{1F}\(item.unit)\u{1F}\(item.currency)", default: []].append(i)
    }
    var flags: [Flag] = []
    for key in groups.keys.sorted() {
      let members = groups[key]!
      guard members.count >= minGroupSize else { continue }
      let logs = members.map { log(items[$0].unitPrice) }
      guard let stats = RobustStats.zScores(logs), stats.scale > 0 else { continue }
      for (k, i) in members.enumerated() where abs(stats.z[k]) > cutoff {
        let item = items[i]
        let med = exp(stats.median)
        let evidence = Evidence(
          category: item.category, unit: item.unit, unitPrice: rounded(item.unitPrice, 4),
          currency: item.currency, groupMedian: rounded(med, 4), groupSize: members.count,
          z: rounded(stats.z[k], 3),
          direction: stats.z[k] > 0 ? "high" : "low",
          ratioToMedian: rounded(item.unitPrice / med, 3))
        flags.append(
          Flag(
            kind: .priceOutlier, accountID: item.accountID, listingID: item.listingID,
            score: rounded(abs(stats.z[k]), 3), evidence: evidence))
      }
    }
    return flags
  }

  /// One item per listing with a category, a unit and a positive unit price. Where no EUR
  /// rate was known (a USD-only rates file, as for Agora 2014) the USD unit price is used,
  /// in groups of its own so that currencies never mix. One table scan, grouped here.
  static func load(_ db: Database) throws -> [Item] {
    let sql = """
      SELECT listing_id, category, unit,
             CASE WHEN unit_price_eur > 0 THEN unit_price_eur ELSE price_usd / quantity END,
             CASE WHEN unit_price_eur > 0 THEN 'EUR' ELSE 'USD' END
      FROM listing_observations
      WHERE unit IS NOT NULL AND category IS NOT NULL
        AND (unit_price_eur > 0 OR (price_usd > 0 AND quantity > 0))
      """
    var index: [Int64: Int] = [:]
    var items: [Item] = []
    var prices: [[Double]] = []
    try db.forEach(sql) { s in
      guard let listing = s.int(0), let category = s.string(1), let unit = s.string(2),
        let price = s.double(3), let currency = s.string(4)
      else { return }
      if let i = index[listing] {
        prices[i].append(price)
      } else {
        index[listing] = items.count
        items.append(
          Item(
            listingID: listing, accountID: 0, category: category, unit: unit, unitPrice: price,
            currency: currency))
        prices.append([price])
      }
    }
    for i in items.indices where prices[i].count > 1 {
      items[i].unitPrice = RobustStats.median(prices[i]) ?? items[i].unitPrice
    }
    try db.forEach("SELECT listing_id, account_id FROM listings") { s in
      if let id = s.int(0), let account = s.int(1), let i = index[id] {
        items[i].accountID = account
      }
    }
    return items.sorted { $0.listingID < $1.listingID }
  }
}
