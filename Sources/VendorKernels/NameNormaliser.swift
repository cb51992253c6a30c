/// Puts handles in a canonical form before they are compared, so that `Little_Shop`,
/// `little-shop` and `L1ttle.Sh0p` meet. A separate step from the similarity kernels: the
/// kernels compare exactly what they are given.
///
/// Steps, in order (each can be switched off):
/// 1. `lowercase`: Unicode lower case.
/// 2. `unleet`: leetspeak back to letters (`0→o 1→i 3→e 4→a 5→s 7→t 8→b 9→g @→a $→s !→i`),
///    only where the character is part of a word: a run of digits is mapped when a letter
///    follows it and either a letter precedes it or it starts the word (`h3ll0w0rld`,
///    `4ever`); a run at the end of a word is a counter and is kept (`shop420`). The symbols
///    `@ $ !` are mapped whenever a letter is on either side.
/// 3. `dropSeparators`: removes everything that is not a letter or a digit (spaces, `_ - . ~`,
///    punctuation, emoji).
/// 4. `dropDigits`: removes the remaining digits (counters such as `420`, `2021`).
public struct NameNormaliser: Sendable {
  public struct Options: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let lowercase = Options(rawValue: 1)
    public static let unleet = Options(rawValue: 2)
    public static let dropSeparators = Options(rawValue: 4)
    public static let dropDigits = Options(rawValue: 8)
    /// Every step.
    public static let all: Options = [.lowercase, .unleet, .dropSeparators, .dropDigits]
  }

  public var options: Options

  public init(options: Options = .all) {
    self.options = options
  }

  static let leet: [Unicode.Scalar: Unicode.Scalar] = [
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "!": "i",
  ]

  /// The normalised form of `name`.
  public func normalise(_ name: String) -> String {
    var scalars = Array((options.contains(.lowercase) ? name.lowercased() : name).unicodeScalars)
    if options.contains(.unleet) { scalars = Self.unleet(scalars) }
    var out = String.UnicodeScalarView()
    for s in scalars {
      let letter = s.properties.isAlphabetic
      let digit = s.properties.numericType != nil && !letter
      if options.contains(.dropSeparators) && !letter && !digit { continue }
      if options.contains(.dropDigits) && digit { continue }
      out.append(s)
    }
    return String(out)
  }

  /// Normalises every name of a list.
  public func normalise<S: Sequence>(_ names: S) -> [String] where S.Element == String {
    names.map { normalise($0) }
  }

  private static func isLetter(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic }

  private static func unleet(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var out = s
    var i = 0
    while i < s.count {
      guard leet[s[i]] != nil else {
        i += 1
        continue
      }
      if s[i] == "@" || s[i] == "$" || s[i] == "!" {
        let before = i > 0 && isLetter(s[i - 1])
        let after = i + 1 < s.count && isLetter(s[i + 1])
        if before || after { out[i] = leet[s[i]]! }
        i += 1
        continue
      }
      // A run of leet digits [i, j).
      var j = i
      while j < s.count, leet[s[j]] != nil, s[j].properties.numericType != nil { j += 1 }
      if j == i {
        i += 1
        continue
      }
      let letterAfter = j < s.count && isLetter(s[j])
      let letterBefore = i > 0 && isLetter(s[i - 1])
      let startsWord = i == 0 || !(isLetter(s[i - 1]) || s[i - 1].properties.numericType != nil)
      if letterAfter && (letterBefore || startsWord) {
        for t in i..<j { out[t] = leet[s[t]]! }
      }
      i = j
    }
    return out
  }
}
