import Foundation
import Testing

@testable import VendorLink

/// The registry is the one list everything derives from: its constants, columns, model
/// vectors and priors must agree with it.
@Suite struct LinkingRegistryTests {
  @Test func constantsKeysAndLevelsAreConsistent() {
    let constants: [Comparison] = [
      .name, .pgp, .text, .textRank, .sentences, .shipping, .products, .pitches, .prices,
      .activity, .exclusivity, .habits,
    ]
    #expect(ComparisonRegistry.check(constants) == [])
    #expect(constants.map(\.key) == ComparisonRegistry.all.map(\.key))
    #expect(Comparison.graph == [.textRank, .exclusivity])
    #expect(Comparison.pairwise.count + Comparison.graph.count == Comparison.count)
    for c in Comparison.allCases {
      let d = c.declaration
      #expect(d.prior.m.count == d.levels.count, "\(c.key) prior m")
      #expect(abs(d.prior.m.reduce(0, +) - 1) < 1e-12, "\(c.key) prior m sums to 1")
      if let u = d.prior.u {
        #expect(u.count == d.levels.count, "\(c.key) prior u")
        #expect(abs(u.reduce(0, +) - 1) < 1e-12, "\(c.key) prior u sums to 1")
      }
    }
    // Exactly one self-label and one stratifier: training is written around them.
    #expect(Comparison.allCases.filter { $0.declaration.role == .selfLabel } == [.pgp])
    #expect(Comparison.allCases.filter { $0.declaration.role == .stratifier } == [.exclusivity])
  }

  /// `matches` has a level and a weight column per comparison, in registry order, and a
  /// database made before a comparison existed gains its columns on open.
  @Test func matchesColumnsFollowTheRegistry() throws {
    let db = try Schema.open(":memory:")
    var columns: [String] = []
    try db.forEach("PRAGMA table_info(matches)") { s in
      if let name = s.string(1) { columns.append(name) }
    }
    let expected = Comparison.allCases.flatMap { ["\($0.key)_level", "\($0.key)_weight"] }
    #expect(
      columns.filter { $0 != "match_weight" && ($0.hasSuffix("_level") || $0.hasSuffix("_weight")) }
        == expected)
    try db.execute("ALTER TABLE matches DROP COLUMN pitches_level")
    try db.execute("ALTER TABLE matches DROP COLUMN pitches_weight")
    try Schema.addMissingColumns(db, Schema.addedColumns)
    var after: [String] = []
    try db.forEach("PRAGMA table_info(matches)") { s in
      if let name = s.string(1) { after.append(name) }
    }
    #expect(Set(after) == Set(columns))
  }

  /// The shipped model has one weight per registry level, named by the registry's ids.
  @Test func modelVectorsFollowTheRegistry() throws {
    let m = try LinkModel.shipped()
    #expect(m.comparisons.map(\.name) == Comparison.allCases.map(\.key))
    #expect(m.comparisons.map { $0.levels.map(\.id) } == Comparison.allCases.map(\.levelIDs))
    #expect(m.weightTable.map(\.count) == Comparison.allCases.map(\.levels.count))
  }
}
