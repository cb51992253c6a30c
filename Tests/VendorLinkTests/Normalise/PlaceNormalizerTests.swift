import Testing

@testable import VendorLink

@Suite struct PlaceNormalizerTests {
  /// Raw field → expected codes (in order of appearance). Each row is a spelling seen in a
  /// real crawl or named in issue 2.
  static let table: [(raw: String, codes: [String])] = [
    ("Netherlands", ["NL"]), ("NL", ["NL"]), ("Holland", ["NL"]), ("The Netherlands", ["NL"]),
    ("Nederland", ["NL"]), ("German", ["DE"]), ("Deutschland", ["DE"]), ("Belgique", ["BE"]),
    ("België", ["BE"]), ("Belgi&euml;", ["BE"]), ("UK", ["GB"]), ("England", ["GB"]),
    ("United Kingdom", ["GB"]), ("United States", ["US"]), ("USA", ["US"]), ("U.S.A.", ["US"]),
    ("usa", ["US"]), ("Torland", ["Undeclared"]), ("Internet", ["Digital"]),
    ("undeclared", ["Undeclared"]), ("Undeclared;)", ["Undeclared"]),
    ("Undelcared", ["Undeclared"]), ("Digital / Service", ["Digital"]), ("", []),
    ("   \n\t  ", []), ("&nbsp;Netherlands&nbsp;", ["NL"]), ("\u{00A0}Germany\u{00A0}", ["DE"]),
    ("NA", []), ("Germany, Netherlands", ["DE", "NL"]), ("NL/BE", ["NL", "BE"]),
    ("Hong Kong", ["HK"]), ("Taiwan, Province of China", ["TW"]),
    ("Trinidad and Tobago", ["TT"]), ("European Union", ["EU"]), ("EU", ["EU"]),
    ("Europe", ["Europe"]), ("Schengen", ["Schengen"]), ("Scandinavia", ["Nordics"]),
    ("Worldwide", ["Worldwide"]), ("WORLWIDE", ["Worldwide"]), ("Wolrdwide", ["Worldwide"]),
    ("WW", ["Worldwide"]), ("The Human Race, ONLY!!!", ["Worldwide"]),
    ("UK (Free!) & EU", ["GB", "EU"]), ("Canada & US", ["CA", "US"]), ("Can/US", ["CA", "US"]),
    ("Aus/NZ", ["AU", "NZ"]), ("EU, CH, NO, USA, CA", ["EU", "CH", "NO", "US", "CA"]),
    ("EU, USA, Cancada", ["EU", "US", "CA"]), ("USA Only", ["US"]), ("United States.", ["US"]),
    ("Worldwide/ Check my profile", ["Worldwide"]), ("DOMESTIC ONLY", ["Domestic"]),
    ("Kind Hearts and Gentle People", ["Undeclared"]), ("my pm", ["Undeclared"]),
    ("Knd Hearts and Gentle people", ["Undeclared"]), ("Benelux", ["BE", "NL", "LU"]),
    ("DEU", ["DE"]), ("Côte d'Ivoire", ["CI"]), ("Cote d Ivoire", ["CI"]),
    ("Guinea-Bissau", ["GW"]), ("South Africa", ["ZA"]), ("North America", ["NorthAmerica"]),
  ]

  @Test(arguments: table) func parsesKnownSpellings(raw: String, codes: [String]) {
    let result = PlaceNormalizer.parse(raw)
    #expect(result.places.map(\.code) == codes, "\(raw.debugDescription)")
    #expect(result.unrecognised.isEmpty, "\(raw.debugDescription)")
  }

  /// Exclusion clauses: included places, excluded places.
  static let exclusions: [(raw: String, included: [String], excluded: [String])] = [
    ("Worldwide except Australia", ["Worldwide"], ["AU"]),
    ("Everyplace except Australia and Finland", ["Worldwide"], ["AU", "FI"]),
    ("Global except Africa", ["Worldwide"], ["Africa"]),
    ("EU,Worldwide except Australia", ["EU", "Worldwide"], ["AU"]),
    ("everywhere but australia", ["Worldwide"], ["AU"]),
    (
      "Worldwide except Australia, New Zealand, Russia, Finland, Germany or the Middle East.",
      ["Worldwide"], ["AU", "NZ", "RU", "FI", "DE", "MiddleEast"]
    ),
    (
      "We do not ship to USA / Canada / New zealand / Australia /Scandinavia", ["Worldwide"],
      ["US", "CA", "NZ", "AU", "Nordics"]
    ),
    ("Worldwide except USA and Sweden", ["Worldwide"], ["US", "SE"]),
  ]

  @Test(arguments: exclusions) func readsExclusions(
    raw: String, included: [String], excluded: [String]
  ) {
    let reading = PlaceNormalizer.read(raw)
    #expect(reading.included.map(\.code) == included)
    #expect(reading.excluded.map(\.code) == excluded)
    #expect(reading.unrecognised.isEmpty)
    // parse() reports only what is included.
    #expect(PlaceNormalizer.parse(raw).places.map(\.code) == included)
  }

  @Test func reportsUnknownPartsWithoutGuessing() {
    let result = PlaceNormalizer.parse("Germany, Narnia")
    #expect(result.places == [Place(country: "DE")!])
    #expect(result.unrecognised == ["Narnia"])
    let nothing = PlaceNormalizer.parse("Xyzzy")
    #expect(nothing.places.isEmpty && nothing.unrecognised == ["Xyzzy"])
    // Short words are never typo-corrected: "Mali" must not become "Bali" or vice versa.
    #expect(PlaceNormalizer.parse("Maly").unrecognised == ["Maly"])
  }

  @Test func lowerCaseWordsAreNotIsoCodes() {
    // "no" and "can" are English; only capitals count as codes ("NO" Norway, "CAN" Canada).
    #expect(PlaceNormalizer.parse("NO").places.map(\.code) == ["NO"])
    #expect(PlaceNormalizer.parse("CAN").places.map(\.code) == ["CA"])
    #expect(PlaceNormalizer.parse("no").places.isEmpty)
  }

  @Test func placeCodesAndOrder() {
    #expect(Place(code: "HK")?.isCountry == true)
    #expect(Place(code: "EU")?.isCountry == false)
    #expect(Place(code: "Worldwide") == .worldwide)
    #expect(Place(code: "XX") == nil && Place(code: "Narnia") == nil)
    #expect(Place(country: "nl")?.code == "NL")
    let sorted = [Place.worldwide, Place(country: "NL")!, .eu, Place(country: "BE")!].sorted()
    #expect(sorted.map(\.code) == ["BE", "NL", "EU", "Worldwide"])
    #expect(
      Place.domestic.resolvingDomestic(from: [Place(country: "US")!, .eu]).map(\.code) == ["US"])
    #expect(Place(country: "NL")!.name == "Netherlands")
  }

  /// Every alias line names valid codes, so a typo in the table cannot create a bogus place.
  @Test func aliasTableCodesAreValid() {
    for (alias, codes) in PlaceAliases.all {
      for code in codes { #expect(Place(code: code) != nil, "\(alias) → \(code)") }
    }
    #expect(PlaceAliases.all.count > 200)
    #expect(CountryTable.shared.byAlpha2.count == 249)
  }
}
