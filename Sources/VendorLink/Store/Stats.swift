/// Counts per market and observation day, for `vendorlink stats`.
public enum Stats {
  public static func perMarketAndDay(_ db: Database) throws -> TextTable {
    let rows = try db.query(
      """
      WITH v AS (SELECT a.market, o.observed, COUNT(*) AS n FROM vendor_observations o
                 JOIN accounts a USING (account_id) GROUP BY 1, 2),
           l AS (SELECT li.market, o.observed, COUNT(*) AS n FROM listing_observations o
                 JOIN listings li USING (listing_id) GROUP BY 1, 2),
           f AS (SELECT a.market, f.observed, COUNT(*) AS n FROM feedback f
                 JOIN accounts a USING (account_id) GROUP BY 1, 2),
           k AS (SELECT market, observed FROM v UNION SELECT market, observed FROM l
                 UNION SELECT market, observed FROM f)
      SELECT k.market, k.observed, coalesce(v.n, 0), coalesce(l.n, 0), coalesce(f.n, 0)
      FROM k LEFT JOIN v USING (market, observed) LEFT JOIN l USING (market, observed)
        LEFT JOIN f USING (market, observed)
      ORDER BY k.market, k.observed
      """)
    return TextTable(
      header: ["market", "crawl", "vendors", "listings", "feedback"],
      rows: rows.map { $0.map { $0.stringValue ?? "" } })
  }
}

/// A plain-text table with right-aligned numbers, for terminal output.
public struct TextTable: Sendable {
  public var header: [String]
  public var rows: [[String]]
  public init(header: [String], rows: [[String]]) {
    self.header = header
    self.rows = rows
  }

  public func render() -> String {
    var widths = header.map(\.count)
    for r in rows {
      for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, c in
        let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
        return Double(c) != nil ? pad + c : c + pad
      }.joined(separator: "  ")
    }
    return
      ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
      + rows.map(line)).joined(separator: "\n")
  }
}
