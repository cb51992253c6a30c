import Foundation
import Testing

@testable import VendorLink

@Suite struct LinkingModelTests {
  static func model() -> LinkModel {
    LinkModel(
      name: "t", version: "t-1", prior: 0.02,
      comparisons: Comparison.allCases.map { c in
        .init(
          name: c.key,
          levels: c.levels.enumerated().map { l, label in
            .init(
              id: c.levelIDs[l], label: label, m: 0.5 / Double(l + 1), u: 0.1 * Double(l + 1),
              uRandom: nil)
          })
      }, training: nil)
  }

  @Test func roundTripsThroughJSON() throws {
    let m = Self.model()
    let back = try LinkModel.decode(try m.encoded(), source: "test")
    #expect(back == m)
    #expect(abs(back.comparisons[0].levels[0].weight - log2(0.5 / 0.1)) < 1e-12)
  }

  @Test func rejectsModelsForOtherComparisons() throws {
    var m = Self.model()
    m.comparisons.removeLast()
    #expect(throws: RuntimeFailure.self) { try m.validate() }
    var n = Self.model()
    n.comparisons[0].levels[0].id = "renamed"
    #expect(throws: RuntimeFailure.self) { try n.validate() }
    var p = Self.model()
    p.comparisons[1].levels[0].u = 0
    #expect(throws: RuntimeFailure.self) { try p.validate() }
    #expect(throws: RuntimeFailure.self) {
      try LinkModel.decode(Data("{\"format\":1}".utf8), source: "x")
    }
  }

  @Test func versionFollowsTheWeights() {
    var m = Self.model()
    let v1 = m.contentVersion()
    m.comparisons[2].levels[1].m = 0.3
    #expect(m.contentVersion() != v1)
    #expect(v1.hasPrefix("t-"))
  }

  /// A fitted weight replaces log2(m/u) and its exclusivity strata, changes the version and
  /// survives JSON; a format 1 file (no fitted weights) still loads.
  @Test func fittedWeightsOverrideMAndU() throws {
    var m = Self.model()
    let v1 = m.contentVersion()
    #expect(!m.hasFittedWeights)
    m.comparisons[0].levels[0].uByExclusivity = [0.2, 0.2, 0.2, 0.2, 0.2]
    #expect(abs(m.weight(.name, level: 0, exclusivity: 1) - log2(0.5 / 0.2)) < 1e-12)
    m.comparisons[0].levels[0].fittedWeight = 1.25
    #expect(m.hasFittedWeights)
    #expect(m.weight(.name, level: 0, exclusivity: 1) == 1.25)
    #expect(m.weightTable[0][0] == 1.25)
    #expect(m.stratifiedWeightTable[0][0] == [1.25, 1.25, 1.25, 1.25, 1.25])
    #expect(m.contentVersion() != v1)
    #expect(try LinkModel.decode(try m.encoded(), source: "test") == m)
    var old = Self.model()
    old.formatVersion = 1
    #expect(try LinkModel.decode(try old.encoded(), source: "test").formatVersion == 1)
    m.comparisons[0].levels[0].fittedWeight = .infinity
    #expect(throws: RuntimeFailure.self) { try m.validate() }
  }

  /// Format 3 names levels by id; a format 2 file (no ids) loads by label, and a format 2
  /// label this version does not know is an error naming it. The error for a model that does
  /// not fit names the comparison and the level.
  @Test func levelsAreNamedByIDAndOlderFormatsByLabel() throws {
    let m = Self.model()
    let json = String(decoding: try m.encoded(), as: UTF8.self)
    #expect(json.contains("\"id\" : \"sameHandle\""))
    var old = m
    old.formatVersion = 2
    for c in old.comparisons.indices {
      for l in old.comparisons[c].levels.indices { old.comparisons[c].levels[l].id = "" }
    }
    let back = try LinkModel.decode(try old.encoded(), source: "v2")
    #expect(back.comparisons.map { $0.levels.map(\.id) } == Comparison.allCases.map(\.levelIDs))
    var renamed = old
    renamed.comparisons[Comparison.prices.rawValue].levels[1].label = "within 11 %"
    let error = #expect(throws: RuntimeFailure.self) {
      try LinkModel.decode(try renamed.encoded(), source: "v2")
    }
    #expect(error?.description.contains("'within 11 %' of 'prices'") == true)
    var wrongID = m
    wrongID.comparisons[Comparison.activity.rawValue].levels[2].id = "gone"
    let idError = #expect(throws: RuntimeFailure.self) { try wrongID.validate() }
    #expect(idError?.description.contains("'activity'") == true)
    #expect(idError?.description.contains("'gone'") == true)
    var fewer = m
    fewer.comparisons.remove(at: Comparison.pitches.rawValue)
    let missing = #expect(throws: RuntimeFailure.self) { try fewer.validate() }
    #expect(missing?.description.contains("missing: pitches") == true)
  }

  /// The shipped model is the package resource models/default.json, byte for byte.
  @Test func shippedModelIsTheModelsFile() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../models/default.json")
    let fromFile = try LinkModel.load(path: file.path)
    #expect(try LinkModel.shipped() == fromFile)
    #expect(fromFile.formatVersion == LinkModel.formatVersion)
  }

  @Test func shippedModelIsValid() throws {
    let m = try LinkModel.shipped()
    #expect(m.name == "default")
    #expect(m.comparisons[Comparison.pgp.rawValue].levels[0].weight > 5)
  }
}
