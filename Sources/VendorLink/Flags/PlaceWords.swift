/// The place names and codes the restriction reader resolves. Names go through the
/// normaliser's country table; codes are ISO alpha-2 plus the alpha-3 codes vendors write.
public enum PlaceWords {
  /// A lower-cased name or phrase → places, nil if it names none.
  @Sendable public static func name(_ phrase: String) -> [String]? {
    names[phrase]
  }

  /// An upper-case code ("US", "NL", "USA", "UK") → places, nil if unknown.
  @Sendable public static func code(_ code: String) -> [String]? {
    if let c = codes[code] { return [c] }
    if code.count == 2, PhysicalPlace.isCountry(code), alpha2.contains(code) { return [code] }
    return nil
  }

  static let codes: [String: String] = [
    "UK": "GB", "USA": "US", "AUS": "AU", "GBR": "GB", "NLD": "NL", "DEU": "DE", "BEL": "BE",
    "CAN": "CA", "FRA": "FR", "ESP": "ES", "ITA": "IT", "NZL": "NZ", "SWE": "SE", "NOR": "NO",
    "DNK": "DK", "FIN": "FI", "CHE": "CH", "AUT": "AT", "POL": "PL", "IRL": "IE", "PRT": "PT",
    "EU": "EU",
  ]

  static let alpha2: Set<String> = [
    "AD", "AE", "AL", "AR", "AT", "AU", "BA", "BE", "BG", "BR", "BY", "CA", "CH", "CL", "CN",
    "CO", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HK", "HR", "HU", "IE",
    "IL", "IN", "IS", "IT", "JP", "KR", "LI", "LT", "LU", "LV", "MC", "ME", "MK", "MT", "MX",
    "MY", "NL", "NO", "NZ", "PH", "PL", "PT", "RO", "RS", "RU", "SE", "SG", "SI", "SK", "TH",
    "TR", "UA", "US", "ZA",
  ]

  static let names: [String: [String]] = {
    var m: [String: [String]] = [:]
    let table: [(String, [String])] = [
      ("US", ["usa", "united states", "united states of america", "america", "the us", "the usa"]),
      ("GB", ["united kingdom", "great britain", "britain", "england", "scotland", "wales"]),
      ("CA", ["canada"]), ("AU", ["australia", "oz"]), ("NZ", ["new zealand"]),
      ("NL", ["netherlands", "holland", "nederland", "the netherlands", "dutch"]),
      ("BE", ["belgium", "belgie", "belgië", "belgique"]),
      ("DE", ["germany", "deutschland", "german"]), ("FR", ["france"]),
      ("ES", ["spain"]), ("IT", ["italy"]), ("PT", ["portugal"]), ("IE", ["ireland"]),
      ("SE", ["sweden"]), ("NO", ["norway"]), ("DK", ["denmark"]), ("FI", ["finland"]),
      ("CH", ["switzerland"]), ("AT", ["austria"]), ("PL", ["poland"]), ("RU", ["russia"]),
      ("GR", ["greece"]), ("TR", ["turkey"]), ("CN", ["china"]), ("JP", ["japan"]),
      ("IS", ["iceland"]), ("LU", ["luxembourg"]), ("CZ", ["czech republic", "czechia"]),
      ("SG", ["singapore"]), ("HK", ["hong kong"]), ("BR", ["brazil"]), ("MX", ["mexico"]),
      ("IN", ["india"]), ("ZA", ["south africa"]), ("IL", ["israel"]), ("UA", ["ukraine"]),
      ("EU", ["europe", "european union", "eu"]),
      ("Nordics", ["scandinavia", "scandinavian", "nordics", "nordic"]),
      ("Asia", ["asia"]), ("Africa", ["africa"]), ("SouthAmerica", ["south america"]),
      ("Worldwide", ["worldwide"]),
    ]
    for (code, words) in table { for w in words { m[w] = [code] } }
    m["europe"] = ["Europe"]
    m["benelux"] = ["BE", "LU", "NL"]
    return m
  }()
}
