/// Finds fingerprints and long key IDs written as hex: `0x`-prefixed or not, in one run
/// (`9C1F…E2A4`) or in groups of four separated by one or two spaces, as GnuPG prints them
/// (`9C1F 0B3C … E2A4`). A run must stand alone (no letter or digit touching it) and hold
/// both a digit and a letter A–F, which rules out plain numbers and words (a random 16-digit
/// key ID is all digits with probability 0.05 %).
enum BareIdentifierScanner {
  static func scan(_ text: UnsafeBufferPointer<UInt8>, skipping excluded: [Range<Int>])
    -> [BareIdentifier]
  {
    var found: [BareIdentifier] = []
    var seen = Set<String>()
    var excludedIndex = 0
    var i = 0
    let n = text.count
    while i < n && found.count < ExtractionLimits.maxIdentifiers {
      if excludedIndex < excluded.count && i >= excluded[excludedIndex].lowerBound {
        i = max(i, excluded[excludedIndex].upperBound)
        excludedIndex += 1
        continue
      }
      let limit = excludedIndex < excluded.count ? excluded[excludedIndex].lowerBound : n
      guard Hex.value(text[i]) != nil, i == 0 || !isAlphanumeric(text[i - 1]) else {
        i += 1
        continue
      }
      var start = i
      if text[i] == 0x30, i + 2 < limit, text[i + 1] | 0x20 == 0x78, Hex.value(text[i + 2]) != nil {
        start = i + 2  // 0x prefix
      }
      let (identifier, next) = read(text, start, limit)
      if let identifier, seen.insert(identifier.hex).inserted { found.append(identifier) }
      i = max(next, i + 1)
    }
    return found
  }

  /// Reads a run of hex groups from `start`; returns an identifier when it is one, and where
  /// scanning should continue.
  private static func read(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ limit: Int)
    -> (BareIdentifier?, Int)
  {
    var groups: [Range<Int>] = []
    var j = start
    while j < limit {
      let groupStart = j
      while j < limit && Hex.value(text[j]) != nil { j += 1 }
      if j < limit && isAlphanumeric(text[j]) {
        // Touches a non-hex letter: a word, not hex; skip the whole word.
        while j < limit && isAlphanumeric(text[j]) { j += 1 }
        return (groups.count >= 4 ? classify(text, groups) : nil, j)
      }
      groups.append(groupStart..<j)
      // One run of 16, 40 or 64 digits stands on its own.
      if groups.count == 1 && j - groupStart != 4 { break }
      if groups.count == 16 { break }
      // Another group follows after one or two spaces?
      var k = j
      var spaces = 0
      while k < limit && text[k] == 0x20 && spaces < 2 {
        k += 1
        spaces += 1
      }
      guard spaces > 0, k + 4 <= limit, (k..<k + 4).allSatisfy({ Hex.value(text[$0]) != nil })
      else { break }
      j = k
    }
    if groups.count == 1 {
      let run = groups[0]
      guard [16, 40, 64].contains(run.count) else { return (nil, j) }
      return (makeIdentifier(text, [run]), j)
    }
    return (classify(text, groups), j)
  }

  /// Grouped runs: 16 groups make a v5/v6 fingerprint, 10 (up to 15, the rest being other
  /// text) a v4 fingerprint, exactly 4 a key ID.
  private static func classify(_ text: UnsafeBufferPointer<UInt8>, _ groups: [Range<Int>])
    -> BareIdentifier?
  {
    guard groups.allSatisfy({ $0.count == 4 }) || groups.count == 1 else {
      // A last group of another length ends the run; only whole groups of four count.
      let whole = Array(groups.prefix(while: { $0.count == 4 }))
      return whole.count == groups.count ? nil : classify(text, whole)
    }
    switch groups.count {
    case 16: return makeIdentifier(text, groups)
    case 10..<16: return makeIdentifier(text, Array(groups.prefix(10)))
    case 4: return makeIdentifier(text, groups)
    default: return nil
    }
  }

  private static func makeIdentifier(_ text: UnsafeBufferPointer<UInt8>, _ groups: [Range<Int>])
    -> BareIdentifier?
  {
    var hex = [UInt8]()
    var hasDigit = false
    var hasLetter = false
    for group in groups {
      for k in group {
        var c = text[k]
        if c >= 0x61 { c -= 0x20 }
        if c <= 0x39 { hasDigit = true } else { hasLetter = true }
        hex.append(c)
      }
    }
    guard hasDigit && hasLetter else { return nil }
    let kind: BareIdentifier.Kind
    switch hex.count {
    case 16: kind = .keyID
    case 40: kind = .fingerprintV4
    case 64: kind = .fingerprintV6
    default: return nil
    }
    return BareIdentifier(kind: kind, hex: String(decoding: hex, as: UTF8.self))
  }

  @inline(__always)
  private static func isAlphanumeric(_ c: UInt8) -> Bool {
    (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
  }
}
