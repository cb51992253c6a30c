import ArgumentParser
import Foundation
import VendorLink

/// The linking step of `vendorlink run`.
struct RunLinkOptions: ParsableArguments {
  @Option(help: "A trained model (JSON); default: the model shipped with the tool.")
  var model: String?

  @Option(help: "Match probability at or above which a pair is decided a match.")
  var threshold: Double = 0.5

  func validate() throws {
    guard threshold > 0, threshold < 1 else {
      throw ValidationError("--threshold must be in (0, 1)")
    }
  }

  /// Links incrementally: only pairs touching accounts whose evidence changed are re-compared.
  func link(db: Database) throws {
    let linkModel = try model.map(LinkModel.load(path:)) ?? LinkModel.shipped()
    print(try Linker.run(db: db, model: linkModel, threshold: threshold, changedOnly: true))
  }
}
