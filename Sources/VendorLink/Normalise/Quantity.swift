/// The base unit a quantity is measured in.
public enum QuantityUnit: String, Sendable {
  /// Mass in grams (kg, oz, lb, QP, mg, µg converted).
  case gram = "g"
  /// Volume in millilitres (litres converted).
  case milliliter = "ml"
  /// A count of items: pills, tabs, blotters, capsules, "100x".
  case unit = "unit"
}

/// How much a listing sells, parsed from its title by ``QuantityParser``.
///
/// - "100g": amount 100 g, count 1, perItem nil.
/// - "10 x 120mg": amount 1.2 g (the total), count 10, perItem 0.12 g. A dose with a count
///   is always read as per item, so pills with a stated dose are priced per gram of the
///   substance ("Tramadol 50 mg x 100" → 5 g).
/// - "50 pills": amount 50, unit `.unit`, count 50, perItem nil (the content is unknown).
public struct Quantity: Equatable, Sendable {
  /// The total, in the base unit.
  public let amount: Double
  public let unit: QuantityUnit
  /// The number of items; 1 for a plain mass or volume.
  public let count: Int
  /// The mass or volume of one item, when a title gives both a count and a dose.
  public let perItem: Double?

  public init(amount: Double, unit: QuantityUnit, count: Int = 1, perItem: Double? = nil) {
    self.amount = amount
    self.unit = unit
    self.count = count
    self.perItem = perItem
  }

  /// The price of one gram, millilitre or unit: `(value, per)` with `per` "g", "ml" or
  /// "unit"; nil when the amount is zero or either number is not finite.
  public func unitPrice(priceEUR: Double) -> (value: Double, per: String)? {
    guard priceEUR.isFinite, amount.isFinite, amount > 0 else { return nil }
    return (priceEUR / amount, unit.rawValue)
  }
}

/// The price of one gram, millilitre or unit of `quantity` (see ``Quantity/unitPrice(priceEUR:)``).
public func unitPrice(priceEUR: Double, quantity: Quantity) -> (value: Double, per: String)? {
  quantity.unitPrice(priceEUR: priceEUR)
}
