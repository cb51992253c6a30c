/// A listing title as numbers, words and the few symbols quantities use.
enum QuantityToken: Equatable {
  case number(Double)
  /// A number written as a fraction ("1/2", "½"): kept apart because a bare leading
  /// fraction means ounces (see ``QuantityParser/implicitMeasure(_:)``).
  case fraction(Double)
  case word(String)
  /// "x", "×", "*": a multiplier ("10 x 120mg", "100x", "x200").
  case times
  /// "-", "–", "~": a range ("150 - 170ug") or a separator.
  case dash
  /// "%": the number before is a purity, not a quantity.
  case percent
  /// "$", "£", "€": the number after is a price.
  case currency
  /// Any other punctuation: it separates, nothing more.
  case other

  /// Splits a title. Letters and digits are separate tokens even when written together
  /// ("100g" → 100, g; "x200" → ×, 200), "+" right after a number is dropped ("200+mg").
  /// Decimal points and commas, thousands commas ("1,000") and fractions ("1/2", "½") are
  /// read; a number with two dots ("4.1.1", a version) becomes `.other`.
  static func tokenize(_ title: String) -> [QuantityToken] {
    let chars = Array(ScrapedText.clean(title).lowercased())
    var tokens: [QuantityToken] = []
    var i = 0
    while i < chars.count {
      let ch = chars[i]
      if ch == "(", let (count, next) = bracketedCount(chars, from: i) {
        tokens += [.number(count), .times]
        i = next
      } else if ch == " " || brackets.contains(ch) {
        i += 1
      } else if ch.isASCII && ch.isNumber
        || (ch == "." && i + 1 < chars.count && chars[i + 1].isASCII
          && chars[i + 1].isNumber && (i == 0 || !chars[i - 1].isLetter))
      {
        let (token, next) = readNumber(chars, from: i)
        tokens.append(token)
        i = next
        if i < chars.count, chars[i] == "+" { i += 1 }
      } else if let fraction = vulgarFractions[ch] {
        if case .number(let whole)? = tokens.last, i > 0, chars[i - 1].isNumber {
          tokens[tokens.count - 1] = .number(whole + fraction)
        } else {
          tokens.append(.fraction(fraction))
        }
        i += 1
      } else if ch.isLetter {
        var word = ""
        while i < chars.count, chars[i].isLetter, !vulgarFractions.keys.contains(chars[i]) {
          word.append(chars[i])
          i += 1
        }
        tokens += wordTokens(word)
      } else {
        tokens.append(symbol(ch))
        i += 1
      }
    }
    return tokens
  }

  /// "x" is a multiplier; a unit glued to one ("25mgx100") is split into both.
  private static func wordTokens(_ word: String) -> [QuantityToken] {
    if word == "x" { return [.times] }
    if word.count > 1, word.hasSuffix("x") {
      let unit = String(word.dropLast())
      if QuantityUnits.mass[unit] != nil || QuantityUnits.volume[unit] != nil {
        return [.word(unit), .times]
      }
    }
    return [.word(word)]
  }

  /// "(10) Norco" means ten of them: a bracketed whole number alone reads as "10 x".
  private static func bracketedCount(_ chars: [Character], from start: Int) -> (Double, Int)? {
    var i = start + 1
    var digits = ""
    while i < chars.count, chars[i].isASCII, chars[i].isNumber, digits.count < 8 {
      digits.append(chars[i])
      i += 1
    }
    guard !digits.isEmpty, i < chars.count, chars[i] == ")", let value = Double(digits) else {
      return nil
    }
    return (value, i + 1)
  }

  /// Brackets are skipped like spaces, so "Five (5) Stamps" reads "5 stamps" and
  /// "(1000µg) x200" reads "1000 µg × 200".
  static let brackets: Set<Character> = ["(", ")", "[", "]", "{", "}"]

  static let fractionDenominators: Set<Double> = [2, 3, 4, 8, 16, 32]

  static let vulgarFractions: [Character: Double] = [
    "½": 0.5, "¼": 0.25, "¾": 0.75, "⅛": 0.125, "⅓": 1.0 / 3, "⅔": 2.0 / 3,
  ]

  private static func symbol(_ ch: Character) -> QuantityToken {
    switch ch {
    case "×", "*": return .times
    case "-", "–", "—", "~": return .dash
    case "%": return .percent
    case "$", "£", "€", "¥", "₿": return .currency
    default: return .other
    }
  }

  /// Reads `12`, `3.5`, `0,5`, `1,000`, `1/2` starting at `start`.
  private static func readNumber(_ chars: [Character], from start: Int) -> (QuantityToken, Int) {
    var i = start
    func digits() -> String {
      var s = ""
      while i < chars.count, chars[i].isASCII, chars[i].isNumber, s.utf8.count < 12 {
        s.append(chars[i])
        i += 1
      }
      return s
    }
    func digitRun(at index: Int) -> Int {
      var n = 0
      while index + n < chars.count, chars[index + n].isASCII, chars[index + n].isNumber {
        n += 1
      }
      return n
    }
    var text = digits()
    if text.isEmpty { text = "0" }  // ".45"
    // Thousands commas: "1,000", "10,000,000" (a comma followed by exactly three digits).
    while i + 1 < chars.count, chars[i] == ",", digitRun(at: i + 1) == 3 {
      i += 1
      text += digits()
    }
    if i + 1 < chars.count, chars[i] == "." || chars[i] == ",", digitRun(at: i + 1) > 0 {
      i += 1
      text += "." + digits()
      // A second dot and digits: a version number or a date, not a quantity.
      if i + 1 < chars.count, chars[i] == ".", digitRun(at: i + 1) > 0 {
        while i < chars.count, chars[i] == "." || chars[i].isNumber { i += 1 }
        return (.other, i)
      }
    }
    if i + 1 < chars.count, chars[i] == "/", digitRun(at: i + 1) > 0 {
      i += 1
      let denominator = digits()
      // Only fractions of the units people split ("1/2 oz", "1/8", "3/4"); "10/325mg" is a
      // combination drug (10 mg/325 mg) and "24/7" is not a number.
      if let n = Double(text), let d = Double(denominator), fractionDenominators.contains(d), n < d
      {
        return (.fraction(n / d), i)
      }
      return (.other, i)
    }
    // Digits cut at 12 (see digits()) continue: the whole run is not a quantity.
    if i < chars.count, chars[i].isASCII, chars[i].isNumber {
      while i < chars.count, chars[i].isNumber { i += 1 }
      return (.other, i)
    }
    return (Double(text).map(QuantityToken.number) ?? .other, i)
  }
}
