import Foundation

/// Turns one CSV row into crawl records: the vendor seen, the listing observed, and the
/// feedback entries found in a raw feedback column.
struct CSVRowDecoder {
  let mapping: CSVMapping
  let header: [String]
  let market: String?
  let currency: String?
  /// The crawl day of rows without a date column.
  let observed: String?
  /// Markets of vendors, for files without a market column (IngestOptions.marketByVendor).
  let marketByVendor: [String: String]?
  let rowKind: IngestOptions.RowKind
  private let index: [String: Int]

  init(
    mapping: CSVMapping, header: [String], market: String?, currency: String?,
    observed: String? = nil, marketByVendor: [String: String]? = nil,
    rowKind: IngestOptions.RowKind = .listing
  ) throws(FieldError) {
    self.mapping = mapping
    self.header = header
    self.market = market
    self.currency = currency
    self.observed = observed
    self.marketByVendor = marketByVendor
    self.rowKind = rowKind
    var index: [String: Int] = [:]
    for (i, name) in header.enumerated() where index[name] == nil { index[name] = i }
    for (field, columns) in mapping.columns {
      for c in columns where index[c] == nil {
        throw FieldError(field, "column '\(c)' is not in the header")
      }
    }
    if mapping.columns["market"] == nil && market == nil && marketByVendor == nil {
      throw FieldError("market", "the file has no market column: pass --market")
    }
    if mapping.columns["observed"] == nil && observed == nil {
      throw FieldError(
        "observed",
        "the file has no date column and no crawl date: pass --observed YYYY-MM-DD")
    }
    self.index = index
  }

  /// R's NA and empty cells are absent values.
  func value(_ field: String, _ row: [String]) -> String? {
    guard let columns = mapping.columns[field] else { return nil }
    let parts = columns.compactMap { c -> String? in
      guard let i = index[c], i < row.count else { return nil }
      let v = row[i].trimmingWhitespace
      return v.isEmpty || v == "NA" ? nil : v
    }
    return parts.isEmpty ? nil : parts.joined(separator: "/")
  }

  /// A row's records; defects that do not stop the row (a price that is not a number) are
  /// appended to `warnings` as (field, message).
  func decode(_ row: [String], warnings: inout [(field: String, message: String)])
    throws(FieldError) -> [CrawlRecord]
  {
    if row.count != header.count {
      throw FieldError(nil, "has \(row.count) columns, the header has \(header.count)")
    }
    guard let vendor = value("vendor", row) else { throw FieldError("vendor", "missing") }
    let market = try self.market(of: vendor, row)
    let observed = try day(row)
    if rowKind == .feedback {
      return [try feedbackRow(row, market: market, observed: observed, vendor: vendor)]
    }
    let title = value("title", row)
    let mappedListing = value("listing", row)
    let isListing = title != nil || mappedListing != nil
    let sales = value("sales", row).flatMap(CSVRowDecoder.salesCount)
    let since = value("since", row).flatMap(CSVRowDecoder.sinceDay)
    // A since-date after the crawl day cannot be: the crawl day (from a name, a preset or
    // --observed) is likely too early. Said, not corrected.
    if let since, since > observed {
      warnings.append(("since", "since \(since) is after the crawl day \(observed)"))
    }
    var records: [CrawlRecord] = [
      .vendor(
        .init(
          market: market, observed: observed, vendor: vendor, profile: value("profile", row),
          pgp: value("pgp", row), since: isListing ? nil : since,
          sales: isListing ? nil : sales,
          rating: value("rating", row).flatMap { PriceText.number($0) }, extra: nil))
    ]
    guard isListing else { return records }
    let price = try self.price(row, warnings: &warnings)
    // Without a listing id, a listing is its vendor and title: stable across crawls.
    let listing = mappedListing ?? CSVRowDecoder.listingKey(vendor, title ?? "")
    var extra = unmappedCells(row)
    for f in CSVMapping.extraFields { if let v = value(f, row) { extra.append((f, .string(v))) } }
    if isListing, let sales { extra.append(("sales", .number(Double(sales)))) }
    if isListing, let since { extra.append(("listed_since", .string(since))) }
    records.append(
      .listing(
        .init(
          market: market, observed: observed, listing: listing, vendor: vendor, title: title,
          description: value("description", row), category: value("category", row),
          price: price, shipsFrom: value("ships_from", row),
          shipsTo: value("ships_to", row).map { [$0] } ?? [],
          excludes: value("excludes", row).map { [$0] } ?? [],
          extra: extra.isEmpty ? nil : JSONValue.object(extra).serialized)))
    try appendFeedback(
      row, market: market, observed: observed, listing: listing, vendor: vendor, to: &records)
    return records
  }

  /// The row's market: its market column, else the vendor's market in the lookup (a vendor
  /// on several markets, or on none, cannot be placed), else the file's market.
  private func market(of vendor: String, _ row: [String]) throws(FieldError) -> String {
    if let m = value("market", row) { return m }
    if let lookup = marketByVendor {
      guard let m = lookup[vendor] else {
        throw FieldError(
          "market", "the vendor is not in the vendor file, and this file names no market")
      }
      guard !m.isEmpty else {
        throw FieldError("market", "the vendor is on several markets, and this file names none")
      }
      return m
    }
    guard let m = self.market else { throw FieldError("market", "missing") }
    return m
  }

  /// One review per row (Nexus/WeTheNorth): the listing is the vendor's title, as the
  /// listings file names it; the crawl day stands for the review's unknown date.
  private func feedbackRow(_ row: [String], market: String, observed: String, vendor: String)
    throws(FieldError) -> CrawlRecord
  {
    let title = value("title", row)
    let listing = value("listing", row) ?? title.map { CSVRowDecoder.listingKey(vendor, $0) }
    return .feedback(
      .init(
        market: market, observed: observed, listing: listing, vendor: vendor, date: observed,
        rating: value("rating", row).flatMap(CSVRowDecoder.rating), text: value("feedback", row)))
  }

  /// A listing without an id is its vendor and title: stable across crawls and files.
  static func listingKey(_ vendor: String, _ title: String) -> String {
    "h:" + String(FileDigest.sha256(Array((vendor + "\u{1F}" + title).utf8)).prefix(16))
  }

  /// A review's rating on the 5-point scale: "positive" 5, "neutral" 3, "negative" 1, or
  /// the number written ("4.5", "5/5").
  static func rating(_ text: String) -> Double? {
    switch text.lowercased() {
    case "positive": return 5
    case "neutral": return 3
    case "negative": return 1
    default: return FeedbackBlob.ratingValue(text) ?? PriceText.number(text)
    }
  }

  /// The row's crawl day: its date column, else the file's crawl day.
  private func day(_ row: [String]) throws(FieldError) -> String {
    guard mapping.columns["observed"] != nil else { return observed ?? "" }
    guard let rawDay = value("observed", row) else {
      if let observed { return observed }
      throw FieldError("observed", "missing")
    }
    guard let day = DateNormalizer.day(rawDay, relativeTo: nil) else {
      throw FieldError("observed", "not a date")
    }
    return day
  }

  /// The row's price; a cell that shows none or is not a number is a warning, and the
  /// listing is kept without a price (its title, vendor and places are still evidence).
  private func price(_ row: [String], warnings: inout [(field: String, message: String)])
    throws(FieldError) -> CrawlRecord.Price?
  {
    guard let raw = value("price", row) else { return nil }
    switch PriceText.read(raw) {
    case .none:
      warnings.append(("price", "no price shown ('\(raw.prefix(20))'): listing kept without one"))
      return nil
    case .notANumber:
      warnings.append(("price", "not a number ('\(raw.prefix(20))'): listing kept without a price"))
      return nil
    case .price(let amount, let written):
      guard let cur = written ?? value("currency", row) ?? currency else {
        throw FieldError("currency", "no currency column: pass --currency")
      }
      return .init(amount: amount, currency: cur.uppercased())
    }
  }

  /// Columns no field uses, kept in the observation's `extra`.
  private func unmappedCells(_ row: [String]) -> [(String, JSONValue)] {
    var extra: [(String, JSONValue)] = []
    let used = Set(mapping.columns.values.flatMap { $0 })
    for (i, name) in header.enumerated() where !used.contains(name) && i < row.count {
      let v = row[i].trimmingWhitespace
      if !v.isEmpty && v != "NA" { extra.append((name, .string(v))) }
    }
    return extra
  }

  private func appendFeedback(
    _ row: [String], market: String, observed: String, listing: String, vendor: String,
    to records: inout [CrawlRecord]
  ) throws(FieldError) {
    guard let blob = value("feedback", row) else { return }
    for entry in FeedbackBlob.entries(in: blob) {
      guard let date = DateNormalizer.day(entry.when, relativeTo: observed) else {
        throw FieldError("feedback", "a feedback date is not readable")
      }
      records.append(
        .feedback(
          .init(
            market: market, observed: observed, listing: listing, vendor: vendor, date: date,
            rating: entry.rating, text: entry.text)))
    }
  }

  /// A sales count in free text: "37 sold since Jun 2, 2016" → 37 (AlphaBay), "1,204" →
  /// 1204, "1204 sales" → 1204; nil when no count is written.
  static func salesCount(_ text: String) -> Int? {
    let words = text.split { $0.isWhitespace }.map { $0.filter { $0 != "," } }
    for i in words.indices.dropFirst() {
      let w = words[i].lowercased()
      if w.hasPrefix("sold") || w.hasPrefix("sale"), let n = Int(words[i - 1]) { return n }
    }
    return words.first.flatMap { Int($0) }
  }

  /// A since-date in free text: "… sold since Oct 18, 2015 …" → 2015-10-18; a cell that is
  /// only a date is read whole.
  static func sinceDay(_ text: String) -> String? {
    guard let r = text.range(of: "since ", options: .caseInsensitive) else {
      return DateNormalizer.day(text, relativeTo: nil)
    }
    let tail = text[r.upperBound...].prefix {
      $0.isASCII && ($0.isLetter || $0.isNumber || " ,-/".contains($0))
    }
    return DateNormalizer.day(String(tail).trimmingWhitespace, relativeTo: nil)
  }
}

/// Feedback entries in a raw page-text column (Agora: "5/5", the text, "5 days ago", the
/// buyer), one line each.
enum FeedbackBlob {
  struct Entry: Equatable {
    var rating: Double?
    var text: String
    var when: String
  }

  static func entries(in blob: String) -> [Entry] {
    let lines = blob.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace }
      .filter { !$0.isEmpty }
    var out: [Entry] = []
    var rating: Double?
    var text: [String] = []
    var open = false
    for line in lines {
      if let r = ratingValue(line) {
        rating = r
        text = []
        open = true
      } else if open, isWhen(line) {
        out.append(Entry(rating: rating, text: text.joined(separator: " "), when: line))
        open = false
      } else if open {
        text.append(line)
      }
    }
    return out
  }

  /// "5/5" → 5.
  static func ratingValue(_ line: String) -> Double? {
    let parts = line.split(separator: "/")
    guard parts.count == 2, let a = Double(parts[0]), parts[1] == "5" else { return nil }
    return a
  }

  /// A line that is only a relative date ("5 days ago"), not a comment that ends in one.
  static func isWhen(_ line: String) -> Bool {
    line.utf8.count <= 24 && DateNormalizer.day(line, relativeTo: "2000-01-01") != nil
  }
}
