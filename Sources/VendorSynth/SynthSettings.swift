import Foundation
import VendorLink

/// Which world `vendorlink synth` writes: the `standard` one (the committed sample; its bytes
/// never change) or a `hard` one, where every phenomenon a linker must survive is planted at a
/// strength closer to real crawls and can be switched off one by one (issue 13).
public enum SynthDifficulty: String, CaseIterable, Sendable {
  case standard, hard
}

/// The phenomena of the hard world, each switchable (`--without NAME`, `--phenomena LIST`).
/// The raw values are the names the command line and `truth_world.csv` use.
public enum SynthPhenomenon: String, CaseIterable, Sendable, Comparable {
  /// Operators that change name *and* key rewrite their texts in a new style (one deep habit
  /// may persist), relabel ships-from as a region, keep about half of their products and
  /// reprice by 10–25 %.
  case evasion
  /// Vocabulary shared by unrelated operators: regional slang, niche boilerplate, copied
  /// terms of service, short generic profiles; personal tics rare.
  case sharedVocabulary = "shared-vocabulary"
  /// Month-by-month fashion in wording (a phrase of the month in descriptions and profiles).
  case vocabularyDrift = "vocabulary-drift"
  /// One operator with two live accounts on one market (same-market true pairs).
  case siblings
  /// Accounts passing for a popular vendor after its market closed.
  case impersonators
  /// Unrelated vendors who copy a popular vendor's profile under their own name.
  case copycats
  /// Unrelated vendors who copy a supplier's listings at a mark-up.
  case resellers
  /// Generic handles ("accept", "shop") used by unrelated vendors on different markets.
  case commonHandles = "common-handles"
  /// Unrelated vendors whose handle is a near variant of a Dream vendor's.
  case lookalikes

  public static func < (a: SynthPhenomenon, b: SynthPhenomenon) -> Bool {
    a.rawValue < b.rawValue
  }
}

/// A world's difficulty and, for `hard`, the phenomena switched on.
public struct SynthSettings: Sendable, Equatable {
  public let difficulty: SynthDifficulty
  public let phenomena: Set<SynthPhenomenon>

  public static let standard = SynthSettings(difficulty: .standard, phenomena: [])
  public static let hard = SynthSettings(
    difficulty: .hard, phenomena: Set(SynthPhenomenon.allCases))

  public init(difficulty: SynthDifficulty, phenomena: Set<SynthPhenomenon>) {
    self.difficulty = difficulty
    self.phenomena = difficulty == .standard ? [] : phenomena
  }

  /// Parses `--phenomena` and `--without` lists (comma-separated names); nil names mean "all".
  public static func parse(
    difficulty: SynthDifficulty, only: [String]?, without: [String]
  ) throws -> SynthSettings {
    func names(_ list: [String]) throws -> Set<SynthPhenomenon> {
      var out: Set<SynthPhenomenon> = []
      for item in list.flatMap({ $0.split(separator: ",") }) {
        let name = item.trimmingCharacters(in: .whitespaces)
        guard let p = SynthPhenomenon(rawValue: name) else {
          let known = SynthPhenomenon.allCases.map(\.rawValue).joined(separator: ", ")
          throw RuntimeFailure("unknown phenomenon '\(name)' (known: \(known))")
        }
        out.insert(p)
      }
      return out
    }
    if difficulty == .standard && (only != nil || !without.isEmpty) {
      throw RuntimeFailure("--phenomena and --without apply to --difficulty hard only")
    }
    let base = try only.map(names) ?? Set(SynthPhenomenon.allCases)
    return SynthSettings(difficulty: difficulty, phenomena: base.subtracting(try names(without)))
  }

  public var isHard: Bool { difficulty == .hard }

  func has(_ p: SynthPhenomenon) -> Bool { phenomena.contains(p) }
}
