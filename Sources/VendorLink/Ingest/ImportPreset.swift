import Foundation

/// How to import one of the public scrapes in `../shared/data/real` with one command
/// (`vendorlink ingest FOLDER --preset NAME`): which files of a folder are crawls, and for
/// each the column mapping, market, currency, encoding, header and row repairs.
public struct ImportPreset: Sendable {
  /// One kind of file in a preset's folder.
  public struct FileRule: Sendable {
    /// Whether a file (by its name) is of this kind.
    public var matches: @Sendable (String) -> Bool
    /// Nil: read from each file's header (`HeaderDetection`).
    public var mapping: CSVMapping?
    public var market: String
    public var currency: String?
    public var header: [String]?
    public var encoding: TextEncoding = .utf8
    public var rowFix: (@Sendable ([String], [String]) -> [String])?
    /// Column names of headerless files by their column count (with `mapping` nil).
    public var headerless: [Int: [String]] = [:]
    /// The market a file's path names (DWData: `2021-10-04/oct4whitehousemarket.csv`).
    public var marketFromPath: (@Sendable (String) -> String?)?
    /// Each row is one review instead of a listing.
    public var rowKind: IngestOptions.RowKind = .listing
    /// Where vendors' markets are read for a file without a market column: a CSV beside it
    /// and its vendor and market columns (Nexus/WeTheNorth's `vendors.csv`).
    public var marketLookup: (file: String, vendor: String, market: String)?
  }

  public let name: String
  /// What the preset reads, for `--help`.
  public let about: String
  /// In the order files of one crawl day are imported (vendor statistics before the
  /// listings, so the statistics row is the day's vendor observation).
  public let rules: [FileRule]
  /// The crawl day when neither the files nor their names hold one, with where it is known
  /// from (ToRReZ: its PROVENANCE.md).
  public var crawlDay: (day: String, source: String)?

  /// The rule for a file, nil when the preset does not read it (a PROVENANCE.md, a sitemap).
  public func rule(for path: String) -> FileRule? {
    ruleIndex(for: path).map { rules[$0] }
  }

  /// The position of a file's rule, for ordering the files of one crawl day.
  public func ruleIndex(for path: String) -> Int? {
    let name = (path as NSString).lastPathComponent
    return rules.firstIndex { $0.matches(name) }
  }

  /// Ingest options for a file under this preset; nil when the preset does not read it.
  public func options(for path: String) -> IngestOptions? {
    guard let r = rule(for: path) else { return nil }
    var o = IngestOptions(
      format: .csv, market: r.marketFromPath?(path) ?? r.market, currency: r.currency,
      mapping: r.mapping)
    o.header = r.header
    o.headerless = r.headerless
    o.rowKind = r.rowKind
    if let lookup = r.marketLookup {
      let dir = (path as NSString).deletingLastPathComponent
      o.marketByVendor = ImportPreset.markets(
        in: (dir as NSString).appendingPathComponent(lookup.file), lookup.vendor, lookup.market)
    }
    o.encoding = r.encoding
    o.rowFix = r.rowFix
    return o
  }

  public static let all: [String: ImportPreset] = {
    var out: [String: ImportPreset] = [:]
    for (name, p) in CSVMapping.presets {
      out[name] = ImportPreset(
        name: name, about: "\(p.market) CSV",
        rules: [
          FileRule(
            matches: { $0.lowercased().hasSuffix(".csv") }, mapping: p.mapping,
            market: p.market, currency: p.currency)
        ], crawlDay: nil)
    }
    for p in [hansa, alphabay, torrez, dwdata, cypher, nexus] { out[p.name] = p }
    return out
  }()

  static func csv(_ name: String) -> Bool { name.lowercased().hasSuffix(".csv") }

  /// Vendor → market (lower-cased) from a vendor file; "" for a vendor listed on several
  /// markets. An unreadable file gives an empty table, so every row names the problem.
  static func markets(in path: String, _ vendorColumn: String, _ marketColumn: String)
    -> [String: String]
  {
    var out: [String: String] = [:]
    guard let reader = try? CSVReader(path: path) else { return out }
    var header: [String]?
    try? reader.forEachRecord { result in
      guard case .success(let r) = result else { return }
      guard let h = header else {
        header = r.fields
        return
      }
      guard let v = h.firstIndex(of: vendorColumn), let m = h.firstIndex(of: marketColumn),
        v < r.fields.count, m < r.fields.count
      else { return }
      let vendor = r.fields[v].trimmingWhitespace
      let market = r.fields[m].trimmingWhitespace.lowercased()
      guard !vendor.isEmpty, !market.isEmpty else { return }
      if let known = out[vendor], known != market {
        out[vendor] = ""
      } else if out[vendor] == nil {
        out[vendor] = market
      }
    }
    return out
  }

  /// Lower-cases the cells of the named column (market names written "WeTheNorth").
  static func lowercasing(_ column: String) -> @Sendable ([String], [String]) -> [String] {
    { row, header in
      guard let i = header.firstIndex(of: column), i < row.count else { return row }
      var r = row
      r[i] = r[i].lowercased()
      return r
    }
  }
}

extension ImportPreset {
  /// Hansa, Dec 2016 (OnionScan dump): no header, `", "`-separated, the crawl time in the
  /// first column. See `hansa-2016-12/PROVENANCE.md`.
  static let hansa = ImportPreset(
    name: "hansa", about: "Hansa Dec 2016 (OnionScan dump, no header)",
    rules: [
      FileRule(
        matches: csv,
        mapping: CSVMapping(columns: [
          "observed": ["time"], "listing": ["listing_id"], "title": ["title"],
          "vendor": ["vendor"], "price": ["price"], "category": ["category"],
          "ships_from": ["ships_from"],
        ]),
        market: "hansa", currency: "USD",
        header: ["time", "listing_id", "title", "vendor", "price", "category", "ships_from"],
        rowFix: { hansaRow($0, header: $1) })
    ], crawlDay: nil)

  /// Hansa rows have 7 fields, 6 on digital goods (no ships-from); 3 rows lost their title,
  /// so the vendor and price sit one column early (a price "USD …" in the vendor's place);
  /// 15 rows stop after the category-like third field (no vendor: rejected as such).
  @Sendable static func hansaRow(_ row: [String], header: [String]) -> [String] {
    var r = row.map(\.trimmingWhitespace)  // the space after each ", "
    if r.count >= 4, r[3].hasPrefix("USD "), !(r.count > 4 && r[4].hasPrefix("USD ")) {
      r.insert("", at: 2)
    }
    if r.count < 7 { r += Array(repeating: "", count: 7 - r.count) }
    return r
  }

  /// AlphaBay, Apr–May 2017 (davidldenton/dnm): one file per category, the crawl date at the
  /// end of the file name, latin-1 with CR record ends; prices "USD 9.00 (0.0055 BTC)";
  /// each listing's sales and creation date in "Sold by X - N sold since <date> …".
  static let alphabay = ImportPreset(
    name: "alphabay", about: "AlphaBay Apr-May 2017 (one CSV per category, dated names)",
    rules: [
      FileRule(
        matches: csv,
        mapping: CSVMapping(columns: [
          "title": ["listing_title"], "price": ["listing_price"], "vendor": ["listing_vendor"],
          "category": ["category_link", "subcategory_link"], "sales": ["detail_qty_sold"],
          "since": ["detail_qty_sold"],
        ]),
        market: "alphabay", currency: "USD", encoding: .latin1)
    ], crawlDay: nil)

  /// ToRReZ, 5 Mar 2021 (RodgervanderHeijden/data-forensics): listings and vendor
  /// statistics; no date column (the crawl day comes from `--observed` or the folder name).
  static let torrez = ImportPreset(
    name: "torrez", about: "ToRReZ Mar 2021 (listings + vendor statistics)",
    rules: [
      FileRule(
        matches: { $0.lowercased().hasPrefix("vendor") && csv($0) },
        mapping: CSVMapping(columns: [
          "vendor": ["vendor"], "since": ["since"], "sales": ["transactions"],
        ]),
        market: "torrez", currency: "USD"),
      FileRule(
        matches: { $0.lowercased().hasPrefix("product") && csv($0) },
        mapping: CSVMapping(columns: [
          "vendor": ["vendor"], "title": ["product"],
          "category": ["category_level_1", "category_level_2", "category_level_3"],
          "price": ["price in $"], "ships_from": ["shipping_from"], "ships_to": ["shipping_to"],
          "listing": ["url"],
        ]),
        market: "torrez", currency: "USD"),
    ],
    crawlDay: ("2021-03-05", "the preset (torrez-2021-03/PROVENANCE.md: collected 5 March 2021)"))
}

extension ImportPreset {
  /// DWData (crcresearch/DWData, Dec 2020 – Oct 2022): a tree of dated folders (folder date
  /// = crawl date), one file per market and day, columns named in the header or, for the
  /// White House files, no header (`vendor,category,name,price`; the 2020-12-14 combined
  /// file `market,subcat,vendor,category,name,price`). Prices "USD 14", "30 USD", "$0.99".
  static let dwdata = ImportPreset(
    name: "dwdata", about: "DWData 2020-2022 tree (dated folders, per-file schemas)",
    rules: [
      FileRule(
        // The combined 2020-12-14 file repeats, row for row, the per-market files beside it
        // (1,325 of 1,325 rows), with two header rows inside it: the per-market files are read.
        matches: { csv($0) && $0 != "whitehouse_darkmarket_torrez.csv" }, mapping: nil,
        market: "unknown", currency: "USD", rowFix: { dwdataRow($0, header: $1) },
        headerless: [4: ["vendor", "category", "name", "price"]],
        marketFromPath: dwdataMarket)
    ], crawlDay: nil)

  /// `2021-05-12/darkode-…csv` is two scrapes in one file: 123 rows under its header
  /// `vendor,category,name,price,ratings`, then 5,760 rows of 4 fields in the other layout,
  /// `vendor,price,category,name`; those are put in the header's order.
  @Sendable static func dwdataRow(_ row: [String], header: [String]) -> [String] {
    guard header.count == 5, row.count == 4, header[1].lowercased() == "category" else {
      return row
    }
    return [row[0], row[2], row[3], row[1], ""]
  }

  /// DWData's market names as its paths spell them → one name per market. AlphaBay's 2021
  /// relaunch is `alphabay2021`, not the `alphabay` of 2017 (another operator, another site).
  static let dwdataMarkets: [(spelling: String, market: String)] = [
    ("whitehouse", "whitehouse"), ("darkode", "darkode"), ("tor2door", "tor2door"),
    ("tor2dor", "tor2door"), ("nemesis", "nemesis"), ("bohemia", "bohemia"),
    ("royal", "royal"), ("vicecity", "vicecity"), ("mgmgrand", "mgmgrand"),
    ("alphabay", "alphabay2021"), ("kingdom", "kingdom"), ("asapmarket", "asap"),
    ("asap", "asap"), ("colombia", "colombia"), ("darkmarket", "darkmarket"),
    ("torrez", "torrez"), ("abacus", "abacus"), ("darkmatter", "darkmatter"),
    ("drughub", "drughub"), ("cypher", "cypher"),
  ]

  /// The market of a DWData file: the first market spelling in its name, else in its
  /// folders from the nearest up (`2020-12-14/darkmarket/malware/botnets.csv`).
  @Sendable static func dwdataMarket(_ path: String) -> String? {
    let parts = (path as NSString).pathComponents.reversed().map { $0.lowercased() }
    for part in parts {
      if let m = dwdataMarkets.first(where: { part.contains($0.spelling) }) { return m.market }
    }
    return nil
  }

  /// Cypher Market, 2020-09-17 (ht-weng/darknet-market-scraper @ a177156,
  /// `data/cypher-market/page-scrapes/2020-09-17.csv`): the same scraper and columns as the
  /// White House file of that day, plus Vendor URL and Quantity; prices in AUD.
  static let cypher = ImportPreset(
    name: "cypher", about: "Cypher Market Sep 2020 (same scraper as the White House file)",
    rules: [
      FileRule(
        matches: csv,
        mapping: CSVMapping(columns: [
          "title": ["Product"], "listing": ["Product URL"], "category": ["Category"],
          "vendor": ["Vendor"], "price": ["Price in AUD"], "observed": ["Date Time Recorded"],
        ]),
        market: "cypher", currency: "AUD")
    ], crawlDay: nil)
}

extension ImportPreset {
  /// Nexus and WeTheNorth, Apr 2024 (hvdv99/dark-market-scout): vendors with their about
  /// texts (5 hold PGP key blocks) and market; products and reviews without a market column,
  /// placed through the vendor file (a vendor on both markets cannot be: those rows are
  /// rejected, naming why); reviews have no date (the crawl day stands for it).
  static let nexus = ImportPreset(
    name: "nexus", about: "Nexus + WeTheNorth Apr 2024 (vendors, products, reviews)",
    rules: [
      FileRule(
        matches: { $0 == "vendors.csv" },
        mapping: CSVMapping(columns: [
          "vendor": ["name"], "profile": ["about_text"], "market": ["marketplace"],
        ]),
        market: "nexus", currency: "USD", rowFix: lowercasing("marketplace")),
      FileRule(
        matches: { $0 == "product_vendor.csv" },
        mapping: CSVMapping(columns: [
          "vendor": ["vendor"], "title": ["name"], "category": ["broad_category", "category"],
          "price": ["price_usd"],
        ]),
        market: "nexus", currency: "USD",
        marketLookup: ("vendors.csv", "name", "marketplace")),
      FileRule(
        matches: { $0 == "reviews.csv" },
        mapping: CSVMapping(columns: [
          "vendor": ["vendor"], "title": ["product"], "rating": ["rating"], "feedback": ["text"],
        ]),
        market: "nexus", currency: "USD", rowKind: .feedback,
        marketLookup: ("vendors.csv", "name", "marketplace")),
    ],
    crawlDay: (
      "2024-04-26",
      "the preset (nexus-wethenorth-2024/PROVENANCE.md: crawled 18-26 Apr 2024, last day taken)"
    ))
}
