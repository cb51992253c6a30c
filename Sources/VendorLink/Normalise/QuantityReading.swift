/// What one listing title sells, read by ``QuantityReader``: how many units, the dose of
/// each, the total mass or volume, the dosage form, whether it is a drug, and, when a part
/// cannot be determined, why (a reason code, never a guess).
///
/// - "500 LSD blotters 100ug": units 500, dose 100 µg, total 0.05 g, form blotter.
/// - "Xanax 2mg (G 372 2) x 100": units 100, dose 2 mg, total 0.2 g (the imprint is no count).
/// - "Xanax 2mg": dose 2 mg, units and total empty, reason `unitsNotStated`.
/// - "1 oz OG Kush": total 28.35 g, form bulk, no units.
/// - "1G/2G/3.5G/7G": nothing, reason `menu` (the price is for one of several sizes).
public struct ListingQuantity: Equatable, Sendable {
  public enum Kind: String, Sendable {
    case drug
    case nonDrug = "non-drug"
    case unknown
  }

  /// Why a part of the reading is empty.
  public enum Reason: String, Sendable {
    /// The title states no quantity.
    case noQuantity = "no-quantity"
    /// Several sizes or counts on offer ("1G - 50G", "10X - 5.000X").
    case menu
    /// Several goods in one listing ("1G METH + 1BOTTLE XANAX").
    case bundle
    /// A dose without a count ("Xanax 2mg"): the price may be for one or for many.
    case unitsNotStated = "units-not-stated"
    /// Packages of unstated size ("1mg *5x BOX*"): units are boxes, the dose is a pill's.
    case package
    /// Measuring tools, containers, non-drug sizes: numbers that are not a drug's quantity.
    case notAQuantity = "not-a-quantity"
  }

  /// Items the buyer receives (tabs, pills, blotters, carts, seeds, boxes), when stated.
  public var units: Int?
  /// The mass or volume of one unit (in `measure`), when stated.
  public var dose: Double?
  /// The total mass or volume (in `measure`): units × dose, or the weight of a bulk listing.
  public var total: Double?
  /// `.gram` or `.milliliter`: the unit of `dose` and `total`.
  public var measure: QuantityUnit?
  public var form: QuantityForm?
  public var kind: Kind
  /// The canonical product ("cocaine", "benzodiazepine", "cannabis"), when a word names it.
  public var product: String?
  /// Set when `units` or `total` is empty for a reason other than the title being silent
  /// about one of them.
  public var reason: Reason?
  /// The product was named only by a word that may mean something else ("crystal",
  /// "brown"): a market's category, when it names one, is the better guess.
  var productIsWeak = false
  /// Sold as a liquid or injectable ("Ketamine liquid 1000mg/10ml", "vape liquid"): priced
  /// apart from the same drug's powder or pills.
  public var isLiquid = false
  /// A listing made for one buyer ("Custom for …", "Private listing"): no market price.
  public var isPrivate = false
  /// The title's words the quantity was read from ("500 lsd blotters | 100ug").
  public var words: String

  public init(
    units: Int? = nil, dose: Double? = nil, total: Double? = nil, measure: QuantityUnit? = nil,
    form: QuantityForm? = nil, kind: Kind = .unknown, product: String? = nil,
    reason: Reason? = nil, words: String = ""
  ) {
    self.units = units
    self.dose = dose
    self.total = total
    self.measure = measure
    self.form = form
    self.kind = kind
    self.product = product
    self.reason = reason
    self.words = words
  }

  /// What a buyer pays for one of: `(amount, per)` — per item of a counted form ("pill",
  /// "blotter", "cart", "unit"), else per gram or millilitre of a bulk listing. Nil when
  /// neither units nor a total are known.
  public var pricing: (amount: Double, per: String)? {
    if reason == .package || reason == .bundle || reason == .menu { return nil }
    // "2 x 1g" of powder (form bulk) is 2 g, priced per gram; "50 x 2mg" are pills, per pill.
    if let units, units > 0, form != .bulk || total == nil {
      return (Double(units), form?.rawValue ?? "unit")
    }
    if let total, let measure, total > 0 { return (total, measure.rawValue) }
    return nil
  }

  /// The grams of active ingredient the price buys, when a count and a mass dose are stated
  /// (for prices per gram of active ingredient across pill strengths).
  public var activeGrams: Double? {
    guard units != nil, dose != nil, measure == .gram else { return nil }
    return total
  }

  /// The reading in the store's columns (`quantity`, `unit`, `count`; see docs/SCHEMA.md):
  /// counted items with a dose as their total mass, counted items without one as a count,
  /// bulk as its mass or volume; nil when neither is known (a dose alone is not stored).
  public var stored: Quantity? {
    if let units, let dose, let total, let measure, reason != .package {
      return Quantity(amount: total, unit: measure, count: units, perItem: dose)
    }
    if let units { return Quantity(amount: Double(units), unit: .unit, count: units) }
    if let total, let measure { return Quantity(amount: total, unit: measure) }
    return nil
  }
}
