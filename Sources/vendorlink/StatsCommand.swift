import ArgumentParser
import VendorLink

struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "stats", abstract: "(in progress)")
  func run() throws { throw RuntimeFailure("'stats' is not built yet") }
}
