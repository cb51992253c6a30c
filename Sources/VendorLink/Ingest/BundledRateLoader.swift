/// Fills gaps in the `rates` table from the bundled ECB rates (`RatesECB`), one currency at
/// a time and only when a conversion needed it, so stores whose crawls carry their own rates
/// (the synthetic sample) convert exactly as before.
///
/// Rows are inserted with `ON CONFLICT DO NOTHING`: a rate the user gave (`--rates`, a rate
/// record) for a day is kept, and one given later replaces the bundled row for its day.
struct BundledRateLoader {
  let db: Database
  let table: RatesECB.Table?

  init(db: Database, table: RatesECB.Table? = RatesECB.bundled) {
    self.db = db
    self.table = table
  }

  /// Adds the bundled rows of `currencies` (and EUR, which every USD↔EUR leg needs) not yet
  /// loaded; returns the rows added per currency (only currencies that got any).
  func fill(_ currencies: Set<String>) throws -> [String: Int] {
    guard let table else { return [:] }
    var added: [String: Int] = [:]
    let insert = try db.prepare(
      """
      INSERT INTO rates(date, currency, usd, eur, source) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(date, currency) DO NOTHING
      """)
    for code in currencies.union(["EUR"]).sorted() where code != "USD" {
      let loaded = try db.scalarInt(
        "SELECT COUNT(*) FROM rates WHERE currency = ? AND source = ?",
        [.text(code), .text(RatesECB.source)])
      guard loaded == 0 else { continue }
      var n = 0
      for r in table.rows(for: code) {
        try insert.bind(r.date, at: 1)
        try insert.bind(code, at: 2)
        try insert.bind(r.usd, at: 3)
        try insert.bind(r.eur, at: 4)
        try insert.bind(RatesECB.source, at: 5)
        n += try insert.execute()
      }
      if n > 0 { added[code] = n }
    }
    return added
  }

  /// The currencies named by missing rates (the currency itself, or EUR for the USD↔EUR leg).
  static func currencies(in outcome: PricePass.Outcome) -> Set<String> {
    Set(outcome.missing.values.map { $0.example.currency })
  }
}
