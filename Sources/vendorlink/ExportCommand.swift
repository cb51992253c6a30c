import ArgumentParser
import Foundation
import VendorLink

/// `vendorlink export matches|identities|flags`: tables as CSV or JSON on standard output.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export matches, identities or flags as CSV or JSON (to standard output).",
    discussion: """
      matches:
      market_a,vendor_a,market_b,vendor_b,probability,match_weight,decision, then
      each comparison's level and weight, and the blocking rules that proposed the
      pair. identities: identity_id,market,vendor. flags:
      kind,market,vendor,listing,score,details.
      """)

  @Argument(help: "What to export: matches, identities or flags.")
  var kind: Export.Kind
  @OptionGroup var database: DatabaseOptions
  @Option(help: "csv or json.")
  var format: Export.Format = .csv

  func run() throws {
    guard FileManager.default.fileExists(atPath: database.db) else {
      throw RuntimeFailure("export: no database at \(database.db)")
    }
    let db = try Schema.open(database.db, readOnly: true)
    let out = FileHandle.standardOutput
    try Export.run(db: db, kind: kind, format: format) { out.write(Data($0.utf8)) }
  }
}

extension Export.Kind: ExpressibleByArgument {}
extension Export.Format: ExpressibleByArgument {}
