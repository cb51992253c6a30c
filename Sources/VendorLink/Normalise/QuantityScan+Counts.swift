extension QuantityScan {
  /// How far a count word may stand from its number: "100 Audemars Piguet very heavy
  /// pills" (4 words); 5 at the title's start ("25 pre-rolled Super Hiya Hash joints").
  static let maxWordsBeforeCountWord = 4

  /// A count starting at `i`: "qty 5", "x 100" / "x200" (unless a measure follows: in
  /// "10 x 120mg" 120 mg is the dose), "100x", "50 pills", "200 blotter tabs", and — weak —
  /// "1000 XANAX", "50 DILAUDID" (a number before a pill product's name).
  func countAt(_ i: Int) -> Count? {
    guard i < n else { return nil }
    if tokens[i].isWord(.qty) {
      var j = i + 1
      while j < min(n, i + 3), tokens[j].kind == .other || tokens[j].kind == .bracket { j += 1 }
      if let (value, next) = numberAt(j), Self.isCount(value) {
        return Count(value: Int(value), start: i, end: next, resume: next, strong: true)
      }
    }
    // "* A Grade *" is no count of one: articles count only mass ("an ounce").
    if tokens[i].kind == .times, let (value, next) = numberAt(i + 1), Self.isCount(value),
      measureAt(i + 1) == nil, !tokens[i + 1].isWord(.article)
    {
      return countWord(Count(value: Int(value), start: i, end: next, resume: next, strong: true))
    }
    guard let (value, next) = numberAt(i), Self.isCount(value), next < n else { return nil }
    // "a" and "an" only count mass ("an ounce"): "A DROP POINT" is not one drop.
    if case .word(let word) = tokens[i], word.name == .article { return nil }
    if tokens[next].kind == .times {
      if strengthFollows(next + 1) { return nil }  // "10x Dry Extract"
      return countWord(
        Count(value: Int(value), start: i, end: next + 1, resume: next + 1, strong: true))
    }
    return countBeforeWord(value, i, next)
  }

  /// "50 pills" (strong), "100 XTC pills", "500 LSD blotters" (weak: words between).
  func countBeforeWord(_ value: Double, _ i: Int, _ next: Int) -> Count? {
    var j = next
    var plain = 0
    let limit = i == 0 ? Self.maxWordsBeforeCountWord + 1 : Self.maxWordsBeforeCountWord
    while j < n, plain <= limit {
      if let m = measureAt(j) {  // "250 Tesla 220mg Ecstasy Pills": the dose describes them
        j = m.end
        continue
      }
      switch tokens[j] {
      case .word(let w) where w.traits.contains(.free) && next == i + 1:
        return nil  // "3 Free joints": a gift; "5+1 FREE" an offer
      case .word(let w) where w.isCount:
        // "10 packs of 14 x zolpidem": 140
        if w.isPackWord, j + 2 < n, tokens[j + 1].isWord(.of),
          let (each, after) = numberAt(j + 2), Self.isCount(each), measureAt(j + 2) == nil
        {
          let total = value * each
          guard Self.isCount(total) else { return nil }
          return Count(value: Int(total), start: i, end: after, resume: after, strong: true)
        }
        return Count(
          value: Int(value), start: i, end: j + 1, resume: next, strong: plain == 0,
          package: w.traits.contains(.package) && w.form == nil)
      case .word(let w) where isPillProductWord(w):
        return Count(value: Int(value), start: i, end: j + 1, resume: next, strong: false)
      case .word(let w) where w.isPlain: plain += 1
      case .dash, .other: break  // "500 ★★ LSD BLOTTERS"
      default: return nil
      }
      j += 1
    }
    return nil
  }

  /// The count the reading keeps: the first strong one, unless the title opens with a larger
  /// count ("200 XANAX PFIZER X2 2MG": X2 is a pressing's name, 200 the bars sold).
  var chosenCount: Count? {
    guard let strong = count else {
      // "5 High quality LSD 150ug … 100 Years Hofmann tab": the title's opening count.
      if let weak = weakCount, weak.start > 0, let lead = leadingCount() { return lead }
      return weakCount
    }
    if let weak = weakCount, weak.start <= 1, weak.start < strong.start,
      tokens[strong.start].kind == .times, weak.value > strong.value, strong.value <= 2
    {
      return weak
    }
    return strong
  }

  func isPillProductWord(_ w: QuantityWord) -> Bool {
    if w.form == .pill { return true }
    guard w.product != 0, !w.traits.contains(.weakProduct) else { return false }
    return QuantityLexicon.pillProducts.contains(QuantityLexicon.productNames[Int(w.product)])
  }

  /// Takes the count word right after a multiplier count ("5x BOX", "x 10 seeds").
  func countWord(_ c: Count) -> Count {
    var c = c
    if c.end + 1 < n, tokens[c.end].kind == .times, case .word(let w) = tokens[c.end + 1],
      w.isCount
    {
      c.end += 1  // "*5x BOX*"
    }
    if c.end < n, case .word(let w) = tokens[c.end], w.isCount {
      c.package = w.traits.contains(.package) && w.form == nil
      c.end += 1
    }
    c.resume = c.end
    return c
  }

  func strengthFollows(_ j: Int) -> Bool {
    for k in j..<min(n, j + 2) {
      if case .word(let w) = tokens[k], w.traits.contains(.strength) { return true }
    }
    return false
  }

  /// Keeps the first strong count (else the first weak one). Two counts side by side
  /// ("10X - 5.000X") or a count range ("1-20x") are a menu.
  mutating func noteCount(_ c: Count) {
    if let previous = count ?? weakCount, adjacent(previous.end, c.start) {
      countMenu = true
      return
    }
    if c.start >= 2, tokens[c.start - 1].kind == .dash, case .number = tokens[c.start - 2] {
      countMenu = true
      return
    }
    if c.strong {
      if count == nil { count = c }
    } else if weakCount == nil {
      weakCount = c
    }
  }

  /// A number standing alone between separators in a title of pills with a stated dose:
  /// "XTC - 10000 - WHITE - TURTLES - 240 MG" sells 10,000 pills.
  func bareCount() -> Count? {
    if let lead = leadingCount() { return lead }
    guard let m = measure, m.milli || m.micro, words.inferredForm != nil else { return nil }
    for k in 0..<n where k < m.start || k >= m.end {
      guard case .number(let value) = tokens[k], Self.isCount(value), value >= 2 else {
        continue
      }
      let before = k == 0 || [.dash, .other, .bracket].contains(tokens[k - 1].kind)
      let after = k + 1 == n || [.dash, .other, .bracket].contains(tokens[k + 1].kind)
      if before && after {
        return Count(value: Int(value), start: k, end: k + 1, resume: k + 1, strong: false)
      }
    }
    return nil
  }

  /// A title opening with a count of what its dose describes.
  func leadingCount() -> Count? {
    guard let m = measure, m.milli || m.micro else { return nil }
    // "200 Silverbars 220MG", "250 2 mg Hulks!": a title opening with a count of what
    // its dose describes.
    var first = 0  // "ææ 5 IMPORTED PINK REDBULLS 270MG": decoration before the count
    while first < m.start,
      tokens[first].kind == .other || tokens[first].kind == .bracket
        || tokens[first].isDecoration
    {
      first += 1
    }
    if m.start > first + 1, case .number(let value) = tokens[first], Self.isCount(value),
      value >= 2, measureAt(first) == nil
    {
      return Count(
        value: Int(value), start: first, end: first + 1, resume: first + 1, strong: false)
    }
    return nil
  }
}
