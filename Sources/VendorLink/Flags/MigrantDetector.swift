import Foundation

/// Migrants: after a market closes, accounts on other markets first seen within a window
/// after the closure that the linking places in one identity with an account of the closed
/// market (the study: vendors who possibly came to Wall Street Market from Dream Market).
///
/// The default window is 12 weeks: the study saw Wall Street's growth jump within the two
/// months after Dream closed, and migrating vendors announce new accounts within weeks;
/// a longer window mostly adds vendors who would have joined anyway.
///
/// One flag per migrant account. Score: the linking's match probability between the new
/// account and the closed market's account (the highest if several; null evidence when the
/// two were only joined through other accounts of the identity — then the score is the
/// highest probability of any pair joining them, or 0 when no pair was stored).
public enum MigrantDetector {
  public struct Closure: Sendable, Equatable {
    public var market: String
    public var closed: String
    public var closure: String?
    public init(market: String, closed: String, closure: String? = nil) {
      self.market = market
      self.closed = closed
      self.closure = closure
    }
  }

  public struct Account: Sendable, Equatable {
    public var accountID: Int64
    public var market: String
    public var vendor: String
    public var firstSeen: String?
    public var lastSeen: String?
    public var identity: Int64?
    public init(
      accountID: Int64, market: String, vendor: String, firstSeen: String?, lastSeen: String?,
      identity: Int64?
    ) {
      self.accountID = accountID
      self.market = market
      self.vendor = vendor
      self.firstSeen = firstSeen
      self.lastSeen = lastSeen
      self.identity = identity
    }
  }

  struct Evidence: Encodable {
    struct Origin: Encodable {
      var market: String
      var vendor: String
      var lastSeen: String?
      var probability: Double?
    }
    var closedMarket: String
    var closed: String
    var closure: String?
    var firstSeen: String
    var daysAfterClosure: Int
    var identity: Int64
    var from: [Origin]
  }

  /// Whether linking has produced identities; the migrant flag needs them.
  static func linkingHasRun(_ db: Database) throws -> Bool {
    try db.scalarInt("SELECT EXISTS (SELECT 1 FROM identities)") == 1
  }

  /// `probability(a, b)`: the stored match probability of a pair, either order, if any.
  public static func detect(
    closures: [Closure], accounts: [Account], windowDays: Int,
    probability: (Int64, Int64) -> Double?
  ) -> [Flag] {
    var members: [Int64: [Account]] = [:]
    for a in accounts { if let id = a.identity { members[id, default: []].append(a) } }
    var flags: [Flag] = []
    for closure in closures.sorted(by: { $0.closed < $1.closed }) {
      guard let closed = Day(closure.closed) else { continue }
      for a in accounts where a.market != closure.market {
        guard let identity = a.identity, let first = a.firstSeen.flatMap(Day.init) else {
          continue
        }
        let days = first.days(since: closed)
        guard days >= 0, days <= windowDays else { continue }
        let origins = (members[identity] ?? []).filter { $0.market == closure.market }
        guard !origins.isEmpty else { continue }
        let from = origins.map { o in
          Evidence.Origin(
            market: o.market, vendor: o.vendor, lastSeen: o.lastSeen,
            probability: probability(a.accountID, o.accountID).map { rounded($0, 4) })
        }
        let score = from.compactMap(\.probability).max() ?? 0
        let evidence = Evidence(
          closedMarket: closure.market, closed: closure.closed, closure: closure.closure,
          firstSeen: a.firstSeen ?? "", daysAfterClosure: days, identity: identity, from: from)
        flags.append(
          Flag(kind: .migrant, accountID: a.accountID, score: score, evidence: evidence))
      }
    }
    return flags
  }

  static func loadClosures(_ db: Database) throws -> [Closure] {
    try db.query("SELECT market, closed, closure FROM markets WHERE closed IS NOT NULL")
      .compactMap { r in
        guard let m = r[0].stringValue, let c = r[1].stringValue else { return nil }
        return Closure(market: m, closed: c, closure: r[2].stringValue)
      }
  }

  static func loadAccounts(_ db: Database) throws -> [Account] {
    let sql = """
      SELECT a.account_id, a.market, a.vendor, a.first_seen, a.last_seen, i.identity_id
      FROM accounts a LEFT JOIN identities i ON i.account_id = a.account_id
      ORDER BY a.account_id
      """
    var out: [Account] = []
    try db.forEach(sql) { s in
      guard let id = s.int(0), let m = s.string(1), let v = s.string(2) else { return }
      out.append(
        Account(
          accountID: id, market: m, vendor: v, firstSeen: s.string(3), lastSeen: s.string(4),
          identity: s.int(5)))
    }
    return out
  }

  /// Match probabilities of the pairs the detector asks about, looked up one by one (there
  /// are few migrants; the matches table is keyed by the pair).
  static func probabilityLookup(_ db: Database) -> (Int64, Int64) -> Double? {
    { a, b in
      let sql = """
        SELECT probability FROM matches
        WHERE (account_a = ? AND account_b = ?) OR (account_a = ? AND account_b = ?)
        """
      return try? db.scalar(sql, [.integer(a), .integer(b), .integer(b), .integer(a)])?
        .doubleValue
    }
  }
}

/// A calendar day parsed from the first ten characters of an ISO 8601 date ("2019-04-30",
/// "2019-04-30T12:00:00Z"), as a day number, for window arithmetic without time zones.
struct Day: Comparable, Sendable {
  let number: Int

  init?(_ iso: String) {
    let parts = iso.prefix(10).split(separator: "-")
    guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      (1...12).contains(m), (1...31).contains(d)
    else { return nil }
    number = CivilDate.dayNumber(year: y, month: m, day: d)
  }

  func days(since other: Day) -> Int { number - other.number }
  static func < (a: Day, b: Day) -> Bool { a.number < b.number }
}
