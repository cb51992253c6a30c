/// Moves: an account whose ships-from countries change between two consecutive crawls in
/// which it was seen (the study: Netherlands → Belgium, Belgium → Germany).
///
/// A move needs a country dropped *and* one added: {NL} → {BE} is a move, while {NL} →
/// {NL, BE} only adds a location (that is multi-location, not a move) and {NL, BE} → {BE}
/// only drops one. One flag per account; score = number of moves.
public enum MoveDetector {
  public struct Move: Encodable, Sendable, Equatable {
    public var from: [String]
    public var to: [String]
    /// The last crawl with the old location and the first with the new one.
    public var lastSeenBefore: String
    public var firstSeenAfter: String
    public var before: [String]
    public var after: [String]
  }

  struct Evidence: Encodable {
    var moves: [Move]
    var path: [String]
  }

  /// The moves in one account's history, ordered by date.
  public static func moves(_ rows: ArraySlice<CrawlShipping>) -> [Move] {
    var out: [Move] = []
    for i in rows.indices.dropFirst() {
      let before = Set(rows[i - 1].countries)
      let after = Set(rows[i].countries)
      let dropped = before.subtracting(after)
      let added = after.subtracting(before)
      guard !dropped.isEmpty, !added.isEmpty else { continue }
      out.append(
        Move(
          from: dropped.sorted(), to: added.sorted(), lastSeenBefore: rows[i - 1].observed,
          firstSeenAfter: rows[i].observed, before: rows[i - 1].countries,
          after: rows[i].countries))
    }
    return out
  }

  /// `history` must be ordered by account then date.
  public static func detect(_ history: [CrawlShipping]) -> [Flag] {
    ShippingHistory.byAccount(history).compactMap { rows in
      let found = moves(rows)
      guard let account = rows.first?.accountID, !found.isEmpty else { return nil }
      // The path reads like the study's prose: "NL → BE → DE".
      var path = [found[0].from.joined(separator: "+")]
      path += found.map { $0.to.joined(separator: "+") }
      return Flag(
        kind: .moved, accountID: account, score: Double(found.count),
        evidence: Evidence(moves: found, path: path))
    }
  }
}
