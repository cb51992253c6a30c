/// Turns one CSV row into crawl records: the vendor seen, the listing observed, and the
/// feedback entries found in a raw feedback column.
struct CSVRowDecoder {
  let mapping: CSVMapping
  let header: [String]
  let market: String?
  let currency: String?
  private let index: [String: Int]

  init(mapping: CSVMapping, header: [String], market: String?, currency: String?)
    throws(FieldError)
  {
    self.mapping = mapping
    self.header = header
    self.market = market
    self.currency = currency
    var index: [String: Int] = [:]
    for (i, name) in header.enumerated() where index[name] == nil { index[name] = i }
    for (field, columns) in mapping.columns {
      for c in columns where index[c] == nil {
        throw FieldError(field, "column '\(c)' is not in the header")
      }
    }
    if mapping.columns["market"] == nil && market == nil {
      throw FieldError("market", "the file has no market column: pass --market")
    }
    self.index = index
  }

  /// Cells that scrapes use for "no price shown".
  static let noValue: Set<String> = ["N/A", "NA", "-", "--", "?", "NONE", "NULL"]

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

  func decode(_ row: [String]) throws(FieldError) -> [CrawlRecord] {
    if row.count != header.count {
      throw FieldError(nil, "has \(row.count) columns, the header has \(header.count)")
    }
    guard let market = value("market", row) ?? self.market else {
      throw FieldError("market", "missing")
    }
    guard let vendor = value("vendor", row) else { throw FieldError("vendor", "missing") }
    guard let rawDay = value("observed", row) else { throw FieldError("observed", "missing") }
    guard let observed = DateNormalizer.day(rawDay, relativeTo: nil) else {
      throw FieldError("observed", "not a date")
    }
    var records: [CrawlRecord] = [
      .vendor(
        .init(
          market: market, observed: observed, vendor: vendor, profile: value("profile", row),
          pgp: value("pgp", row), since: nil, sales: nil, rating: nil, extra: nil))
    ]
    guard let title = value("title", row) else { return records }
    var price: CrawlRecord.Price?
    if let raw = value("price", row), !CSVRowDecoder.noValue.contains(raw.uppercased()) {
      let cleaned = raw.filter { !"$€, ".contains($0) }
      guard let amount = Double(cleaned), amount.isFinite, amount >= 0 else {
        throw FieldError("price", "not a number")
      }
      guard let cur = value("currency", row) ?? currency else {
        throw FieldError("currency", "no currency column: pass --currency")
      }
      price = .init(amount: amount, currency: cur.uppercased())
    }
    // Without a listing id, a listing is its vendor and title: stable across crawls.
    let listing =
      value("listing", row)
      ?? "h:" + String(FileDigest.sha256(Array((vendor + "\u{1F}" + title).utf8)).prefix(16))
    var extra: [(String, JSONValue)] = []
    let used = Set(mapping.columns.values.flatMap { $0 })
    for (i, name) in header.enumerated() where !used.contains(name) && i < row.count {
      let v = row[i].trimmingWhitespace
      if !v.isEmpty && v != "NA" { extra.append((name, .string(v))) }
    }
    records.append(
      .listing(
        .init(
          market: market, observed: observed, listing: listing, vendor: vendor, title: title,
          description: value("description", row), category: value("category", row),
          price: price, shipsFrom: value("ships_from", row),
          shipsTo: value("ships_to", row).map { [$0] } ?? [],
          excludes: value("excludes", row).map { [$0] } ?? [],
          extra: extra.isEmpty ? nil : JSONValue.object(extra).serialized)))
    if let blob = value("feedback", row) {
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
    return records
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
