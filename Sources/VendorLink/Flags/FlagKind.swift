/// The kinds of flag `vendorlink flag` writes. The raw values are the `kind` column of the
/// `flags` table and of `vendorlink export flags` (DESIGN.md names them; scripts rely on them).
public enum FlagKind: String, CaseIterable, Sendable, Codable, Comparable {
  /// An account shipping from more than one physical country in the same crawl.
  case multiLocation = "multi-location"
  /// An account whose ships-from countries change between two consecutive crawls.
  case moved
  /// Countries an account refuses to ship to (from the excludes field and from its texts).
  case restriction
  /// A listing priced, or sold, above the wholesale threshold.
  case wholesale
  /// A listing whose unit price lies far from its category's distribution.
  case priceOutlier = "price-outlier"
  /// An account first seen after a market closure and linked to an account of that market.
  case migrant
  /// An account whose words agree with another's but whose behaviour does not (linking's
  /// `contested` decision): it imitates the other (the older account).
  case impersonation

  public static func < (a: FlagKind, b: FlagKind) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
