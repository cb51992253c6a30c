import Foundation

/// Whether each account is the other's best candidate on the other's market (markets let a
/// vendor have one account, so a second-best candidate is most likely someone else): a graph
/// comparison ranked by the other comparisons' weights, and the strata the other comparisons'
/// u are estimated in (`ComparisonDeclaration.Role.stratifier`).
enum ExclusivityComparison {
  enum Level: Int8, ComparisonLevels {
    case mutualClear, mutualAhead, mutualClose, oneSide, neither
    var label: String {
      switch self {
      case .mutualClear: "mutual best, 8+ bits clear of the runner-up"
      case .mutualAhead: "mutual best, 4+ bits clear"
      case .mutualClose: "mutual best, close runner-up"
      case .oneSide: "best candidate of one side"
      case .neither: "neither"
      }
    }
  }

  /// Margins (bits) that separate the mutual levels: 8 bits means the runner-up is 256 times
  /// less likely; on gen.py data aliases mostly stand more than 8 bits clear, while a vendor
  /// with no alias has several look-alikes within 4.
  static let margins: [Double] = [8, 4]

  /// Starting u before training measures it among candidates (random pairs cannot: the
  /// comparison exists among candidates only). Training overwrites it before any use; the
  /// values say most candidates are nobody's best and few are mutual best (0.02 in all, as
  /// the three-level comparison this one refined had).
  static let startingU = [0.005, 0.005, 0.01, 0.18, 0.80]

  static let declaration = ComparisonDeclaration(
    key: "exclusivity", kind: .graph, role: .stratifier, levels: Level.self,
    summary: "whether each is the other's best candidate on the other's market, by how much",
    prior: .halving(Level.allCases.count, u: startingU),
    values: { p in p.stored ? "from the last link run" : "not a candidate pair" })
}

extension Comparison {
  public static let exclusivity = Comparison(rawValue: 10)
}

extension Scoring {
  /// Margins of the exclusivity levels (`ExclusivityComparison.margins`).
  static var exclusivityMargins: [Double] { ExclusivityComparison.margins }

  /// Sets the exclusivity level of every pair from the weights of the other comparisons
  /// except the self-label (PGP, so that key-sharing self-labels show the same margins as
  /// other aliases): for each account and each other market, its best and second-best
  /// candidates there. A pair that is both sides' best gets a level by its margin over the
  /// runner-up (the smaller of the two sides'); then "best of one side"; then "neither".
  public static func assignExclusivity(
    _ levels: inout [Int8], _ pairs: CandidatePairs, _ e: AccountEvidence, weights: [[Double]],
    writingCap: Double = .infinity
  ) {
    let C = Comparison.count
    let counted = Comparison.allCases.filter { $0.declaration.role == .evidence }.map(\.rawValue)
    let isWriting = Scoring.isWriting
    let table = WeightTable(weights)
    var partial = [Double](repeating: 0, count: pairs.count)
    levels.withUnsafeBufferPointer { lv in
      partial.withUnsafeMutableBufferPointer { out in
        inChunks(pairs.count) { range in
          for k in range {
            var w = 0.0
            var writing = 0.0
            for c in counted {
              let l = lv[k * C + c]
              guard l >= 0 else { continue }
              if isWriting[c] { writing += table[c, l] } else { w += table[c, l] }
            }
            // As in scoring: one copied profile is not four pieces of evidence.
            out[k] = w + min(writing, writingCap)
          }
        }
      }
    }
    MutualBest.assignLevels(
      &levels, column: Comparison.exclusivity.rawValue, pairs, e, score: partial,
      noRunnerUp: -.infinity, margins: ExclusivityComparison.margins, unranked: nil)
  }
}
