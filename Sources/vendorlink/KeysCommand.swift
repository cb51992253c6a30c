import ArgumentParser
import VendorLink

struct KeysCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "keys", abstract: "(in progress)")
  func run() throws { throw RuntimeFailure("'keys' is not built yet") }
}
