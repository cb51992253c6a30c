extension ReportBuilder {
  /// Sale sizes in EUR as the study reported them (STUDY.md §4): mean sale, largest sale,
  /// share of sales under €200, share of revenue from the larger sales; plus wholesale
  /// sales (over USD 1,000 at the date's rate). Rows for the country's vendors and, for
  /// comparison, for all vendors.
  func saleSizes() throws -> ReportSection {
    let mine = try countryAccountCrawlKeys()
    var prices: [String: [Double]] = [:]  // "market|scope" → EUR sale prices
    var wholesale: [String: Int] = [:]
    let scope = options.country ?? "all"
    try db.forEach(
      """
      SELECT a.market, f.account_id, f.observed, f.price_eur, f.price_usd
      FROM feedback f JOIN accounts a ON a.account_id = f.account_id
      WHERE f.price_eur IS NOT NULL
      """
    ) { s in
      guard let m = s.string(0), let account = s.int(1), let observed = s.string(2),
        let eur = s.double(3)
      else { return }
      let big = (s.double(4) ?? 0) > options.wholesaleThresholdUSD
      var scopes = ["all"]
      if let mine, mine.contains(AccountCrawl(account: account, observed: observed)) {
        scopes.append(scope)
      }
      for sc in scopes {
        for key in ["\(m)|\(sc)", "all markets|\(sc)"] {
          prices[key, default: []].append(eur)
          if big { wholesale[key, default: 0] += 1 }
        }
      }
    }
    let scopes = options.country == nil ? ["all"] : [scope, "all"]
    let markets = Set(prices.keys.map { String($0.split(separator: "|")[0]) })
    let ordered = markets.filter { $0 != "all markets" }.sorted() + ["all markets"]
    var rows: [[ReportCell]] = []
    var findings: [String] = []
    for m in ordered {
      for sc in scopes {
        let key = "\(m)|\(sc)"
        guard let p = prices[key], !p.isEmpty else { continue }
        let stats = SaleStats(p, small: options.smallSaleEUR, large: options.largeSaleEUR)
        rows.append([
          .text(m), .text(sc == "all" ? "all vendors" : "\(sc) vendors"), .int(p.count),
          .euro(stats.mean), .euro(stats.median), .euro(stats.largest), .share(stats.shareSmall),
          .euro(stats.revenue), .share(stats.revenueShareLarge), .int(wholesale[key] ?? 0),
        ])
        if sc == scope && m != "all markets" {
          findings.append(
            "\(m): mean sale \(ReportCell.euro(stats.mean).display), largest "
              + "\(ReportCell.euro(stats.largest).display); "
              + "\(ReportCell.share(stats.shareSmall).display) of sales under "
              + "€\(format(options.smallSaleEUR, decimals: 0)); "
              + "\(ReportCell.share(stats.revenueShareLarge).display) of revenue from sales of "
              + "€\(format(options.largeSaleEUR, decimals: 0)) or more; "
              + "\(wholesale[key] ?? 0) wholesale sales.")
        }
      }
    }
    // Histogram of the country's sale sizes across markets.
    let edges: [Double] = [0, 25, 50, 100, 200, 500, 1_000]
    var bins = [Int](repeating: 0, count: edges.count)
    let all = prices["all markets|\(scope)"] ?? []
    for p in all { bins[(edges.lastIndex { p >= $0 }) ?? 0] += 1 }
    let labels = edges.indices.map { i in
      i + 1 < edges.count
        ? "€\(format(edges[i], decimals: 0))–\(format(edges[i + 1], decimals: 0))"
        : "€\(format(edges[i], decimals: 0))+"
    }
    let chart = BarChart(
      title: "Sale sizes of \(who) (share of sales)", seriesNames: ["sales"], percent: true,
      groups: zip(labels, bins).map {
        .init(label: $0.0, values: [all.isEmpty ? 0 : Double($0.1) / Double(all.count)])
      })
    return ReportSection(
      title: "Sale sizes", findings: findings, charts: all.isEmpty ? [] : [.bars(chart)],
      tables: [
        ReportTable(
          id: "sale_sizes", title: "Sale sizes in EUR",
          columns: [
            "market", "vendors", "sales", "mean_eur", "median_eur", "largest_eur",
            "share_under_small", "revenue_eur", "revenue_share_large", "wholesale_sales",
          ], rows: rows,
          note: "A sale is a feedback priced at its listing's price on that date. Small: under "
            + "€\(format(options.smallSaleEUR, decimals: 0)); large: "
            + "€\(format(options.largeSaleEUR, decimals: 0)) or more; wholesale: over USD "
            + "\(format(options.wholesaleThresholdUSD, decimals: 0)) at the date's rate.")
      ])
  }
}

/// The study's sale-size statistics over a set of EUR sale values.
struct SaleStats {
  var mean = 0.0, median = 0.0, largest = 0.0, revenue = 0.0
  var shareSmall = 0.0, revenueShareLarge = 0.0

  init(_ prices: [Double], small: Double, large: Double) {
    guard !prices.isEmpty else { return }
    revenue = prices.reduce(0, +)
    mean = revenue / Double(prices.count)
    median = RobustStats.median(prices) ?? 0
    largest = prices.max() ?? 0
    shareSmall = Double(prices.filter { $0 < small }.count) / Double(prices.count)
    let bigRevenue = prices.filter { $0 >= large }.reduce(0, +)
    revenueShareLarge = revenue > 0 ? bigRevenue / revenue : 0
  }
}
