/// Countries vendors ship from, how each market spelled them, and the regional boilerplate
/// that makes unrelated vendors of one country write alike (carriers, slang).
struct SynthCountry: Sendable {
  let code: String
  /// Spelling on Dream, Wall Street and Empire (each market had its own drop-down).
  let names: [String]
  /// Share of vendors shipping from it (NL, DE, GB, US large; BE below 2%, as the study found).
  let weight: Double
  /// Price level against the average (NL and DE cheaper at the source, AU dearer).
  let priceLevel: Double
  /// Regional phrases (carrier, slang): shared by every vendor of the country.
  let slang: [String]
  /// Where a vendor of this country usually ships to.
  let shipsTo: [[String]]

  func name(on market: SynthMarket) -> String { names[market.rawValue] }
}

enum SynthCountries {
  static let europe = ["Europe"]
  static let all: [SynthCountry] = [
    SynthCountry(
      code: "US", names: ["United States", "USA", "United States"], weight: 0.24, priceLevel: 1.1,
      slang: [
        "USPS priority mail", "2-3 day shipping", "no signature required", "mylar + vacuum sealed",
      ],
      shipsTo: [["United States"], ["United States", "Canada"], ["Worldwide"]]),
    SynthCountry(
      code: "GB", names: ["United Kingdom", "UK", "United Kingdom"], weight: 0.15, priceLevel: 1.05,
      slang: ["Royal Mail 1st class", "next day", "tracked 24 available", "proper quality"],
      shipsTo: [["United Kingdom"], ["United Kingdom", "Europe"], ["Worldwide"]]),
    SynthCountry(
      code: "DE", names: ["Germany", "Germany", "Germany"], weight: 0.14, priceLevel: 0.95,
      slang: ["Versand mit DHL", "Einschreiben möglich", "Top Qualität", "schneller Versand"],
      shipsTo: [["Germany"], ["Europe"], ["European Union"], ["Worldwide"]]),
    SynthCountry(
      code: "NL", names: ["Netherlands", "The Netherlands", "Netherlands"], weight: 0.12,
      priceLevel: 0.85,
      slang: [
        "verzending met PostNL", "top kwaliteit", "next day", "besteld voor 16:00 = morgen in huis",
      ],
      shipsTo: [["Europe"], ["Worldwide"], ["European Union"], ["Netherlands", "Belgium"]]),
    SynthCountry(
      code: "AU", names: ["Australia", "Australia", "Australia"], weight: 0.05, priceLevel: 1.6,
      slang: ["Australia Post express", "domestic only, no customs", "discreet packaging"],
      shipsTo: [["Australia"]]),
    SynthCountry(
      code: "CA", names: ["Canada", "Canada", "Canada"], weight: 0.04, priceLevel: 1.1,
      slang: ["Canada Post Xpresspost", "fast domestic shipping"],
      shipsTo: [["Canada"], ["Canada", "United States"]]),
    SynthCountry(
      code: "FR", names: ["France", "France", "France"], weight: 0.04, priceLevel: 1.0,
      slang: ["envoi en lettre suivie", "qualité top", "Colissimo"],
      shipsTo: [["France"], ["Europe"]]),
    SynthCountry(
      code: "ES", names: ["Spain", "Spain", "Spain"], weight: 0.03, priceLevel: 0.95,
      slang: ["envío certificado", "Correos", "calidad premium"],
      shipsTo: [["Spain"], ["Europe"]]),
    SynthCountry(
      code: "IT", names: ["Italy", "Italy", "Italy"], weight: 0.02, priceLevel: 1.0,
      slang: ["spedizione tracciata", "Poste Italiane", "qualità top"],
      shipsTo: [["Italy"], ["Europe"]]),
    SynthCountry(
      code: "PL", names: ["Poland", "Poland", "Poland"], weight: 0.025, priceLevel: 0.8,
      slang: ["InPost paczkomat", "wysyłka 24h"],
      shipsTo: [["Europe"], ["Poland"]]),
    SynthCountry(
      code: "SE", names: ["Sweden", "Sweden", "Sweden"], weight: 0.02, priceLevel: 1.3,
      slang: ["PostNord", "snabb leverans"],
      shipsTo: [["Sweden"], ["Sweden", "Norway", "Denmark", "Finland"]]),
    SynthCountry(
      code: "CN", names: ["China", "China", "China"], weight: 0.02, priceLevel: 0.6,
      slang: ["EMS tracked", "customs-safe packaging", "research chemicals supplier"],
      shipsTo: [["Worldwide"]]),
    SynthCountry(
      code: "CZ", names: ["Czech Republic", "Czech Republic", "Czechia"], weight: 0.01,
      priceLevel: 0.85,
      slang: ["Česká pošta", "rychlé doručení"],
      shipsTo: [["Europe"]]),
    SynthCountry(
      code: "AT", names: ["Austria", "Austria", "Austria"], weight: 0.01, priceLevel: 1.0,
      slang: ["Versand mit der Post", "Top Qualität"],
      shipsTo: [["Europe"], ["Austria", "Germany"]]),
    SynthCountry(
      code: "BE", names: ["Belgium", "Belgium", "Belgium"], weight: 0.004, priceLevel: 0.95,
      slang: [
        "verzending met bpost", "top kwaliteit", "levering binnen 1-2 dagen", "next day BE/NL",
      ],
      shipsTo: [
        ["Europe"], ["Worldwide"], ["Belgium", "Netherlands", "France"], ["European Union"],
      ]),
  ]

  static let byCode: [String: SynthCountry] = Dictionary(
    uniqueKeysWithValues: all.map { ($0.code, $0) })

  static func country(_ code: String) -> SynthCountry { byCode[code]! }

  /// Ship-to exclusions the study saw (refusing Anglo-Saxon countries, or the Netherlands),
  /// with how a vendor words the same restriction in a profile.
  static let exclusions: [(excludes: [String], text: String)] = [
    (["USA", "Australia"], "No shipping to USA or Australia."),
    (
      ["United Kingdom", "USA", "Canada", "Australia", "New Zealand"], "No Anglo countries, sorry."
    ),
    (["Netherlands"], "Not shipping to NL."),
    (["USA"], "no US orders"),
    (["Australia", "New Zealand"], "We do not ship to AU/NZ."),
    (["Sweden", "Norway", "Finland"], "No Scandinavia (customs)."),
  ]
}
