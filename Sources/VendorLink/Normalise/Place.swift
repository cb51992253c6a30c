/// A place a listing ships from or to: an ISO 3166-1 alpha-2 country or territory ("NL",
/// "HK") or one of the named ``Place/Region``s ("EU", "Worldwide", "Digital").
///
/// Territories with their own ISO code count as countries (`isCountry`): Hong Kong ships
/// separately from China on every market, and the White House facts count it as a place.
public struct Place: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The ISO alpha-2 code (upper case) or the region's name (``Region/rawValue``).
  public let code: String

  /// Named regions. Only those a crawl field actually uses, or that exclusion lists need
  /// ("Worldwide except Africa"), exist; everything else is spelled out as countries.
  public enum Region: String, CaseIterable, Sendable {
    /// The European Union as a shipping zone ("EU", "European Union"). Not a country even
    /// though "EU" is two capital letters (ISO reserves it exceptionally).
    case eu = "EU"
    /// Geographic Europe ("Europe", "European"): sellers use it loosely, wider than the EU.
    case europe = "Europe"
    /// The Schengen area ("Schengen"): no internal border checks, so sellers advertise it.
    case schengen = "Schengen"
    /// Denmark, Finland, Iceland, Norway, Sweden; "Scandinavia" maps here too because sellers
    /// who exclude it mean the strict-customs Nordic countries, Finland included.
    case nordics = "Nordics"
    /// "North America", "NA" is NOT mapped here: in R-written scrapes "NA" means missing.
    case northAmerica = "NorthAmerica"
    /// "South America", "Latin America".
    case southAmerica = "SouthAmerica"
    /// "Africa" (the continent), used in exclusion lists ("Global except Africa").
    case africa = "Africa"
    /// "Asia".
    case asia = "Asia"
    /// "Middle East", used in exclusion lists.
    case middleEast = "MiddleEast"
    /// "Oceania" ("Australasia").
    case oceania = "Oceania"
    /// Anywhere ("Worldwide", "WW", "Everywhere", "Global", "The Human Race").
    case worldwide = "Worldwide"
    /// Only within the country it ships from ("Domestic only"); the importer can resolve it
    /// against ships_from with ``Place/resolvingDomestic(from:)``.
    case domestic = "Domestic"
    /// No physical shipping: e-mail delivery, services ("Digital / Service", "Internet").
    case digital = "Digital"
    /// The seller declared no place, or a made-up one ("undeclared", "Torland", "my pm").
    case undeclared = "Undeclared"
  }

  /// A country or territory by ISO alpha-2 code (any case); nil if ISO has no such code.
  public init?(country code: String) {
    let upper = code.uppercased()
    guard CountryTable.shared.byAlpha2[upper] != nil else { return nil }
    self.code = upper
  }

  /// A region.
  public init(_ region: Region) { self.code = region.rawValue }

  /// A place from its stored code: an ISO alpha-2 code or a region name (exact spelling).
  public init?(code: String) {
    if let region = Region(rawValue: code) {
      self.init(region)
    } else if code.utf8.count == 2, let country = Place(country: code) {
      self = country
    } else {
      return nil
    }
  }

  /// True for a physical country or territory (an ISO code), false for regions.
  public var isCountry: Bool { Region(rawValue: code) == nil }

  /// The region, if this place is one.
  public var region: Region? { Region(rawValue: code) }

  /// The English short name ("Netherlands") for countries, the region name otherwise.
  public var name: String { CountryTable.shared.byAlpha2[code]?.names.first ?? code }

  public var description: String { code }

  /// Countries first (by code), then regions (by name): a stable, readable order for reports.
  public static func < (lhs: Place, rhs: Place) -> Bool {
    if lhs.isCountry != rhs.isCountry { return lhs.isCountry }
    return lhs.code < rhs.code
  }

  /// `Domestic` replaced by the given ships-from countries; other places unchanged.
  public func resolvingDomestic(from origins: [Place]) -> [Place] {
    guard region == .domestic else { return [self] }
    let countries = origins.filter(\.isCountry)
    return countries.isEmpty ? [self] : countries
  }

  public static let eu = Place(.eu)
  public static let europe = Place(.europe)
  public static let worldwide = Place(.worldwide)
  public static let digital = Place(.digital)
  public static let undeclared = Place(.undeclared)
  public static let domestic = Place(.domestic)
}
