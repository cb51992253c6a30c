/// One pass over a title's tokens collecting its measure (a mass or volume) and its count,
/// and noticing menus, bundles, rates, concentrations, restatements and containers. See
/// ``QuantityReader`` for the rules and ``ListingQuantity`` for the result.
struct QuantityScan {
  struct Measure {
    var value: Double
    var unit: QuantityUnit
    var start: Int
    var end: Int
    /// Ounces, pounds, QP: a metric restatement beside it wins ("1 Ounce(28G)").
    var imperial = false
    /// Micrograms: always a dose.
    var micro = false
    /// Milligrams.
    var milli = false
    /// Written as a range ("150 - 170ug"): the lower bound.
    var range = false
  }

  struct Count {
    var value: Int
    var start: Int
    var end: Int
    /// Where the scan goes on: after the count word, or right after the number when words
    /// stand between ("250 Tesla 220mg Ecstasy Pills" still has a dose to read).
    var resume: Int
    /// "100x", "x 100", "50 pills", "(5)", "qty 5"; weak: words between number and the
    /// count word, or a bare number beside a pill product.
    var strong: Bool
    /// "5x BOX": packages of unstated size.
    var package = false
  }

  let tokens: [QuantityToken]
  let words: QuantityTitleWords
  var measure: Measure?
  var count: Count?
  var weakCount: Count?
  var measureMenu = false
  var countMenu = false
  var bundle = false
  /// A measure was passed over as a tool's, a container's or a rate: no bare number is
  /// then read as grams.
  var skipped = false
  /// The measure is followed by "each": one unit's, whatever the product.
  var perEach = false
  /// Measures that are not restatements of one another: three or more is a sample pack or
  /// a price list ("150 mg 4-AcO-DMT, 250 mg 4-AcO-MET, 500 mg MET").
  var distinctMeasures = 0
  /// A gift after "+" ("+ 1 FREE Gummy pack"): nothing after it is read.
  var stopped = false

  init(tokens: [QuantityToken]) {
    self.tokens = tokens
    self.words = QuantityTitleWords(tokens)
  }

  var n: Int { tokens.count }

  mutating func run() {
    var i = 0
    while i < n && !stopped {
      if tokens[i].kind == .plus {
        notePlus(i)
        i += 1
      } else if let m = measureAt(i) {
        i = noteMeasure(m)
      } else if let c = countAt(i) {
        noteCount(c)
        i = c.resume
      } else {
        i += 1
      }
    }
    if measure == nil && count == nil && weakCount == nil && !skipped && !words.decisive {
      measure = implicitMeasure()
    }
    if count == nil && weakCount == nil { weakCount = bareCount() }
  }

  /// "+ 1 FREE gummy" stops reading; "1G METH + 1BOTTLE XANAX" is a bundle.
  mutating func notePlus(_ i: Int) {
    guard measure != nil || count != nil || weakCount != nil else { return }
    if QuantityTitleWords.giftFollows(tokens, i) {
      stopped = true
      return
    }
    if i + 1 < n, measureAt(i + 1) != nil || countAt(i + 1) != nil { bundle = true }
  }

  /// The number (digits or a number word) at `i` and the index after it, unless it is a
  /// price ("$40", "299$", "9EUR") or a purity ("84%"). "5+1" (an offer) is 6.
  func numberAt(_ i: Int) -> (value: Double, next: Int)? {
    guard i < n else { return nil }
    if i > 0, tokens[i - 1].kind == .currency { return nil }
    // "$1500-2200 Pound": the second number of a price range is a price too.
    if i > 2, tokens[i - 1].kind == .dash, tokens[i - 2].kind == .number,
      tokens[i - 3].kind == .currency
    {
      return nil
    }
    var value: Double
    switch tokens[i] {
    case .number(let v), .fraction(let v): value = v
    case .word(let w):
      guard let v = w.number else { return nil }
      value = v
    default: return nil
    }
    var next = i + 1
    if next + 1 < n, tokens[next].kind == .plus, case .number(let extra) = tokens[next + 1],
      value.rounded() == value, extra.rounded() == extra
    {
      value += extra
      next += 2
    }
    if next < n {
      switch tokens[next] {
      case .percent, .currency: return nil
      case .word(let w) where w.isCurrency: return nil
      default: break
      }
    }
    return (value, next)
  }

  static func isCount(_ value: Double) -> Bool {
    value >= 1 && value <= QuantityUnits.maxCount && value.rounded() == value
  }

  /// Two positions with only separators between them (at most `gap` tokens): "1G/2G",
  /// "1G - 50G", "3.5g 56g", "QP (113.5 grams)".
  func adjacent(_ end: Int, _ start: Int, gap: Int = 3) -> Bool {
    guard start >= end, start - end <= gap else { return false }
    for k in end..<start {
      switch tokens[k] {
      case .dash, .slash, .other, .bracket: continue
      case .word(let w) where w.name == .to || w.name == .or: continue
      default: return false
      }
    }
    return true
  }
}
