import ArgumentParser
import Foundation
import VendorLink

struct RepriceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reprice",
    abstract: "Recompute every stored price in USD and EUR from the rates known now.",
    discussion: """
      Run after loading rates a crawl lacked (or rates that replace the bundled ECB ones
      for some days). Fiat rates still missing are filled from the bundled ECB reference
      rates first. Prints how many stored values changed and which rates are still missing.

      Examples:
        vendorlink reprice --db study.sqlite --rates btc-daily.csv
        vendorlink reprice --db study.sqlite
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: "A rates CSV (date and BTC close in USD, or date,currency,usd,eur) to load first.")
  var rates: String?

  func run() throws {
    guard FileManager.default.fileExists(atPath: database.db) else {
      throw RuntimeFailure("no database at \(database.db)")
    }
    let db = try Schema.open(database.db)
    if let rates {
      let n = try Ingester(db: db).loadRates(path: rates)
      print("\(rates): \(n) rates loaded")
    }
    let out = try Repricer(db: db).run()
    for (code, n) in out.ratesAdded.sorted(by: { $0.key < $1.key }) {
      print("bundled ECB rates added for \(code): \(n) days")
    }
    print("\(out.changed) stored prices changed")
    for (key, n) in out.missing.sorted(by: { $0.key < $1.key }) {
      print("still no \(key) rate for \(n) prices (add them with --rates)")
    }
  }
}
