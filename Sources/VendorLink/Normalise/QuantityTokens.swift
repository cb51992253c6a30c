/// A listing title as numbers, words and the few symbols quantities use.
enum QuantityToken: Equatable {
  case number(Double)
  /// A number written as a fraction ("1/2", "½"): kept apart because a bare leading
  /// fraction means ounces (see ``QuantityParser/implicitMeasure(_:)``).
  case fraction(Double)
  case word(QuantityWord)
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
  ///
  /// Works on Unicode scalars with ASCII fast paths (not on `Character`s): titles are read
  /// once per listing during ingest, and grapheme breaking made tokenizing 5x slower.
  static func tokenize(_ title: String) -> [QuantityToken] {
    let chars = scalars(title)
    var tokens: [QuantityToken] = []
    tokens.reserveCapacity(chars.count / 3)
    var wordBytes: [UInt8] = []
    wordBytes.reserveCapacity(32)
    var i = 0
    while i < chars.count {
      let ch = chars[i]
      if ch == "(", let (count, next) = bracketedCount(chars, from: i) {
        tokens += [.number(count), .times]
        i = next
      } else if ch == " " || (ch.isASCII && brackets.contains(ch)) {
        i += 1
      } else if isDigit(ch)
        || (ch == "." && i + 1 < chars.count && isDigit(chars[i + 1])
          && (i == 0 || !isLetter(chars[i - 1])))
      {
        let (token, next) = readNumber(chars, from: i)
        tokens.append(token)
        i = next
        if i < chars.count, chars[i] == "+" { i += 1 }
      } else if !ch.isASCII, let fraction = vulgarFractions[ch] {
        if case .number(let whole)? = tokens.last, i > 0, isDigit(chars[i - 1]) {
          tokens[tokens.count - 1] = .number(whole + fraction)
        } else {
          tokens.append(.fraction(fraction))
        }
        i += 1
      } else if isLetter(ch) {
        wordBytes.removeAll(keepingCapacity: true)
        while i < chars.count, isLetter(chars[i]),
          chars[i].isASCII || vulgarFractions[chars[i]] == nil
        {
          if chars[i].isASCII {
            wordBytes.append(UInt8(chars[i].value))
          } else {
            UTF8.encode(chars[i]) { wordBytes.append($0) }
          }
          i += 1
        }
        tokens += wordTokens(String(decoding: wordBytes, as: UTF8.self))
      } else {
        tokens.append(symbol(ch))
        i += 1
      }
    }
    return tokens
  }

  /// The title's scalars, entities decoded, lower-cased, any whitespace as " ".
  private static func scalars(_ title: String) -> [Unicode.Scalar] {
    let text = title.utf8.contains(UInt8(ascii: "&")) ? ScrapedText.decodeEntities(title) : title
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(text.utf8.count)
    for s in text.unicodeScalars {
      if s.isASCII {
        let v = s.value
        if v >= 0x41 && v <= 0x5A {
          out.append(Unicode.Scalar(v + 0x20)!)
        } else if v == 0x09 || v == 0x0A || v == 0x0D {
          out.append(" ")
        } else {
          out.append(s)
        }
      } else if s.properties.isWhitespace {
        out.append(" ")
      } else if s.properties.changesWhenLowercased {
        out += s.properties.lowercaseMapping.unicodeScalars
      } else {
        out.append(s)
      }
    }
    return out
  }

  static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

  static func isLetter(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII {
      return (s.value >= 0x61 && s.value <= 0x7A) || (s.value >= 0x41 && s.value <= 0x5A)
    }
    return s.properties.isAlphabetic
  }

  /// "x" is a multiplier; a unit glued to one ("25mgx100") is split into both.
  private static func wordTokens(_ text: String) -> [QuantityToken] {
    if text == "x" { return [.times] }
    let word = QuantityUnits.word(text)
    if word.grams == nil, word.milliliters == nil, text.utf8.count > 1, text.hasSuffix("x") {
      let unit = QuantityUnits.word(String(text.dropLast()))
      if unit.grams != nil || unit.milliliters != nil { return [.word(unit), .times] }
    }
    return [.word(word)]
  }

  /// The case without its payload: comparing kinds is cheaper than `==` on tokens, and the
  /// parser compares at every position.
  enum Kind { case number, fraction, word, times, dash, percent, currency, other }

  var kind: Kind {
    switch self {
    case .number: return .number
    case .fraction: return .fraction
    case .word: return .word
    case .times: return .times
    case .dash: return .dash
    case .percent: return .percent
    case .currency: return .currency
    case .other: return .other
    }
  }

  /// Whether this is the word with that name.
  func isWord(_ name: QuantityWord.Name) -> Bool {
    if case .word(let w) = self { return w.name == name }
    return false
  }

  /// "(10) Norco" means ten of them: a bracketed whole number alone reads as "10 x".
  private static func bracketedCount(_ chars: [Unicode.Scalar], from start: Int) -> (Double, Int)? {
    var i = start + 1
    var digits = ""
    while i < chars.count, isDigit(chars[i]), digits.utf8.count < 8 {
      digits.unicodeScalars.append(chars[i])
      i += 1
    }
    guard !digits.isEmpty, i < chars.count, chars[i] == ")", let value = Double(digits) else {
      return nil
    }
    return (value, i + 1)
  }

  /// Brackets are skipped like spaces, so "Five (5) Stamps" reads "5 stamps" and
  /// "(1000µg) x200" reads "1000 µg × 200".
  static let brackets: Set<Unicode.Scalar> = ["(", ")", "[", "]", "{", "}"]

  static let fractionDenominators: Set<Double> = [2, 3, 4, 8, 16, 32]

  static let vulgarFractions: [Unicode.Scalar: Double] = [
    "½": 0.5, "¼": 0.25, "¾": 0.75, "⅛": 0.125, "⅓": 1.0 / 3, "⅔": 2.0 / 3,
  ]

  private static func symbol(_ ch: Unicode.Scalar) -> QuantityToken {
    switch ch {
    case "×", "*": return .times
    case "-", "–", "—", "~": return .dash
    case "%": return .percent
    case "$", "£", "€", "¥", "₿": return .currency
    default: return .other
    }
  }

  /// Reads `12`, `3.5`, `0,5`, `1,000`, `1/2` starting at `start`.
  private static func readNumber(_ chars: [Unicode.Scalar], from start: Int) -> (QuantityToken, Int)
  {
    var i = start
    func digits() -> String {
      var s = ""
      while i < chars.count, isDigit(chars[i]), s.utf8.count < 12 {
        s.unicodeScalars.append(chars[i])
        i += 1
      }
      return s
    }
    func digitRun(at index: Int) -> Int {
      var n = 0
      while index + n < chars.count, isDigit(chars[index + n]) { n += 1 }
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
        while i < chars.count, chars[i] == "." || isDigit(chars[i]) { i += 1 }
        return (.other, i)
      }
    }
    if i + 1 < chars.count, chars[i] == "/", digitRun(at: i + 1) > 0 {
      i += 1
      let denominator = digits()
      // Only fractions of the units people split ("1/2 oz", "1/8", "3/4"); "10/325mg" is a
      // combination drug (10 mg/325 mg) and "24/7" is not a number.
      if let n = Double(text), let d = Double(denominator), fractionDenominators.contains(d), n > 0,
        n < d
      {
        return (.fraction(n / d), i)
      }
      return (.other, i)
    }
    // Digits cut at 12 (see digits()) continue: the whole run is not a quantity.
    if i < chars.count, isDigit(chars[i]) {
      while i < chars.count, isDigit(chars[i]) { i += 1 }
      return (.other, i)
    }
    return (Double(text).map(QuantityToken.number) ?? .other, i)
  }
}
