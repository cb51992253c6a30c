import Foundation

/// Comparison levels and scores of candidate pairs.
public struct ScoredPairs: Sendable {
  public var pairs: CandidatePairs
  /// `levels[k * Comparison.count + c]`: level of comparison c for pair k (−1: null).
  public var levels: [Int8]
  /// Total match weight (bits, prior included) and probability per pair.
  public var matchWeight: [Double] = []
  public var probability: [Double] = []

  public var count: Int { pairs.count }
  public func level(_ k: Int, _ c: Comparison) -> Int8 { levels[k * Comparison.count + c.rawValue] }
}

public enum Scoring {
  /// Levels of every comparison but exclusivity for each candidate pair. Pairs are split in
  /// chunks over the available cores (each pair is independent).
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
    var out = [Int8](repeating: -1, count: pairs.count * C)
    cosines = [Float](repeating: .nan, count: pairs.count)
    let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, pairs.count / 4096))
    out.withUnsafeMutableBufferPointer { buf in
      cosines.withUnsafeMutableBufferPointer { cbuf in
        let base = UnsafeSendable(buf.baseAddress!)
        let cbase = UnsafeSendable(cbuf.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
          let lo = pairs.count * chunk / chunks
          let hi = pairs.count * (chunk + 1) / chunks
          for k in lo..<hi where only?[k] ?? true {
            cbase.pointer[k] = cmp.levels(
              Int(pairs.a[k]), Int(pairs.b[k]), into: base.pointer + k * C)
          }
        }
      }
    }
    return out
  }

  /// Sets the text-rank level of every pair (`Comparison.textRank`): for each account and each
  /// other market, its best and second-best text cosine among its candidates there (text
  /// top-k puts every account's closest writers among them). A pair that is both sides' best
  /// gets a level by its cosine margin over the runner-up (the smaller of the two sides');
  /// then "closest of one side"; then "neither". Null when either account has no text.
  public static func assignTextRank(
    _ levels: inout [Int8], _ pairs: CandidatePairs, _ e: AccountEvidence, cosines: [Float] = []
  ) {
    let C = Comparison.count
    let t = Comparison.textRank.rawValue
    let cmp = PairComparer(e)
    // Cosines `Scoring.levels` computed are reused; the rest (NaN) are computed here.
    var cosine =
      cosines.count == pairs.count ? cosines : [Float](repeating: .nan, count: pairs.count)
    let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, pairs.count / 4096))
    cosine.withUnsafeMutableBufferPointer { buf in
      let base = UnsafeSendable(buf.baseAddress!)
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        for k in (pairs.count * chunk / chunks)..<(pairs.count * (chunk + 1) / chunks) {
          if base.pointer[k].isNaN {
            base.pointer[k] = cmp.cosine(Int(pairs.a[k]), Int(pairs.b[k])) ?? -1
          }
        }
      }
    }
    let ranks = MutualBest.rank(
      pairs, e, score: cosine.map { $0 >= 0 ? Double($0) : .nan }, noRunnerUp: 0)
    let margins = Comparison.textRankMargins.map(Double.init)
    for k in 0..<pairs.count {
      levels[k * C + t] = cosine[k] >= 0 ? ranks[k].level(margins: margins) : -1
    }
  }

  /// Margins (bits) that separate the exclusivity levels of mutual best candidates: 8 bits
  /// means the runner-up is 256 times less likely; on gen.py data aliases mostly stand more
  /// than 8 bits clear, while a vendor with no alias has several look-alikes within 4.
  static let exclusivityMargins: [Double] = [8, 4]

  /// Sets the exclusivity level of every pair from the weights of the other comparisons
  /// except PGP (so that key-sharing self-labels show the same margins as other aliases):
  /// for each account and each other market, its best and second-best candidates there. A
  /// pair that is both sides' best gets a level by its margin over the runner-up (the smaller
  /// of the two sides'); then "best of one side"; then "neither".
  public static func assignExclusivity(
    _ levels: inout [Int8], _ pairs: CandidatePairs, _ e: AccountEvidence, weights: [[Double]]
  ) {
    let C = Comparison.count
    let x = Comparison.exclusivity.rawValue
    let pgp = Comparison.pgp.rawValue
    let markets = e.marketNames.count
    var partial = [Double](repeating: 0, count: pairs.count)
    for k in 0..<pairs.count {
      var w = 0.0
      for c in 0..<C where c != x && c != pgp {
        let l = levels[k * C + c]
        if l >= 0 { w += weights[c][Int(l)] }
      }
      partial[k] = w
    }
    let ranks = MutualBest.rank(pairs, e, score: partial, noRunnerUp: -.infinity)
    for k in 0..<pairs.count {
      levels[k * C + x] = ranks[k].level(margins: exclusivityMargins)
    }
  }

  /// Match weight (bits: prior log-odds plus every non-null level's weight) and probability.
  public static func score(_ scored: inout ScoredPairs, model: LinkModel) {
    let weights = model.stratifiedWeightTable
    let flat = model.weightTable
    let C = Comparison.count
    let x = Comparison.exclusivity.rawValue
    let priorBits = log2(model.prior / (1 - model.prior))
    scored.matchWeight = [Double](repeating: 0, count: scored.count)
    scored.probability = [Double](repeating: 0, count: scored.count)
    for k in 0..<scored.count {
      var w = priorBits
      let s = scored.levels[k * C + x]
      for c in 0..<C {
        let l = scored.levels[k * C + c]
        if l >= 0 { w += s >= 0 ? weights[c][Int(l)][Int(s)] : flat[c][Int(l)] }
      }
      scored.matchWeight[k] = w
      scored.probability[k] = probability(bits: w)
    }
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
    assignTextRank(&lv, pairs, e, cosines: cosines)
    assignExclusivity(&lv, pairs, e, weights: model.weightTable)
    var s = ScoredPairs(pairs: pairs, levels: lv)
    score(&s, model: model)
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

  /// For every pair, its standing by `score` (NaN: not ranked, and not a runner-up); a side
  /// with no other candidate there has `noRunnerUp` as its runner-up score.
  static func rank(
    _ pairs: CandidatePairs, _ e: AccountEvidence, score: [Double], noRunnerUp: Double
  ) -> [MutualBest] {
    let markets = e.marketNames.count
    let slots = e.count * markets
    var bestScore = [Double](repeating: -.infinity, count: slots)
    var second = [Double](repeating: noRunnerUp, count: slots)
    var best = [Int32](repeating: -1, count: slots)
    func slot(_ x: Int32, _ other: Int32) -> Int { Int(x) * markets + Int(e.market[Int(other)]) }
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
    for k in 0..<pairs.count where !score[k].isNaN {
      offer(slot(pairs.a[k], pairs.b[k]), k)
      offer(slot(pairs.b[k], pairs.a[k]), k)
    }
    return (0..<pairs.count).map { k in
      let sa = slot(pairs.a[k], pairs.b[k])
      let sb = slot(pairs.b[k], pairs.a[k])
      return MutualBest(
        bestOfA: best[sa] == Int32(k), bestOfB: best[sb] == Int32(k),
        margin: score[k] - max(second[sa], second[sb]))
    }
  }
}

/// A pointer handed to concurrent workers that write disjoint ranges.
struct UnsafeSendable<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
  init(_ p: UnsafeMutablePointer<T>) { pointer = p }
}
