import ArgumentParser
import VendorLink

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "export", abstract: "(in progress)")
  func run() throws { throw RuntimeFailure("'export' is not built yet") }
}
