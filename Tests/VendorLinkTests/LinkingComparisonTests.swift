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
    typealias L = NameComparison.Level
    // Strongest first; `sameCommon` (a short or common-word handle) is not reached here.
    #expect(
      (1..<names.count).map { c.nameLevel(0, $0) }
        == [L.sameHandle, .sameFolded, .sameCore, .close, .similar, .different].map(\.rawValue))
  }

  /// Unit prices follow base × q^−0.2 for every vendor of Speed: with the shared discount
  /// removed, listings of different quantities compare, and the distance is the bases' ratio.
  @Test func pricesCompareQuantityAdjustedLevelsOfSharedProducts() throws {
    func price(_ base: Double, _ q: Double) -> Double { base * q * pow(q, -0.2) }
    let e = try evidence { s in
      try s.account(
        "a", "x",
        listings: [
          .init(title: "1g Speed", price: price(10, 1)),
          .init(title: "10g Speed", price: price(10, 10)),
        ])
      try s.account(
        "b", "y",
        listings: [
          .init(title: "2g Speed", price: price(12, 2)),
          .init(title: "5g Speed", price: price(12, 5)),
        ])
      try s.account("c", "z", listings: [.init(title: "1x Xanax", price: 3)])
    }
    let c = PairComparer(e)
    #expect(abs(Double(c.priceDistance(0, 1)!) - log(1.2)) < 1e-4)
    #expect(c.priceDistance(0, 2) == nil)
    #expect(c.pricesLevel(0, 1) == 2)  // 18 % apart: "within 20 %"
  }

  @Test func priceSlopesArePooledWithinAccountsAndClamped() {
    typealias P = ProductPriceLevels.Point
    func points(_ product: Int32, base: Double, slope: Double, _ qs: [Double]) -> [P] {
      qs.map { q in
        P(product: product, quantity: Float(q), logUnitPrice: Float(log(base) + slope * log(q)))
      }
    }
    // Product 0: two vendors at different price levels, one discount curve (−0.15); a vendor
    // with one quantity does not move it. Product 1: prices rising 3× per doubling (a data
    // error) is clamped to +1. Product 2: only single-quantity vendors: no slope.
    let accounts: [[P]] = [
      points(0, base: 8, slope: -0.15, [1, 5, 25]) + points(1, base: 1, slope: 1.6, [1, 2]),
      points(0, base: 20, slope: -0.15, [2, 10]) + points(2, base: 5, slope: 0, [3]),
      points(0, base: 50, slope: 0, [100]) + points(2, base: 6, slope: 0, [7]),
    ]
    let slopes = ProductPriceLevels.slopes(accounts, productCount: 3)
    #expect(abs(slopes[0] - -0.15) < 1e-5)
    #expect(slopes[1] == 1)
    #expect(slopes[2] == 0)
    let levels = ProductPriceLevels.levels(accounts, productCount: 3)
    #expect(levels[0].map(\.0) == [0, 1])
    #expect(abs(Double(levels[0][0].1) - log(8)) < 1e-4)
    #expect(abs(Double(levels[1][0].1) - log(20)) < 1e-4)
  }

  /// Shipping and product levels, table-driven: identical lists, half-overlapping, barely
  /// overlapping, disjoint; a different ships-from outranks any destination overlap.
  @Test(
    arguments: [
      (["EU", "US"], "NL", Int8(0), Int8(0)),
      (["EU", "US", "CA"], "NL", Int8(1), Int8(1)),
      (["EU", "AU", "CA", "UK"], "NL", Int8(2), Int8(3)),
      (["EU", "US"], "DE", Int8(3), Int8(0)),
    ] as [([String], String, Int8, Int8)])
  func shippingAndProductLevels(
    _ to: [String], _ from: String, _ shipping: Int8, _ products: Int8
  ) throws {
    // Products follow the destinations' pattern: one product per destination code.
    func listings(_ to: [String], _ from: String) -> [TestStore.Listing] {
      to.map { TestStore.Listing(title: "1x Item\($0)", price: 10, from: from, to: to) }
    }
    let e = try evidence { s in
      try s.account("a", "x", listings: listings(["EU", "US"], "NL"))
      try s.account("b", "y", listings: listings(to, from))
    }
    let c = PairComparer(e)
    #expect(c.shippingLevel(0, 1) == shipping)
    #expect(c.productsLevel(0, 1) == products)
  }
}
