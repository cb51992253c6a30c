/// Converts the prices of one crawl to USD and EUR once all its records (rates included,
/// wherever they sit in the file) are stored, and prices its feedback as sales.
///
/// A listing is converted at the rate of its observation day; a feedback (one sale) at its
/// listing's price as last observed on or before the feedback's day (else the first
/// observation after it), converted at the feedback day's rate. Rates are the nearest
/// earlier day's (RateTable). A missing rate leaves the value NULL and is reported once per
/// currency, never guessed.
struct PricePass {
  let db: Database
  let crawlID: Int64

  /// Missing rates by "currency→target": how many conversions lacked one, and the first.
  /// Counted as they are met, so memory does not grow with the crawl.
  struct Outcome {
    var missing: [String: (count: Int, example: MissingRate)] = [:]
    /// Stored values this pass changed (listing observations and feedback rows).
    var changed = 0

    mutating func note(_ rates: [MissingRate]) {
      for m in rates {
        let key = "\(m.currency)→\(m.target)"
        let entry = missing[key]
        missing[key] = ((entry?.count ?? 0) + 1, entry?.example ?? m)
      }
    }
  }

  /// Every stored rate, in the store's order (so a rate given twice resolves the same way).
  static func loadRates(_ db: Database) throws -> RateTable {
    var rates = RateTable()
    try db.forEach("SELECT date, currency, usd, eur FROM rates") { s in
      rates.add(date: s.string(0)!, currency: s.string(1)!, usd: s.double(2), eur: s.double(3))
    }
    return rates
  }

  /// `listingNotes`: the missing rates met when the crawl's listings were converted as they
  /// were inserted (`ListingPricing`), noted in row order; nil converts them here instead.
  func run(listingNotes: Outcome? = nil) throws -> Outcome {
    let rates = try PricePass.loadRates(db)
    var outcome = listingNotes ?? Outcome()
    func note(_ missing: [MissingRate]) { outcome.note(missing) }

    if listingNotes == nil { outcome.changed += try convertListings(rates, note) }

    // Feedback of this crawl, grouped by listing so each listing's history is read once.
    var history: (id: Int64, obs: [(day: String, amount: Double, currency: String)])? = nil
    let hs = try db.prepare(
      """
      SELECT observed, price_amount, price_currency FROM listing_observations
      WHERE listing_id = ? AND price_amount IS NOT NULL ORDER BY observed
      """)
    let update = try db.prepare(
      "UPDATE feedback SET price_usd = ?, price_eur = ? WHERE feedback_id = ?")
    var converter = UnitRateCache(rates: rates)
    try db.forEach(
      """
      SELECT feedback_id, listing_id, date, price_usd, price_eur FROM feedback
      WHERE crawl_id = ? AND listing_id IS NOT NULL ORDER BY listing_id
      """, [.integer(crawlID)]
    ) { s in
      let listing = s.int(1)!
      let day = s.string(2)!
      if history?.id != listing {
        var obs: [(String, Double, String)] = []
        try hs.bind(listing, at: 1)
        while try hs.step() { obs.append((hs.string(0)!, hs.double(1)!, hs.string(2)!)) }
        history = (listing, obs)
      }
      guard let obs = history?.obs, !obs.isEmpty else { return }
      let price = obs.last(where: { $0.day <= day }) ?? obs[0]
      let (money, missing) = converter.convert(
        amount: price.amount, currency: price.currency, on: day)
      note(missing)
      // Unchanged values (NULL since the insert, or the same rates again): nothing to write.
      if money.usd?.bitPattern == s.double(3)?.bitPattern
        && money.eur?.bitPattern == s.double(4)?.bitPattern
      {
        return
      }
      try update.bind(money.usd, at: 1)
      try update.bind(money.eur, at: 2)
      try update.bind(s.int(0)!, at: 3)
      try update.execute()
      outcome.changed += 1
    }
    return outcome
  }

  /// Converts this crawl's listing prices from the rates stored now. The rows were
  /// converted when inserted, but a rate read later in the file may change some: only rows
  /// whose values differ are written (a crawl file of several concatenated months has rates
  /// throughout, and rewriting every row was 6% of ingest time on one).
  private func convertListings(_ rates: RateTable, _ note: ([MissingRate]) -> Void) throws -> Int {
    var converter = UnitRateCache(rates: rates)
    var changed = 0
    let update = try db.prepare(
      """
      UPDATE listing_observations SET price_usd = ?, price_eur = ?, unit_price_eur = ?
      WHERE rowid = ?
      """)
    // Updates are made while scanning, by rowid, so memory stays constant: SQLite allows
    // writing columns the running SELECT neither filters nor orders on.
    try db.forEach(
      """
      SELECT rowid, observed, price_amount, price_currency, quantity, unit, price_usd,
        price_eur, unit_price_eur
      FROM listing_observations WHERE crawl_id = ? AND price_amount IS NOT NULL
      """, [.integer(crawlID)]
    ) { s in
      let (money, missing) = converter.convert(
        amount: s.double(2)!, currency: s.string(3)!, on: s.string(1)!)
      note(missing)
      var unitPrice: Double?
      if let eur = money.eur, let q = s.double(4), q > 0, s.string(5) != nil { unitPrice = eur / q }
      let same = [money.usd, money.eur, unitPrice].enumerated().allSatisfy { i, v in
        v?.bitPattern == s.double(6 + i)?.bitPattern
      }
      if same { return }
      try update.bind(money.usd, at: 1)
      try update.bind(money.eur, at: 2)
      try update.bind(unitPrice, at: 3)
      try update.bind(s.int(0)!, at: 4)
      try update.execute()
      changed += 1
    }
    return changed
  }
}
