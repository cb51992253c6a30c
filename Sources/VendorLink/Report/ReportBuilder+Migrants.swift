import Foundation

extension ReportBuilder {
  /// Migrants after each closure (STUDY.md §5), with the new accounts each surviving market
  /// gained in the window for context. Says so when linking has not run.
  func migrants() throws -> ReportSection {
    let window = options.migrantWindowDays
    var findings: [String] = []
    if closures.isEmpty {
      findings.append("No market closure is recorded, so no migration to follow.")
    }
    // New accounts per market in the window after each closure.
    var newRows: [[ReportCell]] = []
    let all = try MigrantDetector.loadAccounts(db)
    for c in closures {
      guard let closed = Day(c.closed) else { continue }
      var counts: [String: Int] = [:]
      for a in all where a.market != c.market {
        guard let f = a.firstSeen.flatMap(Day.init) else { continue }
        let d = f.days(since: closed)
        if d >= 0 && d <= window { counts[a.market, default: 0] += 1 }
      }
      for m in counts.keys.sorted() {
        newRows.append([.text(c.market), .text(c.closed), .text(m), .int(counts[m]!)])
      }
    }
    var rows: [[ReportCell]] = []
    let linked = try MigrantDetector.linkingHasRun(db)
    if !linked && !closures.isEmpty {
      findings.append(
        "Linking has not run (no identities): run `vendorlink link`, then report again, to see "
          + "which new accounts are vendors of the closed market.")
    } else if linked {
      let mine = try countryAccounts()
      let flags = MigrantDetector.detect(
        closures: closures, accounts: all, windowDays: window,
        probability: MigrantDetector.probabilityLookup(db))
      let origins = try migrantOrigins(flags)
      for (flag, origin) in zip(flags, origins) {
        guard let a = accounts[flag.accountID] else { continue }
        rows.append([
          .text(origin.closedMarket), .text(origin.closed), .text(a.market), .text(a.vendor),
          .text(origin.firstSeen), .int(origin.days), .text(origin.from),
          origin.probability.map { .number($0, decimals: 3) } ?? .empty,
          .text(mine.contains(flag.accountID) ? "yes" : "no"),
        ])
      }
      var perMarket: [String: Int] = [:]
      for r in rows { if case .text(let m) = r[2] { perMarket[m, default: 0] += 1 } }
      for c in closures {
        findings.append(
          "After \(c.market) closed (\(c.closed)): \(rows.filter { $0[0] == .text(c.market) }.count) "
            + "migrant accounts within \(window) days"
            + (perMarket.isEmpty
              ? "."
              : " ("
                + perMarket.keys.sorted().map { "\($0): \(perMarket[$0]!)" }
                .joined(separator: ", ") + ")."))
      }
    }
    let scopeColumn = options.country.map { "ships_from_\($0)" } ?? "in_scope"
    return ReportSection(
      title: "Migrants after closures", findings: findings, charts: [],
      tables: [
        ReportTable(
          id: "new_accounts_after_closure",
          title: "Accounts first seen within \(window) days after a closure",
          columns: ["closed_market", "closed", "market", "new_accounts"], rows: newRows),
        ReportTable(
          id: "migrants", title: "Migrants: new accounts linked to a closed market's account",
          columns: [
            "closed_market", "closed", "market", "vendor", "first_seen", "days_after",
            "from_vendor", "probability", scopeColumn,
          ], rows: rows,
          note: linked
            ? "Probability: the linking's match probability between the two accounts ('–' when "
              + "they were joined only through other accounts of the identity)."
            : "Empty: linking has not run."),
      ])
  }

  struct MigrantOrigin: Decodable {
    struct From: Decodable {
      var vendor: String
      var probability: Double?
    }
    var closedMarket: String
    var closed: String
    var firstSeen: String
    var daysAfterClosure: Int
    var from: [From]
    var days: Int { daysAfterClosure }
  }

  func migrantOrigins(_ flags: [Flag]) throws -> [(
    closedMarket: String, closed: String, firstSeen: String, days: Int, from: String,
    probability: Double?
  )] {
    try flags.map { f in
      let o = try JSONDecoder().decode(MigrantOrigin.self, from: Data(f.details.utf8))
      return (
        o.closedMarket, o.closed, o.firstSeen, o.days,
        o.from.map(\.vendor).joined(separator: ", "), o.from.compactMap(\.probability).max()
      )
    }
  }
}
