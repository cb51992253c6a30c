import ArgumentParser
import VendorLink

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "report", abstract: "(in progress)")
  func run() throws { throw RuntimeFailure("'report' is not built yet") }
}
