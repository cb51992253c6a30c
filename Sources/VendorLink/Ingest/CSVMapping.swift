/// Which CSV column feeds which crawl field (`--map vendor=Vendor,title=Product,...`).
///
/// A field may join several columns with `+` (`category=cat+subcat+subsubcat` gives
/// "Drugs/Cannabis/Hash"). Columns not mapped are kept in the observation's `extra`.
public struct CSVMapping: Sendable, Equatable {
  /// The crawl fields a CSV column can feed.
  public static let fields: Set<String> = [
    "market", "vendor", "listing", "title", "description", "category", "price", "currency",
    "ships_from", "ships_to", "excludes", "observed", "feedback", "profile", "pgp", "sales",
    "since", "rating", "quantity", "listing_url", "vendor_url",
  ]
  /// Fields stored as they are, under their own name, in the listing observation's `extra`.
  static let extraFields = ["quantity", "listing_url", "vendor_url"]

  public var columns: [String: [String]]

  public init(columns: [String: [String]]) { self.columns = columns }

  /// Parses `FIELD=Column,FIELD="Column with, comma",...`.
  public init(parsing spec: String) throws(FieldError) {
    var result: [String: [String]] = [:]
    for item in CSVMapping.splitTopLevel(spec) {
      let trimmed = item.trimmingWhitespace
      if trimmed.isEmpty { continue }
      guard let eq = trimmed.firstIndex(of: "=") else {
        throw FieldError("--map", "expected FIELD=Column, got '\(trimmed)'")
      }
      let field = String(trimmed[..<eq]).trimmingWhitespace.lowercased()
      var column = String(trimmed[trimmed.index(after: eq)...]).trimmingWhitespace
      if column.count >= 2, column.first == "\"", column.last == "\"" {
        column = String(column.dropFirst().dropLast())
      }
      guard CSVMapping.fields.contains(field) else {
        throw FieldError(
          "--map",
          "unknown field '\(field)' (one of \(CSVMapping.fields.sorted().joined(separator: ", ")))")
      }
      guard !column.isEmpty else { throw FieldError("--map", "empty column for '\(field)'") }
      result[field] = column.split(separator: "+").map { String($0).trimmingWhitespace }
    }
    guard result["vendor"] != nil else {
      throw FieldError("--map", "a mapping needs vendor=Column")
    }
    self.columns = result
  }

  static func splitTopLevel(_ s: String) -> [String] {
    var out: [String] = []
    var cur = ""
    var quoted = false
    for c in s {
      if c == "\"" { quoted.toggle() }
      if c == ",", !quoted {
        out.append(cur)
        cur = ""
      } else {
        cur.append(c)
      }
    }
    out.append(cur)
    return out
  }

  /// Mappings for the public scrapes in shared/data/real, by name (`--preset`).
  public static let presets: [String: (mapping: CSVMapping, market: String, currency: String)] = [
    "agora-listings": (
      CSVMapping(columns: [
        "observed": ["date"], "vendor": ["vendor"], "title": ["product"],
        "description": ["description"], "price": ["price"], "ships_from": ["from"],
        "ships_to": ["to"],
      ]), "agora", "BTC"
    ),
    "agora-feedback": (
      CSVMapping(columns: [
        "listing": ["list"], "observed": ["date"], "vendor": ["vendor"], "title": ["product"],
        "price": ["price"], "category": ["cat", "subcat", "subsubcat"], "feedback": ["feedback"],
        "ships_from": ["from"], "ships_to": ["to"],
      ]), "agora", "BTC"
    ),
    "whitehouse": (
      CSVMapping(columns: [
        "title": ["Product"], "listing": ["Product URL"], "category": ["Category"],
        "vendor": ["Vendor"], "price": ["Price in AUD"], "ships_from": ["Shipping From"],
        "ships_to": ["Shipping To"], "observed": ["Date Time Recorded"],
      ]), "whitehouse", "AUD"
    ),
  ]
}
