import Foundation
import VendorKernels

/// Comparison levels and scores of candidate pairs.
public struct ScoredPairs: Sendable {
  public var pairs: CandidatePairs
  /// `levels[k * Comparison.count + c]`: level of comparison c for pair k (−1: null).
  public var levels: [Int8]
  /// Total match weight (bits, prior included) and probability per pair.
  public var matchWeight: [Double] = []
  public var probability: [Double] = []

  /// `Contest.Reasons` bits per pair (0: not contested): set by `Contest.decide` on pairs
  /// whose score is a match but whose behaviour disagrees. Empty until then.
  public var contested: [UInt16] = []
  /// The name comparison's term-frequency bits per pair (`NameComparison.termFrequencyBits`),
  /// set by `Scoring.score`; empty: none. Kept so that the stored name weight is the one
  /// scored, without computing it again.
  public var nameTermFrequency: [Double] = []

  public var count: Int { pairs.count }

  /// The decision stored for each pair.
  public enum Decision: String, Sendable {
    case match
    case nonMatch = "non-match"
    case contested
  }

  public func decision(_ k: Int, threshold: Double) -> Decision {
    if k < contested.count && contested[k] != 0 { return .contested }
    return probability[k] >= threshold ? .match : .nonMatch
  }

  public func decisions(threshold: Double) -> [Decision] {
    (0..<count).map { decision($0, threshold: threshold) }
  }

  /// A copy whose contested pairs have probability 0: clustering must not join them.
  public var withoutContested: ScoredPairs {
    var copy = self
    for k in contested.indices where contested[k] != 0 { copy.probability[k] = 0 }
    return copy
  }
  public func level(_ k: Int, _ c: Comparison) -> Int8 { levels[k * Comparison.count + c.rawValue] }
}

public enum Scoring {
  /// How many pairs ahead `levels` prefetches the second account's evidence: one comparison
  /// takes about as long as a cache miss, so two pairs ahead covers the latency.
  static let prefetchDistance = 2

  /// Levels of every pairwise comparison for each candidate pair (graph ones null). Pairs
  /// are split in chunks over the available cores (each pair is independent).
  public static func levels(_ e: AccountEvidence, _ pairs: CandidatePairs, only: [Bool]? = nil)
    -> [Int8]
  {
    var cosines: [Float] = []
    return levels(e, pairs, only: only, cosines: &cosines)
  }

  /// As `levels(_:_:only:)`, also filling `cosines` with each computed pair's text cosine
  /// (−1: no text; NaN: not computed), for `assignTextRank`.
  public static func levels(
    _ e: AccountEvidence, _ pairs: CandidatePairs, only: [Bool]? = nil, cosines: inout [Float]
  ) -> [Int8] {
    let cmp = PairComparer(e)
    let C = Comparison.count
    var out = [Int8](repeating: nullLevel, count: pairs.count * C)
    cosines = [Float](repeating: .nan, count: pairs.count)
    out.withUnsafeMutableBufferPointer { out in
      cosines.withUnsafeMutableBufferPointer { cosines in
        inChunks(pairs.count) { range in
          // Pairs are sorted by a: each a's text vector is loaded once per chunk.
          var table = TokenWeightTable()
          for k in range where only?[k] ?? true {
            if k + prefetchDistance < range.upperBound {
              cmp.prefetch(Int(pairs.b[k + prefetchDistance]))
            }
            cosines[k] = cmp.levels(
              Int(pairs.a[k]), Int(pairs.b[k]), table: &table, into: out.baseAddress! + k * C)
          }
        }
      }
    }
    return out
  }

  /// Assigns every graph comparison's levels over all candidate pairs, in the one order
  /// they depend on: text rank (from the pairs' text cosines, reused from `levels` where
  /// given), then exclusivity (ranked by `weights` of the others, text rank included).
  public static func assignGraphLevels(
    _ levels: inout [Int8], _ pairs: CandidatePairs, _ e: AccountEvidence, cosines: [Float],
    weights: [[Double]], writingCap: Double = .infinity
  ) {
    assignTextRank(&levels, pairs, e, cosines: cosines)
    assignExclusivity(&levels, pairs, e, weights: weights, writingCap: writingCap)
  }

  /// The comparisons that all read one writer's texts (`writingCap`): a profile copied word
  /// for word agrees on every one of them at once.
  public static let writing: [Comparison] = [.text, .textRank, .sentences, .pitches, .habits]
  /// `writing` as a per-column mask.
  static let isWriting: [Bool] = Comparison.allCases.map { writing.contains($0) }

  /// Match weight (bits: prior log-odds plus every non-null level's weight, the writing
  /// comparisons together at most `model.writingCap`) and probability.
  public static func score(
    _ scored: inout ScoredPairs, model: LinkModel, evidence e: AccountEvidence? = nil
  ) {
    let stratified = WeightTable(stratified: model.stratifiedWeightTable)
    let flat = WeightTable(model.weightTable)
    let C = Comparison.count
    let x = Comparison.exclusivity.rawValue
    let priorBits = log2(model.prior / (1 - model.prior))
    let cap = model.writingCap
    let isWriting = Self.isWriting
    let nameTF = termFrequencyBits(scored, e, model: model)
    scored.nameTermFrequency = nameTF
    let n = scored.count
    var weight = [Double](repeating: 0, count: n)
    var probability = [Double](repeating: 0, count: n)
    scored.levels.withUnsafeBufferPointer { lv in
      weight.withUnsafeMutableBufferPointer { weight in
        probability.withUnsafeMutableBufferPointer { probability in
          inChunks(n) { range in
            for k in range {
              var w = priorBits
              var writing = 0.0
              let s = lv[k * C + x]
              for c in 0..<C {
                let l = lv[k * C + c]
                guard l >= 0 else { continue }
                let v = s >= 0 ? stratified[c, l, s] : flat[c, l]
                if isWriting[c] { writing += v } else { w += v }
              }
              w += min(writing, cap) + nameTF[k]
              weight[k] = w
              probability[k] = Self.probability(bits: w)
            }
          }
        }
      }
    }
    scored.matchWeight = weight
    scored.probability = probability
  }

  /// The name comparison's term-frequency bits per pair (`NameComparison.termFrequencyBits`;
  /// all zero without evidence).
  static func termFrequencyBits(_ s: ScoredPairs, _ e: AccountEvidence?, model: LinkModel)
    -> [Double]
  {
    var out = [Double](repeating: 0, count: s.count)
    guard let e else { return out }
    let u = model.nameURandom
    for k in 0..<s.count {
      let l = s.level(k, .name)
      if l >= 0 && l <= 1 {
        out[k] = NameComparison.termFrequencyBits(
          e, Int(s.pairs.a[k]), Int(s.pairs.b[k]), level: l, uRandom: u)
      }
    }
    return out
  }

  /// Runs `body` on `0..<n` split in chunks over the cores; `body` writes only the elements
  /// of its own range. Chunks of fewer than 4,096 pairs cost more in threads than they save.
  /// (The body is not checked as Sendable: callers hand it buffers of disjoint ranges.)
  static func inChunks(_ n: Int, _ body: (Range<Int>) -> Void) {
    let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, n / 4096))
    Parallel.forEach(chunks: chunks) { c in body((n * c / chunks)..<(n * (c + 1) / chunks)) }
  }

  @inline(__always) public static func probability(bits w: Double) -> Double {
    1 / (1 + exp2(-w))
  }

  /// Levels, exclusivity and scores of candidate pairs in one call.
  public static func run(_ e: AccountEvidence, _ pairs: CandidatePairs, model: LinkModel)
    -> ScoredPairs
  {
    var cosines: [Float] = []
    var lv = levels(e, pairs, cosines: &cosines)
    assignGraphLevels(
      &lv, pairs, e, cosines: cosines, weights: model.weightTable, writingCap: model.writingCap)
    var s = ScoredPairs(pairs: pairs, levels: lv)
    score(&s, model: model, evidence: e)
    return s
  }
}

/// Where a pair stands among each side's candidates on the other's market: the shared logic
/// of the graph comparisons (text rank, exclusivity).
struct MutualBest {
  var bestOfA: Bool
  var bestOfB: Bool
  /// Score minus the higher of the two sides' runner-up scores (for a pair that is best of
  /// both sides).
  var margin: Double

  /// Level by margin for a pair that is both sides' best (`margins` descending: 0, 1, …,
  /// then "close runner-up"), then "best of one side", then "neither".
  func level(margins: [Double]) -> Int8 {
    if bestOfA && bestOfB {
      return Int8(margins.firstIndex { margin >= $0 } ?? margins.count)
    }
    return Int8(margins.count + (bestOfA || bestOfB ? 1 : 2))
  }

  /// Sets column `column` of every pair's levels to its `level(margins:)` by `score` (NaN:
  /// not ranked, not a runner-up, and level `unranked` when given); a side with no other
  /// candidate there has `noRunnerUp` as its runner-up score.
  static func assignLevels(
    _ levels: inout [Int8], column: Int, _ pairs: CandidatePairs, _ e: AccountEvidence,
    score: [Double], noRunnerUp: Double, margins: [Double], unranked: Int8?
  ) {
    let sides = Sides(pairs, e, score: score, noRunnerUp: noRunnerUp)
    let C = Comparison.count
    levels.withUnsafeMutableBufferPointer { out in
      for k in 0..<pairs.count {
        if let unranked, score[k].isNaN {
          out[k * C + column] = unranked
        } else {
          out[k * C + column] = sides.standing(k).level(margins: margins)
        }
      }
    }
  }

  /// Best and runner-up score per (account, other market) slot.
  struct Sides {
    let pairs: CandidatePairs
    let market: [Int32]
    let markets: Int
    let score: [Double]
    let bestScore: [Double]
    let second: [Double]
    let best: [Int32]

    init(_ pairs: CandidatePairs, _ e: AccountEvidence, score: [Double], noRunnerUp: Double) {
      self.pairs = pairs
      self.market = e.market
      self.markets = e.marketNames.count
      self.score = score
      let slots = e.count * markets
      var bestScore = [Double](repeating: -.infinity, count: slots)
      var second = [Double](repeating: noRunnerUp, count: slots)
      var best = [Int32](repeating: -1, count: slots)
      // Through buffers: 3.2M offers, and array writes through `self` checked uniqueness
      // each time.
      bestScore.withUnsafeMutableBufferPointer { bestScore in
        second.withUnsafeMutableBufferPointer { second in
          best.withUnsafeMutableBufferPointer { best in
            func offer(_ slot: Int, _ k: Int) {
              let w = score[k]
              if w > bestScore[slot] {
                if best[slot] >= 0 { second[slot] = max(second[slot], bestScore[slot]) }
                bestScore[slot] = w
                best[slot] = Int32(k)
              } else if w > second[slot] {
                second[slot] = w
              }
            }
            let (market, markets) = (e.market, e.marketNames.count)
            for k in 0..<pairs.count where !score[k].isNaN {
              let (a, b) = (Int(pairs.a[k]), Int(pairs.b[k]))
              offer(a * markets + Int(market[b]), k)
              offer(b * markets + Int(market[a]), k)
            }
          }
        }
      }
      self.bestScore = bestScore
      self.second = second
      self.best = best
    }

    @inline(__always) func slot(_ x: Int32, _ other: Int32) -> Int {
      Int(x) * markets + Int(market[Int(other)])
    }

    /// Pair k's standing on both sides.
    @inline(__always) func standing(_ k: Int) -> MutualBest {
      let sa = slot(pairs.a[k], pairs.b[k])
      let sb = slot(pairs.b[k], pairs.a[k])
      return MutualBest(
        bestOfA: best[sa] == Int32(k), bestOfB: best[sb] == Int32(k),
        margin: score[k] - max(second[sa], second[sb]))
    }
  }
}

/// Level weights in one flat array (`WeightTable[c, level]`, or `[c, level, stratum]`):
/// scoring reads one per comparison per pair (15M reads at 3×20k), and nested arrays cost a
/// retain and two bounds checks each.
struct WeightTable {
  private let values: [Double]
  private let levels: Int
  private let strata: Int

  /// From `LinkModel.weightTable` (`[c][level]`).
  init(_ table: [[Double]]) {
    levels = table.map(\.count).max() ?? 0
    strata = 1
    var values = [Double](repeating: .nan, count: table.count * levels)
    for (c, row) in table.enumerated() {
      for (l, w) in row.enumerated() { values[c * levels + l] = w }
    }
    self.values = values
  }

  /// From `LinkModel.stratifiedWeightTable` (`[c][level][stratum]`).
  init(stratified table: [[[Double]]]) {
    levels = table.map(\.count).max() ?? 0
    strata = table.flatMap { $0.map(\.count) }.max() ?? 0
    var values = [Double](repeating: .nan, count: table.count * levels * strata)
    for (c, row) in table.enumerated() {
      for (l, cell) in row.enumerated() {
        for (s, w) in cell.enumerated() { values[(c * levels + l) * strata + s] = w }
      }
    }
    self.values = values
  }

  @inline(__always) subscript(_ c: Int, _ level: Int8) -> Double {
    values[c * levels + Int(level)]
  }

  @inline(__always) subscript(_ c: Int, _ level: Int8, _ stratum: Int8) -> Double {
    values[(c * levels + Int(level)) * strata + Int(stratum)]
  }
}
