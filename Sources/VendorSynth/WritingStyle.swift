import Foundation

/// One operator's writing habits, applied to every text the operator writes on every account,
/// so that true aliases read alike even after a new name and a new key: sign-off, emoji,
/// sentence endings, capitalisation, favourite phrases and consistent misspellings.
/// The habits are drawn independently, so their combination is close to unique per operator,
/// while each single habit is shared by many (no one habit identifies a vendor).
struct WritingStyle: Sendable {
  enum Capitalisation: Int, Sendable { case normal, lower, upper, title }

  var signOff: String?
  var emoji: [String]
  /// Chance that a sentence ends with an emoji.
  var emojiRate: Double
  /// What ends a sentence: ".", "!", "!!", "!!!", "..." or nothing.
  var sentenceEnd: String
  /// A space before "!" (a French-speaker's habit, and a strong tell).
  var spaceBeforeBang: Bool
  var capitalisation: Capitalisation
  var favourites: [String]
  var typos: [(String, String)]
  var greetingIndex: Int
  var claimIndex: Int

  init(_ rng: inout SynthRandom) {
    let v = SynthVocabulary.self
    signOff = rng.chance(0.8) ? rng.pick(v.signOffs) : nil
    emoji = rng.distinct(rng.int(0...3), below: v.emoji.count).map { v.emoji[$0] }
    emojiRate = emoji.isEmpty ? 0 : 0.2 + 0.5 * rng.uniform()
    sentenceEnd = rng.weighted([(".", 4), ("!", 3), ("!!", 1), ("!!!", 0.7), ("...", 1), ("", 1)])
    spaceBeforeBang = rng.chance(0.08)
    capitalisation = Capitalisation(rawValue: rng.weightedIndex([6, 1.5, 0.6, 1]))!
    favourites = rng.distinct(2, below: v.favouritePhrases.count).map { v.favouritePhrases[$0] }
    typos = rng.distinct(rng.int(0...2), below: v.typos.count).map { v.typos[$0] }
    greetingIndex = rng.below(v.intros.count)
    claimIndex = rng.below(v.claims.count)
  }

  /// The hard world's style: habits drawn from the community's common stock, personal tics
  /// rare (a sign-off 45 % of the time and from the six commonest, emoji 25 %, a misspelling
  /// 12 %, a space before "!" 2 %, favourite phrases from the twelve commonest), so that a
  /// style alone tells few vendors apart, as STUDY.md says of real crawls.
  init(rareTics rng: inout SynthRandom) {
    let v = SynthVocabulary.self
    signOff = rng.chance(0.45) ? rng.pick(Array(v.signOffs.prefix(6))) : nil
    emoji =
      rng.chance(0.25) ? rng.distinct(rng.int(1...2), below: v.emoji.count).map { v.emoji[$0] } : []
    emojiRate = emoji.isEmpty ? 0 : 0.1 + 0.3 * rng.uniform()
    sentenceEnd = rng.weighted([
      (".", 6), ("!", 3), ("!!", 0.3), ("!!!", 0.15), ("...", 0.4), ("", 1),
    ])
    spaceBeforeBang = rng.chance(0.02)
    capitalisation = Capitalisation(rawValue: rng.weightedIndex([8, 1, 0.2, 0.5]))!
    favourites = rng.distinct(2, below: 12).map { v.favouritePhrases[$0] }
    typos = rng.chance(0.12) ? [rng.pick(v.typos)] : []
    greetingIndex = rng.below(v.intros.count)
    claimIndex = rng.below(v.claims.count)
  }

  /// The habits of `old` that a rewrite might fail to shed, by name.
  private func habits() -> [String] {
    var out: [String] = []
    if !typos.isEmpty { out.append("misspelling") }
    if signOff != nil { out.append("sign-off") }
    if sentenceEnd != "." || spaceBeforeBang { out.append("punctuation") }
    if !emoji.isEmpty { out.append("emoji") }
    if capitalisation != .normal { out.append("capitalisation") }
    return out
  }

  /// A new style for an operator who rewrote everything, keeping with probability `keep` one
  /// habit of the old one (a real operator cannot shed everything): returns the new style and
  /// the habit kept, if any.
  static func rewrite(
    of old: WritingStyle, keep: Double, rareTics: Bool, _ rng: inout SynthRandom
  ) -> (WritingStyle, String?) {
    var new = rareTics ? WritingStyle(rareTics: &rng) : WritingStyle(&rng)
    // A new voice: another greeting and claim than the old one's.
    let v = SynthVocabulary.self
    new.greetingIndex = (old.greetingIndex + 1 + rng.below(v.intros.count - 1)) % v.intros.count
    new.claimIndex = (old.claimIndex + 1 + rng.below(v.claims.count - 1)) % v.claims.count
    let candidates = old.habits()
    guard !candidates.isEmpty, rng.chance(keep) else { return (new, nil) }
    let habit = rng.pick(candidates)
    switch habit {
    case "misspelling": new.typos = [rng.pick(old.typos)]
    case "sign-off": new.signOff = old.signOff
    case "punctuation":
      (new.sentenceEnd, new.spaceBeforeBang) = (old.sentenceEnd, old.spaceBeforeBang)
    case "emoji": (new.emoji, new.emojiRate) = (old.emoji, old.emojiRate)
    default: new.capitalisation = old.capitalisation
    }
    return (new, habit)
  }

  /// Joins sentences the operator's way and applies the habits.
  func render(_ sentences: [String], rng: inout SynthRandom) -> String {
    var out = ""
    for (i, s) in sentences.enumerated() {
      if i > 0 { out += " " }
      out += applyWords(s)
      if sentenceEnd.hasPrefix("!") && spaceBeforeBang { out += " " }
      out += sentenceEnd
      if !emoji.isEmpty && rng.chance(emojiRate) { out += " " + rng.pick(emoji) }
    }
    if let signOff { out += " " + applyWords(signOff) }
    return out
  }

  func applyWords(_ text: String) -> String {
    var t = text
    for (right, wrong) in typos { t = t.replacingWholeWord(right, with: wrong) }
    switch capitalisation {
    case .normal: return t
    case .lower: return t.lowercased()
    case .upper:
      // Shouting only the key words, as such vendors do ("TOP QUALITY", "FAST").
      return t.split(separator: " ", omittingEmptySubsequences: false)
        .map { $0.count >= 4 ? $0.uppercased() : String($0) }.joined(separator: " ")
    case .title:
      return t.split(separator: " ", omittingEmptySubsequences: false)
        .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
  }

  /// A listing title in the operator's capitalisation.
  func title(_ text: String) -> String {
    switch capitalisation {
    case .normal, .title: return text
    case .lower: return text.lowercased()
    case .upper: return text.uppercased()
    }
  }
}

extension String {
  /// Replaces `word` where it stands alone (ASCII word boundaries), keeping the rest.
  func replacingWholeWord(_ word: String, with replacement: String) -> String {
    guard contains(word) else { return self }
    var out = ""
    var rest = Substring(self)
    while let r = rest.range(of: word) {
      let before = rest[..<r.lowerBound].last
      let after = rest[r.upperBound...].first
      let boundary = { (c: Character?) in c.map { !$0.isLetter && !$0.isNumber } ?? true }
      out += rest[..<r.lowerBound]
      out += boundary(before) && boundary(after) ? replacement : word
      rest = rest[r.upperBound...]
    }
    return out + rest
  }
}
