import Foundation

/// How a crawl file is read and what happens to bad records.
public struct IngestOptions: Sendable {
  public enum Format: String, Sendable, CaseIterable { case jsonl, csv }
  public enum OnError: String, Sendable, CaseIterable {
    /// Record the bad record in `rejects` and go on with the rest of the crawl.
    case skip
    /// Roll the whole crawl back at the first bad record.
    case abort
  }

  public var format: Format
  public var onError: OnError
  /// The market for CSV rows that have no market column.
  public var market: String?
  /// The currency of CSV prices when the file has no currency column (e.g. "BTC", "AUD").
  public var currency: String?
  /// CSV column mapping; nil for JSONL.
  public var mapping: CSVMapping?
  /// Column names of a CSV file that has no header row (Hansa's OnionScan dump): the first
  /// row is then data.
  public var header: [String]?
  /// Column names of a headerless file by its column count, used when `mapping` is nil and
  /// the first row names no vendor column (`HeaderDetection.sniff`).
  public var headerless: [Int: [String]] = [:]
  /// How the CSV file's bytes are text.
  public var encoding: TextEncoding = .utf8
  /// The crawl day (`YYYY-MM-DD`) of rows without a date column: from `--observed` or from
  /// a date in the file's or a folder's name.
  public var observed: String?
  /// What one CSV row is: a listing (with its vendor), or one review.
  public enum RowKind: String, Sendable { case listing, feedback }
  public var rowKind: RowKind = .listing
  /// The market of each vendor, for a file without a market column whose vendors another
  /// file places (Nexus/WeTheNorth); "" marks a vendor on several markets.
  public var marketByVendor: [String: String]?
  /// Re-import a file imported before (same SHA-256): what that crawl stored is removed
  /// first, in the same transaction (`CrawlEraser`); without it such a file is skipped.
  public var replace = false
  /// Repairs a scrape's known row defects before decoding, given the row and the header
  /// (a preset's; nil: rows as read).
  public var rowFix: (@Sendable ([String], [String]) -> [String])?

  public init(
    format: Format = .jsonl, onError: OnError = .skip, market: String? = nil,
    currency: String? = nil, mapping: CSVMapping? = nil
  ) {
    self.format = format
    self.onError = onError
    self.market = market
    self.currency = currency
    self.mapping = mapping
  }
}

/// The text encoding of a crawl file's bytes.
public enum TextEncoding: String, Sendable, CaseIterable {
  /// Invalid sequences become U+FFFD.
  case utf8
  /// ISO 8859-1: every byte is the code point of the same number (AlphaBay's export, whose
  /// Mac-Roman bytes Python's `latin-1` reads the same way; no byte is ever lost).
  case latin1
}

/// What one `ingest` of one file did.
public struct IngestSummary: Sendable, CustomStringConvertible {
  public enum Status: String, Sendable { case imported, alreadyImported = "already imported" }
  /// Rows removed per table when `--replace` replaced an earlier import of the file.
  public var replaced: [String: Int]?
  public var path: String
  public var sha256: String
  public var status: Status
  public var crawlID: Int64?
  public var records = 0
  /// Distinct vendor accounts and listings the crawl wrote, and feedback records stored.
  public var vendors = 0
  public var listings = 0
  public var feedback = 0
  public var rejected = 0
  public var warnings = 0
  /// Warnings grouped by kind, largest first, each with up to three examples.
  public var warningGroups: [WarningGroup] = []
  /// Bundled ECB rate rows added to fill this crawl's missing rates, per currency.
  public var ratesAdded: [String: Int] = [:]
  public var bytes = 0
  public var seconds = 0.0
  /// The first defects, for the terminal (the rest are in the `rejects` table).
  public var firstErrors: [InputError] = []

  public var description: String {
    switch status {
    case .alreadyImported:
      return "\(path): already imported (sha256 \(sha256.prefix(12))…), nothing changed"
    case .imported:
      let mb = Double(bytes) / 1_048_576
      let rate = seconds > 0 ? mb / seconds : 0
      return "\(path): \(vendors) vendors, \(listings) listings, \(feedback) feedback; "
        + "\(records) records, \(rejected) rejected, \(warnings) warnings"
        + " (\(String(format: "%.1f MB in %.2f s, %.1f MB/s", mb, seconds, rate)))"
    }
  }
}

/// Warnings of one kind in a crawl: the message with its specifics (quoted text, numbers)
/// left out, how many, and the first few as file:line:field message.
public struct WarningGroup: Sendable, Equatable {
  public var field: String?
  public var kind: String
  public var count: Int
  public var examples: [String]

  /// How many examples a group keeps for the terminal.
  public static let examplesShown = 3

  /// Groups warnings (line, field, message) of `path` by field and message shape.
  public static func group(
    _ warnings: [(line: Int, field: String?, message: String)], path: String
  ) -> [WarningGroup] {
    var order: [String] = []
    var groups: [String: WarningGroup] = [:]
    for w in warnings {
      let kind = shape(w.message)
      let key = (w.field ?? "") + "\u{1F}" + kind
      if groups[key] == nil {
        order.append(key)
        groups[key] = WarningGroup(field: w.field, kind: kind, count: 0, examples: [])
      }
      groups[key]!.count += 1
      if groups[key]!.examples.count < examplesShown {
        let at = w.line > 0 ? "\(path):\(w.line)" : path
        groups[key]!.examples.append(
          "\(at)\(w.field.map { ": field '\($0)'" } ?? ""): \(w.message)")
      }
    }
    return order.compactMap { groups[$0] }.sorted { $0.count > $1.count }
  }

  /// "not a number ('N/A'): ..." → "not a number (…): ..."; digits runs → "#".
  static func shape(_ message: String) -> String {
    var out = ""
    var quoted = false
    var lastDigit = false
    for c in message {
      if c == "'" {
        if !quoted { out += "…" }
        quoted.toggle()
        continue
      }
      if quoted { continue }
      if c.isNumber {
        if !lastDigit { out.append("#") }
        lastDigit = true
        continue
      }
      lastDigit = false
      out.append(c)
    }
    return out
  }
}
