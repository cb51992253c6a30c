/// The prices of a crawl by day and currency, tallied as records are stored, so that after
/// the price pass the crawl can say which of them rest on an earlier day's rate (a weekend
/// or holiday falls back to the previous business day, at most `RateTable.maxAgeDays`):
/// one warning per day and currency, e.g. "12 AUD prices of 2020-09-19 use rates from 1 day
/// earlier". The distance is then on record in `warnings`, never hidden.
struct RateAges {
  private var priced: [String: (day: String, currency: String, count: Int)] = [:]

  mutating func note(_ record: CrawlRecord) {
    guard case .listing(let l) = record, let p = l.price else { return }
    let key = l.observed + "|" + p.currency
    priced[key, default: (l.observed, p.currency, 0)].count += 1
  }

  /// Warnings (line 0, field "price") for the days whose rates are older than the day.
  func warnings(_ rates: RateTable) -> [(line: Int, field: String?, message: String)] {
    var out: [(line: Int, field: String?, message: String)] = []
    for (_, p) in priced.sorted(by: { $0.key < $1.key }) {
      let age = rates.age(of: p.currency, on: p.day)
      let days = [age.usd, age.eur].compactMap { $0 }.max() ?? 0
      guard days > 0 else { continue }
      out.append(
        (
          0, "price",
          "\(p.count) \(p.currency) prices of \(p.day) use rates from \(days) day"
            + (days == 1 ? "" : "s") + " earlier (the nearest earlier rate)"
        ))
    }
    return out
  }
}
