import Foundation
import Testing

@testable import VendorLink

/// Every shipping value in the real scrapes maps to places, and the White House facts in
/// ../shared/data/real/README.md come out of the normaliser.
@Suite(.enabled(if: NormaliseRealData.path("README.md") != nil, "needs ../shared/data/real"))
struct PlaceRealDataTests {
  static let columns: [(file: String, columns: [String])] = [
    ("agora-2014-01-vendor-listings.csv", ["from", "to"]),
    ("agora-2014-01-01-products-feedback.csv", ["from", "to"]),
    ("whitehouse-2020-09-17-listings.csv", ["Shipping From", "Shipping To"]),
  ]

  @Test func everyRealShippingValueIsRecognised() throws {
    var distinct = Set<String>()
    for (file, columns) in Self.columns {
      guard let rows = try NormaliseRealData.rows(file) else { return }
      for row in rows {
        for column in columns { distinct.insert(row[column] ?? "") }
      }
    }
    #expect(distinct.count > 200)  // the raw spellings, whitespace variants included
    var unrecognised: [String: [String]] = [:]
    for value in distinct {
      let reading = PlaceNormalizer.read(value)
      if !reading.unrecognised.isEmpty { unrecognised[value] = reading.unrecognised }
    }
    #expect(unrecognised.isEmpty, "unrecognised: \(unrecognised)")
  }

  @Test func whiteHouseVendorsShippingFromSeveralCountries() throws {
    guard let rows = try NormaliseRealData.rows("whitehouse-2020-09-17-listings.csv") else {
      return
    }
    var raw: [String: Set<String>] = [:]
    var countries: [String: Set<Place>] = [:]
    for row in rows {
      let vendor = row["Vendor"] ?? ""
      let from = row["Shipping From"] ?? ""
      raw[vendor, default: []].insert(from)
      countries[vendor, default: []].formUnion(
        PlaceNormalizer.parse(from).places.filter(\.isCountry))
    }
    #expect(raw.count == 479)
    #expect(raw.values.filter { $0.count > 1 }.count == 19)
    let multi = countries.filter { $0.value.count > 1 }
    #expect(multi.count == 13)
    let be = Place(country: "BE")!
    let de = Place(country: "DE")!
    let nl = Place(country: "NL")!
    let fr = Place(country: "FR")!
    #expect(multi["staroutlet"] == [be, de])
    for vendor in ["euroshopper", "fairfax", "xxxxtentacion"] {
      #expect(multi[vendor] == [de, nl], "\(vendor)")
    }
    #expect(multi["drugsource"] == [fr, nl])
  }

  @Test func agoraVendorFileOriginsNeedNormalising() throws {
    guard let rows = try NormaliseRealData.rows("agora-2014-01-vendor-listings.csv") else { return }
    #expect(Set(rows.map { $0["vendor"] ?? "" }).count == 262)
    var byRaw: [String: [Place]] = [:]
    for row in rows {
      let raw = ScrapedText.clean(row["from"] ?? "")
      byRaw[raw] = PlaceNormalizer.parse(raw).places
    }
    let de = Place(country: "DE")!
    #expect(byRaw["German"] == [de] && byRaw["Germany"] == [de])
    #expect(byRaw["undeclared"] == [.undeclared] && byRaw["Torland"] == [.undeclared])
    #expect(byRaw["Internet"] == [.digital])
    #expect(byRaw["Hong"] == [Place(country: "HK")!])  // "Hong" | "Kong" cut by the scraper
    #expect(byRaw["The"] == [.undeclared])  // "The" | "United" cut: no place on its own
    #expect(byRaw["NA"] == [])  // R's missing value
  }

  /// The Agora vendor scrape cut some two-word origins into `from` and `to`;
  /// ``PlaceNormalizer/rejoinSplitPair(from:to:)`` puts them back.
  @Test func agoraSplitPairsRejoin() throws {
    guard let rows = try NormaliseRealData.rows("agora-2014-01-vendor-listings.csv") else { return }
    var rejoined: [[Place]: Int] = [:]
    for row in rows {
      if let places = PlaceNormalizer.rejoinSplitPair(from: row["from"] ?? "", to: row["to"] ?? "")
      {
        rejoined[places, default: 0] += 1
      }
    }
    // Counted with a script from the raw file: ("Hong","Kong") 156; ("South","Africa") 15;
    // ("Czech","Republic") 7; US: ("The","United") 52 + ("United","States") 6 + ("La","Jolla")
    // 1 + ("West","of") 3 + ("Pacific","Palisades") 2 + ("U","S") 1.
    #expect(rejoined[[Place(country: "HK")!]] == 156)
    #expect(rejoined[[Place(country: "ZA")!]] == 15)
    #expect(rejoined[[Place(country: "CZ")!]] == 7)
    #expect(rejoined[[Place(country: "US")!]] == 65)
    #expect(rejoined[[.worldwide]] == 2)  // ("WORLD","WIDE")
    #expect(rejoined[[.undeclared]] == 55 + 6 + 2)  // Agora Beta, my pm, The home of...
    // A listing that really ships from the USA to Canada is not a split.
    #expect(PlaceNormalizer.rejoinSplitPair(from: "USA", to: "Canada") == nil)
  }
}
