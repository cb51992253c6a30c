import Foundation

/// Why two accounts scored as they did: Splink's waterfall — the prior, then each
/// comparison's level, the values compared and its weight, the running total and the
/// probability.
public struct Waterfall: Sendable {
  public struct Step: Sendable {
    public var comparison: String
    /// Level label, or "null (missing)" when the evidence is missing on one side.
    public var level: String
    public var values: String
    public var weight: Double
    public var cumulative: Double
  }
  public var accountA: String
  public var accountB: String
  public var priorBits: Double
  /// What the prior row stands for: P(match) among candidates for m/u weights, the fitted
  /// intercept for regression weights.
  public var priorLabel = "P(match) among candidate pairs"
  public var steps: [Step]
  public var totalBits: Double
  public var probability: Double
  /// Whether blocking proposed this pair (only candidates are stored in `matches`).
  public var storedDecision: String?

  public var text: String {
    var out = ["\(accountA)  vs  \(accountB)"]
    func row(_ a: String, _ b: String, _ w: String, _ c: String, _ v: String) -> String {
      a.padding(toLength: 12, withPad: " ", startingAt: 0) + " "
        + b.padding(toLength: 46, withPad: " ", startingAt: 0) + " " + w.leftPad(8) + " "
        + c.leftPad(8) + "  " + v
    }
    out.append(row("comparison", "level", "weight", "total", "values compared"))
    out.append(row("prior", priorLabel, f(priorBits), f(priorBits), ""))
    for s in steps {
      out.append(row(s.comparison, s.level, f(s.weight), f(s.cumulative), s.values))
    }
    out.append(
      "total match weight \(f(totalBits)) bits → probability \(String(format: "%.4f", probability))"
        + (storedDecision.map { " (stored decision: \($0))" } ?? " (not a candidate pair)"))
    return out.joined(separator: "\n")
  }

  private func f(_ x: Double) -> String { String(format: "%+.2f", x) }
}

extension String {
  fileprivate func leftPad(_ n: Int) -> String {
    count >= n ? self : String(repeating: " ", count: n - count) + self
  }
}

public enum Explain {
  /// Parses `MARKET:VENDOR` (split at the first colon: handles may contain colons).
  public static func parseAccount(_ s: String) -> (market: String, vendor: String)? {
    guard let colon = s.firstIndex(of: ":"), colon != s.startIndex,
      s.index(after: colon) != s.endIndex
    else { return nil }
    return (String(s[..<colon]), String(s[s.index(after: colon)...]))
  }

  public static func waterfall(
    db: Database, model: LinkModel, a: (market: String, vendor: String),
    b: (market: String, vendor: String)
  ) throws -> Waterfall {
    // Exact name first, then ignoring case; an unknown name lists the closest three.
    func accountID(_ x: (market: String, vendor: String), _ which: Int) throws -> Int64 {
      do {
        return try AccountLookup.find("\(x.market):\(x.vendor)", in: db).id
      } catch let e as InputRejected {
        throw InputRejected("explain: account \(which): \(e.message)")
      }
    }
    let idA = try accountID(a, 1)
    let idB = try accountID(b, 2)
    let e = try EvidenceLoader.load(from: db)
    guard let i = e.index(ofAccount: idA), let j = e.index(ofAccount: idB) else {
      throw RuntimeFailure("explain: accounts vanished while loading")
    }
    let cmp = PairComparer(e)
    var levels = [Int8](repeating: nullLevel, count: Comparison.count)
    levels.withUnsafeMutableBufferPointer { _ = cmp.levels(i, j, into: $0.baseAddress!) }
    // Graph comparisons' levels come from the last link run (they rank the pair among all
    // candidates).
    let graphColumns = Comparison.graph.map { "\($0.key)_level" }.joined(separator: ", ")
    let stored = try db.query(
      "SELECT decision, \(graphColumns), contest_reasons FROM matches "
        + "WHERE account_a = ? AND account_b = ?",
      [.integer(min(idA, idB)), .integer(max(idA, idB))]
    ).first
    for (n, c) in Comparison.graph.enumerated() {
      if let s = stored, let l = s[1 + n].intValue { levels[c.rawValue] = Int8(l) }
    }
    let priorBits = log2(model.prior / (1 - model.prior))
    var total = priorBits
    var steps: [Waterfall.Step] = []
    let pair = ExplainedPair(i: i, j: j, e: e, cmp: cmp, stored: stored != nil)
    var writing = 0.0
    for c in Comparison.allCases {
      let l = levels[c.rawValue]
      let tf =
        c == .name
        ? NameComparison.termFrequencyBits(e, i, j, level: l, uRandom: model.nameURandom) : 0
      let w =
        model.weight(c, level: l, exclusivity: levels[Comparison.exclusivity.rawValue]) + tf
      total += w
      if Scoring.isWriting[c.rawValue] { writing += w }
      let values =
        c.declaration.values(pair)
        + (tf != 0 ? String(format: "; this handle's rarity %+.2f bits", tf) : "")
      steps.append(
        Waterfall.Step(
          comparison: c.key, level: l >= 0 ? c.levels[Int(l)] : "null (missing)",
          values: values, weight: w, cumulative: total))
    }
    // The writing comparisons count together at most `model.writingCap` bits (as scoring).
    if writing > model.writingCap {
      total += model.writingCap - writing
      steps.append(
        Waterfall.Step(
          comparison: "writing", level: "counted once: at most the cap",
          values: String(
            format: "text, text rank, sentences, pitches, habits: %+.2f bits, cap %.2f",
            writing, model.writingCap),
          weight: model.writingCap - writing, cumulative: total))
    }
    return Waterfall(
      accountA: "\(a.market):\(a.vendor)", accountB: "\(b.market):\(b.vendor)",
      priorBits: priorBits,
      priorLabel: model.hasFittedWeights
        ? "fitted intercept (before any comparison)" : "P(match) among candidate pairs",
      steps: steps, totalBits: total,
      probability: Scoring.probability(bits: total),
      storedDecision: stored.flatMap { row in
        row[0].stringValue.map { decision in
          row[1 + Comparison.graph.count].stringValue.map {
            "\(decision): " + $0.split(separator: ";").joined(separator: ", ")
          } ?? decision
        }
      })
  }
}
