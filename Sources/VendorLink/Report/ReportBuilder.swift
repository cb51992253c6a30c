import Foundation

/// Builds the study's report from a database: growth of each market, a country's share and
/// its trend, product mix, shipping and refusals, multi-location and moves, sale sizes and
/// migrants. Everything is computed from the data with the same views and detectors as
/// `vendorlink flag`, so the report does not depend on when `flag` last ran.
public struct ReportBuilder {
  let db: Database
  let options: ReportOptions
  /// account_id → (market, vendor).
  var accounts: [Int64: (market: String, vendor: String)] = [:]
  var closures: [MigrantDetector.Closure] = []

  public init(db: Database, options: ReportOptions) throws {
    self.db = db
    self.options = options
    try db.forEach("SELECT account_id, market, vendor FROM accounts") { s in
      if let id = s.int(0), let m = s.string(1), let v = s.string(2) {
        accounts[id] = (m, v)
      }
    }
    closures = try MigrantDetector.loadClosures(db)
  }

  /// Builds every section.
  public static func build(db: Database, options: ReportOptions) throws -> Report {
    if let cc = options.country, !PhysicalPlace.isCountry(cc) {
      throw RuntimeFailure("--country wants an ISO 3166-1 alpha-2 code such as BE, not '\(cc)'")
    }
    let b = try ReportBuilder(db: db, options: options)
    let history = try ShippingHistory.load(db)
    var sections = [try b.growth()]
    sections.append(try b.share())
    sections.append(try b.productMix())
    sections.append(try b.shipping())
    sections.append(b.multiLocation(history))
    sections.append(try b.saleSizes())
    sections.append(try b.migrants())
    let scope = options.country.map { "\($0) vendors" } ?? "all vendors"
    return Report(
      title: "vendorlink report: \(scope)", country: options.country,
      generated: ISO8601DateFormatter().string(from: Date()), sections: sections)
  }

  /// Who the country's vendors are: "BE vendors", or "all vendors" without a country.
  var who: String { options.country.map { "\($0) vendors" } ?? "all vendors" }

  /// Closure markers for line charts over crawl dates.
  var closureMarkers: [LineChart.Marker] {
    closures.map { .init(day: $0.closed, label: "\($0.market) closed") }
  }

  /// Accounts shipping from the country in each crawl, as "account|observed" keys; nil
  /// without a country (every account then counts).
  func countryAccountCrawls() throws -> Set<String>? {
    guard let cc = options.country else { return nil }
    var keys = Set<String>()
    let sql = """
      SELECT DISTINCT l.account_id, lp.observed
      FROM listing_places lp JOIN listings l ON l.listing_id = lp.listing_id
      WHERE lp.role = 'from' AND lp.place = ?
      """
    try db.forEach(sql, [.text(cc)]) { s in
      if let a = s.int(0), let o = s.string(1) { keys.insert("\(a)|\(o)") }
    }
    return keys
  }

  /// Accounts that ever ship from the country, per market; every account without a country.
  func countryAccounts() throws -> Set<Int64> {
    guard let cc = options.country else { return Set(accounts.keys) }
    var out = Set<Int64>()
    let sql = """
      SELECT DISTINCT l.account_id
      FROM listing_places lp JOIN listings l ON l.listing_id = lp.listing_id
      WHERE lp.role = 'from' AND lp.place = ?
      """
    try db.forEach(sql, [.text(cc)]) { s in if let a = s.int(0) { out.insert(a) } }
    return out
  }

  func label(_ account: Int64) -> String {
    accounts[account].map { "\($0.market):\($0.vendor)" } ?? "#\(account)"
  }
}

/// Least-squares slope of `ys` over day numbers, per 30 days; nil with fewer than 2 points.
func slopePerMonth(_ points: [(String, Double)]) -> Double? {
  let xy = points.compactMap { p in Day(p.0).map { (Double($0.number), p.1) } }
  guard xy.count >= 2 else { return nil }
  let mx = xy.map(\.0).reduce(0, +) / Double(xy.count)
  let my = xy.map(\.1).reduce(0, +) / Double(xy.count)
  let sxx = xy.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
  guard sxx > 0 else { return nil }
  let sxy = xy.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
  return sxy / sxx * 30
}
