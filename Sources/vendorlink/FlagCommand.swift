import ArgumentParser
import VendorLink

struct FlagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "flag", abstract: "(in progress)")
  func run() throws { throw RuntimeFailure("'flag' is not built yet") }
}
