import ArgumentParser
import VendorLink

struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "train", abstract: "(in progress)")
  func run() throws { throw RuntimeFailure("'train' is not built yet") }
}
