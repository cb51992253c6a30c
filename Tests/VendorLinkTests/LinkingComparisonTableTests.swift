import Foundation
import Testing

@testable import VendorLink

/// One hand-made account for the comparison tables: only what a comparison reads.
struct HandMade {
  var market = 0
  var handle = "vendor"
  var keys: [String] = []
  /// Text tokens and their (already normalised) TF-IDF weights.
  var text: [(UInt64, Float)] = []
  var sentences: [(UInt64, Float)] = []
  var products: [Int32] = []
  var pitches: [UInt64] = []
  /// Product and its quantity-adjusted log price level.
  var prices: [(Int32, Float)] = []
  var from: Int32 = -1
  var to: [Int32] = []
  var first: Int32? = nil
  var last: Int32? = nil
  /// Other accounts writing the folded handle as a word (`handleWordFrequency`).
  var writers: Int32 = 0
  /// A unit-length habit vector (`WritingHabits.dimensions`), nil: no text.
  var habits: [Float]? = nil
}

extension AccountEvidence {
  /// Evidence of hand-made accounts, in the layout `EvidenceLoader` fills. Market 0 closed
  /// on day 100 (for the activity comparison's hand-over level).
  init(_ accounts: [HandMade]) {
    self.init()
    marketNames = ["a", "b", "c"]
    marketClosedDay = [100, nil, nil]
    placeNames = ["NL", "DE", "EU", "US"]
    placeIsCountry = [true, true, false, true]
    productNames = ["p0", "p1", "p2", "p3", "p4", "p5"]
    var fingerprintIndex: [String: Int32] = [:]
    for (r, a) in accounts.enumerated() {
      accountIDs.append(Int64(r + 1))
      market.append(Int32(a.market))
      handles.append(a.handle)
      let folded = HandleNormaliser.folded(a.handle)
      handleFolded.append(Array(folded.utf8))
      handleCore.append(Array(HandleNormaliser.core(folded: folded).utf8))
      for k in a.keys.sorted() {
        if fingerprintIndex[k] == nil {
          fingerprintIndex[k] = Int32(fingerprints.count)
          fingerprints.append(k)
        }
      }
      keys += a.keys.map { fingerprintIndex[$0]! }.sorted()
      keyOffsets.append(Int32(keys.count))
      for (t, w) in a.text.sorted(by: { $0.0 < $1.0 }) {
        textTokens.append(t)
        textWeights.append(w)
      }
      textOffsets.append(Int32(textTokens.count))
      for (s, w) in a.sentences.sorted(by: { $0.0 < $1.0 }) {
        sentences.append(s)
        sentenceWeights.append(w)
      }
      sentenceOffsets.append(Int32(sentences.count))
      products += a.products.sorted()
      productOffsets.append(Int32(products.count))
      pitches += a.pitches.sorted()
      pitchOffsets.append(Int32(pitches.count))
      for (p, l) in a.prices.sorted(by: { $0.0 < $1.0 }) {
        priceProduct.append(p)
        priceLevel.append(l)
      }
      priceOffsets.append(Int32(priceProduct.count))
      shipsFrom.append(a.from)
      shipsTo += a.to.sorted()
      shipsToOffsets.append(Int32(shipsTo.count))
      firstSeenDay.append(a.first)
      lastSeenDay.append(a.last)
      evidenceHash.append(UInt64(r))
      handleWordFrequency.append(a.writers)
      hasHabits.append(a.habits != nil)
      habits += a.habits ?? [Float](repeating: 0, count: WritingHabits.dimensions)
    }
  }
}

/// Every level of every pairwise comparison, each reached by one hand-made pair (and null
/// where the comparison has one): adding a comparison adds its table here.
@Suite struct LinkingComparisonTableTests {
  /// Pairs (a, b) and the level id each must get (nil: null).
  typealias Row = (a: HandMade, b: HandMade, level: String?)

  /// Checks a table: each row's level through `level`, and that the rows reach every level.
  func check(
    _ c: Comparison, _ rows: [Row], _ level: (PairComparer, Int, Int) -> Int8,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let e = AccountEvidence(rows.flatMap { [$0.a, $0.b] })
    let cmp = PairComparer(e)
    for (n, row) in rows.enumerated() {
      let l = level(cmp, 2 * n, 2 * n + 1)
      let got = l >= 0 ? c.levelIDs[Int(l)] : nil
      #expect(got == row.level, "\(c.key) row \(n)", sourceLocation: sourceLocation)
      // The pairwise path of scoring agrees with the level function.
      var all = [Int8](repeating: 0, count: Comparison.count)
      all.withUnsafeMutableBufferPointer { _ = cmp.levels(2 * n, 2 * n + 1, into: $0.baseAddress!) }
      #expect(all[c.rawValue] == l, "\(c.key) row \(n) in PairComparer.levels")
    }
    #expect(
      Set(rows.compactMap(\.level)) == Set(c.levelIDs), "\(c.key): a level no row reaches",
      sourceLocation: sourceLocation)
  }

  @Test func name() {
    func h(_ s: String) -> HandMade { HandMade(handle: s) }
    let base = h("DutchMagic")
    check(
      .name,
      [
        (base, h("DutchMagic"), "sameHandle"),
        (base, h("dutch-magic"), "sameFolded"),
        (base, h("TheDutchMagic_official"), "sameCore"),
        // Short handles, and handles other vendors write as a word, collide by chance.
        (h("Kush"), h("kush"), "sameCommon"),
        (HandMade(handle: "Accept", writers: 40), h("accept"), "sameCommon"),
        (h("AbeLincolnLogs"), HandMade(handle: "abelincolnlogs", writers: 2), "sameFolded"),
        (base, h("DutchMagicianHouse"), "close"),
        (h("GreenTigerShop"), h("xGreenTiger"), "close"),
        (base, h("DutchMoney"), "similar"),
        (base, h("GreenTiger"), "different"),
      ], { $0.nameLevel($1, $2) })
  }

  @Test func pgp() {
    check(
      .pgp,
      [
        (HandMade(keys: ["A", "B"]), HandMade(keys: ["B"]), "sharedKey"),
        (HandMade(keys: ["A"]), HandMade(keys: ["C"]), "noneShared"),
        (HandMade(keys: ["A"]), HandMade(), nil),
      ], { $0.pgpLevel($1, $2) })
  }

  @Test func text() {
    // One shared token of weight √c on both sides: cosine c.
    func pair(_ c: Float) -> (HandMade, HandMade) {
      let w = c.squareRoot()
      let rest = (1 - c).squareRoot()
      return (
        HandMade(text: [(1, w), (2, rest)]), HandMade(text: [(1, w), (3, rest)])
      )
    }
    let rows: [Row] = [
      (pair(0.7).0, pair(0.7).1, "cosine60"), (pair(0.55).0, pair(0.55).1, "cosine50"),
      (pair(0.45).0, pair(0.45).1, "cosine40"), (pair(0.35).0, pair(0.35).1, "cosine32"),
      (pair(0.28).0, pair(0.28).1, "cosine25"), (pair(0.1).0, pair(0.1).1, "below"),
      (HandMade(text: [(1, 1)]), HandMade(), nil),
    ]
    check(.text, rows, { $0.textLevel($0.cosine($1, $2)) })
  }

  @Test func sentences() {
    // Weighted Jaccard: shared weight over the union's.
    func pair(shared: Float, own: Float) -> (HandMade, HandMade) {
      (
        HandMade(sentences: [(1, shared), (2, own)]), HandMade(sentences: [(1, shared), (3, own)])
      )
    }
    let rows: [Row] = [
      (pair(shared: 1, own: 0).0, pair(shared: 1, own: 0).1, "jaccard30"),
      (pair(shared: 1, own: 1.5).0, pair(shared: 1, own: 1.5).1, "jaccard20"),
      (pair(shared: 1, own: 3).0, pair(shared: 1, own: 3).1, "jaccard10"),
      (pair(shared: 1, own: 10).0, pair(shared: 1, own: 10).1, "someShared"),
      (HandMade(sentences: [(1, 1)]), HandMade(sentences: [(2, 1)]), "noneShared"),
      (HandMade(sentences: [(1, 1)]), HandMade(), nil),
    ]
    check(.sentences, rows, { $0.sentencesLevel($1, $2) })
  }

  @Test func shipping() {
    check(
      .shipping,
      [
        (HandMade(from: 0, to: [2, 3]), HandMade(from: 0, to: [2, 3]), "sameFromSameTo"),
        (HandMade(from: 0, to: [1, 2, 3]), HandMade(from: 0, to: [2, 3]), "sameFromCloseTo"),
        (HandMade(from: 0, to: [1, 2, 3]), HandMade(from: 0, to: [0]), "sameFrom"),
        (HandMade(from: 0), HandMade(from: 1), "differentFrom"),
        (HandMade(from: 0), HandMade(), nil),
        // A region against a country: where the vendor sells, not where it is.
        (HandMade(from: 0), HandMade(from: 2), nil),
      ], { $0.shippingLevel($1, $2) })
  }

  @Test func products() {
    func p(_ xs: [Int32]) -> HandMade { HandMade(products: xs) }
    check(
      .products,
      [
        (p([1, 2]), p([1, 2]), "same"),
        (p([1, 2, 3]), p([1, 2]), "jaccard50"),
        (p([1, 2, 3]), p([1, 4]), "jaccard25"),
        (p([1, 2, 3]), p([1, 4, 5]), "someShared"),
        (p([1]), p([2]), "noneShared"),
        (p([1]), p([]), nil),
      ], { $0.productsLevel($1, $2) })
  }

  @Test func pitches() {
    func p(_ xs: [UInt64]) -> HandMade { HandMade(pitches: xs) }
    check(
      .pitches,
      [
        (p([1, 2]), p([1, 2]), "same"),
        (p([1, 2, 3]), p([1, 2]), "jaccard50"),
        (p([1, 2, 3]), p([1, 4]), "someShared"),
        (p([1]), p([2]), "noneShared"),
        (p([]), p([2]), nil),
      ], { $0.pitchesLevel($1, $2) })
  }

  @Test func prices() {
    // Median |difference| of log levels over the shared products.
    func p(_ levels: [(Int32, Float)]) -> HandMade { HandMade(prices: levels) }
    check(
      .prices,
      [
        (p([(1, 1.0), (2, 2.0)]), p([(1, 1.01), (2, 2.02)]), "within5"),
        (p([(1, 1.0)]), p([(1, 1.08)]), "within10"),
        (p([(1, 1.0)]), p([(1, 1.15)]), "within20"),
        (p([(1, 1.0)]), p([(1, 1.5)]), "furtherApart"),
        (p([(1, 1.0)]), p([(2, 1.0)]), nil),
        (p([(1, 1.0)]), p([]), nil),
      ], { $0.pricesLevel($1, $2) })
  }

  @Test func activity() {
    func a(_ market: Int, _ first: Int32?, _ last: Int32?) -> HandMade {
      HandMade(market: market, first: first, last: last)
    }
    check(
      .activity,
      [
        (a(1, 10, 50), a(2, 40, 90), "overlapping"),
        // Market 0 closed on day 100: stops 5 days before, the other starts 20 days after.
        (a(0, 10, 95), a(1, 120, 200), "handover"),
        (a(1, 120, 200), a(0, 10, 95), "handover"),
        (a(0, 10, 50), a(1, 120, 200), "apart"),
        (a(1, 10, 50), a(2, 120, 200), "apart"),
        (a(1, nil, nil), a(2, 1, 2), nil),
      ], { $0.activityLevel($1, $2) })
  }

  /// Splink's term-frequency adjustment on an identical handle: a handle each market has
  /// once among many adds bits, one many accounts share takes bits away; other levels and
  /// evidence without counts get none; the adjustment is bounded.
  @Test func handleTermFrequency() {
    var e = AccountEvidence([HandMade(market: 1), HandMade(market: 2)])
    e.marketSize = [0, 1000, 1000]
    let u: [Double?] = [1e-4, 1e-4, nil, nil, nil, nil, nil]
    let same = NameComparison.Level.sameHandle.rawValue
    // Once on each market: chance 1e-6 against the level's 1e-4: +6.64 bits.
    e.handleCountInMarket = [1, 1]
    let rare = NameComparison.termFrequencyBits(e, 0, 1, level: same, uRandom: u)
    #expect(abs(rare - log2(100)) < 1e-9)
    // 50 accounts on each market share it: chance 2.5e-3, 25 times the level's: negative.
    e.handleCountInMarket = [50, 50]
    let common = NameComparison.termFrequencyBits(e, 0, 1, level: same, uRandom: u)
    #expect(abs(common - log2(1e-4 / 2.5e-3)) < 1e-9)
    // Bounded, and nothing for other levels or without uRandom.
    e.marketSize = [0, 1_000_000, 1_000_000]
    e.handleCountInMarket = [1, 1]
    #expect(
      NameComparison.termFrequencyBits(e, 0, 1, level: same, uRandom: u)
        == NameComparison.maxTermFrequencyBits)
    #expect(
      NameComparison.termFrequencyBits(
        e, 0, 1, level: NameComparison.Level.close.rawValue, uRandom: u) == 0)
    #expect(NameComparison.termFrequencyBits(e, 0, 1, level: same, uRandom: [nil]) == 0)
  }

  /// Unrelated markets' single crawls months apart: activity unknown, not apart; the same
  /// two accounts with a crawl of the second market while the first was active: apart.
  @Test func activityNeedsCoverage() {
    var e = AccountEvidence([
      HandMade(market: 1, first: 10, last: 10), HandMade(market: 2, first: 130, last: 130),
    ])
    e.marketCrawlDays = [[], [10], [130]]
    #expect(PairComparer(e).activityLevel(0, 1) == nullLevel)
    e.marketCrawlDays = [[], [10], [10, 130]]
    #expect(
      PairComparer(e).activityLevel(0, 1) == ActivityComparison.Level.apart.rawValue)
  }

  @Test func habits() {
    let d = WritingHabits.dimensions
    /// Unit vectors with cosine c: (1, 0, …) and (c, √(1−c²), 0, …).
    func pair(_ c: Float) -> (HandMade, HandMade) {
      var x = [Float](repeating: 0, count: d)
      var y = x
      x[0] = 1
      y[0] = c
      y[1] = (1 - c * c).squareRoot()
      return (HandMade(habits: x), HandMade(habits: y))
    }
    let rows: [Row] = [
      (pair(0.9).0, pair(0.9).1, "alike"), (pair(0.7).0, pair(0.7).1, "close"),
      (pair(0.4).0, pair(0.4).1, "someAlike"), (pair(0.1).0, pair(0.1).1, "unlike"),
      (pair(-0.3).0, pair(-0.3).1, "opposite"), (pair(0.9).0, HandMade(), nil),
    ]
    check(.habits, rows, { $0.habitsLevel($1, $2) })
  }

  /// Graph comparisons, by where a pair stands among both sides' candidates: mutual best with
  /// a margin at or above each threshold, then below them, then best of one side, then
  /// neither (text rank also null without text).
  @Test func graphLevels() {
    for (c, margins) in [
      (Comparison.textRank, TextRankComparison.margins.map(Double.init)),
      (Comparison.exclusivity, ExclusivityComparison.margins),
    ] {
      let rows: [(MutualBest, String)] = [
        (MutualBest(bestOfA: true, bestOfB: true, margin: margins[0]), c.levelIDs[0]),
        (MutualBest(bestOfA: true, bestOfB: true, margin: margins[1]), c.levelIDs[1]),
        (MutualBest(bestOfA: true, bestOfB: true, margin: margins[1] / 2), c.levelIDs[2]),
        (MutualBest(bestOfA: false, bestOfB: true, margin: 100), "oneSide"),
        (MutualBest(bestOfA: false, bestOfB: false, margin: 100), "neither"),
      ]
      for (standing, id) in rows {
        #expect(c.levelIDs[Int(standing.level(margins: margins))] == id, "\(c.key) \(id)")
      }
      #expect(Set(rows.map(\.1)) == Set(c.levelIDs))
    }
    // Text rank is null for a pair without text; exclusivity ranks every pair.
    let e = AccountEvidence([
      HandMade(market: 0, text: [(1, 1)]), HandMade(market: 1),
      HandMade(market: 1, text: [(1, 1)]),
    ])
    let pairs = CandidatePairs(a: [0, 0], b: [1, 2], rules: [0, 0])
    var levels = [Int8](repeating: nullLevel, count: 2 * Comparison.count)
    Scoring.assignTextRank(&levels, pairs, e)
    #expect(levels[Comparison.textRank.rawValue] == nullLevel)
    #expect(levels[Comparison.count + Comparison.textRank.rawValue] == 0)
  }
}
