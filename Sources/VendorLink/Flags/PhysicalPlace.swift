/// Which normalised places are physical countries.
///
/// Ingest stores places as ISO 3166-1 alpha-2 codes or as named regions ("EU", "Europe",
/// "Schengen", "Nordics", "Worldwide", "Digital", "Undeclared"). Regions and "Digital" are not
/// places a parcel leaves from, so a vendor listing "NL" and "EU" ships from one country.
/// "EU" is the one region spelled as two capitals (ISO reserves it), hence the exception.
public enum PhysicalPlace {
  /// True for an ISO alpha-2 code (two ASCII capitals), false for region names.
  public static func isCountry(_ place: String) -> Bool {
    let u = place.utf8
    guard u.count == 2, place != "EU" else { return false }
    return u.allSatisfy { $0 >= 65 && $0 <= 90 }
  }

  /// The same test as an SQL expression over `column`, used by the views and loaders so that
  /// SQL users get the same answer as the Swift code.
  public static func sqlIsCountry(_ column: String) -> String {
    "(length(\(column)) = 2 AND \(column) GLOB '[A-Z][A-Z]' AND \(column) <> 'EU')"
  }
}
