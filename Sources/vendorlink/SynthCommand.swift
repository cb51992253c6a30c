import ArgumentParser
import VendorLink

struct SynthCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "synth", abstract: "(in progress)")
  func run() throws { throw RuntimeFailure("'synth' is not built yet") }
}
