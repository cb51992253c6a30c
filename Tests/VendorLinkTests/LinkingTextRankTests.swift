import Foundation
import Testing

@testable import VendorLink

@Suite struct LinkingTextRankTests {
  /// Accounts whose text is a unit vector at an angle (two tokens weighted cos θ, sin θ), so
  /// that every cosine is cos(θa − θb) and the expected ranks can be worked out by hand.
  func evidence(_ accounts: [(market: Int32, degrees: Double?)]) -> AccountEvidence {
    var e = AccountEvidence()
    e.marketNames = ["A", "B"]
    e.marketClosedDay = [nil, nil]
    for (i, a) in accounts.enumerated() {
      e.accountIDs.append(Int64(i + 1))
      e.market.append(a.market)
      e.handles.append("v\(i)")
      e.handleFolded.append(Array("v\(i)".utf8))
      e.handleCore.append(Array("v\(i)".utf8))
      e.keyOffsets.append(0)
      e.productOffsets.append(0)
      e.priceOffsets.append(0)
      e.sentenceOffsets.append(0)
      e.pitchOffsets.append(0)
      e.shipsToOffsets.append(0)
      e.shipsFrom.append(-1)
      e.firstSeenDay.append(nil)
      e.lastSeenDay.append(nil)
      if let d = a.degrees {
        let r = d * .pi / 180
        e.textTokens += [1, 2]
        e.textWeights += [Float(cos(r)), Float(sin(r))]
      }
      e.textOffsets.append(Int32(e.textTokens.count))
    }
    return e
  }

  @Test func levelsFollowMutualBestAndMargin() {
    // a0 0°, a1 60° on A; b0 5°, b1 70°, b2 62°, b3 without text on B.
    let e = evidence([(0, 0), (0, 60), (1, 5), (1, 70), (1, 62), (1, nil)])
    let pairs: [(Int32, Int32)] = [(0, 2), (0, 3), (1, 2), (1, 3), (1, 4), (0, 5)]
    var cp = CandidatePairs()
    for (a, b) in pairs {
      cp.a.append(a)
      cp.b.append(b)
      cp.rules.append(BlockingRule.textTopK.rawValue)
    }
    var levels = [Int8](repeating: -1, count: pairs.count * Comparison.count)
    Scoring.assignTextRank(&levels, cp, e)
    let got = (0..<pairs.count).map { levels[$0 * Comparison.count + Comparison.textRank.rawValue] }
    // (a0,b0): each other's best, runner-up a1 at cos 55° = 0.574: margin 0.42 → 0.
    // (a0,b1): b1's best is a1, a0's is b0 → neither (4).
    // (a1,b0): b0's best is a0, a1's is b2 → neither (4).
    // (a1,b1): b1's best is a1 but a1's is b2 → one side (3).
    // (a1,b2): mutual best, a1's runner-up b1 at cos 8° → margin 0.0134 → close (2).
    // (a0,b3): b3 has no text → null.
    #expect(got == [0, 4, 4, 3, 2, -1])
  }

  /// Given cosines (as `Scoring.levels` hands over) must give the same levels as computing
  /// them afresh, on random data.
  @Test func reusedCosinesGiveTheSameLevels() {
    var rng = SplitMix64(seed: 11)
    let e = evidence(
      (0..<40).map { i in (Int32(i % 2), rng.int(4) == 0 ? nil : rng.double() * 90) })
    var cp = CandidatePairs()
    for a in stride(from: 0, to: 40, by: 2) {
      for b in stride(from: 1, to: 40, by: 2) where rng.int(3) == 0 {
        cp.a.append(Int32(a))
        cp.b.append(Int32(b))
        cp.rules.append(BlockingRule.textTopK.rawValue)
      }
    }
    var fresh = [Int8](repeating: -1, count: cp.count * Comparison.count)
    Scoring.assignTextRank(&fresh, cp, e)
    var cosines: [Float] = []
    var reused = Scoring.levels(e, cp, cosines: &cosines)
    Scoring.assignTextRank(&reused, cp, e, cosines: cosines)
    let t = Comparison.textRank.rawValue
    #expect(
      (0..<cp.count).map { fresh[$0 * Comparison.count + t] }
        == (0..<cp.count).map { reused[$0 * Comparison.count + t] })
    #expect(Set((0..<cp.count).map { fresh[$0 * Comparison.count + t] }).count >= 3)
  }
}
