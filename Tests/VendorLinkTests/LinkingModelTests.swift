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
            .init(label: label, m: 0.5 / Double(l + 1), u: 0.1 * Double(l + 1), uRandom: nil)
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
    n.comparisons[0].levels[0].label = "renamed"
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

  @Test func shippedModelIsValid() throws {
    let m = try LinkModel.shipped()
    #expect(m.name == "default")
    #expect(m.comparisons[Comparison.pgp.rawValue].levels[0].weight > 5)
  }
}
