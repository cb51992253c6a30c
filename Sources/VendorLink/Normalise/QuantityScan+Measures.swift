extension QuantityScan {
  static let troyOunce = 31.1034768  // grams, exact by definition
  static let fluidOunce = 29.5735295625  // US fluid ounce in millilitres, exact

  /// A mass or volume starting at `i`: "number unit", "number - number unit" and "180/200mg"
  /// (lower bound: what the seller promises at least), "full gram", or a standalone slang
  /// word ("QP", "OZ"). Ounces of liquids are fluid ounces, of metals troy ounces.
  func measureAt(_ i: Int) -> Measure? {
    guard i < n else { return nil }
    if case .word(let word) = tokens[i] {
      if word.isStandalone, let grams = word.grams, i == 0 || numberAt(i - 1) == nil,
        word.name != .hp || !nearHPContext(i)
      {
        return measure(1, grams, i, i + 1)
      }
      // "full gram", "a full gram"
      if word.isMassFiller, i + 1 < n, case .word(let unit) = tokens[i + 1], unit.grams == 1,
        i == 0 || numberAt(i - 1) == nil
      {
        return measure(1, 1, i, i + 2)
      }
      if word.number == nil { return nil }
    }
    guard let (value, afterNumber) = numberAt(i), value > 0 else { return nil }
    var unitIndex = afterNumber
    var ranged = false
    if unitIndex + 1 < n,
      tokens[unitIndex].kind == .dash || tokens[unitIndex].kind == .slash
        || tokens[unitIndex].isWord(.to),
      let second = numberAt(unitIndex + 1), second.value > value
    {
      unitIndex = second.next
      ranged = true
    }
    var fluid = false
    while unitIndex < n,
      tokens[unitIndex].kind == .dash || isMassFiller(tokens[unitIndex])
        || tokens[unitIndex].isWord(.fl) || tokens[unitIndex].isWord(.troy)
    {
      if tokens[unitIndex].isWord(.fl) { fluid = true }
      unitIndex += 1
    }
    guard unitIndex < n, case .word(let unitWord) = tokens[unitIndex] else { return nil }
    if unitWord.name == .th, case .fraction = tokens[i] {
      return measure(value, QuantityUnits.ounce, i, unitIndex + 1)  // "1/8th"
    }
    if let grams = unitWord.grams {
      var m = measure(value, grams, i, unitIndex + 1, fluid: fluid)
      m?.range = ranged
      return m
    }
    if let ml = unitWord.milliliters, value * ml <= QuantityUnits.maxGrams {
      return Measure(value: value * ml, unit: .milliliter, start: i, end: unitIndex + 1)
    }
    return nil
  }

  /// `value` of a mass unit of `grams` grams, as a measure (nil past a tonne).
  func measure(_ value: Double, _ grams: Double, _ start: Int, _ end: Int, fluid: Bool = false)
    -> Measure?
  {
    let ounce = grams == QuantityUnits.ounce
    if ounce && (fluid || words.traits.contains(.liquid)) {
      return Measure(
        value: value * Self.fluidOunce, unit: .milliliter, start: start, end: end, imperial: true)
    }
    let total = value * (ounce && words.traits.contains(.metal) ? Self.troyOunce : grams)
    guard total <= QuantityUnits.maxGrams else { return nil }
    let metric = grams == 1 || grams == 1000 || grams == 0.001 || grams == 1e-6
    return Measure(
      value: total, unit: .gram, start: start, end: end, imperial: !metric, micro: grams == 1e-6,
      milli: grams == 0.001)
  }

  func nearHPContext(_ i: Int) -> Bool {
    tokens[max(0, i - 2)..<min(n, i + 3)].contains {
      if case .word(let w) = $0 { return w.isHPContext }
      return false
    }
  }

  func isMassFiller(_ token: QuantityToken) -> Bool {
    if case .word(let word) = token { return word.isMassFiller }
    return false
  }

  /// Keeps the first measure of the title. Skips rates and concentrations ("mcg/hr",
  /// "250 MG/ML", "per hour"), container sizes ("16oz containers"), the measures of tools
  /// ("20 by 0.001 G" on a scale) and combination partners ("5mg/325mg": the paracetamol).
  /// A second measure of the same size is a restatement ("1oz, 28g": the metric one is
  /// kept); of another size right beside it, a menu. Returns where to go on.
  mutating func noteMeasure(_ m: Measure) -> Int {
    let end = m.end
    if end + 1 < n, tokens[end].kind == .slash || tokens[end].isWord(.per),
      case .word(let w) = tokens[end + 1], w.traits.contains(.rate)
    {
      skipped = true
      return end + 2
    }
    if end < n, case .word(let w) = tokens[end], w.traits.contains(.container) {
      skipped = true
      return end + 1
    }
    // "1,2GR FREE WITH 10GR", "FREE 1 gram Hash with … 1 oz": the free gram is a bonus
    // when another measure follows; "1G FREE SAMPLE" is what the listing sells.
    let freeAfter = end < n && tokens[end].isFree
    let freeBefore = m.start > 0 && tokens[m.start - 1].isFree
    if freeAfter || freeBefore, (end..<n).contains(where: { measureAt($0) != nil }) {
      skipped = true
      return end
    }
    if words.decisive && words.traits.contains(.tool) {
      skipped = true
      return end
    }
    var next = end
    if end < n, tokens[end].kind == .slash, let partner = measureAt(end + 1) {
      let combination = m.milli && partner.milli && partner.value >= 10 * m.value
      if combination || partner.unit != m.unit { next = partner.end }
    }
    // "1 - 100 GRAMS" offers every size between; "150 - 170ug" promises at least 150 µg;
    // "(50g min)" is a minimum order, the price another amount's.
    if m.range && !(m.milli || m.micro) { measureMenu = true }
    if end < n, case .word(let w) = tokens[end], w.traits.contains(.minimum) { measureMenu = true }
    distinctMeasures += 1
    guard let previous = measure else {
      measure = m
      if end < n, tokens[end].isWord(.each) { perEach = true }  // "(100 mg each)"
      return next
    }
    if Self.restates(previous, m) {
      distinctMeasures -= 1
      if previous.imperial && !m.imperial { measure = m }
    } else if previous.unit == m.unit && adjacent(previous.end, m.start) {
      measureMenu = true
    }
    return next
  }

  /// Whether `b` says `a` again in other units (within 3 %: "1 Ounce(28G)", "QP (113.5
  /// grams)", "16oz. (480ml)"; an ounce rounded to 28 g is 1.2 % off).
  static func restates(_ a: Measure, _ b: Measure) -> Bool {
    var av = a.value
    if a.unit == .gram && b.unit == .milliliter && a.imperial {
      av = a.value / QuantityUnits.ounce * fluidOunce
    } else if a.unit != b.unit {
      return false
    }
    return abs(b.value / av - 1) <= 0.03
  }

  /// A title that starts with a bare number and names no unit anywhere: "0.5 HQ Cocaine",
  /// ".5 #4 Afghan Heroin" are grams (a decimal below 10, how heroin and cocaine are sold);
  /// "1/4 ACE of SPADES BUD" ounces (cannabis is sold in ounce fractions). Whole numbers
  /// ("1 US CC", "100 Ways to…") are not guessed.
  func implicitMeasure() -> Measure? {
    if n > 1, tokens[1].kind == .percent || tokens[1].kind == .times { return nil }
    switch tokens.first {
    case .fraction(let value)? where value > 0:
      return Measure(
        value: value * QuantityUnits.ounce, unit: .gram, start: 0, end: 1, imperial: true)
    case .number(let value)? where value > 0 && value < 10 && value.rounded() != value:
      return Measure(value: value, unit: .gram, start: 0, end: 1)
    default: return nil
    }
  }
}
