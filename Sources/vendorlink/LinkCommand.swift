import ArgumentParser
import Foundation
import VendorLink

/// `vendorlink link`: score candidate pairs and cluster identities (issue 5).
struct LinkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "link",
    abstract: "Score candidate account pairs and group accounts into identities.",
    discussion: """
      Writes matches (one row per candidate pair, with every comparison's level and
      weight), identities and each account's evidence hash. Only pairs that involve
      an account whose evidence changed since the last run are compared again,
      unless --full is given or the model or threshold changed.

      Examples:
        vendorlink link --db study.sqlite
        vendorlink link --db study.sqlite --model models/mine.json --threshold 0.7
        vendorlink link --db study.sqlite --full --exact-text
      """)

  @OptionGroup var database: DatabaseOptions
  @Option(help: "A model file from `vendorlink train` (default: the built-in model).")
  var model: String?
  @Option(help: "Decision threshold on the match probability, between 0 and 1.")
  var threshold: Double = 0.5
  @ArgumentParser.Flag(help: "Re-compare every pair, even when evidence is unchanged.")
  var full = false
  @ArgumentParser.Flag(
    help: "Compare every pair of texts when looking for text neighbours (slower on large markets).")
  var exactText = false

  func validate() throws {
    guard threshold > 0 && threshold < 1 else {
      throw ValidationError("--threshold must be between 0 and 1 (exclusive)")
    }
  }

  func run() throws {
    let db = try Schema.open(database.db)
    let linkModel = try model.map(LinkModel.load(path:)) ?? LinkModel.shipped()
    var blocking = BlockingSettings()
    blocking.exactTextSearch = exactText
    let summary = try Linker.run(
      db: db, model: linkModel, threshold: threshold, changedOnly: !full, blocking: blocking)
    print(summary)
  }
}
