/// Writing habits (`WritingHabits`): how the two punctuate, capitalise and address buyers,
/// over all their texts — what survives when an operator rewrites every word under a new
/// name and key, and what a profile copied by someone else carries only in that profile.
enum HabitsComparison {
  enum Level: Int8, ComparisonLevels {
    case alike, close, someAlike, unlike, opposite
    var label: String {
      switch self {
      case .alike: "habit cosine >= 0.80"
      case .close: "habit cosine >= 0.60"
      case .someAlike: "habit cosine >= 0.35"
      case .unlike: "habit cosine >= 0"
      case .opposite: "habit cosine below 0"
      }
    }
  }

  /// Cosine thresholds of the habit levels. The vectors are z-scored rates, so two unrelated
  /// writers scatter around 0 (half of them below: `opposite`), while one writer's texts
  /// keep most rates on the same side of the mean; 0.8 and 0.6 split the writers who share
  /// nearly every habit from those sharing most, 0.35 those sharing some.
  static let thresholds: [Float] = [0.80, 0.60, 0.35, 0]

  static let declaration = ComparisonDeclaration(
    key: "habits", levels: Level.self,
    summary: "writing habits: punctuation, capitals, chat forms, emoji (cosine of rates)",
    values: { p in
      p.e.habitCosine(p.i, p.j).map { String(format: "habit cosine %.3f", $0) } ?? "no text"
    })
}

extension Comparison {
  public static let habits = Comparison(rawValue: 11)
}

extension PairComparer {
  public func habitsLevel(_ i: Int, _ j: Int) -> Int8 {
    guard let c = evidence.habitCosine(i, j) else { return nullLevel }
    for (k, t) in HabitsComparison.thresholds.enumerated() where c >= t { return Int8(k) }
    return HabitsComparison.Level.opposite.rawValue
  }
}
