import Foundation
import Testing

@testable import VendorLink

@Suite struct LinkingComparisonTests {
  func evidence(_ build: (TestStore) throws -> Void) throws -> AccountEvidence {
    let s = try TestStore()
    try build(s)
    return try EvidenceLoader.load(from: s.db)
  }

  @Test func levelsOfOnePair() throws {
    let e = try evidence { s in
      try s.market("dream", closed: "2019-04-30")
      let listing = TestStore.Listing(
        title: "10g Cocaine 90% - fast", price: 500, from: "NL", to: ["EU"])
      try s.account(
        "dream", "DutchMagic", profile: "Welcome to DutchMagic, vacuum sealed, stealth NL",
        keys: ["AAAA"], listings: [listing], first: "2018-01-01", last: "2019-04-20")
      try s.account(
        "wsm", "dutch_magic", profile: "Welcome to dutch_magic, vacuum sealed, stealth NL",
        keys: ["AAAA", "BBBB"], listings: [listing], first: "2019-05-10", last: "2019-09-01")
      try s.account("wsm", "Stranger", profile: nil, keys: ["CCCC"], listings: [])
      try s.account("empire", "Nobody", profile: "something else entirely", keys: [])
    }
    let c = PairComparer(e)
    #expect(c.nameLevel(0, 1) == 1)
    #expect(c.pgpLevel(0, 1) == 0)
    #expect(c.pgpLevel(0, 2) == 1)
    #expect(c.pgpLevel(0, 3) == -1)
    #expect(c.textLevel(c.cosine(0, 2)) == -1)
    #expect(c.shippingLevel(0, 1) == 0)
    #expect(c.shippingLevel(0, 2) == -1)
    #expect(c.productsLevel(0, 1) == 0)
    #expect(c.pricesLevel(0, 1) == 0)
    #expect(c.pricesLevel(0, 3) == -1)
    // Dream closed 2019-04-30; the old account stopped 10 days before, the new one started
    // 10 days after.
    #expect(c.activityLevel(0, 1) == 1)
  }

  @Test func nameLevelsAreOrdered() throws {
    let names = [
      "DutchMagic", "DutchMagic", "dutch-magic", "TheDutchMagic_official", "DutchMagicianHouse",
      "DutchMoney", "GreenTiger",
    ]
    let e = try evidence { s in
      for (i, n) in names.enumerated() { try s.account(i == 0 ? "a" : "m\(i)", n) }
    }
    let c = PairComparer(e)
    #expect((1..<names.count).map { c.nameLevel(0, $0) } == [0, 1, 2, 3, 4, 5])
  }

  @Test func pricesCompareOnlyTheSameProductAndQuantity() throws {
    let e = try evidence { s in
      try s.account(
        "a", "x",
        listings: [
          .init(title: "10g Speed", price: 100), .init(title: "5g Speed", price: 60),
          .init(title: "1x Xanax", price: 3),
        ])
      try s.account(
        "b", "y",
        listings: [
          .init(title: "10g Speed - promo", price: 104), .init(title: "5g Speed", price: 200),
          .init(title: "1x Xanax", price: 3.1),
        ])
      try s.account("c", "z", listings: [.init(title: "7g Speed", price: 70)])
    }
    let c = PairComparer(e)
    // |log(104/100)|, |log(200/60)|, |log(3.1/3)|: the median is log(104/100).
    #expect(abs(Double(c.priceDistance(0, 1)!) - log(1.04)) < 1e-4)
    #expect(c.priceDistance(0, 2) == nil)
  }
}
