extension ReportBuilder {
  /// The country's product mix against the whole market (STUDY.md §2): share of distinct
  /// listings per product; ratio > 1 means over-represented among the country's vendors.
  func productMix() throws -> ReportSection {
    let scope = options.country ?? "*"
    var market: [String: [String: Int]] = [:]
    var country: [String: [String: Int]] = [:]
    try db.forEach(
      """
      SELECT market, country, product, listings FROM (\(StudySQL.productMix(acc: "r_acc")))
      WHERE country IN ('*', ?)
      """,
      [.text(scope)]
    ) { s in
      guard let m = s.string(0), let c = s.string(1), let p = s.string(2) else { return }
      let n = Int(s.int(3) ?? 0)
      if c == "*" { market[m, default: [:]][p] = n }
      if c == scope { country[m, default: [:]][p] = n }
    }
    var rows: [[ReportCell]] = []
    var charts: [ReportChart] = []
    var findings: [String] = []
    for m in market.keys.sorted() {
      let all = market[m]!
      let mine = country[m] ?? [:]
      let totalAll = Double(all.values.reduce(0, +))
      let totalMine = Double(mine.values.reduce(0, +))
      guard totalAll > 0 else { continue }
      // With a country: its products ranked by its own listings, none it does not list;
      // without: the market's products by the market's listings.
      let products =
        options.country == nil
        ? all.keys.sorted { (all[$0]!, $1) > (all[$1]!, $0) }
        : mine.keys.filter { (mine[$0] ?? 0) > 0 && all[$0] != nil }
          .sorted { (mine[$0]!, all[$0]!, $1) > (mine[$1]!, all[$1]!, $0) }
      if products.isEmpty {
        findings.append("\(m): no listings of \(scope) vendors.")
        continue
      }
      var groups: [BarChart.Group] = []
      for p in products {
        let shareAll = Double(all[p]!) / totalAll
        let shareMine = totalMine > 0 ? Double(mine[p] ?? 0) / totalMine : 0
        rows.append([
          .text(m), .text(p), .int(mine[p] ?? 0), .share(shareMine), .int(all[p]!),
          .share(shareAll), shareAll > 0 ? .number(shareMine / shareAll, decimals: 2) : .empty,
        ])
        groups.append(
          .init(label: p, values: options.country == nil ? [shareAll] : [shareMine, shareAll]))
      }
      charts.append(
        .bars(
          BarChart(
            title: "\(m): product mix",
            seriesNames: options.country == nil
              ? ["whole market"] : ["\(scope) vendors", "whole market"], percent: true,
            groups: groups)))
      if options.country != nil, totalMine > 0 {
        let top = mine.keys.sorted { (mine[$0]!, $1) > (mine[$1]!, $0) }.prefix(3)
        let over = products.filter {
          Double(mine[$0] ?? 0) / totalMine > 1.25 * Double(all[$0]!) / totalAll
        }
        findings.append(
          "\(m): \(scope) vendors list mostly \(top.joined(separator: ", "))"
            + (over.isEmpty ? "." : "; above the market's share: \(over.joined(separator: ", ")).")
        )
      }
    }
    let table = ReportTable(
      id: "product_mix", title: "Product mix of \(who) against the whole market",
      columns: [
        "market", "product", "country_listings", "country_share", "market_listings",
        "market_share", "ratio",
      ], rows: rows,
      note: "Distinct listings per product (the category without its 'Drugs/' prefix) over all "
        + "crawls; ratio = country share / market share"
        + (options.country == nil ? "." : "; products the country does not list are left out."))
    return ReportSection(
      title: "Product mix", findings: findings, charts: charts, tables: [table])
  }
}
