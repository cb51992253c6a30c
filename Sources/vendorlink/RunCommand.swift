import ArgumentParser
import VendorLink

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "run", abstract: "(in progress)")
  func run() throws { throw RuntimeFailure("'run' is not built yet") }
}
