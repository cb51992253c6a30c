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
    let markets = e.marketNames.count
    let slots = e.count * markets
    var bestC = [Float](repeating: -1, count: slots)
    var secondC = [Float](repeating: 0, count: slots)
    var best = [Int32](repeating: -1, count: slots)
    func offer(_ slot: Int, _ k: Int) {
      let c = cosine[k]
      if c > bestC[slot] {
        secondC[slot] = max(secondC[slot], bestC[slot])
        bestC[slot] = c
        best[slot] = Int32(k)
      } else if c > secondC[slot] {
        secondC[slot] = c
      }
    }
    for k in 0..<pairs.count where cosine[k] >= 0 {
      offer(Int(pairs.a[k]) * markets + Int(e.market[Int(pairs.b[k])]), k)
      offer(Int(pairs.b[k]) * markets + Int(e.market[Int(pairs.a[k])]), k)
    }
    for k in 0..<pairs.count {
      guard cosine[k] >= 0 else {
        levels[k * C + t] = -1
        continue
      }
      let sa = Int(pairs.a[k]) * markets + Int(e.market[Int(pairs.b[k])])
      let sb = Int(pairs.b[k]) * markets + Int(e.market[Int(pairs.a[k])])
      let fromA = best[sa] == Int32(k)
      let fromB = best[sb] == Int32(k)
      let level: Int8
      if fromA && fromB {
        let margin = cosine[k] - max(secondC[sa], secondC[sb])
        let m = Comparison.textRankMargins
        level = margin >= m[0] ? 0 : (margin >= m[1] ? 1 : 2)
      } else {
        level = fromA || fromB ? 3 : 4
      }
      levels[k * C + t] = level
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
    var cosines: [Float] = []
    var lv = levels(e, pairs, cosines: &cosines)
    assignTextRank(&lv, pairs, e, cosines: cosines)
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
