import Foundation

extension PriceOutlierDetector {
  /// Listings left out before grouping, and why (for the run's notes).
  public struct Exclusions: Sendable, Equatable {
    public var nonDrug = 0
    public var noQuantity = 0
    public var noProduct = 0
  }

  /// One listing's observations, gathered in one table scan.
  struct Gathered {
    var title: String?
    var category: String?
    var period: String
    var storedUnit: String?
    var eur: [Double] = []
    var usd: [Double] = []
    var storedEUR: [Double] = []
    var storedUSD: [Double] = []
  }

  /// One item per listing that has a product, a comparable unit and a positive price.
  static func load(_ db: Database) throws -> [Item] { try loadWithExclusions(db).items }

  static func loadWithExclusions(_ db: Database) throws -> (items: [Item], excluded: Exclusions) {
    let gathered = try gather(db)
    var readings: [String: ListingQuantity] = [:]
    var excluded = Exclusions()
    var items: [Item] = []
    for id in gathered.keys.sorted() {
      let g = gathered[id]!
      let item: Item?
      if let title = g.title {
        let q = readings[title] ?? QuantityReader.read(title: title)
        readings[title] = q
        item = titled(id, g, title, q, &excluded)
      } else {
        item = untitled(id, g, &excluded)
      }
      if let item { items.append(item) }
    }
    try db.forEach("SELECT listing_id, account_id FROM listings") { s in
      if let id = s.int(0), let account = s.int(1), let i = index(items, id) {
        items[i].accountID = account
      }
    }
    return (items, excluded)
  }

  static func index(_ items: [Item], _ id: Int64) -> Int? {
    var (lo, hi) = (0, items.count)
    while lo < hi {
      let mid = (lo + hi) / 2
      if items[mid].listingID < id { lo = mid + 1 } else { hi = mid }
    }
    return lo < items.count && items[lo].listingID == id ? lo : nil
  }

  static func gather(_ db: Database) throws -> [Int64: Gathered] {
    let sql = """
      SELECT listing_id, observed, title, category, price_eur, price_usd, unit, quantity,
             unit_price_eur
      FROM listing_observations
      """
    var byListing: [Int64: Gathered] = [:]
    try db.forEach(sql) { s in
      guard let id = s.int(0), let observed = s.string(1) else { return }
      var g =
        byListing[id]
        ?? Gathered(
          title: s.string(2), category: s.string(3), period: period(observed),
          storedUnit: s.string(6))
      if let eur = s.double(4), eur > 0 { g.eur.append(eur) }
      if let usd = s.double(5), usd > 0 {
        g.usd.append(usd)
        if let q = s.double(7), q > 0 { g.storedUSD.append(usd / q) }
      }
      if let unitPrice = s.double(8), unitPrice > 0 { g.storedEUR.append(unitPrice) }
      byListing[id] = g
    }
    return byListing
  }

  /// The two calendar years a date falls in ("2016–2017"): wide enough for a market's
  /// life (Hansa Dec 2016 and AlphaBay Apr 2017 meet), narrow enough that 2014 prices are
  /// not judged by 2021's. A listing's period is its first observation's.
  static func period(_ observed: String) -> String {
    guard let year = Int(observed.prefix(4)) else { return String(observed.prefix(4)) }
    let start = year - year % 2
    return "\(start)–\(start + 1)"
  }

  /// A listing priced by its title's reading, or nil (counted in `excluded`).
  static func titled(
    _ id: Int64, _ g: Gathered, _ text: String, _ q: ListingQuantity,
    _ excluded: inout Exclusions
  ) -> Item? {
    if q.kind == .nonDrug {
      excluded.nonDrug += 1
      return nil
    }
    let (price, currency) = representative(g.eur, g.usd)
    // Seeds are priced by their genetics (a bulk mix at $0.50 a seed, a named strain at
    // $15): no like-for-like group to judge them in.
    // Private listings ("Custom for …") are one buyer's deal, not a market price.
    guard let basis = q.pricing, let price, q.form != .seed, !q.isPrivate else {
      excluded.noQuantity += 1
      return nil
    }
    // A title's weak product word ("blotter", "crystal") names no product on its own.
    let title = q.productIsWeak ? nil : q.product
    guard let product = title ?? g.category.flatMap(categoryProduct) else {
      excluded.noProduct += 1
      return nil
    }
    // "5x Blue Punisher 250mg" in "Drugs/Ecstasy/Pills" is priced per pill like the XTC
    // listings that say "pills".
    var per = basis.per
    if per == "unit", let form = g.category.flatMap(QuantityReader.form(ofCategory:)) {
      per = form.rawValue
    }
    var item = Item(
      listingID: id, accountID: 0, category: product, unit: per,
      unitPrice: price / basis.amount, currency: currency)
    item.form = q.form?.rawValue ?? per
    if q.isLiquid, q.form == nil || q.form == .bulk || q.form == .pill {
      item.form = "liquid"  // "Ketamine liquid 1000mg/10ml", injectable diazepam
    }
    item.amount = basis.amount
    item.period = g.period
    if basis.per != "g" && basis.per != "ml", let dose = q.dose, let measure = q.measure {
      item.doseBand = doseBand(dose, measure)
    }
    item.reading = Reading(
      units: q.units, dose: q.dose, total: q.total, measure: q.measure?.rawValue,
      words: q.words, title: text)
    return item
  }

  /// A listing with no title: the stored unit price, grouped by category and stored unit.
  static func untitled(_ id: Int64, _ g: Gathered, _ excluded: inout Exclusions) -> Item? {
    let (price, currency) = representative(g.storedEUR, g.storedUSD)
    guard let price, let unit = g.storedUnit else {
      excluded.noQuantity += 1
      return nil
    }
    guard let product = g.category.flatMap(categoryProduct) else {
      excluded.noProduct += 1
      return nil
    }
    var item = Item(
      listingID: id, accountID: 0, category: product, unit: unit, unitPrice: price,
      currency: currency)
    (item.form, item.period) = (unit, g.period)
    return item
  }

  /// The product a category names; nil when it names none ("Drugs", "Stimulants"): a
  /// group of everything a market files under "Stimulants" (melatonin beside Adderall) is
  /// not like for like.
  static func categoryProduct(_ category: String) -> String? {
    QuantityReader.product(ofCategory: category)
  }

  /// The median EUR price, or the median USD price where no EUR rate was known (a USD-only
  /// rates file, as for Agora 2014): currencies never mix in a group.
  static func representative(_ eur: [Double], _ usd: [Double]) -> (Double?, String) {
    if let m = RobustStats.median(eur) { return (m, "EUR") }
    return (RobustStats.median(usd), "USD")
  }

  /// The dose band of a unit: a factor of 1.5 wide, named by its bounds ("1.5–2.25 mg").
  static func doseBand(_ dose: Double, _ measure: QuantityUnit) -> String {
    let (value, unit) =
      measure == .milliliter ? (dose, "ml") : dose < 1e-3 ? (dose * 1e6, "µg") : (dose * 1e3, "mg")
    let b = (log(value) / log(1.5)).rounded(.down)
    func short(_ x: Double) -> String {
      String(format: "%.3g", x)
    }
    return "\(short(pow(1.5, b)))–\(short(pow(1.5, b + 1))) \(unit)"
  }
}

extension PriceOutlierDetector {
  /// The run's note: how many listings were judged, and how many were not and why.
  static func note(_ c: Coverage, _ e: Exclusions, _ minGroupSize: Int) -> String {
    "price-outlier: \(c.judged) listings judged; \(c.inSmallGroups) in \(c.smallGroups) groups "
      + "under \(minGroupSize) listings not judged; left out: \(e.nonDrug) non-drug, "
      + "\(e.noQuantity) without a comparable quantity or price, \(e.noProduct) without a product"
  }
}
