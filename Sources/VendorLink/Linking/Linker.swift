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
    var clock = StageClock()
    let e = try EvidenceLoader.load(from: db)
    clock.lap("evidence")
    let scope = try RunScope(db, e, model: model, threshold: threshold, changedOnly: changedOnly)
    let pairs = Blocking.candidates(e, settings: blocking)
    clock.lap("blocking")
    var (scored, computed) = try score(db, e, pairs, model: model, scope: scope)
    Contest.decide(&scored, e, threshold: threshold)
    clock.lap("scoring")
    let labels = Clustering.cluster(e, scored: scored.withoutContested, threshold: threshold)
    let ids = Clustering.stableIDs(
      labels: labels, accountIDs: e.accountIDs, previous: try LinkStore.identities(db))
    clock.lap("clustering")
    var params = LinkRunParameters(
      threshold: threshold, changedOnly: changedOnly, fullRescore: scope.full,
      accounts: e.count, changedAccounts: scope.changedAccounts, candidatePairs: pairs.count,
      computedPairs: computed,
      matches: scored.decisions(threshold: threshold).filter { $0 == .match }.count,
      blocking: pairsByRule(pairs), storageFloor: storageFloor,
      storedPairs: scored.probability.filter { $0 >= storageFloor }.count)
    let runID = try db.transaction {
      let runID = try LinkStore.beginRun(db, parameters: params, modelVersion: model.version)
      try LinkStore.writeMatches(
        db, runID: runID, e, scored, model: model, threshold: threshold, floor: storageFloor)
      try LinkStore.writeIdentities(db, runID: runID, e, ids: ids)
      try LinkStore.writeState(db, runID: runID, e)
      clock.lap("writing")
      params.seconds = clock.seconds
      try LinkStore.finishRun(db, runID: runID, parameters: params)
      return runID
    }
    return LinkSummary(
      runID: runID, modelVersion: model.version, threshold: threshold, accounts: e.count,
      changedAccounts: params.changedAccounts, fullRescore: scope.full,
      candidatePairs: pairs.count, computedPairs: computed, matches: params.matches,
      multiAccountIdentities: multiAccountIdentities(ids), pairsByRule: params.blocking,
      seconds: clock.seconds)
  }

  /// Which accounts changed since the last run, and whether every pair must be re-scored: on
  /// a full run, or when the model, tool version or threshold differ from the last run's.
  struct RunScope {
    var changed: [Bool]
    var full: Bool
    var changedAccounts: Int

    init(
      _ db: Database, _ e: AccountEvidence, model: LinkModel, threshold: Double,
      changedOnly: Bool
    ) throws {
      let previous = try LinkStore.previousRun(db)
      let oldHashes = try LinkStore.evidenceHashes(db)
      changed = (0..<e.count).map { oldHashes[e.accountIDs[$0]] != e.evidenceHash[$0] }
      let nChanged = changed.filter { $0 }.count
      full =
        !changedOnly || previous == nil || previous?.modelVersion != model.version
        || previous?.toolVersion != VendorLinkVersion.string || previous?.threshold != threshold
        || nChanged == e.count
      changedAccounts = full ? e.count : nChanged
    }
  }

  /// Every candidate's levels (computed, or on an incremental run reused from the stored
  /// pairs whose accounts did not change), graph levels and scores; and how many pairs were
  /// computed.
  static func score(
    _ db: Database, _ e: AccountEvidence, _ pairs: CandidatePairs, model: LinkModel,
    scope: RunScope
  ) throws -> (ScoredPairs, computed: Int) {
    var levels: [Int8]
    var computed = pairs.count
    var cosines: [Float] = []
    if scope.full {
      levels = Scoring.levels(e, pairs, cosines: &cosines)
    } else {
      (levels, computed) = try reuseLevels(db, e, pairs, changed: scope.changed, &cosines)
    }
    Scoring.assignGraphLevels(
      &levels, pairs, e, cosines: cosines, weights: model.weightTable,
      writingCap: model.writingCap)
    var scored = ScoredPairs(pairs: pairs, levels: levels)
    Scoring.score(&scored, model: model, evidence: e)
    return (scored, computed)
  }

  /// Levels of an incremental run: stored levels for pairs of unchanged accounts scored
  /// before, computed levels for the rest (`cosines` filled for those).
  static func reuseLevels(
    _ db: Database, _ e: AccountEvidence, _ pairs: CandidatePairs, changed: [Bool],
    _ cosines: inout [Float]
  ) throws -> ([Int8], computed: Int) {
    let C = Comparison.count
    let stored = try LinkStore.storedLevels(db)
    var need = [Bool](repeating: true, count: pairs.count)
    var levels = [Int8](repeating: nullLevel, count: pairs.count * C)
    for k in 0..<pairs.count {
      let (x, y) = (Int(pairs.a[k]), Int(pairs.b[k]))
      if changed[x] || changed[y] { continue }
      if let s = stored[LinkStore.pairKey(e.accountIDs[x], e.accountIDs[y])] {
        need[k] = false
        for c in 0..<C { levels[k * C + c] = s[c] }
      }
    }
    let fresh = Scoring.levels(e, pairs, only: need, cosines: &cosines)
    var computed = 0
    for k in 0..<pairs.count where need[k] {
      computed += 1
      for c in 0..<C { levels[k * C + c] = fresh[k * C + c] }
    }
    return (levels, computed)
  }

  /// Candidate pairs proposed by each blocking rule (a pair can come from several).
  static func pairsByRule(_ pairs: CandidatePairs) -> [String: Int] {
    var byRule: [String: Int] = [:]
    for rule in BlockingRule.allCases {
      byRule[rule.label] = pairs.rules.reduce(0) { $0 + ($1 & rule.rawValue != 0 ? 1 : 0) }
    }
    return byRule
  }

  /// Identities with more than one account.
  static func multiAccountIdentities(_ ids: [Int64]) -> Int {
    var sizes: [Int64: Int] = [:]
    for id in ids { sizes[id, default: 0] += 1 }
    return sizes.values.filter { $0 > 1 }.count
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

/// What a link run records in `runs.parameters` (JSON, keys sorted): its settings and
/// counts, and at the end the seconds per stage.
struct LinkRunParameters: Encodable {
  var threshold: Double
  var changedOnly: Bool
  var fullRescore: Bool
  var accounts: Int
  var changedAccounts: Int
  var candidatePairs: Int
  var computedPairs: Int
  var matches: Int
  var blocking: [String: Int]
  var storageFloor: Double
  var storedPairs: Int
  /// Wall seconds per stage; nil until the run's end.
  var seconds: [String: Double]? = nil

  enum CodingKeys: String, CodingKey {
    case threshold, accounts, matches, blocking, seconds
    case changedOnly = "changed_only"
    case fullRescore = "full_rescore"
    case changedAccounts = "changed_accounts"
    case candidatePairs = "candidate_pairs"
    case computedPairs = "computed_pairs"
    case storageFloor = "storage_floor"
    case storedPairs = "stored_pairs"
  }
}

/// Wall seconds per pipeline stage.
struct StageClock {
  private(set) var seconds: [String: Double] = [:]
  private var last = Date()

  /// Records the time since the last lap as stage `name`.
  mutating func lap(_ name: String) {
    let now = Date()
    seconds[name] = now.timeIntervalSince(last)
    last = now
  }
}
