import Foundation

/// A CSV's column mapping read from its header, for scrapes whose columns are named in the
/// usual ways ("vendor", "name", "price", "vendor rating", "Ship From", ...), and headerless
/// files recognised by their column count (DWData's White House files).
public enum HeaderDetection {
  /// Header names (lower-cased, spaces and underscores as one) → crawl field. The first
  /// column that names a field wins; a column feeds one field.
  static let synonyms: [String: String] = [
    "vendor": "vendor", "seller": "vendor", "vendor name": "vendor", "listing vendor": "vendor",
    "name": "title", "title": "title", "product": "title", "product name": "title",
    "name/product": "title", "item": "title", "listing title": "title",
    "price": "price", "price in $": "price", "price usd": "price", "price in usd": "price",
    "category": "category", "currency": "currency", "market": "market",
    "description": "description", "rating": "rating", "ratings": "rating",
    "vendor rating": "rating", "sold": "sales", "sales": "sales", "transactions": "sales",
    "ship from": "ships_from", "ships from": "ships_from", "shipping from": "ships_from",
    "ship to": "ships_to", "ships to": "ships_to", "shipping to": "ships_to",
    "url": "listing", "product url": "listing", "listing url": "listing",
    "vendor url": "vendor_url", "quantity": "quantity",
    "date": "observed", "observed": "observed", "date time recorded": "observed",
    "since": "since", "pgp": "pgp", "profile": "profile",
  ]

  static func key(_ column: String) -> String {
    column.trimmingWhitespace.lowercased().replacingOccurrences(of: "_", with: " ")
  }

  /// The mapping a header names; nil when no column names the vendor.
  public static func mapping(header: [String]) -> CSVMapping? {
    var columns: [String: [String]] = [:]
    for name in header {
      let k = key(name)
      // "Price in AUD", "price (btc)": a price column names its currency, not a new field.
      guard let field = synonyms[k] ?? (k.hasPrefix("price") ? "price" : nil),
        columns[field] == nil
      else { continue }
      columns[field] = [name]
    }
    return columns["vendor"] == nil ? nil : CSVMapping(columns: columns)
  }

  /// The mapping and, for a file without a header row, the names of its columns: the first
  /// record is a header when it names a vendor column; otherwise `headerless[count]` names
  /// the columns. Nil when neither applies (or the file is empty).
  public static func sniff(
    path: String, encoding: TextEncoding, headerless: [Int: [String]]
  ) throws -> (mapping: CSVMapping, header: [String]?)? {
    var first: [String]?
    let reader = try CSVReader(path: path, encoding: encoding)
    struct Stop: Error {}
    do {
      try reader.forEachRecord { result in
        if case .success(let r) = result {
          first = r.fields
          throw Stop()
        }
      }
    } catch is Stop {}
    guard let first else { return nil }
    if let m = mapping(header: first) { return (m, nil) }
    if let names = headerless[first.count], let m = mapping(header: names) { return (m, names) }
    return nil
  }
}
