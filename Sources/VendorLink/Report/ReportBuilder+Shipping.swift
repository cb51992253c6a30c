extension ReportBuilder {
  /// Where the country's vendors ship to and refuse to ship to (STUDY.md §3), refusals read
  /// from the excludes field and from texts by the restriction detector.
  func shipping() throws -> ReportSection {
    let mine = try countryAccounts()
    var vendorsPerMarket: [String: Int] = [:]
    for a in mine { if let m = accounts[a]?.market { vendorsPerMarket[m, default: 0] += 1 } }

    var shipTo: [[ReportCell]] = []
    let sql =
      options.country == nil
      ? """
      SELECT l.market, lp.place, COUNT(DISTINCT l.account_id) AS vendors
      FROM listing_places lp JOIN listings l ON l.listing_id = lp.listing_id
      WHERE lp.role = 'to' GROUP BY l.market, lp.place ORDER BY l.market, vendors DESC, lp.place
      """
      : """
      SELECT market, place, vendors FROM (\(StudySQL.shipTo(acc: "r_acc"))) WHERE country = ?
      ORDER BY market, vendors DESC, place
      """
    try db.forEach(sql, options.country.map { [.text($0)] } ?? []) { s in
      let m = s.string(0) ?? ""
      let n = Int(s.int(2) ?? 0)
      let total = vendorsPerMarket[m] ?? 0
      shipTo.append([
        .text(m), .text(s.string(1) ?? ""), .int(n),
        total > 0 ? .share(Double(n) / Double(total)) : .empty,
      ])
    }

    let refusals = try RestrictionDetector.load(db)
    struct Count {
      var vendors = 0
      var field = 0
      var text = 0
    }
    var refuse: [String: [String: Count]] = [:]
    var anglo: [String: Int] = [:]
    for (account, r) in refusals where mine.contains(account) {
      guard let m = accounts[account]?.market else { continue }
      for (place, sources) in r.excluded {
        refuse[m, default: [:]][place, default: Count()].vendors += 1
        if sources.contains("field") { refuse[m]![place]!.field += 1 }
        if sources.contains("text") { refuse[m]![place]!.text += 1 }
      }
      for (place, sources) in r.only {
        let key = "all but " + place
        refuse[m, default: [:]][key, default: Count()].vendors += 1
        if sources.contains("text") { refuse[m]![key]!.text += 1 }
      }
      if !Set(r.excluded.keys).isDisjoint(with: RestrictionText.angloCountries) {
        anglo[m, default: 0] += 1
      }
    }
    var refuseRows: [[ReportCell]] = []
    var findings: [String] = []
    var charts: [ReportChart] = []
    for m in refuse.keys.sorted() {
      let total = vendorsPerMarket[m] ?? 0
      let places = refuse[m]!.keys.sorted {
        (refuse[m]![$0]!.vendors, $1) > (refuse[m]![$1]!.vendors, $0)
      }
      for p in places {
        let c = refuse[m]![p]!
        refuseRows.append([
          .text(m), .text(p), .int(c.vendors),
          total > 0 ? .share(Double(c.vendors) / Double(total)) : .empty, .int(c.field),
          .int(c.text),
        ])
      }
      let refusing = refusals.keys.filter { mine.contains($0) && accounts[$0]?.market == m }.count
      findings.append(
        "\(m): \(refusing) of \(total) \(who) refuse some destination; \(anglo[m] ?? 0) refuse "
          + "Anglo-Saxon countries, \(refuse[m]!["NL"]?.vendors ?? 0) the Netherlands.")
      if total > 0 {
        charts.append(
          .bars(
            BarChart(
              title: "\(m): refused destinations (share of \(who))", seriesNames: ["vendors"],
              percent: true,
              groups: places.prefix(12).map {
                .init(label: $0, values: [Double(refuse[m]![$0]!.vendors) / Double(total)])
              })))
      }
    }
    return ReportSection(
      title: "Shipping: where to, and where not", findings: findings, charts: charts,
      tables: [
        ReportTable(
          id: "ships_to", title: "Destinations of \(who)",
          columns: ["market", "place", "vendors", "vendor_share"], rows: shipTo,
          note: "Vendors (ever seen in the market) listing each destination; regions as listed."),
        ReportTable(
          id: "refuse_to", title: "Destinations \(who) refuse",
          columns: ["market", "place", "vendors", "vendor_share", "from_field", "from_text"],
          rows: refuseRows,
          note: "From the excludes field and from titles, descriptions and profiles "
            + "(\"no US\", \"EU only\" → 'all but EU', \"no Anglo countries\" → AU CA GB NZ US)."),
      ])
  }
}
