/// PGP keys: a shared key is near-certain evidence of one operator (and the self-label
/// training learns from, `ComparisonDeclaration.Role.selfLabel`).
enum PGPComparison {
  enum Level: Int8, ComparisonLevels {
    case sharedKey, noneShared
    var label: String {
      switch self {
      case .sharedKey: "shared key"
      case .noneShared: "both have keys, none shared"
      }
    }
  }

  static let declaration = ComparisonDeclaration(
    key: "pgp", role: .selfLabel, levels: Level.self,
    summary: "the PGP key fingerprints both accounts show",
    values: { p in
      func keys(_ r: Int) -> String {
        let k = p.e.keys(of: r).map { p.e.fingerprints[Int($0)] }
        return k.isEmpty ? "none" : k.joined(separator: ",")
      }
      return "\(keys(p.i)) | \(keys(p.j))"
    })
}

extension Comparison {
  public static let pgp = Comparison(rawValue: 1)
}

extension PairComparer {
  public func pgpLevel(_ i: Int, _ j: Int) -> Int8 { Self.pgpLevel(evidence, i, j) }

  /// As `pgpLevel(_:_:)`, for callers without a comparer (clustering needs no handle bytes).
  static func pgpLevel(_ evidence: AccountEvidence, _ i: Int, _ j: Int) -> Int8 {
    let a = evidence.keys(of: i)
    let b = evidence.keys(of: j)
    if a.isEmpty || b.isEmpty { return nullLevel }
    return sortedIntersect(a, b) > 0
      ? PGPComparison.Level.sharedKey.rawValue : PGPComparison.Level.noneShared.rawValue
  }
}
