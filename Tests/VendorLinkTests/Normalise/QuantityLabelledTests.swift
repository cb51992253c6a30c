import Foundation
import Testing

@testable import VendorLink

/// The reader against 305 real titles labelled by hand (`Tests/QuantityLabels`: how they
/// were drawn and labelled is in its README). Targets of issue 16: ≥ 95 % of units and
/// ≥ 95 % of totals exactly right, overall; per market a floor a little lower (a market
/// has 30–60 titles, so one title is 2–3 points).
@Suite struct QuantityLabelledTests {
  struct Row {
    var market: String
    var units: Int?
    var dose: Double?
    var total: Double?
    var form: String
    var kind: String
    var title: String
  }

  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Normalise
    .deletingLastPathComponent()  // VendorLinkTests
    .deletingLastPathComponent()  // Tests
    .appendingPathComponent("QuantityLabels")

  static func rows(_ name: String = "labels.tsv") throws -> [Row] {
    let text = try String(
      contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    return try text.split(separator: "\n").dropFirst().map { line in
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 7 else { throw CocoaError(.fileReadCorruptFile) }
      return Row(
        market: f[0], units: Int(f[1]), dose: try amount(f[2]), total: try amount(f[3]),
        form: f[4], kind: f[5], title: f[6])
    }
  }

  /// A label's amount in grams or millilitres: "3.5g", "100ug", "1oz", "1qp", "50*100ug".
  static func amount(_ label: String) throws -> Double? {
    if label.isEmpty { return nil }
    if let star = label.firstIndex(of: "*") {
      guard let n = Double(label[..<star]),
        let each = try amount(String(label[label.index(after: star)...]))
      else { throw CocoaError(.fileReadCorruptFile) }
      return n * each
    }
    let units: [(String, Double)] = [
      ("troyoz", 31.1034768), ("ug", 1e-6), ("mg", 1e-3), ("kg", 1000), ("qp", 453.59237 / 4),
      ("lb", 453.59237), ("oz", 28.349523125), ("ml", 1), ("g", 1),
    ]
    for (suffix, factor) in units where label.hasSuffix(suffix) {
      guard let n = Double(label.dropLast(suffix.count)) else { break }
      return n * factor
    }
    throw CocoaError(.fileReadCorruptFile)
  }

  /// Equal within 1.5 %: "1 Ounce(28G)" restated as 28 g is the same reading as 1 oz.
  static func same(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let a?, let b?): return abs(a - b) <= 0.015 * max(abs(a), abs(b))
    default: return false
    }
  }

  struct Score {
    var n = 0
    var units = 0
    var dose = 0
    var total = 0
    var form = 0
    var kind = 0
    func share(_ k: Int) -> Double { n == 0 ? 1 : Double(k) / Double(n) }
  }

  static func score(_ rows: [Row]) -> (all: Score, byMarket: [String: Score], misses: [String]) {
    var all = Score()
    var byMarket: [String: Score] = [:]
    var misses: [String] = []
    for row in rows {
      let q = QuantityReader.read(title: row.title)
      let hits = [
        q.units == row.units, same(q.dose, row.dose), same(q.total, row.total),
        (q.form?.rawValue ?? "") == row.form,
        q.kind.rawValue.replacingOccurrences(of: "-", with: "") == row.kind,
      ]
      for key in ["", row.market] {
        var s = key.isEmpty ? all : byMarket[key, default: Score()]
        s.n += 1
        s.units += hits[0] ? 1 : 0
        s.dose += hits[1] ? 1 : 0
        s.total += hits[2] ? 1 : 0
        s.form += hits[3] ? 1 : 0
        s.kind += hits[4] ? 1 : 0
        if key.isEmpty { all = s } else { byMarket[key] = s }
      }
      if !(hits[0] && hits[1] && hits[2]) {
        misses.append(
          "\(row.title) → units \(q.units.map(String.init) ?? "-") dose \(q.dose.map { "\($0)" } ?? "-") "
            + "total \(q.total.map { "\($0)" } ?? "-") (\(q.reason?.rawValue ?? ""))")
      }
    }
    return (all, byMarket, misses)
  }

  static func summary(_ all: Score, _ byMarket: [String: Score]) -> String {
    func line(_ name: String, _ s: Score) -> String {
      "\(name) n=\(s.n) units \(s.units) dose \(s.dose) total \(s.total) form \(s.form) kind \(s.kind)"
    }
    return ([line("all", all)] + byMarket.sorted { $0.key < $1.key }.map { line($0.key, $0.value) })
      .joined(separator: "\n")
  }

  @Test func labelledTitlesReadRight() throws {
    let rows = try Self.rows()
    #expect(rows.count >= 300)
    #expect(Set(rows.map(\.market)).count == 7)
    let (all, byMarket, misses) = Self.score(rows)
    let report = misses.joined(separator: "\n")
    if ProcessInfo.processInfo.environment["QUANTITY_LABELS_REPORT"] != nil {
      print(Self.summary(all, byMarket) + "\n" + report)
    }
    #expect(all.share(all.units) >= 0.95, "units \(all.units)/\(all.n)\n\(report)")
    #expect(all.share(all.total) >= 0.95, "totals \(all.total)/\(all.n)\n\(report)")
    #expect(all.share(all.dose) >= 0.95, "doses \(all.dose)/\(all.n)")
    #expect(all.share(all.kind) >= 0.85, "kinds \(all.kind)/\(all.n)")
    #expect(all.share(all.form) >= 0.85, "forms \(all.form)/\(all.n)")
    for (market, s) in byMarket.sorted(by: { $0.key < $1.key }) {
      #expect(s.share(s.units) >= 0.9, "\(market) units \(s.units)/\(s.n)")
      #expect(s.share(s.total) >= 0.9, "\(market) totals \(s.total)/\(s.n)")
    }
  }

  /// 84 titles drawn afterwards with another seed and labelled before the reader saw them
  /// (the rules above were written with the first set in view; this one measures how they
  /// carry over).
  @Test func heldOutTitlesReadRight() throws {
    let rows = try Self.rows("holdout.tsv")
    #expect(rows.count == 84)
    let (all, byMarket, misses) = Self.score(rows)
    let report = misses.joined(separator: "\n")
    if ProcessInfo.processInfo.environment["QUANTITY_LABELS_REPORT"] != nil {
      print("held out\n" + Self.summary(all, byMarket) + "\n" + report)
    }
    #expect(all.share(all.units) >= 0.95, "units \(all.units)/\(all.n)\n\(report)")
    #expect(all.share(all.total) >= 0.95, "totals \(all.total)/\(all.n)\n\(report)")
  }

  /// Property: every prefix of every labelled title reads without trapping (titles cut
  /// mid-quantity, "…10×100 mg/", end a token list where a rule looks one token further).
  @Test func everyPrefixReads() throws {
    for row in try Self.rows() + Self.rows("holdout.tsv") {
      var prefix = ""
      for ch in row.title {
        prefix.append(ch)
        let q = QuantityReader.read(title: prefix)
        #expect(q.units.map { $0 > 0 } ?? true)
      }
    }
  }
}
