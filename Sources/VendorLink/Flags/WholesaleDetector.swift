/// Wholesale: listings priced above a threshold, and sales of them, after Aldridge &
/// Décary-Hétu (2016, "Hidden wholesale"), who counted Silk Road listings over USD 1,000 as
/// wholesale (about a quarter of its revenue). The threshold is in USD at the rate of the
/// date: listings at their observation date, sales (feedback) at the listing's price on the
/// feedback's date — ingest stores both as `price_usd`.
///
/// One flag per listing that was listed or sold above the threshold. Score: its highest USD
/// price divided by the threshold (≥ 1), so 10 means ten times the wholesale line.
///
/// Non-drug goods (scales, presses, guides, accounts: `QuantityReader`'s kind) are not
/// wholesale drug sales and are left out. The evidence carries the title's reading (units,
/// dose, total, form, the words read) and the lot's tier by quantity: "wholesale" from an
/// ounce (28 g) or 100 units up — the smallest lots the dealing literature treats as
/// distribution quantities — "retail" below, nil when the title states no quantity.
public enum WholesaleDetector {
  /// What is known of one listing above the threshold.
  public struct Item: Sendable, Equatable {
    public var listingID: Int64
    public var accountID: Int64
    /// Highest listed price over the threshold, and the EUR price of that observation.
    public var maxListedUSD: Double?
    public var maxListedEUR: Double?
    public var observationsOver: Int
    public var firstObserved: String?
    public var lastObserved: String?
    public var quantity: Double?
    public var unit: String?
    public var salesOver: Int
    public var salesOverUSD: Double
    public var maxSaleUSD: Double?
    /// The title of the highest-priced observation, read for the evidence.
    public var title: String?
    public init(
      listingID: Int64, accountID: Int64, maxListedUSD: Double? = nil, maxListedEUR: Double? = nil,
      observationsOver: Int = 0, firstObserved: String? = nil, lastObserved: String? = nil,
      quantity: Double? = nil, unit: String? = nil, salesOver: Int = 0, salesOverUSD: Double = 0,
      maxSaleUSD: Double? = nil
    ) {
      self.listingID = listingID
      self.accountID = accountID
      self.maxListedUSD = maxListedUSD
      self.maxListedEUR = maxListedEUR
      self.observationsOver = observationsOver
      self.firstObserved = firstObserved
      self.lastObserved = lastObserved
      self.quantity = quantity
      self.unit = unit
      self.salesOver = salesOver
      self.salesOverUSD = salesOverUSD
      self.maxSaleUSD = maxSaleUSD
    }
  }

  struct Evidence: Encodable {
    var thresholdUSD: Double
    var maxListedUSD: Double?
    var maxListedEUR: Double?
    var observationsOver: Int
    var firstObserved: String?
    var lastObserved: String?
    var quantity: Double?
    var unit: String?
    var salesOver: Int
    var salesOverUSD: Double
    var reading: PriceOutlierDetector.Reading?
    var form: String?
    var quantityTier: String?
  }

  /// An ounce, or 100 units: where the lots sold stop being a user's (see the type's notes).
  static let wholesaleGrams = 28.0
  static let wholesaleUnits = 100

  static func tier(_ q: ListingQuantity) -> String? {
    if let total = q.total, q.measure == .gram {
      return total >= wholesaleGrams ? "wholesale" : "retail"
    }
    if let units = q.units { return units >= wholesaleUnits ? "wholesale" : "retail" }
    return nil
  }

  public static func flags(_ items: [Item], thresholdUSD: Double) -> [Flag] {
    items.compactMap { item in
      let top = max(item.maxListedUSD ?? 0, item.maxSaleUSD ?? 0)
      guard top > thresholdUSD else { return nil }
      let q = item.title.map { QuantityReader.read(title: $0) }
      if q?.kind == .nonDrug { return nil }
      var evidence = Evidence(
        thresholdUSD: thresholdUSD, maxListedUSD: item.maxListedUSD.map { rounded($0) },
        maxListedEUR: item.maxListedEUR.map { rounded($0) },
        observationsOver: item.observationsOver, firstObserved: item.firstObserved,
        lastObserved: item.lastObserved, quantity: item.quantity, unit: item.unit,
        salesOver: item.salesOver, salesOverUSD: rounded(item.salesOverUSD))
      if let q, let title = item.title {
        evidence.reading = PriceOutlierDetector.Reading(
          units: q.units, dose: q.dose, total: q.total, measure: q.measure?.rawValue,
          words: q.words, title: title)
        evidence.form = q.form?.rawValue
        evidence.quantityTier = tier(q)
      }
      return Flag(
        kind: .wholesale, accountID: item.accountID, listingID: item.listingID,
        score: rounded(top / thresholdUSD, 4), evidence: evidence)
    }
  }

  /// Listings listed or sold above `thresholdUSD`, ordered by listing. Plain table scans
  /// aggregated here: a GROUP BY over a million observations would walk the primary-key
  /// index and fetch rows out of order.
  static func load(_ db: Database, thresholdUSD: Double) throws -> [Item] {
    var byListing: [Int64: Item] = [:]
    let listed = """
      SELECT listing_id, observed, price_usd, price_eur, quantity, unit, title
      FROM listing_observations WHERE price_usd > ?
      """
    try db.forEach(listed, [.real(thresholdUSD)]) { s in
      guard let id = s.int(0), let observed = s.string(1), let usd = s.double(2) else { return }
      var item = byListing[id] ?? Item(listingID: id, accountID: 0)
      if usd > (item.maxListedUSD ?? -1) {
        item.maxListedUSD = usd
        item.maxListedEUR = s.double(3)
        item.quantity = s.double(4)
        item.unit = s.string(5)
        item.title = s.string(6)
      }
      item.observationsOver += 1
      if item.firstObserved.map({ observed < $0 }) ?? true { item.firstObserved = observed }
      if item.lastObserved.map({ observed > $0 }) ?? true { item.lastObserved = observed }
      byListing[id] = item
    }
    let sold = """
      SELECT listing_id, account_id, price_usd FROM feedback
      WHERE price_usd > ? AND listing_id IS NOT NULL
      """
    try db.forEach(sold, [.real(thresholdUSD)]) { s in
      guard let id = s.int(0), let account = s.int(1), let usd = s.double(2) else { return }
      var item = byListing[id] ?? Item(listingID: id, accountID: account)
      item.salesOver += 1
      item.salesOverUSD += usd
      item.maxSaleUSD = max(item.maxSaleUSD ?? 0, usd)
      byListing[id] = item
    }
    let ids = byListing.keys.sorted()
    try db.forEach("SELECT listing_id, account_id FROM listings") { s in
      if let id = s.int(0), let account = s.int(1), byListing[id] != nil {
        byListing[id]!.accountID = account
      }
    }
    return ids.map { byListing[$0]! }
  }
}
