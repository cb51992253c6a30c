import ArgumentParser
import Foundation
import VendorLink

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "The study's report: shares, product mix, shipping, multi-location, sales, migrants.",
    discussion: """
      Prints the report on the terminal; --csv-dir writes one CSV per table, --html
      one self-contained page with SVG charts (no script, no network).

      Examples:
        vendorlink report --db out/sample.sqlite --country BE
        vendorlink report --db out/sample.sqlite --country BE --html out/report-BE.html \\
          --csv-dir out/report-BE
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: "ISO 3166-1 alpha-2 code of the country studied (e.g. BE).")
  var country: String?

  @Option(help: "Write the report as one self-contained HTML file.")
  var html: String?

  @Option(help: "Write one CSV file per table into this directory.")
  var csvDir: String?

  @Option(help: "Small-sale line in EUR (share of sales under it).")
  var smallSaleEur: Double = 200

  @Option(help: "Large-sale line in EUR (share of revenue from sales at or above it).")
  var largeSaleEur: Double = 200

  @Option(help: "Wholesale line in USD at the date's rate.")
  var wholesaleUsd: Double = 1_000

  @Option(help: "Days after a closure in which a linked new account is a migrant.")
  var migrantWindowDays: Int = 84

  @Option(help: "Rows per table on the terminal.")
  var rows: Int = 20

  @ArgumentParser.Flag(help: "Print each stage's wall-clock seconds on stderr.")
  var timings = false

  func validate() throws {
    if let country, !PhysicalPlace.isCountry(country.uppercased()) {
      throw ValidationError("--country wants an ISO 3166-1 alpha-2 code such as BE")
    }
    guard smallSaleEur > 0, largeSaleEur > 0, wholesaleUsd > 0 else {
      throw ValidationError("sale and wholesale lines must be positive")
    }
    guard migrantWindowDays >= 0, rows >= 0 else {
      throw ValidationError("--migrant-window-days and --rows must be ≥ 0")
    }
  }

  func run() throws {
    guard FileManager.default.fileExists(atPath: database.db) else {
      throw RuntimeFailure("no database at \(database.db); run `vendorlink ingest` first")
    }
    var options = ReportOptions(country: country?.uppercased())
    options.smallSaleEUR = smallSaleEur
    options.largeSaleEUR = largeSaleEur
    options.wholesaleThresholdUSD = wholesaleUsd
    options.migrantWindowDays = migrantWindowDays
    options.terminalRows = rows
    // Views are (re)created on open, so the report needs a writable open; it writes no data.
    let db = try Schema.open(database.db)
    let report = try ReportBuilder.build(db: db, options: options)
    print(TextReport.render(report, maxRows: rows, csvDirectory: csvDir))
    if timings {
      for (stage, seconds) in report.timings {
        FileHandle.standardError.write(
          Data("  \(stage)\t\(String(format: "%.2f", seconds)) s\n".utf8))
      }
    }
    if let csvDir {
      let paths = try CSVReport.write(report, to: csvDir)
      FileHandle.standardError.write(Data("wrote \(paths.count) CSV files to \(csvDir)\n".utf8))
    }
    if let html {
      try HTMLReport.write(report, to: html, csvDirectory: csvDir)
      FileHandle.standardError.write(Data("wrote \(html)\n".utf8))
    }
  }
}
