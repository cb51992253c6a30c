/// Settings of one flag run. Every default is the literature's or the study's; each is
/// recorded in the run's `parameters` so that a flag can be traced to how it was made.
public struct FlagOptions: Sendable, Equatable {
  /// Which kinds to compute (all by default). Kinds left out are removed from the table,
  /// because a run replaces the previous run's flags as a whole.
  public var kinds: Set<FlagKind> = Set(FlagKind.allCases)
  /// Wholesale line in USD at the date's rate: Aldridge & Décary-Hétu (2016) used USD 1,000.
  public var wholesaleThresholdUSD: Double = 1_000
  /// |robust z| above which a unit price is an outlier: Iglewicz & Hoaglin's 3.5.
  public var outlierCutoff: Double = 3.5
  /// Smallest (category, unit) group whose median and MAD are trusted.
  public var outlierMinGroupSize: Int = 20
  /// Days after a closure in which a linked account counts as a migrant: 12 weeks.
  public var migrantWindowDays: Int = 84

  public init() {}

  var parametersJSON: String {
    struct P: Encodable {
      var kinds: [String]
      var wholesaleThresholdUSD: Double
      var outlierCutoff: Double
      var outlierMinGroupSize: Int
      var migrantWindowDays: Int
    }
    return FlagJSON.encode(
      P(
        kinds: kinds.sorted().map(\.rawValue), wholesaleThresholdUSD: wholesaleThresholdUSD,
        outlierCutoff: outlierCutoff, outlierMinGroupSize: outlierMinGroupSize,
        migrantWindowDays: migrantWindowDays))
  }
}

/// What a flag run did: its run id, how many flags of each kind, and notes a user must see
/// (e.g. that linking has not run, so no migrant can be found).
public struct FlagSummary: Sendable {
  public var runID: Int64
  public var counts: [FlagKind: Int]
  public var notes: [String]
  /// False when the identities table was empty: migrants were not looked for.
  public var linkingHasRun: Bool
  /// Wall-clock seconds per stage (for `--timings` and the benchmark; not stored).
  public var timings: [String: Double] = [:]

  public var total: Int { counts.values.reduce(0, +) }
}
