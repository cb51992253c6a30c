import Foundation

/// One flag: what was found (kind), about whom (account, and listing for listing-level
/// kinds), how strongly (score; its meaning is per kind, documented in docs/SCHEMA-views.md)
/// and the evidence a person can check (details, a JSON object with sorted keys).
public struct Flag: Sendable, Equatable {
  public var kind: FlagKind
  public var accountID: Int64
  public var listingID: Int64?
  public var score: Double
  public var details: String

  public init(
    kind: FlagKind, accountID: Int64, listingID: Int64? = nil, score: Double, details: String
  ) {
    self.kind = kind
    self.accountID = accountID
    self.listingID = listingID
    self.score = score
    self.details = details
  }

  /// Builds a flag whose details are `evidence` encoded as JSON.
  init<E: Encodable>(
    kind: FlagKind, accountID: Int64, listingID: Int64? = nil, score: Double, evidence: E
  ) {
    self.init(
      kind: kind, accountID: accountID, listingID: listingID, score: score,
      details: FlagJSON.encode(evidence))
  }
}

/// Deterministic JSON for flag details: sorted keys, so that re-running on the same data
/// writes byte-identical rows (the run is idempotent, and diffs between runs are meaningful).
enum FlagJSON {
  static func encode<E: Encodable>(_ value: E) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}

/// Rounds for storage: money to cents and scores to 4 decimals, so that details stay short
/// and stable across platforms' last-bit differences.
func rounded(_ x: Double, _ places: Int = 2) -> Double {
  let p = pow(10.0, Double(places))
  return (x * p).rounded() / p
}
