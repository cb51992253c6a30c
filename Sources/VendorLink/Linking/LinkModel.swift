import Foundation

/// Trained comparison weights (Fellegi–Sunter): per comparison, per level, the probability of
/// the level among true matches (m) and among non-matches (u), and the prior probability that
/// a candidate pair is a match; since format 2, optionally a fitted weight per level that
/// replaces log2(m/u) (`Level.fittedWeight`, see `Trainer` step 8); since format 3, each
/// level named by its stable id (`ComparisonLevel.id`). Stored as versioned JSON
/// (`models/*.json`); comparisons and levels must be exactly the registry's
/// (`ComparisonRegistry`), in its order.
public struct LinkModel: Codable, Sendable, Equatable {
  /// File format version: bumped when the JSON shape changes. Version 2 added
  /// `fittedWeight`, version 3 level `id`s; version 1 and 2 files still load, their levels
  /// matched to ids by label.
  public static let formatVersion = 3

  public struct Level: Codable, Sendable, Equatable {
    /// The level's id in the registry (`ComparisonLevel.id`); empty in files before format 3
    /// until `LinkModel.decode` fills it from the label.
    public var id: String
    /// The level's label when the model was trained (for people reading the file).
    public var label: String
    public var m: Double
    public var u: Double
    /// u measured on random cross-market pairs, for reference.
    public var uRandom: Double?
    /// u among non-matching candidates in each exclusivity stratum (`Comparison.exclusivity`
    /// levels), so that evidence that travels with being someone's best look-alike is not
    /// counted twice (see `Trainer`). Nil: the comparison's u does not depend on it.
    public var uByExclusivity: [Double]?
    /// The level's weight in bits as fitted by the self-labelled regression
    /// (`LevelRegression`); when present it is the weight, whatever the exclusivity stratum.
    public var fittedWeight: Double?
    /// The evidence this level adds, in bits: the fitted weight, else log2(m / u).
    public var weight: Double { fittedWeight ?? log2(m / u) }

    public init(
      id: String = "", label: String, m: Double, u: Double, uRandom: Double? = nil,
      uByExclusivity: [Double]? = nil, fittedWeight: Double? = nil
    ) {
      self.id = id
      self.label = label
      self.m = m
      self.u = u
      self.uRandom = uRandom
      self.uByExclusivity = uByExclusivity
      self.fittedWeight = fittedWeight
    }

    enum CodingKeys: String, CodingKey {
      case id, label, m, u, uRandom, uByExclusivity, fittedWeight
    }

    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        id: try c.decodeIfPresent(String.self, forKey: .id) ?? "",
        label: try c.decode(String.self, forKey: .label), m: try c.decode(Double.self, forKey: .m),
        u: try c.decode(Double.self, forKey: .u),
        uRandom: try c.decodeIfPresent(Double.self, forKey: .uRandom),
        uByExclusivity: try c.decodeIfPresent([Double].self, forKey: .uByExclusivity),
        fittedWeight: try c.decodeIfPresent(Double.self, forKey: .fittedWeight))
    }
  }
  public struct ComparisonParameters: Codable, Sendable, Equatable {
    public var name: String
    public var levels: [Level]
  }
  /// How the model was trained: data, pair counts, EM iterations, so that a model file
  /// documents itself.
  public struct Training: Codable, Sendable, Equatable {
    public var method: String
    public var data: String
    public var accounts: Int
    public var candidatePairs: Int
    public var randomPairs: Int
    public var selfLabelledPairs: Int
    public var negativeLabelledPairs: Int
    public var emIterations: Int
    public var converged: Bool
    public var trainedAt: String
  }

  public var format: String = "vendorlink-model"
  public var formatVersion: Int = LinkModel.formatVersion
  /// Name and version of this model, recorded on every run that uses it.
  public var name: String
  public var version: String
  /// Probability that a candidate pair (not a random pair) is a match; for a model with
  /// fitted weights, the regression's intercept as a probability (the score of a pair before
  /// any comparison).
  public var prior: Double
  public var comparisons: [ComparisonParameters]
  public var training: Training?

  /// Weights by comparison and level, `weights[c][level]`, not stratified.
  public var weightTable: [[Double]] { comparisons.map { $0.levels.map(\.weight) } }

  /// Weights by comparison, level and exclusivity stratum, `[c][level][stratum]` (the
  /// unstratified weight where a level has no stratified u).
  public var stratifiedWeightTable: [[[Double]]] {
    let strata = Comparison.exclusivity.levels.count
    return comparisons.map { c in
      c.levels.map { l in
        (0..<strata).map { s in
          l.fittedWeight == nil ? l.uByExclusivity.map { log2(l.m / $0[s]) } ?? l.weight : l.weight
        }
      }
    }
  }

  /// The weight a pair gets from level `level` of comparison `c`, given its exclusivity
  /// level (−1 when unknown: the unstratified weight).
  public func weight(_ c: Comparison, level: Int8, exclusivity: Int8) -> Double {
    guard level >= 0 else { return 0 }
    let l = comparisons[c.rawValue].levels[Int(level)]
    if l.fittedWeight == nil, exclusivity >= 0, let us = l.uByExclusivity {
      return log2(l.m / us[Int(exclusivity)])
    }
    return l.weight
  }

  /// `uRandom` of each name level (for `NameComparison.termFrequencyBits`).
  public var nameURandom: [Double?] { comparisons[Comparison.name.rawValue].levels.map(\.uRandom) }

  /// The most the writing comparisons (`Scoring.writing`: text, text rank, sentences,
  /// pitches, habits) may add together, in bits, so that one copied profile is not counted
  /// four times over (an impersonator or copycat copies all of them at once). Each
  /// comparison's weight is still shown; `explain` shows the cut as its own line.
  ///
  /// Why 8 bits (odds × 256) and not less: gen.py's aliases who changed name and key are
  /// known by their text alone, and a cap one bit short of even odds (≈ 5 bits for a
  /// candidate prior of 0.02) cut their recall from 0.67 to 0.32 at 3×5k; 8 bits changed no
  /// figure of the synthetic worlds by more than 0.005 against no cap, and impersonators are
  /// told apart by their behaviour (`Contest`), which the cap cannot see.
  public static let defaultWritingCap = 8.0

  public var writingCap: Double { writingCapBits ?? Self.defaultWritingCap }
  /// A cap chosen for this model instead of the one derived from the prior (nil: derived).
  public var writingCapBits: Double?

  /// Whether the weights were fitted by regression (the prior is then an intercept).
  public var hasFittedWeights: Bool {
    comparisons.contains { $0.levels.contains { $0.fittedWeight != nil } }
  }

  /// Checks that the model scores exactly the comparisons and levels of the registry, in its
  /// order, with probabilities in (0, 1]; the error names the first comparison or level that
  /// does not fit.
  public func validate() throws {
    guard format == "vendorlink-model", (1...Self.formatVersion).contains(formatVersion) else {
      throw RuntimeFailure(
        "model: not a vendorlink model of format version 1 to \(Self.formatVersion)")
    }
    try validateComparisons()
    for (c, p) in zip(Comparison.allCases, comparisons) {
      for l in p.levels { try Self.validate(l, of: c) }
    }
    guard prior > 0 && prior < 1 else { throw RuntimeFailure("model: prior outside (0, 1)") }
  }

  /// The model's comparisons and level ids against the registry's.
  func validateComparisons() throws {
    let keys = Comparison.allCases.map(\.key)
    guard comparisons.map(\.name) == keys else {
      let missing = keys.filter { k in !comparisons.contains { $0.name == k } }
      let unknown = comparisons.map(\.name).filter { !keys.contains($0) }
      throw RuntimeFailure(
        "model: comparisons \(comparisons.map(\.name)) do not match this version's \(keys)"
          + (missing.isEmpty ? "" : " (missing: \(missing.joined(separator: ", ")))")
          + (unknown.isEmpty ? "" : " (unknown: \(unknown.joined(separator: ", ")))")
          + "; retrain with `vendorlink train`")
    }
    for (c, p) in zip(Comparison.allCases, comparisons) where p.levels.map(\.id) != c.levelIDs {
      let unknown = p.levels.map(\.id).filter { !c.levelIDs.contains($0) }
      throw RuntimeFailure(
        "model: levels of '\(c.key)' are \(p.levels.map(\.id)), this version's \(c.levelIDs)"
          + (unknown.isEmpty ? "" : " (unknown level '\(unknown[0])')")
          + "; retrain with `vendorlink train`")
    }
  }

  static func validate(_ l: Level, of c: Comparison) throws {
    let us = l.uByExclusivity ?? []
    guard l.m > 0 && l.m <= 1 && l.u > 0 && l.u <= 1 && us.allSatisfy({ $0 > 0 && $0 <= 1 })
    else {
      throw RuntimeFailure("model: '\(c.key)' level '\(l.id)' has m or u outside (0, 1]")
    }
    if let w = l.fittedWeight, !w.isFinite {
      throw RuntimeFailure("model: '\(c.key)' level '\(l.id)' has a non-finite weight")
    }
    if l.uByExclusivity != nil && us.count != Comparison.exclusivity.levels.count {
      throw RuntimeFailure("model: '\(c.key)' has a wrong number of exclusivity strata")
    }
  }

  /// Fills the level ids of a format 1 or 2 model from its labels (those formats named levels
  /// by label only); a label the registry does not know is an error naming it.
  mutating func assignIDsFromLabels() throws {
    for (n, p) in comparisons.enumerated() {
      guard let c = Comparison.allCases.first(where: { $0.key == p.name }) else { continue }
      for (l, level) in p.levels.enumerated() where level.id.isEmpty {
        guard let k = c.levels.firstIndex(of: level.label) else {
          throw RuntimeFailure(
            "model: level '\(level.label)' of '\(c.key)' (format \(formatVersion)) is not a "
              + "level of this version; retrain with `vendorlink train`")
        }
        comparisons[n].levels[l].id = c.levelIDs[k]
      }
    }
  }

  public static func load(path: String) throws -> LinkModel {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw RuntimeFailure("model: cannot read \(path)")
    }
    return try decode(data, source: path)
  }

  public static func decode(_ data: Data, source: String) throws -> LinkModel {
    var model: LinkModel
    do {
      model = try JSONDecoder().decode(LinkModel.self, from: data)
    } catch {
      throw RuntimeFailure("model: \(source) is not a valid model file (\(error))")
    }
    if model.formatVersion < 3 { try model.assignIDsFromLabels() }
    try model.validate()
    return model
  }

  /// `name-<a stable hash over the parameters>`: a version that changes
  /// whenever any weight does, so that a run can tell whether stored scores are still valid.
  /// (Hashes labels, not ids, as before format 3: a model's version did not change with it.)
  public func contentVersion() -> String {
    var h: UInt64 = 0
    h = Hash64.combine(h, String(prior))
    if let cap = writingCapBits { h = Hash64.combine(h, "writing cap \(cap)") }
    for c in comparisons {
      h = Hash64.combine(h, c.name)
      for l in c.levels {
        h = Hash64.combine(h, "\(l.label)|\(l.m)|\(l.u)|\(l.uByExclusivity ?? [])")
        if let w = l.fittedWeight { h = Hash64.combine(h, "fitted \(w)") }
      }
    }
    let hex = String(h, radix: 16)
    return name + "-" + String(repeating: "0", count: max(0, 16 - hex.count)) + hex
  }

  public func encoded() throws -> Data {
    let enc = JSONEncoder()
    enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try enc.encode(self)
  }

  /// The model shipped with the tool: models/default.json, a resource of this package, so
  /// that the CLI works from any directory.
  public static func shipped() throws -> LinkModel {
    guard let url = Bundle.module.url(forResource: "default", withExtension: "json"),
      let data = try? Data(contentsOf: url)
    else {
      throw RuntimeFailure("model: the built-in default model (default.json) is missing")
    }
    return try decode(data, source: "built-in default model")
  }
}
