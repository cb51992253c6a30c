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
  /// "+": an offer ("5+1 free", "2+2 gr") between numbers, a bundle between quantities.
  case plus
  /// "/": a range ("180/200mg"), a rate or concentration ("mg/ml", "mcg/hr"), a dose per
  /// item ("6mg/tab") or a menu ("1g/2g/3.5g").
  case slash
  /// "#": the number after it is a grade ("#4 heroin") or a strain ("Gorilla Glue #4").
  case hash
  /// A bracket: "(ZAMNESIA SEEDS)" closes a phrase, so a count word inside it does not
  /// count the number before it.
  case bracket
  /// Any other punctuation: it separates, nothing more. Numbers that name rather than
  /// measure (imprints, strains, years, grades) become `.other` too (see `markNames`).
  case other

  /// Splits a title. Letters and digits are separate tokens even when written together
  /// ("100g" → 100, g; "x200" → ×, 200), "+" right after a number is dropped ("200+mg").
  /// Decimal points and commas, thousands commas ("1,000") and fractions ("1/2", "½") are
  /// read; a number with two dots ("4.1.1", a version) becomes `.other`.
  ///
  /// Works on Unicode scalars with ASCII fast paths (not on `Character`s): titles are read
  /// once per listing during ingest, and grapheme breaking made tokenizing 5x slower.
  static func tokenize(_ title: String) -> [QuantityToken] {
    tokenizeWithSpans(title).tokens
  }

  /// The tokens of a title, with the scalars of the lower-cased title and where each token
  /// starts and ends in them (the reader quotes the words a quantity came from, and tells
  /// "m30" from "m 30" by whether two tokens touch).
  static func tokenizeWithSpans(_ title: String) -> (
    tokens: [QuantityToken], spans: [Range<Int>], chars: [Unicode.Scalar]
  ) {
    let chars = scalars(title)
    var tokens: [QuantityToken] = []
    var spans: [Range<Int>] = []
    tokens.reserveCapacity(chars.count / 3)
    spans.reserveCapacity(chars.count / 3)
    var wordBytes: [UInt8] = []
    wordBytes.reserveCapacity(32)
    var i = 0
    func add(_ token: QuantityToken, _ start: Int) {
      tokens.append(token)
      spans.append(start..<i)
    }
    while i < chars.count {
      let ch = chars[i]
      let start = i
      if ch == "(", let (count, next) = bracketedCount(chars, from: i) {
        i = next
        if yearRange.contains(count) {
          add(.other, start)
        } else {
          add(.number(count), start)
          add(.times, start)
        }
      } else if ch == " " {
        i += 1
      } else if ch.isASCII && brackets.contains(ch) {
        i += 1
        add(.bracket, start)
      } else if isDigit(ch)
        || (ch == "." && i + 1 < chars.count && isDigit(chars[i + 1])
          && (i == 0 || !isLetter(chars[i - 1])))
      {
        let (token, next) = readNumber(chars, from: i)
        i = next
        add(token, start)
        // "200+mg" is 200 mg; "5+1" stays an offer (a `.plus` between two numbers).
        if i < chars.count, chars[i] == "+", i + 1 >= chars.count || !isDigit(chars[i + 1]) {
          i += 1
        }
      } else if !ch.isASCII, let fraction = vulgarFractions[ch] {
        i += 1
        if case .number(let whole)? = tokens.last, start > 0, isDigit(chars[start - 1]) {
          tokens[tokens.count - 1] = .number(whole + fraction)
          spans[spans.count - 1] = spans[spans.count - 1].lowerBound..<i
        } else {
          add(.fraction(fraction), start)
        }
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
        for token in wordTokens(String(decoding: wordBytes, as: UTF8.self)) { add(token, start) }
      } else if ch == "*" {
        // "10*100mg" multiplies; "***SALE***", "**14 FEB", "B****7" decorate.
        i += 1
        var next = i
        while next < chars.count, chars[next] == " " { next += 1 }
        var between = tokens.last?.kind == .number && next < chars.count && isDigit(chars[next])
        if case .number(let v)? = tokens.last, yearRange.contains(v), spans.last?.count == 4,
          next > i
        {
          between = false  // "*NEW 2017* 1g"
        }
        add(between ? .times : .other, start)
      } else {
        i += 1
        add(symbol(ch), start)
      }
    }
    markNames(&tokens, spans, chars)
    return (tokens, spans, chars)
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
    var word = QuantityUnits.word(text)
    // One or two letters before a number: an imprint ("G 372", "rd 71"), unless a common
    // short word ("of 5", "to 170") or an article.
    let ascii = text.utf8.allSatisfy { $0 < 0x80 }
    if ascii, text.utf8.count <= 2, word.number == nil, !QuantityUnits.shortWords.contains(text) {
      word.isImprintPrefix = true
    }
    // "È«", "Ä": mis-decoded punctuation (AlphaBay's latin-1), not a word.
    if !ascii, text.unicodeScalars.count <= 2 { word.isDecoration = true }
    if word.grams == nil, word.milliliters == nil, text.utf8.count > 1, text.hasSuffix("x") {
      let unit = QuantityUnits.word(String(text.dropLast()))
      if unit.grams != nil || unit.milliliters != nil { return [.word(unit), .times] }
    }
    return [.word(word)]
  }

  /// The case without its payload: comparing kinds is cheaper than `==` on tokens, and the
  /// parser compares at every position.
  enum Kind {
    case number, fraction, word, times, dash, percent, currency, plus, slash, hash, bracket
    case other
  }

  var kind: Kind {
    switch self {
    case .number: return .number
    case .fraction: return .fraction
    case .word: return .word
    case .times: return .times
    case .dash: return .dash
    case .percent: return .percent
    case .currency: return .currency
    case .plus: return .plus
    case .slash: return .slash
    case .hash: return .hash
    case .bracket: return .bracket
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
    case "×": return .times
    case "-", "–", "—", "~": return .dash
    case "%": return .percent
    case "$", "£", "€", "¥", "₿": return .currency
    case "+", "&": return .plus  // "1000x Red Defqon & 10gr Cocaine" is a bundle
    case "/": return .slash
    case "#": return .hash
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
