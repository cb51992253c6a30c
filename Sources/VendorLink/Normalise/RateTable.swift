/// An amount in US dollars and euros; a part is nil when no rate allowed computing it.
public struct Money: Equatable, Sendable {
  public var usd: Double?
  public var eur: Double?
  public init(usd: Double?, eur: Double?) {
    self.usd = usd
    self.eur = eur
  }
}

/// A rate that was needed and not found: add a `currency` → `target` rate on or shortly
/// before `date` (within ``RateTable/maxAgeDays``).
public struct MissingRate: Error, Equatable, Sendable, CustomStringConvertible {
  public let currency: String
  public let date: String
  public let target: String
  public init(currency: String, date: String, target: String) {
    self.currency = currency
    self.date = date
    self.target = target
  }
  public var description: String {
    "no \(currency)→\(target) rate on or before \(date)"
  }
}

/// Exchange rates by day: the value of one unit of a currency in USD and/or EUR.
///
/// A conversion uses the latest rate on or before the observation's date, never a later
/// one (that would use knowledge the market did not have) and never one older than
/// ``maxAgeDays``. A missing rate makes that part of the ``Money`` nil and is listed in
/// ``MissingRate``s: prices are never converted with a guessed rate.
public struct RateTable: Sendable {
  struct Quote: Sendable {
    var day: Int
    var usd: Double?
    var eur: Double?
  }

  /// Quotes per currency code, sorted by day.
  private var quotes: [String: [Quote]] = [:]

  /// The oldest rate a conversion may use, in days before the observation. 7 because BTC
  /// moved by more than 10% within a week many times (2013–2019), so an older rate is a
  /// guess; daily rate files (CoinDesk BPI) never need more than 1.
  public var maxAgeDays = 7

  public init() {}

  /// Currencies stored (upper case).
  public var currencies: [String] { quotes.keys.sorted() }

  /// Adds (or replaces) the rate of `currency` on `date` (`YYYY-MM-DD`, a time after it is
  /// ignored). Ignores dates that are not valid days, non-positive or non-finite rates, and
  /// additions with neither rate; callers validate input first (see ``loadCSV(path:currency:)``).
  public mutating func add(date: String, currency: String, usd: Double?, eur: Double?) {
    guard let day = CivilDate.dayNumber(date.prefix(10)) else { return }
    let usd = usd.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
    let eur = eur.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
    guard usd != nil || eur != nil else { return }
    let code = Self.currencyCode(currency)
    var list = quotes[code, default: []]
    let index = Self.insertionIndex(list, day)
    if index < list.count && list[index].day == day {
      list[index].usd = usd ?? list[index].usd
      list[index].eur = eur ?? list[index].eur
    } else {
      list.insert(Quote(day: day, usd: usd, eur: eur), at: index)
    }
    quotes[code] = list
  }

  /// `amount` of `currency` on `date` in USD and EUR. USD and EUR convert to themselves at
  /// 1. Each target uses the direct rate or a cross rate through the other target
  /// (BTC→EUR = BTC→USD ÷ EUR→USD), whichever rests on more recent rates.
  public func convert(amount: Double, currency: String, on date: String)
    -> (money: Money, missing: [MissingRate])
  {
    let code = Self.currencyCode(currency)
    guard let day = CivilDate.dayNumber(date.prefix(10)) else {
      return (
        Money(usd: nil, eur: nil),
        [
          MissingRate(currency: code, date: date, target: "USD"),
          MissingRate(currency: code, date: date, target: "EUR"),
        ]
      )
    }
    var missing: [MissingRate] = []
    func value(in target: String) -> Double? {
      if let rate = rate(code, target, day) { return amount * rate }
      // Name the leg that is absent: the currency's own rate, or the one between USD and EUR.
      let other = target == "USD" ? "EUR" : "USD"
      let hasOwn = code == other || direct(code, other, day) != nil
      missing.append(
        MissingRate(
          currency: hasOwn ? "EUR" : code, date: String(date.prefix(10)),
          target: hasOwn ? "USD" : target))
      return nil
    }
    let money = Money(usd: value(in: "USD"), eur: value(in: "EUR"))
    var seen: [MissingRate] = []
    for m in missing where !seen.contains(m) { seen.append(m) }
    return (money, seen)
  }

  /// The rate from `code` to `target` ("USD"/"EUR") on `day`, direct or crossed.
  func rate(_ code: String, _ target: String, _ day: Int) -> Double? {
    dated(code, target, day)?.value
  }

  /// How many days before `date` the rates a conversion of `currency` to USD and to EUR
  /// rest on (the older leg of a cross rate); nil for a target without a rate, 0 for a
  /// rate of the day itself (and for USD→USD, EUR→EUR).
  public func age(of currency: String, on date: String) -> (usd: Int?, eur: Int?) {
    let code = Self.currencyCode(currency)
    guard let day = CivilDate.dayNumber(date.prefix(10)) else { return (nil, nil) }
    return (
      dated(code, "USD", day).map { day - $0.day }, dated(code, "EUR", day).map { day - $0.day }
    )
  }

  /// The rate from `code` to `target` on `day` and the day it rests on.
  func dated(_ code: String, _ target: String, _ day: Int) -> (value: Double, day: Int)? {
    if code == target { return (1, day) }
    let other = target == "USD" ? "EUR" : "USD"
    let directRate = direct(code, target, day)
    var crossed: (value: Double, day: Int)?
    let first: (value: Double, day: Int)? = code == other ? (1, day) : direct(code, other, day)
    if let first,
      let second = direct(other, target, day) ?? inverse(target, other, day)
    {
      crossed = (first.value * second.value, min(first.day, second.day))
    }
    switch (directRate, crossed) {
    case (let d?, let c?): return c.day > d.day ? c : d
    case (let d?, nil): return d
    case (nil, let c?): return c
    case (nil, nil): return nil
    }
  }

  /// A stored rate from `code` to `target`, latest on or before `day`, at most
  /// ``maxAgeDays`` old.
  func direct(_ code: String, _ target: String, _ day: Int) -> (value: Double, day: Int)? {
    guard let list = quotes[code] else { return nil }
    var index = Self.insertionIndex(list, day + 1) - 1
    while index >= 0, day - list[index].day <= maxAgeDays {
      if let value = target == "USD" ? list[index].usd : list[index].eur {
        return (value, list[index].day)
      }
      index -= 1
    }
    return nil
  }

  /// `target`→`code` rate stored as the `code` side's quote inverted (EUR→USD from a USD
  /// quote that carries its EUR value).
  private func inverse(_ code: String, _ target: String, _ day: Int) -> (value: Double, day: Int)? {
    direct(code, target, day).map { (1 / $0.value, $0.day) }
  }

  /// First index whose day is ≥ `day` (binary search).
  private static func insertionIndex(_ list: [Quote], _ day: Int) -> Int {
    var low = 0
    var high = list.count
    while low < high {
      let mid = (low + high) / 2
      if list[mid].day < day { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Upper-case ISO 4217 code; symbols and the BTC alias "XBT" mapped ("€" → EUR,
  /// "$" → USD: every market quotes "$" as US dollars; "A$" → AUD, "£" → GBP).
  public static func currencyCode(_ raw: String) -> String {
    let code = ScrapedText.clean(raw).uppercased()
    switch code {
    case "€", "EURO", "EUROS": return "EUR"
    case "$", "US$", "USD$", "DOLLAR", "DOLLARS": return "USD"
    case "A$", "AU$", "AUD$": return "AUD"
    case "£", "GBP£": return "GBP"
    case "XBT", "₿", "BITCOIN": return "BTC"
    default: return code
    }
  }
}
