import ArgumentParser
import VendorLink

struct IngestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "ingest", abstract: "(in progress)")
  func run() throws { throw RuntimeFailure("'ingest' is not built yet") }
}
