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

  @Test func shippedModelIsValid() throws {
    let m = try LinkModel.shipped()
    #expect(m.name == "default")
    #expect(m.comparisons[Comparison.pgp.rawValue].levels[0].weight > 5)
  }
}
