import Foundation

/// Price outliers: listings whose price per comparable unit is far from the prices of the
/// same product, form and strength in the same period.
///
/// **Comparable units.** Each listing's title is read by ``QuantityReader``: a per-item
/// price for counted forms (per tab, per pill, per cart), per gram or millilitre for bulk.
/// Groups are (product, form, unit of price, dose band, year): LSD tabs meet LSD tabs, 2 mg
/// Xanax meets 2 mg Xanax, and 2016 prices are not judged by 2021's. Dose bands are a factor
/// of 1.5 wide, which keeps 1, 2 and 3 mg pills apart while a pressing's nominal 220–280 mg
/// stays together. Non-drug goods (scales, filters, guides) and titles with no readable
/// quantity are left out; listings without a title keep the stored unit price, grouped by
/// category product and stored unit.
///
/// **Quantity discounts.** Unit prices fall with lot size; a kilo at a third of the gram
/// price is wholesale, not an anomaly. Within a group the log unit price is regressed on
/// the log quantity (Theil–Sen: the median of pairwise slopes, which the outliers being
/// looked for cannot pull), the slope clamped to [−1, 0] (a unit price falling faster than
/// the lot grows, or rising with it, is a data error, not a discount), and listings are
/// scored on what is left.
///
/// **Score.** The robust z-score of that residual, (r − median) / (1.4826 · MAD). The cutoff
/// |z| > 3.5 is Iglewicz & Hoaglin's (1993) rule: for normal log prices about 1 listing in
/// 2,000 by chance. The price must also be at least 3× or at most ⅓ of what the group
/// predicts (`minFactor`). Groups smaller than `minGroupSize` (default 20) are not judged: with
/// fewer listings the median and MAD are themselves too uncertain; the run's notes say how
/// many listings that leaves out.
public enum PriceOutlierDetector {
  /// One listing's representative unit price: the median over its observations.
  public struct Item: Sendable, Equatable {
    public var listingID: Int64
    public var accountID: Int64
    /// The product's group key parts: product, form, price unit, dose band, period.
    public var category: String
    public var unit: String
    public var form: String = ""
    public var doseBand: String = ""
    public var period: String = ""
    /// Price per `unit` in `currency`.
    public var unitPrice: Double
    /// The lot size the unit price is for (items, grams or ml; 1 when unknown).
    public var amount: Double = 1
    /// "EUR", or "USD" where no EUR rate was known.
    public var currency: String
    /// What the title was read as, for the evidence.
    public var reading: Reading?
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

    /// The group key at a level of detail: 0 with the dose band, 1 without, 2 by class.
    func key(_ level: Int) -> String {
      let product = level == 2 ? (QuantityLexicon.classes[category] ?? category) : category
      let band = level == 0 ? doseBand : ""
      return [product, form, unit, band, period, currency].joined(separator: "\u{1F}")
    }
  }

  /// The title's reading as the evidence shows it.
  public struct Reading: Sendable, Equatable, Encodable {
    public var units: Int?
    public var dose: Double?
    public var total: Double?
    public var measure: String?
    public var words: String
    public var title: String
  }

  struct Evidence: Encodable {
    var category: String
    var form: String
    var unit: String
    var doseBand: String?
    var period: String
    var unitPrice: Double
    var currency: String
    var groupSize: Int
    var groupMedian: Double
    var expectedUnitPrice: Double
    var discountSlope: Double
    var z: Double
    var direction: String
    var ratioToMedian: Double
    var ratioToExpected: Double
    var quantity: Reading?
  }

  /// How many listings were judged and why others were not (for the run's notes).
  public struct Coverage: Sendable, Equatable {
    public var judged = 0
    public var inSmallGroups = 0
    public var smallGroups = 0
  }

  public static func detect(_ items: [Item], cutoff: Double = 3.5, minGroupSize: Int = 20)
    -> [Flag]
  {
    detectWithCoverage(items, cutoff: cutoff, minGroupSize: minGroupSize).flags
  }

  /// Each listing is judged in the finest group that has `minGroupSize` listings: (product,
  /// form, dose band), else the product's every strength, else the product's class
  /// ("Diazepam 10mg" among the benzodiazepine pills when there are few diazepam listings).
  /// A coarser group's median and MAD come from all its listings; only those not judged yet
  /// are flagged in it.
  static func detectWithCoverage(_ items: [Item], cutoff: Double, minGroupSize: Int) -> (
    flags: [Flag], coverage: Coverage
  ) {
    let priced = items.indices.filter { items[$0].unitPrice > 0 && items[$0].amount > 0 }
    var pending = Set(priced)
    var flags: [Flag] = []
    var coverage = Coverage()
    for level in 0..<3 {
      var groups: [String: [Int]] = [:]
      for i in priced { groups[items[i].key(level), default: []].append(i) }
      for key in groups.keys.sorted() {
        let members = groups[key]!
        let waiting = members.filter { pending.contains($0) }
        guard !waiting.isEmpty, members.count >= minGroupSize else { continue }
        coverage.judged += waiting.count
        pending.subtract(waiting)
        let judged = Set(waiting.map { items[$0].listingID })
        flags += judge(members.map { items[$0] }, cutoff: cutoff).filter {
          judged.contains($0.listingID ?? -1)
        }
      }
    }
    coverage.inSmallGroups = pending.count
    coverage.smallGroups = Set(pending.map { items[$0].key(2) }).count
    return (flags, coverage)
  }

  /// Flags the members of one group whose discount-adjusted log price is an outlier.
  static func judge(_ members: [Item], cutoff: Double) -> [Flag] {
    let x = members.map { log($0.amount) }
    let y = members.map { log($0.unitPrice) }
    let slope = discountSlope(x, y)
    let residuals = zip(x, y).map { $1 - slope * $0 }
    guard let stats = RobustStats.zScores(residuals), stats.scale > 0 else { return [] }
    let median = exp(RobustStats.median(y) ?? 0)
    var flags: [Flag] = []
    for (k, item) in members.enumerated() where abs(stats.z[k]) > cutoff {
      let expected = exp(stats.median + slope * x[k])
      let factor = item.unitPrice / expected
      guard factor >= minFactor || factor <= 1 / minFactor else { continue }
      let evidence = Evidence(
        category: item.category, form: item.form, unit: item.unit,
        doseBand: item.doseBand.isEmpty ? nil : item.doseBand, period: item.period,
        unitPrice: rounded(item.unitPrice, 4), currency: item.currency,
        groupSize: members.count, groupMedian: rounded(median, 4),
        expectedUnitPrice: rounded(expected, 4), discountSlope: rounded(slope, 3),
        z: rounded(stats.z[k], 3), direction: stats.z[k] > 0 ? "high" : "low",
        ratioToMedian: rounded(item.unitPrice / median, 3),
        ratioToExpected: rounded(factor, 3), quantity: item.reading)
      flags.append(
        Flag(
          kind: .priceOutlier, accountID: item.accountID, listingID: item.listingID,
          score: rounded(abs(stats.z[k]), 3), evidence: evidence))
    }
    return flags
  }

  /// How far from the expected price a listing must also be: 3× or ⅓. In a group with
  /// little spread the robust z passes 3.5 at 1.6–2× the expected price, which is a
  /// vendor's price level or a single-tab premium, not an anomaly a reviewer would act on;
  /// the anomalies looked for (mistyped prices, misread lots, exit-scam bait) are several
  /// times off.
  static let minFactor = 3.0

  /// At most this many listings (evenly spread by lot size) enter the pairwise slopes: 64
  /// give 2,016 pairs, plenty for a median, at a fixed cost per group.
  static let slopeSample = 64

  /// Theil–Sen slope of log unit price on log lot size, clamped to [−1, 0]; 0 when lot
  /// sizes hardly vary (fewer than 10 pairs more than 10 % apart).
  static func discountSlope(_ x: [Double], _ y: [Double]) -> Double {
    let order = x.indices.sorted { x[$0] < x[$1] }
    let step = max(1, order.count / slopeSample)
    let sample = stride(from: 0, to: order.count, by: step).map { order[$0] }
    var slopes: [Double] = []
    for (a, i) in sample.enumerated() {
      for j in sample[(a + 1)...] where abs(x[j] - x[i]) > 0.1 {
        slopes.append((y[j] - y[i]) / (x[j] - x[i]))
      }
    }
    guard slopes.count >= 10, let m = RobustStats.median(slopes) else { return 0 }
    return min(0, max(-1, m))
  }
}
