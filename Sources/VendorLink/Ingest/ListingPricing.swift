/// Converts listing prices to USD and EUR as the rows are inserted, with the rates stored
/// when the crawl's first price is converted, so that `PricePass` need not update every
/// listing row of the crawl afterwards (it scanned every listing row of the store and
/// rewrote each of the crawl's).
///
/// The values must be the ones the pass would compute at the end of the crawl, from the rates
/// stored then. They are, unless a rate record follows a converted price in the file: then the
/// pass checks the crawl's rows again (`deferred`). Rates are reloaded whenever rate records
/// were written since the last conversion (crawls usually list their rates first).
final class ListingPricing {
  let db: Database
  private var rates: UnitRateCache?
  /// A rate was written since `rates` was loaded.
  private var ratesChanged = false
  private var reloads = 0
  /// Rate blocks in one file: one per concatenated month is a few dozen.
  static let maxReloads = 64
  /// Any price converted so far in this crawl.
  private var converted = false
  /// A rate arrived after a conversion: the price pass converts this crawl's listings.
  private(set) var deferred = false
  /// Missing rates of the rows stored so far, counted in row order (the first is reported).
  private(set) var notes = PricePass.Outcome()
  /// Those of the record being written, kept when its savepoint is released.
  private var pending: [MissingRate] = []

  init(db: Database) { self.db = db }

  struct Converted {
    var usd: Double?
    var eur: Double?
    var unitPriceEUR: Double?
    var missing: [MissingRate]
  }

  func rateWritten() {
    ratesChanged = true
    if converted { deferred = true }
  }

  /// The price of a row about to be inserted, from the rates stored now. Once `deferred`, the
  /// pass checks every row again (and reports the missing rates) but rewrites only rows a
  /// later rate changed, so converting here still saves most of the work.
  func convert(amount: Double, currency: String, on day: String, quantity: Double?, hasUnit: Bool)
    -> Converted?
  {
    // Past `maxReloads` (a file alternating rates and listings) the rates stay as they are:
    // `deferred` is set by then and the pass corrects the rows.
    if rates == nil || (ratesChanged && reloads < ListingPricing.maxReloads) {
      reloads += 1
      guard let loaded = try? PricePass.loadRates(db) else {
        deferred = true
        return nil
      }
      rates = UnitRateCache(rates: loaded)
      ratesChanged = false
    }
    converted = true
    // The pass reads the currency back from the row: what TEXT keeps of it.
    let (money, missing) = rates!.convert(
      amount: amount, currency: Database.storedText(currency), on: day)
    var unitPrice: Double?
    if let eur = money.eur, let q = quantity, q > 0, hasUnit { unitPrice = eur / q }
    return Converted(usd: money.usd, eur: money.eur, unitPriceEUR: unitPrice, missing: missing)
  }

  /// The row was inserted (not ignored as stored before): its missing rates count.
  func noteStored(_ missing: [MissingRate]) { pending += missing }

  func keepRecord() {
    notes.note(pending)
    pending.removeAll()
  }

  func discardRecord() { pending.removeAll() }

  /// Rows converted so far may rest on rates that were rolled back: the pass checks them all.
  func recheckAll() {
    deferred = true
    ratesChanged = true
    pending.removeAll()
  }
}
