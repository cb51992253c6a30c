/// The physical countries one account ships from in one crawl.
///
/// A crawl is identified by its observation date within a market (`observed`): the study's
/// crawls are snapshots, and ingest stamps every record of a snapshot with its date.
public struct CrawlShipping: Sendable, Equatable {
  public var accountID: Int64
  public var observed: String
  /// Sorted ISO alpha-2 codes, regions removed.
  public var countries: [String]

  public init(accountID: Int64, observed: String, countries: [String]) {
    self.accountID = accountID
    self.observed = observed
    self.countries = countries.sorted()
  }
}

enum ShippingHistory {
  /// Every (account, crawl) with at least one physical ships-from country, ordered by account
  /// then date — the input of the multi-location and move detectors.
  static func load(_ db: Database) throws -> [CrawlShipping] {
    try load(
      db,
      sql: """
        SELECT l.account_id, lp.observed, lp.place
        FROM listing_places lp JOIN listings l ON l.listing_id = lp.listing_id
        WHERE lp.role = 'from' AND \(PhysicalPlace.sqlIsCountry("lp.place"))
        GROUP BY l.account_id, lp.observed, lp.place
        ORDER BY l.account_id, lp.observed, lp.place
        """)
  }

  /// The same from a table shaped like `v_account_crawl_country` (the report's copy).
  static func load(_ db: Database, from relation: String) throws -> [CrawlShipping] {
    try load(
      db,
      sql:
        "SELECT account_id, observed, country FROM \(relation) ORDER BY account_id, observed, country"
    )
  }

  private static func load(_ db: Database, sql: String) throws -> [CrawlShipping] {
    var out: [CrawlShipping] = []
    try db.forEach(sql) { s in
      guard let account = s.int(0), let observed = s.string(1), let place = s.string(2) else {
        return
      }
      if let last = out.last, last.accountID == account, last.observed == observed {
        out[out.count - 1].countries.append(place)
      } else {
        out.append(CrawlShipping(accountID: account, observed: observed, countries: [place]))
      }
    }
    return out
  }

  /// Splits rows ordered by account into one slice per account.
  static func byAccount(_ rows: [CrawlShipping]) -> [ArraySlice<CrawlShipping>] {
    var out: [ArraySlice<CrawlShipping>] = []
    var start = rows.startIndex
    for i in rows.indices where i > start && rows[i].accountID != rows[i - 1].accountID {
      out.append(rows[start..<i])
      start = i
    }
    if start < rows.endIndex { out.append(rows[start..<rows.endIndex]) }
    return out
  }
}
