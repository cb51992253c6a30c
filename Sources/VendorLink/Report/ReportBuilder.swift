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
    try Self.materialise(db)
  }

  /// Fills temporary tables from the views' own SELECTs (see `StudySQL`), once per report:
  /// every section then reads these instead of re-deriving them from a million rows.
  static func materialise(_ db: Database) throws {
    try db.execute(
      """
      DROP TABLE IF EXISTS temp.r_acc;
      DROP TABLE IF EXISTS temp.r_sales;
      DROP TABLE IF EXISTS temp.r_crawls;
      CREATE TEMP TABLE r_acc AS \(StudySQL.accountCrawlCountry);
      CREATE INDEX temp.r_acc_account ON r_acc(account_id, observed);
      CREATE INDEX temp.r_acc_country ON r_acc(country, market);
      CREATE TEMP TABLE r_sales AS \(StudySQL.accountCrawlSales);
      CREATE INDEX temp.r_sales_account ON r_sales(account_id, observed);
      CREATE TEMP TABLE r_crawls AS \(StudySQL.crawls);
      """)
  }

  /// `v_country_share` over the materialised tables.
  static var countryShareSQL: String {
    "("
      + StudySQL.countryShare(
        countryCrawl: "(" + StudySQL.countryCrawl(acc: "r_acc", sales: "r_sales") + ")",
        crawls: "r_crawls") + ")"
  }

  /// Builds every section.
  public static func build(db: Database, options: ReportOptions) throws -> Report {
    if let cc = options.country, !PhysicalPlace.isCountry(cc) {
      throw RuntimeFailure("--country wants an ISO 3166-1 alpha-2 code such as BE, not '\(cc)'")
    }
    var timings: [(String, Double)] = []
    var clock = Date()
    func lap(_ stage: String) {
      timings.append((stage, Date().timeIntervalSince(clock)))
      clock = Date()
    }
    let b = try ReportBuilder(db: db, options: options)
    lap("load")
    var sections = [try b.growth()]
    lap("growth")
    sections.append(try b.share())
    lap("share")
    sections.append(try b.productMix())
    lap("product mix")
    sections.append(try b.shipping())
    lap("shipping")
    sections.append(b.multiLocation(try ShippingHistory.load(db, from: "r_acc")))
    lap("multi-location")
    sections.append(try b.saleSizes())
    lap("sale sizes")
    sections.append(try b.migrants())
    lap("migrants")
    let scope = options.country.map { "\($0) vendors" } ?? "all vendors"
    return Report(
      title: "vendorlink report: \(scope)", country: options.country,
      generated: ISO8601DateFormatter().string(from: Date()), sections: sections,
      timings: timings)
  }

  /// Who the country's vendors are: "BE vendors", or "all vendors" without a country.
  var who: String { options.country.map { "\($0) vendors" } ?? "all vendors" }

  /// Closure markers for line charts over crawl dates.
  var closureMarkers: [LineChart.Marker] {
    closures.map { .init(day: $0.closed, label: "\($0.market) closed") }
  }

  /// Accounts shipping from the country in each crawl; nil without a country (every
  /// account then counts).
  func countryAccountCrawlKeys() throws -> Set<AccountCrawl>? {
    guard let cc = options.country else { return nil }
    var keys = Set<AccountCrawl>()
    let sql = "SELECT account_id, observed FROM r_acc WHERE country = ?"
    try db.forEach(sql, [.text(cc)]) { s in
      if let a = s.int(0), let o = s.string(1) {
        keys.insert(AccountCrawl(account: a, observed: o))
      }
    }
    return keys
  }

  /// Accounts that ever ship from the country, per market; every account without a country.
  func countryAccounts() throws -> Set<Int64> {
    guard let cc = options.country else { return Set(accounts.keys) }
    var out = Set<Int64>()
    let sql = "SELECT DISTINCT account_id FROM r_acc WHERE country = ?"
    try db.forEach(sql, [.text(cc)]) { s in if let a = s.int(0) { out.insert(a) } }
    return out
  }

  func label(_ account: Int64) -> String {
    accounts[account].map { "\($0.market):\($0.vendor)" } ?? "#\(account)"
  }
}

/// One account in one crawl.
struct AccountCrawl: Hashable {
  var account: Int64
  var observed: String
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
