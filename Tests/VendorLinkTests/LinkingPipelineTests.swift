import Foundation
import Testing

@testable import VendorLink

@Suite struct LinkingPipelineTests {
  /// The model trained on the test world, once for all tests (training is the slow part).
  static let model: LinkModel = {
    let store = try! TestStore()
    _ = try! TestWorld(store: store, n: 120, aliases: 60, seed: 3)
    var settings = TrainingSettings()
    settings.randomPairs = 5_000
    settings.name = "test"
    return try! Linker.train(db: store.db, settings: settings)
  }()

  /// A fresh copy of the test world and the model trained on it.
  static func trainedWorld() throws -> (TestStore, TestWorld, LinkModel) {
    let store = try TestStore()
    let world = try TestWorld(store: store, n: 120, aliases: 60, seed: 3)
    return (store, world, model)
  }

  func decided(_ db: Database) throws -> Set<[String]> {
    var out = Set<[String]>()
    for r in try db.query(
      """
      SELECT a.market, a.vendor, b.market, b.vendor FROM matches m
      JOIN accounts a ON a.account_id = m.account_a JOIN accounts b ON b.account_id = m.account_b
      WHERE m.decision = 'match'
      """)
    {
      let x = [r[0].stringValue!, r[1].stringValue!]
      let y = [r[2].stringValue!, r[3].stringValue!]
      out.insert(x.lexicographicallyPrecedes(y) ? x + y : y + x)
    }
    return out
  }

  @Test func linksAliasesAndNotLookAlikes() throws {
    let (store, world, model) = try Self.trainedWorld()
    #expect(model.training!.selfLabelledPairs >= 20)
    // A shared key must be strong evidence, a key mismatch evidence against.
    let pgp = model.comparisons[Comparison.pgp.rawValue].levels
    #expect(pgp[0].weight > 3)
    #expect(pgp[1].weight < 0)
    let summary = try Linker.run(db: store.db, model: model, threshold: 0.5)
    let found = try decided(store.db)
    let tp = found.intersection(world.truePairs).count
    #expect(Double(tp) / Double(world.truePairs.count) >= 0.85)
    #expect(Double(tp) / Double(max(found.count, 1)) >= 0.9)
    #expect(summary.candidatePairs > 0 && summary.matches == found.count)
    // Every account has an identity; aliases share one.
    let identities = try store.db.scalarInt("SELECT COUNT(*) FROM identities")
    #expect(identities == 240)
    let merged = try store.db.scalarInt(
      "SELECT COUNT(*) FROM (SELECT identity_id FROM identities GROUP BY identity_id HAVING COUNT(*) > 1)"
    )
    #expect(merged! >= 50)
  }

  @Test func secondRunReusesEverythingAndKeepsIdentityIDs() throws {
    let (store, _, model) = try Self.trainedWorld()
    let first = try Linker.run(db: store.db, model: model)
    #expect(first.fullRescore)
    let ids1 = try store.db.query("SELECT account_id, identity_id FROM identities ORDER BY 1")
    let second = try Linker.run(db: store.db, model: model)
    #expect(!second.fullRescore)
    #expect(second.changedAccounts == 0)
    // Stored pairs are reused; pairs below the storage floor are cheap and recomputed.
    let stored = try store.db.scalarInt("SELECT COUNT(*) FROM matches")!
    #expect(second.computedPairs == second.candidatePairs - Int(stored))
    #expect(stored > 0)
    #expect(second.matches == first.matches)
    let ids2 = try store.db.query("SELECT account_id, identity_id FROM identities ORDER BY 1")
    #expect(ids1 == ids2)
    // One account's profile changes: only its pairs are compared again.
    try store.db.run(
      "UPDATE vendor_observations SET profile = 'completely new words here' WHERE account_id = 5")
    let third = try Linker.run(db: store.db, model: model)
    #expect(third.changedAccounts == 1)
    // More than the pairs below the storage floor: some stored pairs (account 5's) were
    // compared again. (The candidates themselves move with the new profile, so the count is
    // not compared with the second run's.)
    #expect(third.computedPairs > third.candidatePairs - Int(stored))
    #expect(third.computedPairs < third.candidatePairs)
    // A different threshold invalidates decisions: full re-score.
    let fourth = try Linker.run(db: store.db, model: model, threshold: 0.9)
    #expect(fourth.fullRescore)
  }

  @Test func explainAddsUp() throws {
    let (store, world, model) = try Self.trainedWorld()
    _ = try Linker.run(db: store.db, model: model)
    let pair = world.truePairs.sorted { $0.joined() < $1.joined() }.first!
    let w = try Explain.waterfall(
      db: store.db, model: model, a: (pair[0], pair[1]), b: (pair[2], pair[3]))
    #expect(
      Array(w.steps.map(\.comparison).prefix(Comparison.count))
        == Comparison.allCases.map(\.key))
    // Then at most the writing cap's line.
    #expect(w.steps.count == Comparison.count || w.steps.last?.comparison == "writing")
    let sum = w.priorBits + w.steps.map(\.weight).reduce(0, +)
    #expect(abs(sum - w.totalBits) < 1e-9)
    #expect(abs(w.steps.last!.cumulative - w.totalBits) < 1e-9)
    let stored = try store.db.scalar(
      """
      SELECT m.match_weight FROM matches m JOIN accounts a ON a.account_id = m.account_a
      JOIN accounts b ON b.account_id = m.account_b
      WHERE (a.vendor = ? AND b.vendor = ?) OR (a.vendor = ? AND b.vendor = ?)
      """, [.text(pair[1]), .text(pair[3]), .text(pair[3]), .text(pair[1])])
    #expect(abs((stored?.doubleValue ?? .nan) - w.totalBits) < 1e-9)
    #expect(w.text.contains("pgp"))
    #expect(throws: InputRejected.self) {
      try Explain.waterfall(db: store.db, model: model, a: ("A", "nope"), b: (pair[2], pair[3]))
    }
  }

  @Test func accountArgumentsParse() {
    #expect(Explain.parseAccount("dream:DutchMagic")! == ("dream", "DutchMagic"))
    #expect(Explain.parseAccount("wsm:a:b")! == ("wsm", "a:b"))
    #expect(Explain.parseAccount("nocolon") == nil)
    #expect(Explain.parseAccount(":x") == nil)
    #expect(Explain.parseAccount("x:") == nil)
  }
}
