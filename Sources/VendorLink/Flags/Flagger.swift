import Foundation

/// Computes every flag and writes them, replacing the previous run's, in one transaction.
///
/// This is the API `vendorlink flag` and `vendorlink run` call. The run is idempotent: the
/// same data gives the same rows (details are JSON with sorted keys), and a failed or killed
/// run leaves the previous flags in place. Each run is recorded in `runs` (command 'flag',
/// its parameters, counts and notes).
public enum Flagger {
  /// Computes the flags without writing anything (for reports and tests).
  public static func compute(db: Database, options: FlagOptions = FlagOptions()) throws -> (
    flags: [Flag], notes: [String], linkingHasRun: Bool
  ) {
    var timings: [String: Double] = [:]
    return try compute(db: db, options: options, timings: &timings)
  }

  /// As `compute(db:options:)`, recording each stage's wall-clock seconds in `timings`.
  static func compute(db: Database, options: FlagOptions, timings: inout [String: Double])
    throws -> (flags: [Flag], notes: [String], linkingHasRun: Bool)
  {
    var flags: [Flag] = []
    var notes: [String] = []
    let kinds = options.kinds
    var clock = Date()
    func lap(_ stage: String) {
      timings[stage] = Date().timeIntervalSince(clock)
      clock = Date()
    }
    if !kinds.isDisjoint(with: [.multiLocation, .moved]) {
      let history = try ShippingHistory.load(db)
      if kinds.contains(.multiLocation) { flags += MultiLocationDetector.detect(history) }
      if kinds.contains(.moved) { flags += MoveDetector.detect(history) }
      lap("multi-location+moved")
    }
    if kinds.contains(.restriction) {
      flags += RestrictionDetector.flags(try RestrictionDetector.load(db))
      lap("restriction")
    }
    if kinds.contains(.wholesale) {
      let items = try WholesaleDetector.load(db, thresholdUSD: options.wholesaleThresholdUSD)
      flags += WholesaleDetector.flags(items, thresholdUSD: options.wholesaleThresholdUSD)
      lap("wholesale")
    }
    if kinds.contains(.priceOutlier) {
      let (items, excluded) = try PriceOutlierDetector.loadWithExclusions(db)
      let (found, coverage) = PriceOutlierDetector.detectWithCoverage(
        items, cutoff: options.outlierCutoff, minGroupSize: options.outlierMinGroupSize)
      flags += found
      notes.append(PriceOutlierDetector.note(coverage, excluded, options.outlierMinGroupSize))
      lap("price-outlier")
    }
    let linked = try MigrantDetector.linkingHasRun(db)
    if kinds.contains(.migrant) {
      let closures = try MigrantDetector.loadClosures(db)
      if closures.isEmpty {
        notes.append("migrant: no market closure is recorded (markets.closed), so none to follow")
      } else if !linked {
        notes.append(
          "migrant: linking has not run (the identities table is empty); run `vendorlink link` "
            + "first — no migrant was looked for")
      } else {
        flags += MigrantDetector.detect(
          closures: closures, accounts: try MigrantDetector.loadAccounts(db),
          windowDays: options.migrantWindowDays,
          probability: MigrantDetector.probabilityLookup(db))
      }
      lap("migrant")
    }
    if kinds.contains(.impersonation) && linked {
      flags += try ImpersonationDetector.detect(db)
      lap("impersonation")
    }
    return (flags, notes, linked)
  }

  /// Computes and stores the flags: the `flags` table afterwards holds exactly this run's.
  @discardableResult
  public static func run(db: Database, options: FlagOptions = FlagOptions()) throws
    -> FlagSummary
  {
    let started = timestamp()
    var timings: [String: Double] = [:]
    return try db.transaction {
      let (flags, notes, linked) = try compute(db: db, options: options, timings: &timings)
      let writeStart = Date()
      try db.run(
        """
        INSERT INTO runs (command, parameters, tool_version, started_at, status)
        VALUES ('flag', ?, ?, ?, 'running')
        """, [.text(options.parametersJSON), .text(VendorLinkVersion.string), .text(started)])
      let runID = db.lastInsertRowID
      try db.run("DELETE FROM flags")
      let insert = """
        INSERT INTO flags (run_id, kind, account_id, listing_id, score, details)
        VALUES (?, ?, ?, ?, ?, ?)
        """
      var counts: [FlagKind: Int] = [:]
      for kind in options.kinds { counts[kind] = 0 }
      for f in flags {
        try db.run(
          insert,
          [
            .integer(runID), .text(f.kind.rawValue), .integer(f.accountID), SQLValue(f.listingID),
            .real(f.score), .text(f.details),
          ])
        counts[f.kind, default: 0] += 1
      }
      timings["write"] = Date().timeIntervalSince(writeStart)
      let summary = FlagSummary(
        runID: runID, counts: counts, notes: notes, linkingHasRun: linked, timings: timings)
      try db.run(
        "UPDATE runs SET finished_at = ?, status = 'ok', parameters = ? WHERE run_id = ?",
        [.text(timestamp()), .text(summary.recordJSON(options)), .integer(runID)])
      return summary
    }
  }

  static func timestamp() -> String {
    ISO8601DateFormatter().string(from: Date())
  }
}

extension FlagSummary {
  /// The run's parameters plus what it found, as stored in `runs.parameters`.
  func recordJSON(_ options: FlagOptions) -> String {
    struct R: Encodable {
      var options: String
      var counts: [String: Int]
      var notes: [String]
    }
    var c: [String: Int] = [:]
    for (k, v) in counts { c[k.rawValue] = v }
    return FlagJSON.encode(R(options: options.parametersJSON, counts: c, notes: notes))
  }
}
