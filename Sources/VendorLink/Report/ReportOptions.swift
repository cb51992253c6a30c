/// Settings of a report. The defaults are the study's (CRYPTODRUG, STUDY.md §4) and the
/// literature's, so that the numbers read against the published ones.
public struct ReportOptions: Sendable {
  /// ISO alpha-2 code of the country studied ("BE"); nil for the markets as a whole.
  public var country: String?
  /// "Share of sales under €200": the study's small-sale line.
  public var smallSaleEUR: Double = 200
  /// "Share of revenue from the larger sales": sales at or above this EUR value. €200 by
  /// default, the same line, so the two figures are complements (as Kruithof et al. 2016).
  public var largeSaleEUR: Double = 200
  /// Wholesale line in USD at the date's rate (Aldridge & Décary-Hétu 2016).
  public var wholesaleThresholdUSD: Double = 1_000
  /// Migrant window after a closure, as `FlagOptions.migrantWindowDays`.
  public var migrantWindowDays: Int = 84
  /// Rows per table shown on the terminal; CSV and HTML carry every row.
  public var terminalRows: Int = 20

  public init(country: String? = nil) { self.country = country }
}
