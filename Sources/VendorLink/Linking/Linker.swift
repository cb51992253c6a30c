import Foundation

/// What a link run did, for the CLI and for `vendorlink run`.
public struct LinkSummary: Sendable, CustomStringConvertible {
  public var runID: Int64
  public var modelVersion: String
  public var threshold: Double
  public var accounts: Int
  /// Accounts whose evidence changed since the last run (all of them on a full run).
  public var changedAccounts: Int
  public var fullRescore: Bool
  public var candidatePairs: Int
  /// Pairs whose comparisons were computed this run (the rest reused stored levels).
  public var computedPairs: Int
  /// Pairs at or above the threshold.
  public var matches: Int
  /// Identities with more than one account.
  public var multiAccountIdentities: Int
  /// Candidate pairs proposed by each blocking rule (a pair can come from several).
  public var pairsByRule: [String: Int]
  /// Wall seconds per stage.
  public var seconds: [String: Double]

  public var description: String {
    var lines = [
      "link run \(runID): model \(modelVersion), threshold \(threshold)",
      "accounts \(accounts) (changed \(changedAccounts)\(fullRescore ? ", full re-score" : ""))",
      "candidate pairs \(candidatePairs) (computed \(computedPairs)); matches \(matches); "
        + "identities with several accounts \(multiAccountIdentities)",
    ]
    lines.append(
      "blocking: "
        + pairsByRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
          separator: ", "))
    lines.append(
      "seconds: "
        + seconds.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.2f", $0.value))" }
        .joined(separator: ", "))
    return lines.joined(separator: "\n")
  }
}

/// The linking pipeline: evidence → candidates → comparison levels → scores → identities,
/// written to the database in one transaction (a failed run leaves the previous state).
///
/// `vendorlink link` and `vendorlink run` call `Linker.run`. With `changedOnly`, comparisons
/// are computed only for pairs that involve an account whose evidence hash changed since the
/// last run (or pairs not scored before); other pairs reuse their stored levels. A different
/// model or threshold than the last run forces a full re-score.
public enum Linker {
  /// Pairs below this probability are not stored (as Splink's
  /// `predict(threshold_match_probability=0.001)`): nine in ten candidates are clear
  /// non-matches, and writing them cost more than scoring them. Their count is in the summary.
  public static let defaultStorageFloor = 0.001

  public static func run(
    db: Database, model: LinkModel? = nil, threshold: Double = 0.5, changedOnly: Bool = true,
    blocking: BlockingSettings = .init(), storageFloor: Double = Linker.defaultStorageFloor
  ) throws -> LinkSummary {
    guard threshold > 0 && threshold < 1 else {
      throw RuntimeFailure("threshold must be between 0 and 1 (exclusive)")
    }
    let model = try model ?? LinkModel.shipped()
    var seconds: [String: Double] = [:]
    var clock = Date()
    func lap(_ name: String) {
      seconds[name] = Date().timeIntervalSince(clock)
      clock = Date()
    }
    let e = try EvidenceLoader.load(from: db)
    lap("evidence")
    let previous = try LinkStore.previousRun(db)
    let oldHashes = try LinkStore.evidenceHashes(db)
    var changed = [Bool](repeating: true, count: e.count)
    for r in 0..<e.count { changed[r] = oldHashes[e.accountIDs[r]] != e.evidenceHash[r] }
    let nChanged = changed.filter { $0 }.count
    let full =
      !changedOnly || previous == nil || previous?.modelVersion != model.version
      || previous?.toolVersion != VendorLinkVersion.string || previous?.threshold != threshold
      || nChanged == e.count
    let pairs = Blocking.candidates(e, settings: blocking)
    lap("blocking")
    var levels: [Int8]
    var computed = pairs.count
    var cosines: [Float] = []
    if full {
      levels = Scoring.levels(e, pairs, cosines: &cosines)
    } else {
      let stored = try LinkStore.storedLevels(db)
      var need = [Bool](repeating: true, count: pairs.count)
      levels = [Int8](repeating: nullLevel, count: pairs.count * Comparison.count)
      for k in 0..<pairs.count {
        let (x, y) = (Int(pairs.a[k]), Int(pairs.b[k]))
        if changed[x] || changed[y] { continue }
        if let s = stored[LinkStore.pairKey(e.accountIDs[x], e.accountIDs[y])] {
          need[k] = false
          for c in 0..<Comparison.count { levels[k * Comparison.count + c] = s[c] }
        }
      }
      let fresh = Scoring.levels(e, pairs, only: need, cosines: &cosines)
      computed = 0
      for k in 0..<pairs.count where need[k] {
        computed += 1
        for c in 0..<Comparison.count {
          levels[k * Comparison.count + c] = fresh[k * Comparison.count + c]
        }
      }
    }
    Scoring.assignGraphLevels(&levels, pairs, e, cosines: cosines, weights: model.weightTable)
    var scored = ScoredPairs(pairs: pairs, levels: levels)
    Scoring.score(&scored, model: model)
    lap("scoring")
    let labels = Clustering.cluster(e, scored: scored, threshold: threshold)
    let ids = Clustering.stableIDs(
      labels: labels, accountIDs: e.accountIDs, previous: try LinkStore.identities(db))
    lap("clustering")
    var byRule: [String: Int] = [:]
    for rule in BlockingRule.allCases {
      byRule[rule.label] = pairs.rules.reduce(0) { $0 + ($1 & rule.rawValue != 0 ? 1 : 0) }
    }
    let matches = scored.probability.filter { $0 >= threshold }.count
    var sizes: [Int64: Int] = [:]
    for id in ids { sizes[id, default: 0] += 1 }
    let multi = sizes.values.filter { $0 > 1 }.count
    var params: [String: Any] = [
      "threshold": threshold, "changed_only": changedOnly, "full_rescore": full,
      "accounts": e.count, "changed_accounts": full ? e.count : nChanged,
      "candidate_pairs": pairs.count, "computed_pairs": computed, "matches": matches,
      "blocking": byRule, "storage_floor": storageFloor,
      "stored_pairs": scored.probability.filter { $0 >= storageFloor }.count,
    ]
    let runID = try db.transaction {
      let runID = try LinkStore.beginRun(db, parameters: params, modelVersion: model.version)
      try LinkStore.writeMatches(
        db, runID: runID, e, scored, model: model, threshold: threshold, floor: storageFloor)
      try LinkStore.writeIdentities(db, runID: runID, e, ids: ids)
      try LinkStore.writeState(db, runID: runID, e)
      lap("writing")
      params["seconds"] = seconds
      try LinkStore.finishRun(db, runID: runID, parameters: params)
      return runID
    }
    return LinkSummary(
      runID: runID, modelVersion: model.version, threshold: threshold, accounts: e.count,
      changedAccounts: full ? e.count : nChanged, fullRescore: full, candidatePairs: pairs.count,
      computedPairs: computed, matches: matches, multiAccountIdentities: multi,
      pairsByRule: byRule, seconds: seconds)
  }

  /// Trains a model on the database's accounts (see `Trainer`).
  public static func train(
    db: Database, settings: TrainingSettings = .init(),
    blocking: BlockingSettings = .init()
  ) throws -> LinkModel {
    let e = try EvidenceLoader.load(from: db)
    guard e.count >= 2 else {
      throw RuntimeFailure("train: the database has fewer than 2 accounts")
    }
    let pairs = Blocking.candidates(e, settings: blocking)
    return try Trainer.train(e, pairs, settings: settings)
  }
}
