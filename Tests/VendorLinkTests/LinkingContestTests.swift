import Foundation
import Testing

@testable import VendorLink

/// The `contested` decision: words agree, behaviour does not (`Contest`).
@Suite struct LinkingContestTests {
  /// Levels of a pair whose texts agree (cosine ≥ 0.60) and whose products and prices are
  /// as given.
  func levels(products: String, prices: String?, name: String = "sameHandle")
    -> (Comparison) -> Int8
  {
    { c in
      switch c {
      case .text: return 0
      case .name: return Int8(Comparison.name.levelIDs.firstIndex(of: name)!)
      case .products: return Int8(Comparison.products.levelIDs.firstIndex(of: products)!)
      case .prices:
        return prices.map { Int8(Comparison.prices.levelIDs.firstIndex(of: $0)!) } ?? nullLevel
      default: return nullLevel
      }
    }
  }

  /// Table: accounts (market, ships-from, first/last seen), the pair's levels, the reasons
  /// expected and whether they make it contested.
  @Test func table() {
    typealias R = Contest.Reasons
    let rows:
      [(a: HandMade, b: HandMade, levels: (Comparison) -> Int8, reasons: R, contested: Bool)] = [
        // A copied profile, other country, nothing in common, opened after the closure.
        (
          HandMade(market: 0, from: 0, first: 10, last: 95),
          HandMade(market: 1, from: 1, first: 150, last: 300),
          levels(products: "noneShared", prices: nil),
          [.noSharedProducts, .otherShipsFrom, .afterClosure], true
        ),
        // A migrant that repriced: one disagreement is not enough.
        (
          HandMade(market: 0, from: 0, first: 10, last: 95),
          HandMade(market: 1, from: 0, first: 110, last: 300),
          levels(products: "jaccard50", prices: "furtherApart"), [.otherPrices, .afterClosure],
          false
        ),
        // Relabelled its country as a region: not a disagreement.
        (
          HandMade(market: 1, from: 0, first: 10, last: 50),
          HandMade(market: 2, from: 2, first: 10, last: 50),
          levels(products: "noneShared", prices: nil), [.noSharedProducts], false
        ),
        // Two live accounts on one market under one name, one disagreement: sibling shops
        // may ship from two places; not contested on that alone.
        (
          HandMade(market: 1, from: 0, first: 10, last: 50),
          HandMade(market: 1, from: 1, first: 20, last: 60),
          levels(products: "same", prices: "within5"), [.otherShipsFrom, .twoLiveOnOneMarket],
          false
        ),
        // A newcomer after the closure with cloned listings sold cheaper, gone after one
        // crawl while its market went on (market 1 crawled to day 300).
        (
          HandMade(market: 0, from: 0, first: 10, last: 95),
          HandMade(market: 1, from: 0, first: 130, last: 160),
          levels(products: "jaccard50", prices: "furtherApart"),
          [.otherPrices, .afterClosure, .vanishedSoon], true
        ),
        // Sibling shops with other names: no claim to one identity.
        (
          HandMade(market: 1, from: 0, first: 10, last: 50),
          HandMade(market: 1, from: 1, first: 20, last: 60),
          levels(products: "same", prices: "within5", name: "different"), [.otherShipsFrom],
          false
        ),
      ]
    for (n, row) in rows.enumerated() {
      var e = AccountEvidence([row.a, row.b])
      e.marketCrawlDays = [[10, 95], [10, 300], [10, 300]]
      let r = Contest.reasons(e, 0, 1, levels: row.levels)
      #expect(r == row.reasons, "row \(n): \(r.labels)")
      #expect(Contest.isContested(r) == row.contested, "row \(n)")
    }
  }

  /// Habits that disagree while the texts agree are a reason shown, not one that decides.
  @Test func copiedTextOtherHabits() {
    let d = WritingHabits.dimensions
    var x = [Float](repeating: 0, count: d)
    var y = x
    x[0] = 1
    y[1] = 1
    let e = AccountEvidence([
      HandMade(market: 1, from: 0, first: 10, last: 50, habits: x),
      HandMade(market: 2, from: 1, first: 10, last: 50, habits: y),
    ])
    let r = Contest.reasons(e, 0, 1, levels: levels(products: "same", prices: nil))
    #expect(r == [.otherHabits, .otherShipsFrom])
    // Habits are shown, not counted: one behaviour disagreement.
    #expect(!Contest.isContested(r))
  }

  /// `decide` marks only pairs at or above the threshold; their decision reads `contested`
  /// and clustering sees them at probability 0.
  @Test func decideOnlyAboveThreshold() {
    let e = AccountEvidence([
      HandMade(market: 0, from: 0, first: 10, last: 95),
      HandMade(market: 1, from: 1, first: 150, last: 200),
    ])
    let none = Int8(Comparison.products.levelIDs.firstIndex(of: "noneShared")!)
    var lv = [Int8](repeating: nullLevel, count: 2 * Comparison.count)
    for k in 0..<2 {
      lv[k * Comparison.count + Comparison.text.rawValue] = 0
      lv[k * Comparison.count + Comparison.products.rawValue] = none
    }
    var pairs = CandidatePairs()
    pairs.a = [0, 0]
    pairs.b = [1, 1]
    pairs.rules = [1, 1]
    var s = ScoredPairs(pairs: pairs, levels: lv)
    s.matchWeight = [3, -3]
    s.probability = [0.9, 0.1]
    Contest.decide(&s, e, threshold: 0.5)
    #expect(s.decision(0, threshold: 0.5) == .contested)
    #expect(s.decision(1, threshold: 0.5) == .nonMatch)
    #expect(s.withoutContested.probability == [0, 0.1])
  }
}
