import ArgumentParser
import Foundation
import VendorLink

/// `vendorlink explain A B`: the waterfall of one pair's score.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show why two accounts score as they do (prior, each comparison, total).")

  @OptionGroup var database: DatabaseOptions
  @Option(help: "A model file (default: the built-in model).")
  var model: String?
  @Argument(help: "The first account, as MARKET:VENDOR.")
  var first: String
  @Argument(help: "The second account, as MARKET:VENDOR.")
  var second: String

  func validate() throws {
    for a in [first, second] where Explain.parseAccount(a) == nil {
      throw ValidationError("accounts are written MARKET:VENDOR")
    }
  }

  func run() throws {
    let linkModel = try model.map(LinkModel.load(path:)) ?? LinkModel.shipped()
    let db = try Schema.open(database.db, readOnly: true)
    let w = try Explain.waterfall(
      db: db, model: linkModel, a: Explain.parseAccount(first)!, b: Explain.parseAccount(second)!)
    print(w.text)
  }
}
