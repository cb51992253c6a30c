extension ReportBuilder {
  /// Growth of each market per crawl, with closures marked (STUDY.md §1 and §5).
  func growth() throws -> ReportSection {
    struct Row {
      var market, observed: String
      var vendors, listings, sales: Int
      var revenue: Double
      var after: Bool
    }
    var rows: [Row] = []
    try db.forEach(
      """
      SELECT market, observed, vendors, listings, sales, revenue_eur, after_closure
      FROM r_crawls ORDER BY market, observed
      """
    ) { s in
      rows.append(
        Row(
          market: s.string(0) ?? "", observed: s.string(1) ?? "", vendors: Int(s.int(2) ?? 0),
          listings: Int(s.int(3) ?? 0), sales: Int(s.int(4) ?? 0), revenue: s.double(5) ?? 0,
          after: s.int(6) == 1))
    }
    let table = ReportTable(
      id: "market_growth", title: "Vendors, listings and sales per market and crawl",
      columns: ["market", "crawl", "vendors", "listings", "sales", "revenue_eur", "note"],
      rows: rows.map {
        [
          .text($0.market), .text($0.observed), .int($0.vendors), .int($0.listings),
          .int($0.sales), .euro($0.revenue), .text($0.after ? "after closure" : ""),
        ]
      },
      note: "A sale is a feedback, counted in the crawl that first saw it (the first crawl "
        + "also carries the feedback posted before it).")
    let markets = Array(Set(rows.map(\.market))).sorted()
    func chart(_ title: String, _ value: (Row) -> Double) -> ReportChart {
      .lines(
        LineChart(
          title: title, yLabel: "", percent: false,
          series: markets.map { m in
            .init(name: m, points: rows.filter { $0.market == m }.map { ($0.observed, value($0)) })
          }, markers: closureMarkers))
    }
    var findings: [String] = []
    for m in markets {
      let r = rows.filter { $0.market == m }
      guard let first = r.first, let last = r.last else { continue }
      findings.append(
        "\(m): \(r.count) crawls, \(first.observed) – \(last.observed); vendors "
          + "\(first.vendors) → \(last.vendors), listings \(first.listings) → \(last.listings).")
    }
    // Displacement (STUDY.md §5): vendor growth of the surviving markets before and after.
    for c in closures {
      for m in markets where m != c.market {
        let r = rows.filter { $0.market == m }
        let before = r.filter { $0.observed <= c.closed }
        let after = r.filter { $0.observed > c.closed }
        let g0 = slopePerMonth(before.map { ($0.observed, Double($0.vendors)) })
        let g1 = slopePerMonth(after.map { ($0.observed, Double($0.vendors)) })
        if let g0, let g1 {
          findings.append(
            "\(m): \(format(g0, decimals: 1)) vendors/month before \(c.market) closed "
              + "(\(c.closed)), \(format(g1, decimals: 1)) after.")
        }
      }
    }
    return ReportSection(
      title: "Growth of each market", findings: findings,
      charts: [
        chart("Vendors per crawl", { Double($0.vendors) }),
        chart("Sales (new feedback) per crawl", { Double($0.sales) }),
      ], tables: [table])
  }
}
