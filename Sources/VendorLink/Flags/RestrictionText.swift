/// Reads shipping refusals out of free text: "no US", "not shipping to NL", "we don't ship
/// to Australia or Canada", "EU only", "no Anglo countries", "no shipping outside Europe".
///
/// Vendors state refusals in titles, descriptions and profiles rather than in the market's
/// excludes field, so the field alone under-counts them (the study found Belgian vendors
/// refusing Anglo-Saxon countries or the Netherlands mostly in text).
///
/// The reader is deliberately narrow: a place is only taken right after a refusal phrase
/// (or before/after "only"), and two- or three-letter codes only when written in capitals
/// ("no US", not "contact us"), so ordinary prose produces no places.
public struct RestrictionText: Sendable {
  /// What a text refuses: countries or regions excluded, and regions/countries it ships
  /// "only" to (everything else refused).
  public struct Found: Sendable, Equatable {
    public var excluded: [String]
    public var only: [String]
    public init(excluded: [String] = [], only: [String] = []) {
      self.excluded = excluded
      self.only = only
    }
    public var isEmpty: Bool { excluded.isEmpty && only.isEmpty }
  }

  /// The Anglosphere's core five, what sellers mean by "Anglo(-Saxon) countries": the US,
  /// the UK, Canada, Australia and New Zealand (strict customs, long transit).
  public static let angloCountries = ["AU", "CA", "GB", "NZ", "US"]

  /// Resolves a lower-cased name or phrase ("netherlands", "united states") to places, nil
  /// if it names none. Codes are handled separately (see `resolveCode`).
  let resolveName: @Sendable (String) -> [String]?
  let resolveCode: @Sendable (String) -> [String]?

  public init(
    resolveName: @escaping @Sendable (String) -> [String]? = PlaceWords.name,
    resolveCode: @escaping @Sendable (String) -> [String]? = PlaceWords.code
  ) {
    self.resolveName = resolveName
    self.resolveCode = resolveCode
  }

  struct Token {
    var word: String  // lower-cased
    var original: Substring
    /// The punctuation between this token and the next: "," "/" "&" "+" continue a list;
    /// anything else ends it.
    var separatorAfter: String
  }

  static let negations: Set<String> = [
    "no", "not", "never", "dont", "wont", "cannot", "cant", "except", "excluding", "excl",
    "exclude", "excludes", "without", "nothing", "nor",
  ]
  static let fillers: Set<String> = [
    "t", "ship", "ships", "shipping", "shipped", "to", "do", "we", "i", "deliver", "delivery",
    "send", "sending", "into", "the", "any", "orders", "order", "for", "in", "within", "post",
    "mail", "sell", "selling", "sales", "package", "packages", "parcels", "anymore", "more",
    "longer", "will", "can", "countries", "country",
  ]
  static let listWords: Set<String> = ["and", "or", "nor", "&"]
  /// English words that are also ISO codes; never read as codes even in capitals. (BE and US
  /// are kept: "no BE" and "no US" are exactly what vendors write.)
  static let ambiguousCodes: Set<String> = [
    "IT", "IS", "IN", "AT", "TO", "ME", "MY", "NO", "OR", "SO", "AS", "BY", "DO", "GO", "HI",
    "AN", "AM", "ID", "IF", "OF", "ON", "UP", "WE", "PM", "CC", "GG", "TV", "FM", "AD", "BS",
    "MD", "OK", "ST", "PS", "RE", "LA", "MA", "PA", "AI", "IM", "IO", "NU", "CAN", "ARE",
    "AND", "PER", "TON", "ALL", "ONE", "BUT", "THE", "NOT", "FOR", "ANY", "BEL", "COD", "PRY",
    "MAC", "SUR", "TUN", "GIB", "BRA", "COL", "CHE", "DOM", "MUS", "NIC", "SOM",
  ]

  /// The refusals stated in `text`.
  public func read(_ text: String) -> Found {
    let tokens = Self.tokenize(text)
    var excluded: [String] = []
    var only: [String] = []
    var i = 0
    while i < tokens.count {
      let w = tokens[i].word
      if Self.negations.contains(w) {
        var j = i + 1
        var skipped = 0
        while j < tokens.count, Self.fillers.contains(tokens[j].word), skipped < 4,
          !endsClause(tokens[j - 1])
        {
          j += 1
          skipped += 1
        }
        if j < tokens.count, tokens[j].word == "outside" || tokens[j].word == "beyond" {
          var k = j + 1
          while k < tokens.count, tokens[k].word == "of" || tokens[k].word == "the" { k += 1 }
          let (places, next) = placeList(tokens, from: k)
          only += places
          i = max(next, i + 1)
          continue
        }
        guard j < tokens.count, !endsClause(tokens[j - 1]) || j == i + 1 else {
          i += 1
          continue
        }
        let (places, next) = placeList(tokens, from: j)
        if !places.isEmpty {
          excluded += places
          i = next
          continue
        }
      } else if w == "only" {
        // "EU only" / "Europe-only": the list right before; "only EU" / "only to EU": after.
        // A capitalised "Only" running on into more words starts a new sentence whose full
        // stop the vendor left out ("Shipping to France Only PGP messages please").
        let startsSentence =
          tokens[i].original.first == "O" && i + 1 < tokens.count && !endsClause(tokens[i])
        let before = startsSentence ? [] : placesEnding(tokens, at: i - 1)
        if !before.isEmpty {
          only += before
        } else {
          var j = i + 1
          while j < tokens.count, Self.fillers.contains(tokens[j].word) || tokens[j].word == "ship"
          {
            j += 1
          }
          only += placeList(tokens, from: j).places
        }
      } else if w == "non", i + 1 < tokens.count {
        // "no non-EU orders" / "non-EU: no": refuses everything outside.
        let (places, _) = placeList(tokens, from: i + 1, maxItems: 1)
        if !places.isEmpty && i > 0 && Self.negations.contains(tokens[i - 1].word) {
          only += places
        }
      }
      i += 1
    }
    return Found(excluded: unique(excluded), only: unique(only))
  }

  private func unique(_ xs: [String]) -> [String] { Array(Set(xs)).sorted() }

  private func endsClause(_ t: Token) -> Bool {
    !["", " ", "-", "'", "’"].contains(t.separatorAfter)
  }

  /// One place (group, multi-word name or code) starting at `i`: its places and the index
  /// of the token after it.
  private func place(_ tokens: [Token], at i: Int) -> ([String], Int)? {
    guard i < tokens.count else { return nil }
    if tokens[i].word == "anglo" || tokens[i].word == "anglosphere" {
      var j = i + 1
      if j < tokens.count, tokens[j].word == "saxon" { j += 1 }
      return (Self.angloCountries, j)
    }
    if tokens[i].word == "english", i + 1 < tokens.count, tokens[i + 1].word == "speaking" {
      return (Self.angloCountries, i + 2)
    }
    // Longest multi-word name first ("united states of america", "new zealand").
    for n in stride(from: min(4, tokens.count - i), through: 1, by: -1) {
      let words = tokens[i..<(i + n)]
      if n > 1, words.dropLast().contains(where: { endsClause($0) }) { continue }
      // The alias table knows phrases such as "EU only"; the reader wants the place alone.
      if n > 1, words.contains(where: { $0.word == "only" || Self.negations.contains($0.word) }) {
        continue
      }
      let phrase = words.map(\.word).joined(separator: " ")
      if phrase.count >= 4 || n > 1 || phrase == "eu", let places = resolveName(phrase) {
        return (places, i + n)
      }
    }
    let original = String(tokens[i].original)
    if original.count <= 3, original == original.uppercased(),
      !Self.ambiguousCodes.contains(original), let places = resolveCode(original)
    {
      return (places, i + 1)
    }
    return nil
  }

  /// A list of places ("US, UK or AU", "the USA/Canada", "Anglo countries") from `i`.
  private func placeList(_ tokens: [Token], from start: Int, maxItems: Int = 12)
    -> (places: [String], next: Int)
  {
    var places: [String] = []
    var i = start
    var items = 0
    while items < maxItems, let (found, next) = place(tokens, at: i) {
      places += found
      items += 1
      i = next
      while i < tokens.count, ["countries", "country", "the"].contains(tokens[i].word),
        !endsClause(tokens[i - 1])
      {
        i += 1
      }
      guard i < tokens.count else { break }
      let sep = tokens[i - 1].separatorAfter
      if [",", "/", "&", "+", ", "].contains(sep.trimmingSpaces) {
        continue
      } else if !endsClause(tokens[i - 1]), Self.listWords.contains(tokens[i].word) {
        i += 1
        if i < tokens.count, tokens[i].word == "the" { i += 1 }
        continue
      }
      break
    }
    return (places, i)
  }

  /// The places of a list that ends at token `end` ("EU" in "EU only", "Europe/UK only").
  private func placesEnding(_ tokens: [Token], at end: Int) -> [String] {
    guard end >= 0, !endsClause(tokens[end]) else { return [] }
    var best: [String] = []
    // Try list starts up to 6 tokens back; keep the longest list that ends exactly at `end`.
    for start in stride(from: end, through: max(0, end - 6), by: -1) {
      let (places, next) = placeList(tokens, from: start)
      // "ships from NL only" states an origin, not a destination.
      let origin = start > 0 && tokens[start - 1].word == "from"
      if next == end + 1, !places.isEmpty { best = origin ? [] : places }
    }
    return best
  }

  static func tokenize(_ text: String) -> [Token] {
    var tokens: [Token] = []
    var i = text.startIndex
    while i < text.endIndex {
      guard text[i].isLetter else {
        i = text.index(after: i)
        continue
      }
      var j = i
      while j < text.endIndex, text[j].isLetter { j = text.index(after: j) }
      let word = text[i..<j]
      var k = j
      while k < text.endIndex, !text[k].isLetter, !text[k].isNumber { k = text.index(after: k) }
      var sep = String(text[j..<k])
      // Collapse whitespace so "  ,  " reads as ",".
      sep = sep.filter { !$0.isWhitespace }
      if sep.isEmpty && j < k { sep = " " }
      if k < text.endIndex, text[k].isNumber { sep = "." }  // a number breaks a list
      tokens.append(Token(word: word.lowercased(), original: word, separatorAfter: sep))
      i = k
    }
    // Contractions: "don't" → "dont", "won't" → "wont", "can't" → "cant".
    var merged: [Token] = []
    for t in tokens {
      if t.word == "t", let last = merged.last,
        last.separatorAfter == "'" || last.separatorAfter == "’",
        ["don", "won", "can", "doesn", "isn"].contains(last.word)
      {
        merged[merged.count - 1].word = last.word == "doesn" ? "dont" : last.word + "t"
        merged[merged.count - 1].separatorAfter = t.separatorAfter
        continue
      }
      merged.append(t)
    }
    return merged
  }
}

extension String {
  fileprivate var trimmingSpaces: String { filter { !$0.isWhitespace } }
}
