import Foundation
import Testing

@testable import VendorLink

/// The format details of the real scrapes, one by one: prices with their currency written
/// in, dates in file names, CR record ends, latin-1 bytes, free-text sales.
@Suite struct IngestRealFormatTests {
  @Test(arguments: [
    ("USD 340.00", PriceText.Reading.price(amount: 340, currency: "USD")),
    ("USD 1,320.31", .price(amount: 1320.31, currency: "USD")),
    ("Buy price\nUSD 9.00\n\n(0.0055 BTC)", .price(amount: 9, currency: "USD")),
    ("0.0055 BTC", .price(amount: 0.0055, currency: "BTC")),
    ("$12.50", .price(amount: 12.5, currency: nil)),
    ("2,385.41", .price(amount: 2385.41, currency: nil)),
    ("null", .none), ("N/A", .none), ("ask", .none),
    ("Drugs", .notANumber), ("USD", .notANumber),
  ])
  func prices(raw: String, expected: PriceText.Reading) {
    #expect(PriceText.read(raw) == expected)
  }

  @Test(arguments: [
    ("raw/D&C_-_opiods_-_heroin_-_20170425.csv", "2017-04-25"),
    ("dwdata/2021-10-04/whitehouse.csv", "2021-10-04"),
    ("crawl_2021_03_05.jsonl", "2021-03-05"),
    ("listing-123456789.csv", nil), ("20171345.csv", nil), ("torrez-2021-03/p.csv", nil),
    ("hansa-marketplace-listings-december-2016.csv", nil),
  ])
  func crawlDaysInNames(path: String, expected: String?) {
    #expect(CrawlDay.inPath(path)?.day == expected)
  }

  @Test func folderDateIsNamed() {
    let found = CrawlDay.inPath("d/2021-10-04/x.csv")
    #expect(found?.source == "the folder name 2021-10-04")
    #expect(CrawlDay.inPath("d/a_20170425.csv")?.source == "the file name")
  }

  @Test(
    arguments: [
      ("Sold by X -\n37 sold since Jun 2, 2016ŒæVendor Level 5", 37, "2016-06-02"),
      ("1,204", 1204, nil), ("12 sales", 12, nil), ("Jun 9, 2020", nil, "2020-06-09"),
    ] as [(String, Int?, String?)])
  func salesAndSince(text: String, sales: Int?, since: String?) {
    #expect(CSVRowDecoder.salesCount(text) == sales)
    #expect(CSVRowDecoder.sinceDay(text) == since)
  }

  /// CR ends a record outside quotes (Python's reading), LF inside a quoted field stays;
  /// latin-1 bytes keep their code points; line numbers count every line break.
  @Test func crRecordsAndLatin1() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let bytes: [UInt8] =
      Array("a,b\r\"x\ny\",caf".utf8) + [0xE9] + Array("\r1,2\n3,4\n".utf8)
    let path = dir.path("cr.csv")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    var got: [(Int, [String])] = []
    try CSVReader(path: path, encoding: .latin1).forEachRecord {
      if case .success(let r) = $0 { got.append((r.line, r.fields)) }
    }
    #expect(got.map(\.1) == [["a", "b"], ["x\ny", "café"], ["1", "2"], ["3", "4"]])
    #expect(got.map(\.0) == [1, 2, 4, 5])
  }

  /// Hansa's rows: the space after each separator goes, a lost title is put back as empty,
  /// digital goods without ships-from are padded.
  @Test func hansaRows() {
    let t = "2016-12-11 17:05:43 -0500 EST"
    #expect(
      ImportPreset.hansaRow(
        [t, " 1", " Toys-R-Us", " USD 5.28", " Drugs", " Europe (EU)"], header: [])
        == [t, "1", "", "Toys-R-Us", "USD 5.28", "Drugs", "Europe (EU)"])
    #expect(
      ImportPreset.hansaRow([t, "2", "Book", "pckabml", "USD 2.99", "Guides"], header: [])
        == [t, "2", "Book", "pckabml", "USD 2.99", "Guides", ""])
  }

  /// Easter 2017: the ECB published no rate from Good Friday to Easter Monday, so a price of
  /// Monday 2017-04-17 rests on Thursday's rate, 4 days earlier, and says so once.
  @Test func rateAgesAreOnRecord() {
    var rates = RateTable()
    rates.add(date: "2017-04-13", currency: "EUR", usd: 1.0661, eur: 1)
    rates.add(date: "2017-04-18", currency: "EUR", usd: 1.0702, eur: 1)
    #expect(rates.age(of: "USD", on: "2017-04-17") == (usd: 0, eur: 4))
    #expect(rates.age(of: "USD", on: "2017-04-18") == (usd: 0, eur: 0))
    #expect(rates.age(of: "BTC", on: "2017-04-18") == (usd: nil, eur: nil))
    var ages = RateAges()
    let listing = CrawlRecord.Listing(
      market: "m", observed: "2017-04-17", listing: "l", vendor: "v", title: "t",
      description: nil, category: nil, price: .init(amount: 9, currency: "USD"), shipsFrom: nil,
      shipsTo: [], excludes: [], extra: nil)
    ages.note(.listing(listing))
    ages.note(.listing(listing))
    let w = ages.warnings(rates)
    #expect(
      w.map(\.message) == [
        "2 USD prices of 2017-04-17 use rates from 4 days earlier (the nearest earlier rate)"
      ])
  }
}
