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
    func accountID(_ x: (market: String, vendor: String), _ which: Int) throws -> Int64 {
      guard
        let id = try db.scalarInt(
          "SELECT account_id FROM accounts WHERE market = ? AND vendor = ?",
          [.text(x.market), .text(x.vendor)])
      else { throw InputRejected("explain: account \(which) is not in the database") }
      return id
    }
    let idA = try accountID(a, 1)
    let idB = try accountID(b, 2)
    let e = try EvidenceLoader.load(from: db)
    guard let i = e.index(ofAccount: idA), let j = e.index(ofAccount: idB) else {
      throw RuntimeFailure("explain: accounts vanished while loading")
    }
    let cmp = PairComparer(e)
    var levels = [Int8](repeating: -1, count: Comparison.count)
    levels.withUnsafeMutableBufferPointer { cmp.levels(i, j, into: $0.baseAddress!) }
    let stored = try db.query(
      """
      SELECT exclusivity_level, decision, text_rank_level FROM matches
      WHERE account_a = ? AND account_b = ?
      """,
      [.integer(min(idA, idB)), .integer(max(idA, idB))]
    ).first
    if let s = stored, let l = s[0].intValue { levels[Comparison.exclusivity.rawValue] = Int8(l) }
    if let s = stored, let l = s[2].intValue { levels[Comparison.textRank.rawValue] = Int8(l) }
    let priorBits = log2(model.prior / (1 - model.prior))
    var total = priorBits
    var steps: [Waterfall.Step] = []
    for c in Comparison.allCases {
      let l = levels[c.rawValue]
      let w = model.weight(c, level: l, exclusivity: levels[Comparison.exclusivity.rawValue])
      total += w
      steps.append(
        Waterfall.Step(
          comparison: c.key, level: l >= 0 ? c.levels[Int(l)] : "null (missing)",
          values: values(c, i, j, e, cmp, stored: stored != nil), weight: w, cumulative: total))
    }
    return Waterfall(
      accountA: "\(a.market):\(a.vendor)", accountB: "\(b.market):\(b.vendor)",
      priorBits: priorBits,
      priorLabel: model.hasFittedWeights
        ? "fitted intercept (before any comparison)" : "P(match) among candidate pairs",
      steps: steps, totalBits: total,
      probability: Scoring.probability(bits: total),
      storedDecision: stored?[1].stringValue)
  }

  static func values(
    _ c: Comparison, _ i: Int, _ j: Int, _ e: AccountEvidence, _ cmp: PairComparer, stored: Bool
  ) -> String {
    func places(_ r: Int) -> String {
      let from = e.shipsFrom[r] >= 0 ? e.placeNames[Int(e.shipsFrom[r])] : "?"
      let to = e.shipsTo(of: r).map { e.placeNames[Int($0)] }.joined(separator: ",")
      return "from \(from) to [\(to)]"
    }
    func days(_ d: Int32?) -> String {
      guard let d else { return "?" }
      let date = Date(timeIntervalSince1970: Double(d) * 86400)
      let f = ISO8601DateFormatter()
      f.formatOptions = [.withFullDate]
      return f.string(from: date)
    }
    switch c {
    case .name:
      let jw = StringSimilarity.jaroWinkler(e.handleFolded[i], e.handleFolded[j])
      return "\(e.handles[i]) | \(e.handles[j]) (Jaro-Winkler \(String(format: "%.3f", jw)))"
    case .pgp:
      func keys(_ r: Int) -> String {
        let k = e.keys(of: r).map { e.fingerprints[Int($0)] }
        return k.isEmpty ? "none" : k.joined(separator: ",")
      }
      return "\(keys(i)) | \(keys(j))"
    case .text:
      return cmp.cosine(i, j).map { "TF-IDF cosine \(String(format: "%.3f", $0))" } ?? "no text"
    case .textRank:
      return stored ? "from the last link run" : "not a candidate pair"
    case .shipping: return "\(places(i)) | \(places(j))"
    case .products:
      let a = e.products(of: i)
      let b = e.products(of: j)
      let shared = sortedIntersect(a, b)
      return "\(shared) shared of \(a.count) | \(b.count) products"
    case .sentences:
      guard let o = cmp.sentenceOverlap(i, j) else { return "no profile sentences on one side" }
      return "rarity-weighted Jaccard \(String(format: "%.3f", o.jaccard)), \(o.shared) shared of "
        + "\(e.sentenceRange(of: i).count) | \(e.sentenceRange(of: j).count) sentences"
    case .pitches:
      let a = e.pitches(of: i)
      let b = e.pitches(of: j)
      return "\(sortedIntersect(a, b)) shared of \(a.count) | \(b.count) title pitches"
    case .prices:
      return cmp.priceDistance(i, j).map {
        "median |log price-level ratio| over shared products \(String(format: "%.3f", $0))"
      } ?? "no priced product in common"
    case .activity:
      return "\(days(e.firstSeenDay[i]))..\(days(e.lastSeenDay[i])) | "
        + "\(days(e.firstSeenDay[j]))..\(days(e.lastSeenDay[j]))"
    case .exclusivity:
      return stored ? "from the last link run" : "not a candidate pair"
    }
  }
}
