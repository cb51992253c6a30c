/// ISO 3166-1 countries (from ``iso3166Table``) plus the hand-written aliases of
/// ``PlaceAliases``, indexed by ``ScrapedText/key(_:)`` for lookup. Built once, immutable.
struct CountryTable: Sendable {
  struct Country: Sendable {
    let alpha2: String
    let alpha3: String
    let names: [String]
  }

  static let shared = CountryTable()

  let byAlpha2: [String: Country]
  let byAlpha3: [String: String]
  /// Folded name or alias → places it names (usually one; "Benelux" names three).
  let byKey: [String: [Place]]
  /// Keys (as UTF-8) by length, for the typo fallback: only keys within one or two bytes of
  /// an unknown word's length can be within that edit distance.
  let keysByLength: [Int: [(key: String, bytes: [UInt8], mask: UInt64)]]
  /// The longest key; longer text cannot be a typo of any.
  let longestKey: Int
  /// First two words of every longer key → the places they name, if all such keys agree
  /// ("the united" → US from "the united snakes of captivity"); for split-field repair.
  let byTwoWordPrefix: [String: [Place]]

  private init() {
    var byAlpha2: [String: Country] = [:]
    var byAlpha3: [String: String] = [:]
    var byKey: [String: [Place]] = [:]
    for line in iso3166Table.split(separator: "\n") {
      let fields = line.split(separator: "|").map(String.init)
      guard fields.count >= 3 else { continue }
      let country = Country(alpha2: fields[0], alpha3: fields[1], names: Array(fields[2...]))
      byAlpha2[country.alpha2] = country
      byAlpha3[country.alpha3] = country.alpha2
      let place = Place(uncheckedCode: country.alpha2)
      for name in country.names { byKey[ScrapedText.key(name)] = [place] }
    }
    // Aliases win over ISO names: "Congo" in ISO is the Republic, and aliases are chosen
    // deliberately for what crawls mean.
    for (alias, codes) in PlaceAliases.all {
      byKey[ScrapedText.key(alias)] = codes.map { Place(uncheckedCode: $0) }
    }
    self.byAlpha2 = byAlpha2
    self.byAlpha3 = byAlpha3
    self.byKey = byKey
    self.keysByLength = Dictionary(
      grouping: byKey.keys.map { ($0, Array($0.utf8), EditDistance.byteMask(Array($0.utf8))) }
    ) { $0.bytes.count }
    self.longestKey = byKey.keys.map(\.utf8.count).max() ?? 0
    var prefixes: [String: [Place]?] = [:]
    for (key, places) in byKey {
      let words = key.split(separator: " ")
      guard words.count > 2 else { continue }
      let prefix = "\(words[0]) \(words[1])"
      if let seen = prefixes[prefix] {
        if seen != places { prefixes[prefix] = .some(nil) }
      } else {
        prefixes[prefix] = places
      }
    }
    self.byTwoWordPrefix = prefixes.compactMapValues { $0 }
  }
}

extension Place {
  /// For tables whose codes are known valid (ISO table, alias table checked by tests).
  init(uncheckedCode: String) { self.code = uncheckedCode }
}
