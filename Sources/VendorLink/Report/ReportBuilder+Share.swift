extension ReportBuilder {
  /// The country's share of vendors, listings and sales per market and crawl, and its trend
  /// (STUDY.md §1). Without a country: the leading countries of each market.
  func share() throws -> ReportSection {
    guard let cc = options.country else { return try topCountries() }
    struct Row {
      var market, observed: String
      var vendors = 0, listings = 0, sales = 0
      var vendorShare = 0.0, listingShare = 0.0
      var saleShare: Double?
    }
    // Every crawl, with zeros where the country had no vendor.
    var rows: [Row] = []
    try db.forEach("SELECT market, observed FROM r_crawls ORDER BY market, observed") { s in
      rows.append(Row(market: s.string(0) ?? "", observed: s.string(1) ?? ""))
    }
    // A market whose scrape names no ships-from place has no country share to measure: it is
    // said so, not shown as 0 % (AlphaBay's and Hansa's digital-goods files, DWData).
    let shipping = try marketsWithShipping()
    let unshipped = Array(Set(rows.map(\.market)).subtracting(shipping)).sorted()
    rows.removeAll { !shipping.contains($0.market) }
    var index: [String: Int] = [:]
    for (i, r) in rows.enumerated() { index["\(r.market)|\(r.observed)"] = i }
    try db.forEach(
      """
      SELECT market, observed, vendors, vendor_share, listings, listing_share, sales, sale_share
      FROM \(Self.countryShareSQL) WHERE country = ?
      """, [.text(cc)]
    ) { s in
      guard let i = index["\(s.string(0) ?? "")|\(s.string(1) ?? "")"] else { return }
      rows[i].vendors = Int(s.int(2) ?? 0)
      rows[i].vendorShare = s.double(3) ?? 0
      rows[i].listings = Int(s.int(4) ?? 0)
      rows[i].listingShare = s.double(5) ?? 0
      rows[i].sales = Int(s.int(6) ?? 0)
      rows[i].saleShare = s.double(7)
    }
    let table = ReportTable(
      id: "country_share", title: "\(cc) share of vendors, listings and sales per crawl",
      columns: [
        "market", "crawl", "vendors", "vendor_share", "listings", "listing_share", "sales",
        "sale_share",
      ],
      rows: rows.map {
        [
          .text($0.market), .text($0.observed), .int($0.vendors), .share($0.vendorShare),
          .int($0.listings), .share($0.listingShare), .int($0.sales),
          $0.saleShare.map { .share($0) } ?? .empty,
        ]
      },
      note: "A vendor counts for \(cc) in a crawl when any of its listings ships from \(cc); "
        + "a vendor shipping from several countries counts for each.")
    let markets = Array(Set(rows.map(\.market))).sorted()
    var trend: [[ReportCell]] = []
    var findings = unshipped.map {
      "\($0): no shipping data (no listing says where it ships from): no \(cc) share."
    }
    for m in markets {
      let r = rows.filter { $0.market == m }
      guard let first = r.first, let last = r.last else { continue }
      if r.count < 2 {
        trend.append([
          .text(m), .int(1), .int(first.vendors), .int(last.vendors), .share(first.vendorShare),
          .empty, .empty, .empty, .text("one crawl: no trend"),
        ])
        findings.append(
          "\(m): \(first.vendors) \(cc) vendors in its one crawl "
            + "(\(ReportCell.share(first.vendorShare).display) of its vendors); one crawl: no trend."
        )
        continue
      }
      let vendorSlope = slopePerMonth(r.map { ($0.observed, Double($0.vendors)) })
      let shareSlope = slopePerMonth(r.map { ($0.observed, $0.vendorShare * 100) })
      let salesSlope = slopePerMonth(r.map { ($0.observed, Double($0.sales)) })
      let meanShare = r.map(\.vendorShare).reduce(0, +) / Double(r.count)
      let direction: String
      switch vendorSlope ?? 0 {
      case let s where s > 0.05 * max(1, Double(first.vendors)): direction = "growing"
      case let s where s < -0.05 * max(1, Double(first.vendors)): direction = "shrinking"
      default: direction = "stable"
      }
      trend.append([
        .text(m), .int(r.count), .int(first.vendors), .int(last.vendors), .share(meanShare),
        vendorSlope.map { .number($0, decimals: 2) } ?? .empty,
        shareSlope.map { .number($0, decimals: 3) } ?? .empty,
        salesSlope.map { .number($0, decimals: 1) } ?? .empty, .text(direction),
      ])
      findings.append(
        "\(m): \(cc) vendors \(first.vendors) → \(last.vendors) (\(direction)); on average "
          + "\(ReportCell.share(meanShare).display) of the market's vendors.")
    }
    let trendTable = ReportTable(
      id: "country_trend", title: "\(cc) trend per market",
      columns: [
        "market", "crawls", "vendors_first", "vendors_last", "mean_vendor_share",
        "vendors_per_month", "share_pp_per_month", "sales_per_month", "direction",
      ], rows: trend,
      note: "Slopes are least-squares fits over the crawl dates, per 30 days; 'growing' when "
        + "vendors rise by more than 5% of the first crawl's count a month.")
    func chart(_ title: String, _ value: (Row) -> Double?) -> ReportChart {
      .lines(
        LineChart(
          title: title, yLabel: "", percent: true,
          series: markets.map { m in
            .init(
              name: m,
              points: rows.filter { $0.market == m }.compactMap { r in
                value(r).map { (r.observed, $0) }
              })
          }, markers: closureMarkers))
    }
    return ReportSection(
      title: "\(cc) share of each market", findings: findings,
      charts: [
        chart("\(cc) share of vendors", { $0.vendorShare }),
        chart("\(cc) share of sales", { $0.saleShare }),
      ], tables: [table, trendTable])
  }

  /// Markets where at least one listing names a ships-from place.
  func marketsWithShipping() throws -> Set<String> {
    var out = Set<String>()
    try db.forEach(
      """
      SELECT m.market FROM (SELECT DISTINCT market FROM listings) m
      WHERE EXISTS (SELECT 1 FROM listings l JOIN listing_places p USING (listing_id)
        WHERE l.market = m.market AND p.role = 'from')
      """
    ) { s in
      if let m = s.string(0) { out.insert(m) }
    }
    return out
  }

  /// Without a country: each market's ten leading ships-from countries.
  func topCountries() throws -> ReportSection {
    var rows: [[ReportCell]] = []
    var current = ""
    var rank = 0
    try db.forEach(
      """
      SELECT market, country, AVG(vendors) AS v, AVG(vendor_share), AVG(listing_share),
             AVG(sale_share)
      FROM \(Self.countryShareSQL) GROUP BY market, country ORDER BY market, v DESC, country
      """
    ) { s in
      let m = s.string(0) ?? ""
      if m != current {
        current = m
        rank = 0
      }
      rank += 1
      guard rank <= 10 else { return }
      rows.append([
        .text(m), .text(s.string(1) ?? ""), .number(s.double(2) ?? 0, decimals: 1),
        .share(s.double(3) ?? 0), .share(s.double(4) ?? 0),
        s.double(5).map { .share($0) } ?? .empty,
      ])
    }
    return ReportSection(
      title: "Leading countries of each market", findings: [], charts: [],
      tables: [
        ReportTable(
          id: "top_countries", title: "Ten leading ships-from countries per market",
          columns: [
            "market", "country", "mean_vendors", "mean_vendor_share", "mean_listing_share",
            "mean_sale_share",
          ], rows: rows, note: "Means over the crawls in which the country appears.")
      ])
  }
}
