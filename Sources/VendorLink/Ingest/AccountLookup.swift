/// Finds an account from what a user typed as `MARKET:VENDOR`, for every command that takes
/// one (`explain`, `export`, ...): the exact name first, else the one account whose market and
/// vendor match ignoring case; an unknown or ambiguous name is an error that lists the
/// closest accounts, so a typo costs one more try, not a search of the database. Messages do
/// not repeat what was typed (it may be a name the user keeps private).
public enum AccountLookup {
  public struct Account: Equatable, Sendable, CustomStringConvertible {
    public let id: Int64
    public let market: String
    public let vendor: String
    public var description: String { "\(market):\(vendor)" }
  }

  /// Suggestions listed with an unknown account.
  public static let suggestions = 3

  /// The account `spec` (`MARKET:VENDOR`, split at the first colon) names.
  public static func find(_ spec: String, in db: Database) throws -> Account {
    guard let colon = spec.firstIndex(of: ":"), colon != spec.startIndex,
      spec.index(after: colon) != spec.endIndex
    else { throw InputRejected("accounts are written MARKET:VENDOR") }
    let market = String(spec[..<colon])
    let vendor = String(spec[spec.index(after: colon)...])
    if let id = try db.scalarInt(
      "SELECT account_id FROM accounts WHERE market = ? AND vendor = ?",
      [.text(market), .text(vendor)])
    {
      return Account(id: id, market: market, vendor: vendor)
    }
    let folded = try db.query(
      """
      SELECT account_id, market, vendor FROM accounts
      WHERE lower(market) = lower(?) AND lower(vendor) = lower(?) ORDER BY account_id
      """, [.text(market), .text(vendor)]
    ).map { Account(id: $0[0].intValue!, market: $0[1].stringValue!, vendor: $0[2].stringValue!) }
    if folded.count == 1 { return folded[0] }
    if folded.count > 1 {
      throw InputRejected(
        "the name matches \(folded.count) accounts when case is ignored: "
          + folded.map(\.description).joined(separator: ", ") + "; write one exactly")
    }
    let near = try closest(to: market, vendor, in: db)
    throw InputRejected(
      "no such account"
        + (near.isEmpty ? "" : "; closest: " + near.map(\.description).joined(separator: ", ")))
  }

  /// The accounts nearest to `market:vendor` by edit distance of the lower-cased names,
  /// within the market when one is named (ignoring case), else over every market.
  public static func closest(to market: String, _ vendor: String, in db: Database) throws
    -> [Account]
  {
    let inMarket =
      try db.scalarInt(
        "SELECT COUNT(*) FROM accounts WHERE lower(market) = lower(?)", [.text(market)]) ?? 0
    let rows = try db.query(
      inMarket > 0
        ? "SELECT account_id, market, vendor FROM accounts WHERE lower(market) = lower(?)"
        : "SELECT account_id, market, vendor FROM accounts",
      inMarket > 0 ? [.text(market)] : [])
    let target = Array((inMarket > 0 ? vendor : market + ":" + vendor).lowercased().utf8)
    var scored: [(Int, Account)] = rows.map { r in
      let a = Account(id: r[0].intValue!, market: r[1].stringValue!, vendor: r[2].stringValue!)
      let name = inMarket > 0 ? a.vendor : a.description
      return (editDistance(target, Array(name.lowercased().utf8)), a)
    }
    scored.sort { ($0.0, $0.1.description) < ($1.0, $1.1.description) }
    return scored.prefix(suggestions).map(\.1)
  }

  /// Levenshtein distance over bytes (names are short; two rows of the table).
  static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in 1...max(b.count, 1) where !b.isEmpty {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
