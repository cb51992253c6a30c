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
    let cmp = PairComparer(e)
    let C = Comparison.count
    var out = [Int8](repeating: -1, count: pairs.count * C)
    let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, pairs.count / 4096))
    out.withUnsafeMutableBufferPointer { buf in
      let base = UnsafeSendable(buf.baseAddress!)
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let lo = pairs.count * chunk / chunks
        let hi = pairs.count * (chunk + 1) / chunks
        for k in lo..<hi where only?[k] ?? true {
          cmp.levels(Int(pairs.a[k]), Int(pairs.b[k]), into: base.pointer + k * C)
        }
      }
    }
    return out
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
    let slots = e.count * markets
    var bestW = [Double](repeating: -.infinity, count: slots)
    var secondW = [Double](repeating: -.infinity, count: slots)
    var best = [Int32](repeating: -1, count: slots)
    func offer(_ slot: Int, _ k: Int) {
      let w = partial[k]
      if w > bestW[slot] {
        secondW[slot] = bestW[slot]
        bestW[slot] = w
        best[slot] = Int32(k)
      } else if w > secondW[slot] {
        secondW[slot] = w
      }
    }
    for k in 0..<pairs.count {
      let a = Int(pairs.a[k])
      let b = Int(pairs.b[k])
      offer(a * markets + Int(e.market[b]), k)
      offer(b * markets + Int(e.market[a]), k)
    }
    for k in 0..<pairs.count {
      let sa = Int(pairs.a[k]) * markets + Int(e.market[Int(pairs.b[k])])
      let sb = Int(pairs.b[k]) * markets + Int(e.market[Int(pairs.a[k])])
      let fromA = best[sa] == Int32(k)
      let fromB = best[sb] == Int32(k)
      let level: Int8
      if fromA && fromB {
        let margin = min(partial[k] - secondW[sa], partial[k] - secondW[sb])
        level = margin >= exclusivityMargins[0] ? 0 : (margin >= exclusivityMargins[1] ? 1 : 2)
      } else {
        level = fromA || fromB ? 3 : 4
      }
      levels[k * C + x] = level
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
    var lv = levels(e, pairs)
    assignExclusivity(&lv, pairs, e, weights: model.weightTable)
    var s = ScoredPairs(pairs: pairs, levels: lv)
    score(&s, model: model)
    return s
  }
}

/// A pointer handed to concurrent workers that write disjoint ranges.
struct UnsafeSendable<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
  init(_ p: UnsafeMutablePointer<T>) { pointer = p }
}
