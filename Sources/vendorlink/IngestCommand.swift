import ArgumentParser
import Foundation
import VendorLink

struct IngestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Import crawl files (JSON Lines, or CSV with a column mapping) into the database.",
    discussion: """
      Each file is one crawl and one transaction. A file imported before (same
      SHA-256) changes nothing. Bad records are named by file:line:field; with
      --on-error skip they are kept in the `rejects` table and the rest is imported,
      with --on-error abort the whole crawl is rolled back. Nothing stored before is
      ever lost.

      Examples:
        vendorlink ingest datasets/sample/crawl-2019-01-15.jsonl --db study.sqlite
        vendorlink ingest agora.csv --format csv --market agora --currency BTC \\
          --map 'observed=date,vendor=vendor,title=product,price=price,ships_from=from,ships_to=to' \\
          --rates btc-usd-daily-coindesk.csv --db study.sqlite
        vendorlink ingest whitehouse-2020-09-17-listings.csv --preset whitehouse --db wh.sqlite
      """)

  @Argument(help: "Crawl files to import, in order.")
  var files: [String]

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var input: InputOptions

  func validate() throws { try input.validate() }

  func run() throws {
    let db = try Schema.open(database.db)
    let ingester = Ingester(db: db)
    try input.loadRates(into: ingester)
    var anyRejected = false
    for file in files {
      let summary = try ProgressLine.around(label: file) { progress in
        ingester.progress = progress
        return try ingester.ingest(path: file, options: try input.options(for: file))
      }
      print(summary)
      for e in summary.firstErrors { FileHandle.standardError.write(Data("  \(e)\n".utf8)) }
      if summary.rejected > summary.firstErrors.count {
        FileHandle.standardError.write(
          Data("  … \(summary.rejected - summary.firstErrors.count) more in table rejects\n".utf8))
      }
      anyRejected = anyRejected || summary.rejected > 0
    }
    _ = anyRejected
  }
}

/// Input options shared by `ingest` and `run`.
struct InputOptions: ParsableArguments {
  @Option(help: "Input format (default: csv for .csv files, jsonl otherwise).")
  var format: IngestOptions.Format?

  @Option(
    help: ArgumentHelp(
      "CSV column mapping: FIELD=Column,... (fields: \(CSVMapping.fields.sorted().joined(separator: ", "))).",
      valueName: "FIELD=Column,..."))
  var map: String?

  @Option(
    help:
      "A named CSV mapping for the bundled real scrapes: \(CSVMapping.presets.keys.sorted().joined(separator: ", "))."
  )
  var preset: String?

  @Option(help: "Market of CSV rows without a market column.")
  var market: String?

  @Option(help: "Currency of CSV prices without a currency column (BTC, USD, EUR, AUD, ...).")
  var currency: String?

  @Option(help: "A rates CSV (date and BTC close in USD, or date,currency,usd,eur) to load first.")
  var rates: String?

  @Option(
    name: .customLong("on-error"),
    help: "skip: keep bad records in `rejects` and go on; abort: roll the crawl back.")
  var onError: IngestOptions.OnError = .skip

  func validate() throws {
    if let preset, CSVMapping.presets[preset] == nil {
      throw ValidationError("unknown preset '\(preset)'")
    }
    if let map {
      do { _ = try CSVMapping(parsing: map) } catch {
        throw ValidationError("--map: \(error.message)")
      }
    }
  }

  func options(for file: String) throws -> IngestOptions {
    let p = preset.flatMap { CSVMapping.presets[$0] }
    let mapping = try map.map { try CSVMapping(parsing: $0) } ?? p?.mapping
    let fmt = format ?? (file.lowercased().hasSuffix(".csv") || mapping != nil ? .csv : .jsonl)
    return IngestOptions(
      format: fmt, onError: onError, market: market ?? p?.market,
      currency: currency ?? p?.currency, mapping: mapping)
  }

  func loadRates(into ingester: Ingester) throws {
    guard let rates else { return }
    let n = try ingester.loadRates(path: rates)
    print("\(rates): \(n) rates loaded")
  }
}

extension IngestOptions.Format: ExpressibleByArgument {}
extension IngestOptions.OnError: ExpressibleByArgument {}
