import Foundation

/// `vendorlink export`: the tables researchers read, as CSV or JSON, with the column names
/// DESIGN.md promises.
public enum Export {
  public enum Kind: String, CaseIterable, Sendable { case matches, identities, flags }
  public enum Format: String, CaseIterable, Sendable { case csv, json }

  /// The SELECT for each kind; column names are the export's header.
  public static func query(_ kind: Kind) -> String {
    switch kind {
    case .matches:
      let per = Comparison.allCases.map { "m.\($0.key)_level, m.\($0.key)_weight" }.joined(
        separator: ", ")
      return """
        SELECT a.market AS market_a, a.vendor AS vendor_a, b.market AS market_b,
               b.vendor AS vendor_b, m.probability, m.match_weight, m.decision, \(per),
               m.blocking
        FROM matches m JOIN accounts a ON a.account_id = m.account_a
        JOIN accounts b ON b.account_id = m.account_b
        ORDER BY m.account_a, m.account_b
        """
    case .identities:
      return """
        SELECT i.identity_id, a.market, a.vendor FROM identities i
        JOIN accounts a ON a.account_id = i.account_id
        ORDER BY i.identity_id, a.market, a.vendor
        """
    case .flags:
      return """
        SELECT f.kind, a.market, a.vendor, l.listing, f.score, f.details FROM flags f
        LEFT JOIN accounts a ON a.account_id = f.account_id
        LEFT JOIN listings l ON l.listing_id = f.listing_id
        ORDER BY f.kind, a.market, a.vendor, l.listing, f.flag_id
        """
    }
  }

  /// Streams the export to `write` in chunks (exports of large runs do not fit comfortably
  /// in one string).
  public static func run(
    db: Database, kind: Kind, format: Format, write: (String) throws -> Void
  ) throws {
    var buffer = ""
    buffer.reserveCapacity(1 << 16)
    var first = true
    var header: [String] = []
    func flush(force: Bool = false) throws {
      if force || buffer.utf8.count >= 1 << 16 {
        try write(buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    if format == .json { buffer += "[" }
    try db.forEach(query(kind)) { s in
      if header.isEmpty {
        header = (0..<s.columnCount).map { s.columnName($0) }
        if format == .csv { buffer += header.map(csvField).joined(separator: ",") + "\n" }
      }
      let values = (0..<s.columnCount).map { s.value($0) }
      switch format {
      case .csv:
        buffer += values.map { csvField($0.stringValue ?? "") }.joined(separator: ",") + "\n"
      case .json:
        buffer +=
          (first ? "\n" : ",\n") + "{"
          + zip(header, values).map { "\(jsonString($0)):\(jsonValue($1))" }.joined(
            separator: ",") + "}"
      }
      first = false
      try flush()
    }
    if format == .csv && header.isEmpty {
      // No rows: still print the header, so scripts see the columns.
      header = columnNames(kind)
      buffer += header.joined(separator: ",") + "\n"
    }
    if format == .json { buffer += first ? "]\n" : "\n]\n" }
    try flush(force: true)
  }

  /// Column names of an export, from the query itself.
  public static func columnNames(_ kind: Kind) -> [String] {
    switch kind {
    case .matches:
      return [
        "market_a", "vendor_a", "market_b", "vendor_b", "probability", "match_weight", "decision",
      ]
        + Comparison.allCases.flatMap { ["\($0.key)_level", "\($0.key)_weight"] } + ["blocking"]
    case .identities: return ["identity_id", "market", "vendor"]
    case .flags: return ["kind", "market", "vendor", "listing", "score", "details"]
    }
  }

  /// RFC 4180: quote fields holding commas, quotes or line breaks; double inner quotes.
  public static func csvField(_ s: String) -> String {
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
  }

  static func jsonString(_ s: String) -> String {
    var out = ""
    JSONValue.writeString(s, to: &out)
    return out
  }

  static func jsonValue(_ v: SQLValue) -> String {
    switch v {
    case .null: return "null"
    case .integer(let i): return String(i)
    case .real(let d): return d.isFinite ? String(d) : "null"
    case .text(let t): return jsonString(t)
    case .blob(let b): return jsonString(b.map { String(format: "%02x", $0) }.joined())
    }
  }
}
