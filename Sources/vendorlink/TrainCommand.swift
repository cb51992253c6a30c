import ArgumentParser
import Foundation
import VendorLink

/// `vendorlink train`: fit m/u weights on a database and write a versioned JSON model.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train comparison weights on PGP self-labels (m/u, EM, then fitted weights).")

  @OptionGroup var database: DatabaseOptions
  @Option(help: "Where to write the model JSON, e.g. models/NAME.json.")
  var out: String
  @Option(help: "Seed of the random pairs that estimate u.")
  var seed: UInt64 = 42

  func run() throws {
    let db = try Schema.open(database.db, readOnly: true)
    var settings = TrainingSettings()
    settings.seed = seed
    settings.name = URL(fileURLWithPath: out).deletingPathExtension().lastPathComponent
    settings.data = URL(fileURLWithPath: database.db).lastPathComponent
    let model = try Linker.train(db: db, settings: settings)
    let data = try model.encoded()
    guard FileManager.default.createFile(atPath: out, contents: data + Data("\n".utf8)) else {
      throw RuntimeFailure("train: cannot write \(out)")
    }
    let t = model.training
    print(
      "wrote \(out): model \(model.version), prior \(String(format: "%.4f", model.prior)), "
        + "\(t?.candidatePairs ?? 0) candidate pairs, \(t?.selfLabelledPairs ?? 0) self-labelled, "
        + "EM \(t?.emIterations ?? 0) iterations\(t?.converged == true ? " (converged)" : "")")
    let labelled = t?.selfLabelledPairs ?? 0
    if labelled < settings.minPositiveLabels || !model.hasFittedWeights {
      FileHandle.standardError.write(
        Data(
          ("warning: \(labelled) candidate pairs share a PGP key (\(settings.minPositiveLabels) "
            + "needed to learn from them): the weights are EM's guesses, not fitted to "
            + "self-labels; the shipped model (link without --model) is likely better here\n")
            .utf8))
    }
    for c in model.comparisons {
      let w = c.levels.map { String(format: "%+.2f", $0.weight) }.joined(separator: " ")
      print("  \(c.name): \(w)")
    }
  }
}
