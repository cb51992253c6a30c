/// Quantities in listing titles: "100g", "1 kg", "1/2 oz", "QP", "10 x 120mg", "50 pills",
/// "100x", "1 blotter", "250ug".
///
/// A title is read for its first measure (a mass or volume: number + unit, or a slang word
/// like "QP") and its first count ("50 pills", "100x", "x 100", "10 x …"). A measure with a
/// count is per item; see ``Quantity`` for the three shapes. Ranges use their lower bound
/// ("150 - 170ug" → 150 µg, what the seller promises at least). Numbers that are prices
/// ("$40", "2000CHF") or purities ("84%") are skipped. Titles with neither (guides,
/// accounts) give nil.
///
/// Measured on the real Agora January 2014 files (`QuantityRealDataTests` asserts floors a
/// few points lower): 70.1% of the vendor file's 8,533 titles (all categories) parse, and
/// 96.2% of the 5,744 titles in the "Drugs" category of the feedback file; the rest are
/// mostly guides, software, accounts and cards, which have no quantity.
public enum QuantityParser {
  public static func parse(title: String) -> Quantity? {
    // Titles are short; a huge one is cut (the first 1,000 characters hold any quantity).
    let text = title.utf8.count > 4000 ? String(title.prefix(1000)) : title
    let tokens = QuantityToken.tokenize(text)
    var measure: (value: Double, unit: QuantityUnit)?
    var count: Double?
    var i = 0
    while i < tokens.count {
      if measure == nil, let found = measureAt(tokens, i) {
        measure = (found.value, found.unit)
        i = found.end
        continue
      }
      if count == nil, let found = countAt(tokens, i) {
        count = found.value
        i = found.end
        continue
      }
      i += 1
    }
    if measure == nil && count == nil { measure = implicitMeasure(tokens) }
    return combine(measure, count)
  }

  /// A title that starts with a bare number and names no unit anywhere: "0.5 HQ Cocaine",
  /// ".5 #4 Afghan Heroin" are grams (a decimal below 10, how heroin and cocaine are sold);
  /// "1/4 ACE of SPADES BUD", "1/8 GuavaChemDawg" are ounces (cannabis is sold in ounce
  /// fractions). Whole numbers ("1 US CC", "100 Ways to…") are not guessed.
  static func implicitMeasure(_ tokens: [QuantityToken]) -> (value: Double, unit: QuantityUnit)? {
    if tokens.count > 1, tokens[1].kind == .percent || tokens[1].kind == .times { return nil }
    switch tokens.first {
    case .fraction(let value)? where value > 0: return (value * QuantityUnits.ounce, .gram)
    case .number(let value)? where value > 0 && value < 10 && value.rounded() != value:
      return (value, .gram)
    default: return nil
    }
  }

  /// The number (digits or a number word) at `i`, unless it is a price or a purity.
  static func number(_ tokens: [QuantityToken], _ i: Int) -> Double? {
    guard i < tokens.count else { return nil }
    if i > 0, tokens[i - 1].kind == .currency { return nil }
    if i + 1 < tokens.count, tokens[i + 1].kind == .percent { return nil }
    switch tokens[i] {
    case .number(let value), .fraction(let value): return value
    case .word(let word): return word.number
    default: return nil
    }
  }

  /// A mass or volume starting at `i`: "number unit", "number - number unit" (lower bound),
  /// or a standalone slang word ("QP", "OZ"). Returns the value in the base unit.
  static func measureAt(_ tokens: [QuantityToken], _ i: Int)
    -> (value: Double, unit: QuantityUnit, end: Int)?
  {
    if case .word(let word) = tokens[i], word.isStandalone, let grams = word.grams,
      i == 0 || number(tokens, i - 1) == nil, word.name != .hp || !nearHPContext(tokens, i)
    {
      return (grams, .gram, i + 1)
    }
    guard let value = number(tokens, i), value > 0 else { return nil }
    var unitIndex = i + 1
    // A range "150 - 170ug" or "150 to 170 ug": the unit follows the second number.
    if unitIndex + 1 < tokens.count,
      tokens[unitIndex].kind == .dash || tokens[unitIndex].isWord(.to),
      number(tokens, unitIndex + 1) != nil
    {
      unitIndex += 2
    }
    // "10-GRAM", "1 Full Gram".
    while unitIndex < tokens.count,
      tokens[unitIndex].kind == .dash || isMassFiller(tokens[unitIndex])
    {
      unitIndex += 1
    }
    guard unitIndex < tokens.count, case .word(let unitWord) = tokens[unitIndex] else {
      return nil
    }
    // "1/8th" is an eighth of an ounce.
    if unitWord.name == .th, case .fraction = tokens[i] {
      return (value * QuantityUnits.ounce, .gram, unitIndex + 1)
    }
    if let grams = unitWord.grams {
      let total = value * grams
      guard total <= QuantityUnits.maxGrams else { return nil }
      return (total, .gram, unitIndex + 1)
    }
    if let milliliters = unitWord.milliliters {
      let total = value * milliliters
      guard total <= QuantityUnits.maxGrams else { return nil }
      return (total, .milliliter, unitIndex + 1)
    }
    return nil
  }

  /// Whether a word within two tokens of `i` makes "HP" a hollow point or a brand.
  static func nearHPContext(_ tokens: [QuantityToken], _ i: Int) -> Bool {
    tokens[max(0, i - 2)..<min(tokens.count, i + 3)].contains {
      if case .word(let w) = $0 { return w.isHPContext }
      return false
    }
  }

  static func isMassFiller(_ token: QuantityToken) -> Bool {
    if case .word(let word) = token { return word.isMassFiller }
    return false
  }

  /// A count starting at `i`: "50 pills", "200 blotter tabs", "100x" / "10 x …" (the
  /// number before a multiplier), "x 100" / "x200" (the number after one, unless it is a
  /// measure: in "10 x 120mg" 120 mg is the measure).
  static func countAt(_ tokens: [QuantityToken], _ i: Int) -> (value: Double, end: Int)? {
    // "(QTY2)", "qty 5": the number after "qty".
    if tokens[i].isWord(.qty), i + 1 < tokens.count, let value = number(tokens, i + 1),
      isCount(value)
    {
      return (value, i + 2)
    }
    if tokens[i].kind == .times, i + 1 < tokens.count, measureAt(tokens, i + 1) == nil,
      let value = number(tokens, i + 1), isCount(value)
    {
      var end = i + 2
      if end < tokens.count, case .word(let w) = tokens[end], w.isCount {
        end += 1
      }
      return (value, end)
    }
    guard let value = number(tokens, i), isCount(value), i + 1 < tokens.count else { return nil }
    // "a" and "an" only count mass ("an ounce"): "A DROP POINT" is not one drop.
    if case .word(let word) = tokens[i], word.name == .article { return nil }
    if tokens[i + 1].kind == .times { return (value, i + 2) }
    // The count word may follow a few descriptive words: "100 XTC pills", "10 regular
    // seeds", "100 Audemars Piguet very heavy pills" (4 words; more and it is another
    // sentence).
    var j = i + 1
    var words = 0
    while j < tokens.count, words <= maxWordsBeforeCountWord {
      switch tokens[j] {
      case .word(let word) where word.isCount: return (value, j + 1)
      case .word(let word) where word.isPlain: words += 1
      case .dash: break
      default: return nil
      }
      j += 1
    }
    return nil
  }

  /// See ``countAt(_:_:)``: how far a count word may stand from its number.
  static let maxWordsBeforeCountWord = 4

  static func isCount(_ value: Double) -> Bool {
    value >= 1 && value <= QuantityUnits.maxCount && value.rounded() == value
  }

  static func combine(_ measure: (value: Double, unit: QuantityUnit)?, _ count: Double?)
    -> Quantity?
  {
    switch (measure, count) {
    case (let m?, let n?):
      let total = m.value * n
      guard total <= QuantityUnits.maxGrams * 10 else { return nil }
      return Quantity(amount: total, unit: m.unit, count: Int(n), perItem: m.value)
    case (let m?, nil):
      return Quantity(amount: m.value, unit: m.unit)
    case (nil, let n?):
      return Quantity(amount: n, unit: .unit, count: Int(n))
    case (nil, nil):
      return nil
    }
  }
}
