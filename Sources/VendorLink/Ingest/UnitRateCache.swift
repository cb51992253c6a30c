/// `RateTable.convert` remembered per (currency, day): a crawl prices hundreds of thousands of
/// listings and sales in a few currencies over a few hundred days, and each conversion cleans
/// the currency code and searches the quotes again.
///
/// The rate of one unit is cached; `amount × rate` is the one multiplication `convert` makes
/// with it, so every value is the same to the bit.
struct UnitRateCache {
  let rates: RateTable
  private var units: [Key: (money: Money, missing: [MissingRate])] = [:]
  /// Bounds memory on hostile input (every line a new currency); real crawls use dozens.
  static let limit = 10_000

  struct Key: Hashable {
    let currency: String
    let day: String
  }

  init(rates: RateTable) { self.rates = rates }

  mutating func convert(amount: Double, currency: String, on day: String)
    -> (money: Money, missing: [MissingRate])
  {
    let key = Key(currency: currency, day: day)
    let unit: (money: Money, missing: [MissingRate])
    if let hit = units[key] {
      unit = hit
    } else {
      unit = rates.convert(amount: 1, currency: currency, on: day)
      if units.count < UnitRateCache.limit { units[key] = unit }
    }
    let money = Money(
      usd: unit.money.usd.map { amount * $0 }, eur: unit.money.eur.map { amount * $0 })
    return (money, unit.missing)
  }
}
