import ArgumentParser
import VendorLink

struct LinkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "link", abstract: "(in progress)")
  func run() throws { throw RuntimeFailure("'link' is not built yet") }
}
