/// The place names and codes the restriction reader resolves, through the normaliser's
/// country table (ISO names plus the aliases crawls use: "Holland", "Deutschland", "USA").
///
/// Only real destinations count: names the table maps to `Undeclared`, `Digital` or
/// `Domestic` ("internet", "my pm") never become refusals.
public enum PlaceWords {
  static let refusableRegions: Set<String> = [
    "EU", "Europe", "Schengen", "Nordics", "NorthAmerica", "SouthAmerica", "Africa", "Asia",
    "MiddleEast", "Oceania",
  ]

  static func usable(_ places: [Place]) -> [String]? {
    let codes = places.filter { $0.isCountry || refusableRegions.contains($0.code) }.map(\.code)
    return codes.isEmpty ? nil : codes
  }

  /// A lower-cased name or phrase → places, nil if it names none.
  @Sendable public static func name(_ phrase: String) -> [String]? {
    if let extra = extraNames[phrase] { return extra }
    return CountryTable.shared.byKey[ScrapedText.key(phrase)].flatMap(usable)
  }

  /// An upper-case code ("US", "NL", "USA", "UK") → places, nil if unknown.
  @Sendable public static func code(_ code: String) -> [String]? {
    if code == "UK" { return ["GB"] }
    if code == "EU" { return ["EU"] }
    if code.count == 2 { return Place(country: code).map { [$0.code] } }
    return CountryTable.shared.byAlpha3[code].map { [$0] }
  }

  /// Words vendors use in refusals that the shipping-field aliases do not need.
  static let extraNames: [String: [String]] = [
    "eu": ["EU"], "america": ["US"], "the states": ["US"], "scandinavia": ["Nordics"],
    "scandinavian": ["Nordics"], "nordic": ["Nordics"], "benelux": ["BE", "LU", "NL"],
  ]
}
