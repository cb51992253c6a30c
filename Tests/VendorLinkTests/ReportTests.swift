import Foundation
import Testing

@testable import VendorLink

@Suite struct ReportTests {
  /// Two crawls of one market: in the first, 1 of 4 vendors ships from BE (from BE and NL);
  /// in the second, 2 of 4 (one moved NL → BE). Sales with known EUR values.
  func fixture() throws -> FlagsFixture {
    let f = try FlagsFixture()
    try f.market("wsm")
    let benl = try f.account("wsm", "benl<b>")
    let mover = try f.account("wsm", "mover")
    let de = try f.account("wsm", "de")
    let us = try f.account("wsm", "us")
    let b1 = try f.listing(benl, "b1")
    let b2 = try f.listing(benl, "b2")
    let m1 = try f.listing(mover, "m1")
    let d1 = try f.listing(de, "d1")
    let u1 = try f.listing(us, "u1")
    for day in ["2019-01-15", "2019-02-15"] {
      try f.observe(
        b1, on: day, from: ["BE"], to: ["EU"], exclude: ["US"], category: "Drugs/Ecstasy/MDMA")
      try f.observe(
        b2, on: day, from: ["NL"], to: ["EU"], description: "No Anglo countries",
        category: "Drugs/Ecstasy/MDMA")
      try f.observe(
        m1, on: day, from: [day == "2019-01-15" ? "NL" : "BE"], to: ["Worldwide"],
        category: "Drugs/Cannabis/Weed")
      try f.observe(d1, on: day, from: ["DE"], to: ["EU"], category: "Drugs/Cannabis/Weed")
      try f.observe(u1, on: day, from: ["US"], to: ["US"], category: "Drugs/Cannabis/Weed")
    }
    // BE sales in crawl 2: 50, 100, 150 (benl) and 700 (mover, BE in crawl 2) → mean 250.
    for eur in [50.0, 100, 150] {
      try f.sale(b1, on: "2019-02-10", observed: "2019-02-15", usd: eur * 1.1, eur: eur)
    }
    try f.sale(m1, on: "2019-02-11", observed: "2019-02-15", usd: 770, eur: 700)
    // Mover's sale while it shipped from NL: not a BE sale.
    try f.sale(m1, on: "2019-01-10", observed: "2019-01-15", usd: 11, eur: 10)
    try f.sale(d1, on: "2019-02-12", observed: "2019-02-15", usd: 1_650, eur: 1_500)
    return f
  }

  func cell(_ t: ReportTable, _ column: String, where match: (String, String)) -> ReportCell? {
    guard let key = t.columns.firstIndex(of: match.0), let c = t.columns.firstIndex(of: column)
    else { return nil }
    return t.rows.first { $0[key].plain == match.1 }?[c]
  }

  @Test func countryShareAndTrend() throws {
    let r = try ReportBuilder.build(db: try fixture().db, options: ReportOptions(country: "BE"))
    let share = try #require(r.table("country_share"))
    #expect(share.column("vendors").map(\.plain) == ["1", "2"])
    #expect(share.column("vendor_share").map(\.plain) == ["0.2500", "0.5000"])
    // Crawl 2: 4 of 5 sales are BE vendors'.
    #expect(share.column("sale_share").map(\.plain) == ["0.0000", "0.8000"])
    let trend = try #require(r.table("country_trend"))
    #expect(trend.column("direction") == [.text("growing")])
  }

  @Test func multiLocationPairsAndMoves() throws {
    let r = try ReportBuilder.build(db: try fixture().db, options: ReportOptions(country: "BE"))
    let pairs = try #require(r.table("multi_location_pairs"))
    #expect(pairs.rows.count == 1)
    #expect(cell(pairs, "share", where: ("pair", "BE+NL")) == .share(1))
    let moves = try #require(r.table("moves"))
    #expect(moves.column("move") == [.text("NL → BE")])
    #expect(moves.column("first_seen_after") == [.text("2019-02-15")])
  }

  @Test func saleSizesAsTheStudyReportsThem() throws {
    let r = try ReportBuilder.build(db: try fixture().db, options: ReportOptions(country: "BE"))
    let t = try #require(r.table("sale_sizes"))
    let be = try #require(t.rows.first { $0[0] == .text("wsm") && $0[1] == .text("BE vendors") })
    func v(_ c: String) -> Double? { be[t.columns.firstIndex(of: c)!].number }
    #expect(v("sales") == 4)
    #expect(v("mean_eur") == 250)
    #expect(v("largest_eur") == 700)
    #expect(v("share_under_small") == 0.75)
    #expect(v("revenue_share_large") == 0.7)
    #expect(v("wholesale_sales") == 0)
    let all = try #require(t.rows.first { $0[0] == .text("wsm") && $0[1] == .text("all vendors") })
    #expect(all[t.columns.firstIndex(of: "wholesale_sales")!] == .int(1))
  }

  @Test func productMixAndRefusals() throws {
    let r = try ReportBuilder.build(db: try fixture().db, options: ReportOptions(country: "BE"))
    let mix = try #require(r.table("product_mix"))
    // BE listings: b1 and b2 (MDMA) and m1 (weed) → MDMA 2/3; market: 2 of 5 listings.
    #expect(cell(mix, "country_share", where: ("product", "Ecstasy/MDMA")) == .share(2.0 / 3))
    #expect(cell(mix, "market_share", where: ("product", "Ecstasy/MDMA")) == .share(0.4))
    let refuse = try #require(r.table("refuse_to"))
    #expect(cell(refuse, "vendors", where: ("place", "US")) == .int(1))
    #expect(cell(refuse, "from_field", where: ("place", "US")) == .int(1))
    #expect(cell(refuse, "from_text", where: ("place", "GB")) == .int(1))
    let to = try #require(r.table("ships_to"))
    #expect(cell(to, "vendors", where: ("place", "EU")) == .int(1))
  }

  @Test func migrantsSayWhenLinkingHasNotRun() throws {
    let f = try fixture()
    try f.db.run("UPDATE markets SET closed = '2019-01-20'")
    try f.market("dream", closed: "2019-01-20")
    let r = try ReportBuilder.build(db: f.db, options: ReportOptions(country: "BE"))
    let s = try #require(r.sections.first { $0.title.hasPrefix("Migrants") })
    #expect(s.findings.contains { $0.contains("Linking has not run") })
    #expect(r.table("migrants")?.rows.isEmpty == true)
  }

  @Test func rejectsAnUnknownCountryCode() throws {
    #expect(throws: RuntimeFailure.self) {
      try ReportBuilder.build(db: try fixture().db, options: ReportOptions(country: "Belgium"))
    }
  }

  @Test func htmlIsSelfContainedAndEscaped() throws {
    let r = try ReportBuilder.build(db: try fixture().db, options: ReportOptions(country: "BE"))
    let html = HTMLReport.render(r)
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("src="))
    #expect(!html.contains("href=\"http"))
    // The only URL is the SVG namespace, which browsers never fetch.
    let urls = html.components(separatedBy: "http").count - 1
    #expect(urls == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1)
    #expect(!html.contains("benl<b>"))
    #expect(html.contains("<svg") && html.contains("</html>"))
  }

  @Test func csvQuotesAndDefusesFormulas() {
    let t = ReportTable(
      id: "t", title: "t", columns: ["a", "b"],
      rows: [[.text("x,y"), .text("=cmd()")], [.text("say \"hi\""), .share(0.5)]])
    #expect(
      CSVReport.csv(t) == "a,b\n\"x,y\",'=cmd()\n\"say \"\"hi\"\"\",0.5000\n")
  }

  @Test func csvFilesOnePerTable() throws {
    let r = try ReportBuilder.build(db: try fixture().db, options: ReportOptions(country: "BE"))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vl-report-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let paths = try CSVReport.write(r, to: dir)
    #expect(paths.count == r.tables.count)
    let share = try String(contentsOfFile: dir + "/country_share.csv", encoding: .utf8)
    #expect(share.hasPrefix("market,crawl,vendors,vendor_share"))
    #expect(share.split(separator: "\n").count == 3)
  }

  @Test func textReportCutsLongTables() {
    let t = ReportTable(
      id: "big", title: "Big", columns: ["n"], rows: (0..<30).map { [.int($0)] })
    let r = Report(
      title: "T", country: nil, generated: "now",
      sections: [ReportSection(title: "S", findings: ["f"], charts: [], tables: [t])])
    let text = TextReport.render(r, maxRows: 5)
    // No CSV written: the cut says how to get every row, not a file that does not exist.
    #expect(text.contains("… 25 more rows (--csv-dir writes them all)"))
    #expect(!text.contains("big.csv"))
    #expect(!text.contains("\n    29"))
    let written = TextReport.render(r, maxRows: 5, csvDirectory: "out/r")
    #expect(written.contains("… 25 more rows in out/r/big.csv"))
  }

  @Test func displayFormats() {
    let table: [(ReportCell, String)] = [
      (.int(1_234_567), "1,234,567"), (.euro(973), "€973.00"), (.euro(12_345.6), "€12,346"),
      (.share(0.45), "45.0%"), (.share(0.004), "0.40%"), (.empty, "–"),
      (.number(-0.0001, decimals: 2), "0.00"),
    ]
    for (c, s) in table { #expect(c.display == s) }
  }

  @Test func niceAxisMaxima() {
    let table: [(Double, Double)] = [
      (0.83, 1), (7, 10), (1.5, 2), (230, 250), (0, 1), (4_100, 5_000),
    ]
    for (v, m) in table { #expect(SVGChart.niceMax(v) == m, "\(v)") }
  }
}

@Suite struct ViewTests {
  @Test func everyViewAnswers() throws {
    let f = try ReportTests().fixture()
    try Flagger.run(db: f.db)
    let views = try f.db.query("SELECT name FROM sqlite_master WHERE type = 'view'")
      .compactMap(\.[0].stringValue)
    #expect(views.count >= 15)
    for v in views { _ = try f.db.query("SELECT * FROM \(v) LIMIT 3") }
    // The export shape of DESIGN.md: kind, market, vendor, listing, score, details.
    let flags = try f.db.query(
      "SELECT kind, market, vendor, listing FROM v_flags WHERE kind = 'moved'")
    #expect(flags == [[.text("moved"), .text("wsm"), .text("mover"), .null]])
    let pairs = try f.db.query(
      "SELECT market, country_a, country_b, vendors FROM v_multi_location_pairs")
    #expect(pairs == [[.text("wsm"), .text("BE"), .text("NL"), .integer(1)]])
    let sizes = try f.db.query(
      "SELECT sales, mean_eur, largest_eur, share_under_200 FROM v_sale_sizes WHERE country = 'BE'")
    #expect(sizes == [[.integer(4), .real(250), .real(700), .real(0.75)]])
    let refusals = try f.db.query(
      "SELECT place, vendors FROM v_refuse_to WHERE country = 'BE' AND place IN ('US', 'NZ') "
        + "ORDER BY place")
    #expect(refusals == [[.text("NZ"), .integer(1)], [.text("US"), .integer(1)]])
  }

  @Test func viewsFollowTheToolOnReopen() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vl-views-\(UUID().uuidString).sqlite"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      let db = try Schema.open(path)
      try db.execute("DROP VIEW v_crawls; CREATE VIEW v_crawls AS SELECT 1 AS stale")
    }
    let db = try Schema.open(path)
    let cols = try db.query("SELECT name FROM pragma_table_info('v_crawls')")
    #expect(cols.contains([.text("vendors")]))
  }
}

/// Issue 14's honest report on real data: a market without ships-from data says so instead
/// of 0 %; one crawl gives no trend; the product mix lists only the country's products,
/// ranked by its own listings.
@Suite(
  .enabled(
    if: RealData.file("whitehouse-2020-09-17-listings.csv").map {
      FileManager.default.fileExists(atPath: $0)
    } ?? false, "needs ../shared/data/real"))
struct ReportRealDataTests {
  @Test func honestItemsOnWhiteHouseAndAlphaBay() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("r.sqlite"))
    let ingester = Ingester(db: db)
    let wh = RealData.file("whitehouse-2020-09-17-listings.csv")!
    _ = try ingester.ingest(path: wh, options: ImportPreset.all["whitehouse"]!.options(for: wh)!)
    let ab = RealData.file("alphabay-2017-04/raw/D&C_-_opiods_-_heroin_-_20170425.csv")!
    var o = ImportPreset.all["alphabay"]!.options(for: ab)!
    o.observed = "2017-04-25"
    _ = try ingester.ingest(path: ab, options: o)
    let report = try ReportBuilder.build(db: db, options: ReportOptions(country: "DE"))
    let findings = report.sections.flatMap(\.findings)
    #expect(
      findings.contains(
        "alphabay: no shipping data (no listing says where it ships from): no DE share."))
    let trend = try #require(report.tables.first { $0.id == "country_trend" })
    #expect(trend.rows.map { $0[0].display } == ["whitehouse"])
    #expect(trend.rows.first?.last?.display == "one crawl: no trend")
    let share = try #require(report.tables.first { $0.id == "country_share" })
    #expect(share.rows.allSatisfy { $0[0].display == "whitehouse" })
    let mix = try #require(report.tables.first { $0.id == "product_mix" })
    let de = mix.rows.filter { $0[0].display == "whitehouse" }.compactMap { $0[2].number }
    #expect(!de.isEmpty && !de.contains(0))
    #expect(de == de.sorted(by: >))
    #expect(mix.rows.allSatisfy { $0[0].display != "alphabay" || $0[2].number != 0 })
  }
}
