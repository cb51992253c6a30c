import ArgumentParser
import VendorLink

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "explain", abstract: "(in progress)")
  func run() throws { throw RuntimeFailure("'explain' is not built yet") }
}
