import Foundation
import Testing

@testable import VendorLink

@Suite struct LinkingExportTests {
  @Test(arguments: [
    ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ("two\nlines", "\"two\nlines\""),
  ])
  func csvQuoting(_ raw: String, _ expected: String) { #expect(Export.csvField(raw) == expected) }

  func export(_ db: Database, _ kind: Export.Kind, _ format: Export.Format) throws -> String {
    var out = ""
    try Export.run(db: db, kind: kind, format: format) { out += $0 }
    return out
  }

  @Test func matchesAndIdentitiesHaveTheContractColumns() throws {
    let (store, _, model) = try LinkingPipelineTests.trainedWorld()
    _ = try Linker.run(db: store.db, model: model)
    let csv = try export(store.db, .matches, .csv)
    let lines = csv.split(separator: "\n")
    #expect(
      lines[0].hasPrefix("market_a,vendor_a,market_b,vendor_b,probability,match_weight,decision,"))
    #expect(lines[0].split(separator: ",").map(String.init) == Export.columnNames(.matches))
    let rows = try store.db.scalarInt("SELECT COUNT(*) FROM matches")!
    #expect(lines.count == Int(rows) + 1)
    let ids = try export(store.db, .identities, .csv)
    #expect(ids.hasPrefix("identity_id,market,vendor\n"))
    #expect(ids.split(separator: "\n").count == 241)
    let json = try export(store.db, .identities, .json)
    let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
    #expect(parsed.count == 240)
    #expect(parsed[0]["identity_id"] is Int)
  }

  @Test func emptyExportsStillHaveHeaders() throws {
    let db = try Schema.open(":memory:")
    #expect(try export(db, .flags, .csv) == "kind,market,vendor,listing,score,details\n")
    #expect(try export(db, .matches, .json) == "[]\n")
  }
}
