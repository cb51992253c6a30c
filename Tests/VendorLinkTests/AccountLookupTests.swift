import Foundation
import Testing

@testable import VendorLink

/// `MARKET:VENDOR` as users type it: exact first, then ignoring case, else the closest three.
@Suite struct AccountLookupTests {
  func store(_ names: [(String, String)]) throws -> (Database, TempDir) {
    let dir = try TempDir()
    let db = try Schema.open(dir.path("a.sqlite"))
    for (m, v) in names {
      try db.run("INSERT OR IGNORE INTO markets(market) VALUES (?)", [.text(m)])
      try db.run("INSERT INTO accounts(market, vendor) VALUES (?, ?)", [.text(m), .text(v)])
    }
    return (db, dir)
  }

  @Test func exactThenCaseInsensitiveThenClosest() throws {
    let (db, dir) = try store([
      ("whm", "StarOutlet"), ("whm", "staroutle"), ("whm", "EuroShopper"), ("whm", "Fairfax"),
      ("dream", "StarOutlet"), ("whm", "DrugSource"),
    ])
    defer { dir.cleanup() }
    #expect(try AccountLookup.find("whm:StarOutlet", in: db).vendor == "StarOutlet")
    #expect(try AccountLookup.find("WHM:euroshopper", in: db).description == "whm:EuroShopper")
    #expect(try AccountLookup.find("whm:staroutle", in: db).vendor == "staroutle")
    do {
      _ = try AccountLookup.find("whm:starotlet", in: db)
      Issue.record("an unknown account must throw")
    } catch let e as InputRejected {
      #expect(
        e.message
          == "no such account; closest: whm:StarOutlet, whm:staroutle, whm:Fairfax")
    }
    // An unknown market: the closest over every market, by the whole name.
    let near = try AccountLookup.closest(to: "dram", "staroutlet", in: db)
    #expect(near.first?.description == "dream:StarOutlet")
    #expect(throws: InputRejected.self) { try AccountLookup.find("whm", in: db) }
  }

  @Test func ambiguousWhenCaseIsIgnored() throws {
    let (db, dir) = try store([("m", "Abc"), ("m", "ABC")])
    defer { dir.cleanup() }
    #expect(throws: InputRejected.self) { try AccountLookup.find("m:abc", in: db) }
    #expect(try AccountLookup.find("m:ABC", in: db).vendor == "ABC")
  }

  @Test(arguments: [("", "", 0), ("abc", "abc", 0), ("abc", "", 3), ("kitten", "sitting", 3)])
  func editDistances(a: String, b: String, d: Int) {
    #expect(AccountLookup.editDistance(Array(a.utf8), Array(b.utf8)) == d)
  }
}
