import Foundation
import Testing

@testable import VendorLink

@Suite struct DatabaseTests {
  @Test func transactionRollsBackOnError() throws {
    let db = try Schema.open(":memory:")
    try db.run("INSERT INTO markets(market, name) VALUES (?, ?)", [.text("dream"), .text("Dream")])
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try db.transaction {
        try db.run("INSERT INTO markets(market) VALUES ('wsm')")
        throw Boom()
      }
    }
    #expect(try db.scalarInt("SELECT COUNT(*) FROM markets") == 1)
  }

  @Test func newDatabaseFileIsPrivate() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vl-\(UUID().uuidString).sqlite"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    _ = try Schema.open(path)
    let attrs = try FileManager.default.attributesOfItem(atPath: path)
    let perms = (attrs[.posixPermissions] as? NSNumber)?.intValue ?? -1
    #expect(perms & 0o077 == 0)
  }
}
