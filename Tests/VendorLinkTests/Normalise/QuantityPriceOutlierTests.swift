import Foundation
import Testing

@testable import VendorLink

/// Price outliers on titled listings: prices per comparable unit from the quantity reader,
/// groups by product, form and dose band, non-drugs left out, quantity discounts allowed.
@Suite struct QuantityPriceOutlierTests {
  func only(_ kinds: FlagKind...) -> FlagOptions {
    var o = FlagOptions()
    o.kinds = Set(kinds)
    return o
  }

  @Test func tabsMeetTabsAndBulkMeetsBulk() throws {
    let f = try FlagsFixture()
    let a = try f.account("hansa", "v")
    var rng = SplitMix64(seed: 16)
    func jitter() -> Double { exp(Double.random(in: -0.25...0.25, using: &rng)) }
    // LSD at about $8 a tab, whatever the lot; MDMA at about $20 a gram with a discount.
    for i in 0..<30 {
      let n = [1, 5, 10, 25, 100][i % 5]
      let tabs = try f.listing(a, "lsd\(i)")
      try f.observe(
        tabs, on: "2016-12-11", title: "\(n)x 100ug LSD blotters", usd: Double(n) * 8 * jitter())
      let grams = [1.0, 3.5, 7, 28, 100][i % 5]
      let bulk = try f.listing(a, "mdma\(i)")
      try f.observe(
        bulk, on: "2016-12-11", title: "\(grams)g MDMA crystals",
        usd: 20 * pow(grams, 0.85) * jitter())
    }
    // 500 tabs for the price of 5,000 (the issue's misreading made such lots look cheap);
    let dear = try f.listing(a, "dear")
    try f.observe(dear, on: "2016-12-11", title: "500 LSD BLOTTERS 100 UG", usd: 40_000)
    // a kilo at the discounted price is wholesale, not an anomaly;
    let kilo = try f.listing(a, "kilo")
    try f.observe(kilo, on: "2016-12-11", title: "1kg MDMA crystals", usd: 20 * pow(1000, 0.85))
    // scales are no drug, and a dose without a count has no unit price.
    let scale = try f.listing(a, "scale")
    try f.observe(scale, on: "2016-12-11", title: "Digital scale 0.01g", usd: 9_999)
    let dose = try f.listing(a, "dose")
    try f.observe(dose, on: "2016-12-11", title: "Xanax 2mg", usd: 9_999)

    try Flagger.run(db: f.db, options: only(.priceOutlier))
    let flags = try f.flags(.priceOutlier)
    #expect(flags.map(\.listing) == [dear])
    let details = try #require(flags.first?.details)
    #expect(details.contains(#""category":"lsd""#))
    #expect(details.contains(#""unit":"blotter""#))
    #expect(details.contains(#""words":"500 lsd blotters | 100 ug""#))
    #expect(details.contains(#""units":500"#))
  }

  /// Property: the discount slope is the data's when it lies in [−1, 0], else clamped.
  @Test func discountSlopeIsClamped() {
    let x = (1...40).map { log(Double($0)) }
    for (slope, expected) in [(-0.3, -0.3), (-1.7, -1.0), (0.4, 0.0)] {
      let y = x.map { 3 + slope * $0 }
      #expect(abs(PriceOutlierDetector.discountSlope(x, y) - expected) < 1e-9)
    }
  }
}
