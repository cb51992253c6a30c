/// Numbers in titles that name rather than measure: pill imprints ("G 372 2", "M30",
/// "GG249"), strains and chemicals ("AK-47", "OG 18", "2C-B", "5F-PB22", "LSD-25"), grades
/// ("#4", "No.3"), model numbers ("PS4") and years ("UPDATED 2017"). They become `.other`
/// before the reader looks for quantities, so nothing is ever read from them.
extension QuantityToken {
  /// Years a title may mention: a 4-digit number in this range is a year unless a unit or
  /// count word follows it ("2000 pills" is still a count). Market data starts in 2011;
  /// the margin covers publication years of the guides sold beside drugs.
  static let yearRange = 1990.0...2039.0

  static func markNames(
    _ tokens: inout [QuantityToken], _ spans: [Range<Int>], _ chars: [Unicode.Scalar]
  ) {
    // "PRICEÄ10g": a number glued to mojibake is not an imprint.
    func asciiBefore(_ k: Int) -> Bool { chars[spans[k].lowerBound - 1].isASCII }
    var k = 0
    while k < tokens.count {
      guard case .number(let value) = tokens[k] else {
        k += 1
        continue
      }
      let touchesLeft = k > 0 && spans[k - 1].upperBound == spans[k].lowerBound
      let touchesRight = k + 1 < tokens.count && spans[k].upperBound == spans[k + 1].lowerBound
      let unitAfter = k + 1 < tokens.count && tokens[k + 1].isQuantityWordOrTimes
      var name = false
      if touchesLeft, case .word(let w) = tokens[k - 1], w.name != .qty, asciiBefore(k) {
        name = true  // "m30", "gg249", "t3", "ps4", "pb22"; not "qty2"
      } else if touchesLeft, tokens[k - 1] == .other, k >= 2, tokens[k - 2].isWord(.no) {
        name = true  // "no.3"
      } else if k > 0, tokens[k - 1].isWord(.no) || tokens[k - 1] == .hash {
        name = true  // "No 4", "#3"
      } else if touchesLeft, tokens[k - 1] == .dash, k >= 2,
        spans[k - 2].upperBound == spans[k - 1].lowerBound, case .word = tokens[k - 2], !unitAfter
      {
        name = true  // "ak-47", "lsd-25", "fub-144"; not "mdma-100g"
      } else if touchesRight, case .word(let w) = tokens[k + 1], w.isPlain, !w.isCount,
        !w.traits.contains(.free)
      {
        name = true  // "2cb", "25i", "4cec", "5f", "2nd", "88k"
      } else if !unitAfter, k > 0, case .word(let w) = tokens[k - 1], w.isImprintPrefix,
        !(k >= 2 && tokens[k - 2].kind == .number)
      {
        name = true  // "G 372 2", "rd 71", "OG 18", "HD 2.8"
        if k + 1 < tokens.count, case .number = tokens[k + 1],
          k + 2 >= tokens.count
            || !tokens[k + 2].isQuantityWordOrTimes
        {
          tokens[k + 1] = .other
        }
      } else if value == 420, !unitAfter {
        name = true  // "SPECIAL 420 NERD GUMMIES": cannabis's day, not a count
      } else if !unitAfter, k > 0, case .word(let w) = tokens[k - 1], w.isPillBrand {
        name = true  // "Oxycontin 40", "Roxy 30": a strength, not a count
      } else if touchesLeft, tokens[k - 1].kind == .slash, k >= 2,
        spans[k - 2].upperBound == spans[k - 1].lowerBound, case .word(let w) = tokens[k - 2],
        w.isImprintPrefix, w.grams == nil, w.milliliters == nil, !w.isCount
      {
        name = true  // "M/30"
      } else if yearRange.contains(value), value.rounded() == value, spans[k].count == 4,
        !unitAfter, k == 0 || (tokens[k - 1].kind != .times && tokens[k - 1].kind != .currency),
        !countWordFollows(tokens, k)
      {
        name = true  // "UPDATED 2017"; not "X2000"
      } else if k + 1 < tokens.count, case .word(let w) = tokens[k + 1], w.traits.contains(.month) {
        name = true  // "14 FEB"
      } else if k > 0, case .word(let w) = tokens[k - 1], w.traits.contains(.month) {
        name = true  // "Feb 14"
      }
      if name { tokens[k] = .other }
      k += 1
    }
  }

  var isDecoration: Bool {
    if case .word(let w) = self { return w.isDecoration }
    return false
  }

  var isFree: Bool {
    if case .word(let w) = self { return w.traits.contains(.free) }
    return false
  }

  var isGreen: Bool {
    if case .word(let w) = self { return w.traits.contains(.green) }
    return false
  }

  /// "2000 XTC pills": a form or pill word within two words makes a year-like number a count
  /// ("2017 PRICE DROP" stays a year).
  static func countWordFollows(_ tokens: [QuantityToken], _ k: Int) -> Bool {
    tokens[(k + 1)..<min(tokens.count, k + 3)].contains {
      if case .word(let w) = $0 { return w.form != nil || w.isPillBrand }
      return false
    }
  }

  /// A unit, count word or multiplier: what makes the number before it a quantity.
  var isQuantityWordOrTimes: Bool {
    switch self {
    case .times: return true
    case .word(let w): return w.grams != nil || w.milliliters != nil || w.isCount
    default: return false
    }
  }
}
