/// Reads a scraped price cell: "340.00", "USD 1,320.31", "$12.50",
/// "Buy price\nUSD 9.00\n\n(0.0055 BTC)" (AlphaBay: the first amount shown is the one a
/// buyer pays; the BTC figure beside it is the market's own conversion, not a second price).
enum PriceText {
  /// Codes read as a price's currency when written beside an amount. A closed list, so that
  /// a word such as "PER" or "GRAMS" next to a number is never taken for a currency.
  static let codes: Set<String> = [
    "USD", "EUR", "GBP", "AUD", "CAD", "CHF", "BTC", "XMR", "LTC", "ETH", "BCH", "ZEC", "DASH",
    "SEK", "NOK", "DKK", "PLN", "CZK", "NZD", "JPY", "RUB", "BRL", "MXN", "INR",
  ]

  /// Cells that scrapes use for "no price shown".
  static let noValue: Set<String> = ["N/A", "NA", "-", "--", "?", "NONE", "NULL", "ASK"]

  enum Reading: Equatable {
    case price(amount: Double, currency: String?)
    /// The page showed no price ("N/A", "null", "ask").
    case none
    /// Text that holds no amount.
    case notANumber
  }

  static func read(_ raw: String) -> Reading {
    let upper = raw.trimmingWhitespace.uppercased()
    if upper.isEmpty || noValue.contains(upper) { return .none }
    let tokens = upper.split { $0.isWhitespace || $0 == "(" || $0 == ")" || $0 == ":" }
      .map(String.init)
    for (i, t) in tokens.enumerated() {
      if codes.contains(t), i + 1 < tokens.count, let a = number(tokens[i + 1]) {
        return .price(amount: a, currency: t)
      }
      if let a = number(t), i + 1 < tokens.count, codes.contains(tokens[i + 1]) {
        return .price(amount: a, currency: tokens[i + 1])
      }
    }
    if let a = number(upper.filter { !" \t".contains($0) }) {
      return .price(amount: a, currency: nil)
    }
    return .notANumber
  }

  /// "1,320.31" → 1320.31; "$12.50" and "€9" → the number (the currency symbol is not a code:
  /// "$" is several currencies, so the column's or `--currency`'s code applies).
  static func number(_ token: String) -> Double? {
    let cleaned = token.filter { !"$€£,".contains($0) }
    guard !cleaned.isEmpty, let v = Double(cleaned), v.isFinite, v >= 0 else { return nil }
    return v
  }
}
