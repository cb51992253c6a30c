import Foundation

/// The comparisons linking scores, in column order: each is one declaration in its own file
/// under `Linking/Comparisons/` (as Splink's comparisons: levels, each a condition and a
/// label), and everything else derives from this list: the `matches` columns
/// (`Schema.linking`), the model's weight vectors and its validation (`LinkModel`), scoring,
/// explain, training and the level regression.
///
/// Adding a comparison (README.md, "Linking design notes"): a new file here declaring
/// `Comparison.<name>` (the next `rawValue`), its `Level` enum and its
/// `ComparisonDeclaration`; its level function in an `extension PairComparer` in the same
/// file, called from `PairComparer.levels` (a pairwise comparison) or assigned over all
/// candidates in `Scoring.assignGraphLevels` (a graph comparison); its declaration appended
/// to `ComparisonRegistry.all`; a table-driven test of its levels. A model trained before
/// then no longer fits (`LinkModel.validate` names the comparison): retrain.
public enum ComparisonRegistry {
  /// Every comparison's declaration, `all[c.rawValue]` for comparison `c`.
  public static let all: [ComparisonDeclaration] = [
    NameComparison.declaration,
    PGPComparison.declaration,
    TextComparison.declaration,
    TextRankComparison.declaration,
    SentencesComparison.declaration,
    ShippingComparison.declaration,
    ProductsComparison.declaration,
    PitchesComparison.declaration,
    PricesComparison.declaration,
    ActivityComparison.declaration,
    ExclusivityComparison.declaration,
    HabitsComparison.declaration,
  ]

  /// Checks that every `Comparison` constant names its own declaration, keys are unique and
  /// each level set is numbered 0, 1, … (a mistake here is a programming error, found by
  /// `LinkingRegistryTests`).
  static func check(_ constants: [Comparison]) -> [String] {
    var problems: [String] = []
    if constants.map(\.rawValue) != Array(all.indices) {
      problems.append("Comparison constants \(constants.map(\.rawValue)) are not 0..<\(all.count)")
    }
    if Set(all.map(\.key)).count != all.count { problems.append("duplicate comparison keys") }
    for d in all where Set(d.levels.map(\.id)).count != d.levels.count {
      problems.append("\(d.key): duplicate level ids")
    }
    return problems
  }
}

/// One comparison: a column index into the registry (`rawValue`), so that per-pair code
/// indexes flat level arrays (`levels[k * Comparison.count + c.rawValue]`) without looking
/// anything up. The constants (`Comparison.name`, …) are declared in the comparisons' files.
public struct Comparison: Hashable, Sendable, CustomStringConvertible {
  public let rawValue: Int
  init(rawValue: Int) { self.rawValue = rawValue }

  public static let count = ComparisonRegistry.all.count
  public static let allCases: [Comparison] = (0..<count).map(Comparison.init(rawValue:))
  /// Pairwise comparisons (`PairComparer.levels` computes them pair by pair).
  public static let pairwise = allCases.filter { $0.declaration.kind == .pairwise }
  /// Graph comparisons: assigned over all candidate pairs (`Scoring.assignGraphLevels`).
  public static let graph = allCases.filter { $0.declaration.kind == .graph }

  public var declaration: ComparisonDeclaration { ComparisonRegistry.all[rawValue] }
  /// Column name prefix in `matches` and the name in model files.
  public var key: String { declaration.key }
  /// Level labels, strongest agreement first.
  public var levels: [String] { declaration.levels.map(\.label) }
  /// Level ids (what model files name), strongest agreement first.
  public var levelIDs: [String] { declaration.levels.map(\.id) }
  public var description: String { key }
}

/// The level of a pair whose evidence is missing on either side: it carries no weight.
public let nullLevel: Int8 = -1

/// One level of a comparison.
public struct ComparisonLevel: Sendable, Equatable {
  /// Stable name stored in model files (format 3): the case name of the comparison's `Level`
  /// enum. Renaming a case invalidates trained models; rewording a label does not.
  public let id: String
  /// What the level means, for people (explain, docs).
  public let label: String
}

/// A comparison's levels as an enum: case order is level order (0 = strongest agreement),
/// the case name is the level's id.
public protocol ComparisonLevels: CaseIterable, RawRepresentable, Sendable
where RawValue == Int8, AllCases == [Self] {
  var label: String { get }
}

extension ComparisonLevels {
  static var declared: [ComparisonLevel] {
    allCases.map { ComparisonLevel(id: "\($0)", label: $0.label) }
  }
}

/// Starting values training uses before any data speaks for a comparison.
public struct ComparisonPrior: Sendable {
  /// Starting m per level (kept where there are too few self-labels to learn it).
  public var m: [Double]
  /// Starting u per level, for a comparison random pairs cannot measure (a graph comparison
  /// is defined among candidates only); nil: u from random cross-market pairs.
  public var u: [Double]?

  /// Most matches agree strongly: m halves level by level (0.5, 0.25, …, the last level
  /// taking the remainder), the starting guess EM used for every comparison.
  public static func halving(_ levels: Int, u: [Double]? = nil) -> ComparisonPrior {
    var m = (0..<levels).map { pow(0.5, Double($0 + 1)) }
    m[levels - 1] += pow(0.5, Double(levels))
    return ComparisonPrior(m: m, u: u)
  }
}

/// Everything the code knows about one comparison.
public struct ComparisonDeclaration: Sendable {
  public enum Kind: Sendable, Equatable {
    /// Computed from the two accounts alone (`PairComparer.levels`).
    case pairwise
    /// Assigned over all candidates (where the pair stands among each side's candidates).
    case graph
  }
  /// The comparisons training treats apart; most are plain evidence.
  public enum Role: Sendable, Equatable {
    case evidence
    /// PGP: shared keys are the self-labels (positive level 0, negative level 1); its own m
    /// and u come from EM posteriors without it, and no regression weight is fitted for it.
    case selfLabel
    /// Exclusivity: the other comparisons' u are estimated within each of its levels, and it
    /// is ranked from the other comparisons' weights (so it is assigned after a first fit).
    case stratifier
  }

  /// Column name prefix in `matches` (`<key>_level`, `<key>_weight`) and the name in models.
  public let key: String
  public let kind: Kind
  public var role: Role = .evidence
  public let levels: [ComparisonLevel]
  /// One line on what is compared, for readers of the registry (the per-pair explanation is
  /// `values`).
  public let summary: String
  public let prior: ComparisonPrior
  /// The values compared, for `explain`'s waterfall.
  let values: @Sendable (ExplainedPair) -> String

  init<L: ComparisonLevels>(
    key: String, kind: Kind = .pairwise, role: Role = .evidence, levels: L.Type,
    summary: String, prior: ComparisonPrior? = nil,
    values: @escaping @Sendable (ExplainedPair) -> String
  ) {
    self.key = key
    self.kind = kind
    self.role = role
    self.levels = L.declared
    self.summary = summary
    self.prior = prior ?? .halving(L.allCases.count)
    self.values = values
  }
}

/// A pair as `explain` shows it: the two rows, their evidence and a comparer.
struct ExplainedPair {
  let i: Int
  let j: Int
  let e: AccountEvidence
  let cmp: PairComparer
  /// Whether the pair was stored by the last link run (graph comparisons come from there).
  let stored: Bool
}
