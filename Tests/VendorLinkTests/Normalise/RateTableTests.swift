import Foundation
import Testing

@testable import VendorLink

@Suite struct RateTableTests {
  func table() -> RateTable {
    var rates = RateTable()
    rates.add(date: "2019-01-10", currency: "BTC", usd: 3600, eur: nil)
    rates.add(date: "2019-01-12", currency: "BTC", usd: 3700, eur: nil)
    rates.add(date: "2019-01-10", currency: "EUR", usd: 1.15, eur: nil)
    rates.add(date: "2019-01-11", currency: "AUD", usd: nil, eur: 0.6)
    return rates
  }

  @Test func usesNearestEarlierRate() {
    let rates = table()
    let (money, missing) = rates.convert(amount: 2, currency: "btc", on: "2019-01-11")
    #expect(missing.isEmpty)
    #expect(money.usd == 7200)  // the 01-10 rate, never the later 01-12 one
    #expect(abs(money.eur! - 7200 / 1.15) < 1e-9)  // crossed through EUR→USD
    #expect(rates.convert(amount: 1, currency: "BTC", on: "2019-01-12").money.usd == 3700)
  }

  @Test func usdAndEurAreTrivial() {
    let rates = table()
    let usd = rates.convert(amount: 10, currency: "USD", on: "2019-01-10")
    #expect(usd.money.usd == 10 && abs(usd.money.eur! - 10 / 1.15) < 1e-9)
    let eur = rates.convert(amount: 10, currency: "€", on: "2019-01-10")
    #expect(eur.money.eur == 10 && abs(eur.money.usd! - 11.5) < 1e-9)
    // Without any EUR rate, USD stays USD and the EUR part is reported missing.
    let bare = RateTable().convert(amount: 10, currency: "USD", on: "2019-01-10")
    #expect(bare.money == Money(usd: 10, eur: nil))
    #expect(bare.missing == [MissingRate(currency: "EUR", date: "2019-01-10", target: "USD")])
  }

  @Test func crossesFromEurToUsd() {
    let aud = table().convert(amount: 100, currency: "AUD", on: "2019-01-11")
    #expect(aud.missing.isEmpty)
    #expect(abs(aud.money.eur! - 60) < 1e-9 && abs(aud.money.usd! - 69) < 1e-9)
  }

  @Test func reportsMissingRatesNeverGuesses() {
    let rates = table()
    let early = rates.convert(amount: 1, currency: "BTC", on: "2019-01-09")
    #expect(early.money == Money(usd: nil, eur: nil))
    #expect(
      early.missing == [
        MissingRate(currency: "BTC", date: "2019-01-09", target: "USD"),
        MissingRate(currency: "BTC", date: "2019-01-09", target: "EUR"),
      ])
    // Older than maxAgeDays (7): missing, not the stale 2019-01-12 rate.
    let stale = rates.convert(amount: 1, currency: "BTC", on: "2019-01-20")
    #expect(stale.money.usd == nil)
    let unknown = rates.convert(amount: 1, currency: "XMR", on: "2019-01-11")
    #expect(unknown.money == Money(usd: nil, eur: nil) && unknown.missing.count == 2)
    #expect(rates.convert(amount: 1, currency: "BTC", on: "not a date").money.usd == nil)
    #expect(unknown.missing[0].description.contains("XMR"))
  }

  @Test func addIgnoresInvalidRatesAndMergesSameDay() {
    var rates = RateTable()
    rates.add(date: "2019-02-30", currency: "BTC", usd: 1, eur: nil)
    rates.add(date: "2019-01-10", currency: "BTC", usd: -5, eur: .nan)
    #expect(rates.currencies.isEmpty)
    rates.add(date: "2019-01-10 12:00:00", currency: "BTC", usd: 3600, eur: nil)
    rates.add(date: "2019-01-10", currency: "BTC", usd: nil, eur: 3100)
    let money = rates.convert(amount: 1, currency: "BTC", on: "2019-01-10").money
    #expect(money == Money(usd: 3600, eur: 3100))
  }

  @Test(
    .enabled(
      if: NormaliseRealData.path("btc-usd-daily-coindesk.csv") != nil, "needs ../shared/data/real"))
  func loadsCoinDeskFile() throws {
    guard let path = NormaliseRealData.path("btc-usd-daily-coindesk.csv") else { return }
    let rows = try RateTable.loadCSV(path: path)
    // 2,208 daily closes 2010-07-18...2016-08-02 (the README's 2,210 counts the two
    // attribution lines after the blank line, which are not data).
    #expect(rows.count == 2208)
    #expect(
      rows.first.map { $0.date == "2010-07-18" && $0.usd == 0.09 && $0.currency == "BTC" } == true)
    #expect(rows.last?.date == "2016-08-02")
    var rates = RateTable()
    for row in rows {
      rates.add(date: row.date, currency: row.currency, usd: row.usd, eur: row.eur)
    }
    let agora = rates.convert(amount: 0.05989857, currency: "BTC", on: "2014-01-01")
    #expect(agora.money.usd.map { $0 > 40 && $0 < 60 } == true)  // BTC ≈ $800 then
  }

  @Test func loadsGenericFileAndNamesBadFields() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vl-rates-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    func write(_ text: String) throws -> String {
      let path = dir.appendingPathComponent("r\(UUID()).csv").path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let good = try write(
      "currency,date,eur,usd\nBTC,2019-01-10,3150.2,3600.5\nAUD,2019-01-10,,0.72\n")
    let rows = try RateTable.loadCSV(path: good)
    #expect(rows.count == 2 && rows[1].eur == nil && rows[1].usd == 0.72 && rows[0].eur == 3150.2)
    let cases: [(String, Int, String?)] = [
      ("date,currency,usd\n2019-01-10,BTC,3600\n2019-01-41,BTC,3600\n", 3, "date"),
      ("date,currency,usd\n2019-01-10,BTC,abc\n", 2, "usd"),
      ("date,currency,usd\n2019-01-10,BTC,-1\n", 2, "usd"),
      ("date,currency,usd\n2019-01-10,BTC,\n", 2, "usd"),
      ("date,currency,usd\n2019-01-10\n", 2, "currency"),
      ("when,what\n", 1, nil),
      ("Date,\"Close Price\"\n\"2019-01-10,3600\n", 2, nil),
    ]
    for (text, line, field) in cases {
      let path = try write(text)
      let error = #expect(throws: InputError.self) { _ = try RateTable.loadCSV(path: path) }
      #expect(error?.file == path && error?.line == line && error?.field == field, "\(text)")
    }
  }
}
