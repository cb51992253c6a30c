/// Splitting a list of places and matching each part (step 3 of ``PlaceNormalizer``).
extension PlaceNormalizer {
  /// Characters that separate list items in crawls ("NL/BE", "UK & EU", "EU, USA").
  static let separatorCharacters: Set<Character> = [",", ";", "/", "&", "+", "|", "\\"]
  /// Words that separate list items ("Australia and Finland", "Germany or the Middle East").
  static let separatorWords: Set<String> = ["and", "or", "-", "–", "—"]
  /// Longest run of parts re-joined to find a name with separators in it; the longest real
  /// one is "The home of the Body Bags, shotty, and mag" (4 parts).
  static let maxRun = 6

  /// Reads a list into places; unmatched parts go to `unrecognised`.
  static func readList(_ text: String, into places: inout [Place], unrecognised: inout [String]) {
    let (parts, separators) = splitList(text)
    var i = 0
    while i < parts.count {
      var next = i + 1
      for j in stride(from: min(parts.count - 1, i + maxRun - 1), to: i, by: -1) {
        let joined = (i..<j).map { parts[$0] + separators[$0] }.joined() + parts[j]
        if let found = CountryTable.shared.byKey[ScrapedText.key(joined)] {
          places += found
          next = j + 1
          break
        }
      }
      if next == i + 1 { readPart(parts[i], into: &places, unrecognised: &unrecognised) }
      i = next
    }
  }

  /// Parts and the separator text after each (one fewer than parts).
  static func splitList(_ text: String) -> (parts: [String], separators: [String]) {
    var parts: [String] = []
    var separators: [String] = []
    var current: [Substring] = []
    func close(_ separator: String) {
      parts.append(current.joined(separator: " "))
      separators.append(separator)
      current = []
    }
    var word = ""
    func endWord() {
      guard !word.isEmpty else { return }
      if separatorWords.contains(word.lowercased()) && !current.isEmpty {
        close(" \(word) ")
      } else {
        current.append(Substring(word))
      }
      word = ""
    }
    for ch in text {
      if separatorCharacters.contains(ch) {
        endWord()
        close(String(ch))
      } else if ch == " " {
        endWord()
      } else {
        word.append(ch)
      }
    }
    endWord()
    parts.append(current.joined(separator: " "))
    // Drop empty parts ("USA, , EU", trailing "/") with the separator before them.
    var keptParts: [String] = []
    var keptSeparators: [String] = []
    for (index, part) in parts.enumerated() where !part.isEmpty {
      if !keptParts.isEmpty { keptSeparators.append(separators[index - 1]) }
      keptParts.append(part)
    }
    return (keptParts, keptSeparators)
  }

  /// One list item: by name or alias (qualifier words trimmed from either end and
  /// parenthesised remarks removed), by ISO code if written in capitals, then with a typo.
  static func readPart(_ part: String, into places: inout [Place], unrecognised: inout [String]) {
    let words = ScrapedText.key(removingParentheses(part)).split(separator: " ").map(String.init)
    if words.allSatisfy({ qualifierWords.contains($0) }) { return }
    let table = CountryTable.shared
    for lead in 0..<words.count {
      if lead > 0 && !qualifierWords.contains(words[lead - 1]) { break }
      for trail in 0..<(words.count - lead) {
        if trail > 0 && !qualifierWords.contains(words[words.count - trail]) { break }
        let key = words[lead..<(words.count - trail)].joined(separator: " ")
        if let found = table.byKey[key] {
          places += found
          return
        }
      }
    }
    if let country = isoCode(part) {
      places.append(country)
    } else if let found = typoMatch(words.joined(separator: " ")) {
      places += found
    } else {
      unrecognised.append(part)
    }
  }

  /// "UK (Free!)" → "UK ". Unbalanced parentheses are left as they are.
  static func removingParentheses(_ text: String) -> String {
    var out = ""
    var depth = 0
    for ch in text {
      if ch == "(" {
        depth += 1
      } else if ch == ")" && depth > 0 {
        depth -= 1
      } else if depth == 0 {
        out.append(ch)
      }
    }
    return depth == 0 ? out : text
  }

  /// An ISO alpha-2 or alpha-3 code, accepted only in capitals ("NO", "CA", "DEU") because
  /// lower-case two- and three-letter words are English ("no", "can", "and").
  static func isoCode(_ part: String) -> Place? {
    let letters = part.filter { $0 != "." }
    guard (2...3).contains(letters.count),
      letters.allSatisfy({ $0.isASCII && $0.isUppercase })
    else { return nil }
    let table = CountryTable.shared
    if letters.count == 2 { return Place(country: letters) }
    return table.byAlpha3[letters].map { Place(uncheckedCode: $0) }
  }

  /// The names within one edit (two for keys of 12+ characters) of `key`, if they all name
  /// the same places ("Wolrdwide", "Undelcared", "Cancada"). Keys under 6 characters are
  /// never corrected: "Mali"/"Bali", "Oman"/"Omen" are too close to guess.
  static func typoMatch(_ key: String) -> [Place]? {
    let target = Array(key.utf8)
    let budget = target.count >= 12 ? 2 : target.count >= 6 ? 1 : 0
    let table = CountryTable.shared
    guard budget > 0, target.count <= table.longestKey + budget else { return nil }
    let mask = EditDistance.byteMask(target)
    var best: (distance: Int, places: [Place])?
    var ambiguous = false
    for length in (target.count - budget)...(target.count + budget) {
      for candidate in table.keysByLength[length] ?? [] {
        guard EditDistance.masksAllow(mask, candidate.mask, budget) else { continue }
        let distance = EditDistance.bounded(target, candidate.bytes, budget)
        guard distance <= budget, let places = table.byKey[candidate.key] else { continue }
        if best == nil || distance < best!.distance {
          best = (distance, places)
          ambiguous = false
        } else if distance == best!.distance && places != best!.places {
          ambiguous = true
        }
      }
    }
    return ambiguous ? nil : best?.places
  }
}
