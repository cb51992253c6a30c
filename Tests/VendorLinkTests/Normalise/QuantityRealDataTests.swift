import Testing

@testable import VendorLink

/// The share of real Agora titles with a quantity (issue 2 asks for it to be reported).
@Suite struct QuantityRealDataTests {
  /// Measured share on the vendor file; the floor leaves a few points for deliberate
  /// tightening (e.g. refusing a risky word) without hiding a broken parser.
  static let measuredShare = 0.698  // 5,955 of 8,533 on 2026-11-29
  static let floor = 0.66

  @Test func agoraTitlesParseShare() throws {
    guard let rows = try NormaliseRealData.rows("agora-2014-01-vendor-listings.csv") else { return }
    let titles = rows.map { $0["product"] ?? "" }
    #expect(titles.count == 8533)
    let parsed = titles.filter { QuantityParser.parse(title: $0) != nil }.count
    let share = Double(parsed) / Double(titles.count)
    #expect(share >= Self.floor, "share \(share)")
  }
}
