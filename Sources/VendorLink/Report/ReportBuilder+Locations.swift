extension ReportBuilder {
  /// Multi-location vendors and the pairs of countries they ship from, and moves between
  /// crawls (STUDY.md §3: "of Belgian vendors on Wall Street shipping from more than one
  /// location, 45% ship from both the Netherlands and Belgium").
  func multiLocation(_ history: [CrawlShipping]) -> ReportSection {
    let cc = options.country
    // Per market: the multi-location vendors of the country, and per pair how many of them.
    var multi: [String: Set<Int64>] = [:]
    var pairs: [String: [String: Set<Int64>]] = [:]
    for crawl in history where crawl.countries.count > 1 {
      guard cc == nil || crawl.countries.contains(cc!),
        let m = accounts[crawl.accountID]?.market
      else { continue }
      multi[m, default: []].insert(crawl.accountID)
      for p in MultiLocationDetector.countryPairs(crawl.countries) {
        pairs[m, default: [:]][p.joined(separator: "+"), default: []].insert(crawl.accountID)
      }
    }
    var rows: [[ReportCell]] = []
    var findings: [String] = []
    var charts: [ReportChart] = []
    for m in multi.keys.sorted() {
      let n = multi[m]!.count
      let byPair = pairs[m] ?? [:]
      let ordered = byPair.keys.sorted { (byPair[$0]!.count, $1) > (byPair[$1]!.count, $0) }
      for p in ordered {
        rows.append([
          .text(m), .int(n), .text(p), .int(byPair[p]!.count),
          .share(Double(byPair[p]!.count) / Double(n)),
        ])
      }
      if let top = ordered.first {
        findings.append(
          "\(m): \(n) \(who) ship from more than one country in a crawl; "
            + "\(ReportCell.share(Double(byPair[top]!.count) / Double(n)).display) of them "
            + "from \(top.replacingOccurrences(of: "+", with: " and ")).")
      }
      charts.append(
        .bars(
          BarChart(
            title: "\(m): country pairs of multi-location \(who)", seriesNames: ["vendors"],
            percent: true,
            groups: ordered.prefix(10).map {
              .init(label: $0, values: [Double(byPair[$0]!.count) / Double(n)])
            })))
    }
    // Moves that involve the country on either side.
    var moveRows: [[ReportCell]] = []
    var moveCount: [String: Int] = [:]
    for rows in ShippingHistory.byAccount(history) {
      guard let account = rows.first?.accountID, let a = accounts[account] else { continue }
      for move in MoveDetector.moves(rows)
      where cc == nil || move.before.contains(cc!) || move.after.contains(cc!) {
        moveRows.append([
          .text(a.market), .text(a.vendor),
          .text(move.from.joined(separator: "+") + " → " + move.to.joined(separator: "+")),
          .text(move.lastSeenBefore), .text(move.firstSeenAfter),
        ])
        moveCount[
          "\(move.from.joined(separator: "+")) → \(move.to.joined(separator: "+"))", default: 0] +=
          1
      }
    }
    if !moveCount.isEmpty {
      let top = moveCount.keys.sorted { (moveCount[$0]!, $1) > (moveCount[$1]!, $0) }.prefix(5)
      findings.append(
        "\(moveRows.count) moves; most common: "
          + top.map { "\($0) (\(moveCount[$0]!))" }.joined(separator: ", ") + ".")
    }
    return ReportSection(
      title: "Multi-location vendors and moves", findings: findings, charts: charts,
      tables: [
        ReportTable(
          id: "multi_location_pairs", title: "Multi-location \(who): pairs of countries",
          columns: ["market", "multi_location_vendors", "pair", "vendors", "share"], rows: rows,
          note: "A vendor is multi-location when its listings ship from two or more physical "
            + "countries in one crawl (regions such as EU, Worldwide, Digital set aside)."),
        ReportTable(
          id: "moves", title: "Moves between crawls (\(who))",
          columns: ["market", "vendor", "move", "last_seen_before", "first_seen_after"],
          rows: moveRows,
          note: "A move: a country dropped and another added between consecutive crawls."),
      ])
  }
}
