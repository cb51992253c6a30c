/// `impersonation` flags: one per pair linking decided `contested` (its words agree, its
/// behaviour does not; `Contest`), on the newer of the two accounts — the one that imitates —
/// naming the account it imitates, the pair's probability and the reasons.
///
/// Read from `matches` rather than recomputed: the decision and its reasons are linking's,
/// and a flag must say exactly what `explain` says about the pair.
enum ImpersonationDetector {
  struct Evidence: Encodable {
    /// The imitated account.
    var imitates: Account
    var probability: Double
    var matchWeight: Double
    var reasons: [String]
  }

  struct Account: Encodable {
    var market: String
    var vendor: String
    var firstSeen: String?
    var lastSeen: String?
  }

  static func detect(_ db: Database) throws -> [Flag] {
    var flags: [Flag] = []
    let sql = """
      SELECT m.account_a, a.market, a.vendor, a.first_seen, a.last_seen,
             m.account_b, b.market, b.vendor, b.first_seen, b.last_seen,
             m.probability, m.match_weight, m.contest_reasons
      FROM matches m JOIN accounts a ON a.account_id = m.account_a
        JOIN accounts b ON b.account_id = m.account_b
      WHERE m.decision = 'contested'
      ORDER BY m.account_a, m.account_b
      """
    try db.forEach(sql) { s in
      let a = (id: s.int(0) ?? 0, account: account(s, 1))
      let b = (id: s.int(5) ?? 0, account: account(s, 6))
      // The newer account imitates the older one (by first seen; ties: the higher id, the
      // account the crawl met later).
      let aIsNewer =
        (a.account.firstSeen ?? "", a.id) > (b.account.firstSeen ?? "", b.id)
      let (imitator, imitated) = aIsNewer ? (a, b) : (b, a)
      let probability = s.double(10) ?? 0
      let reasons = (s.string(12) ?? "").split(separator: ";").map(String.init)
      flags.append(
        Flag(
          kind: .impersonation, accountID: imitator.id, score: rounded(probability, 4),
          evidence: Evidence(
            imitates: imitated.account, probability: rounded(probability, 4),
            matchWeight: rounded(s.double(11) ?? 0, 2), reasons: reasons)))
    }
    return flags
  }

  private static func account(_ s: Statement, _ at: Int) -> Account {
    Account(
      market: s.string(at) ?? "", vendor: s.string(at + 1) ?? "", firstSeen: s.string(at + 2),
      lastSeen: s.string(at + 3))
  }
}
