/// Free-text shipping fields → ``Place``s.
///
/// A field is read in three steps: (1) HTML cleaned and the whole text looked up, so names
/// that contain separators ("Digital / Service", "Taiwan, Province of China") stay whole;
/// (2) an exclusion clause ("Worldwide except Australia", "We do not ship to USA / Canada")
/// cut off; (3) the rest split at `, ; / & + |`, " and ", " or ", " - ", re-joining the
/// longest run of parts that is a known name. Each part is matched by folded name or alias,
/// then (capitals only) as an ISO alpha-2/alpha-3 code, then with one typo tolerated.
public enum PlaceNormalizer {
  /// The places a field includes, those it excludes, and the parts that matched nothing
  /// (trimmed original text, for reporting; never guessed into a place).
  public struct Reading: Equatable, Sendable {
    public var included: [Place] = []
    public var excluded: [Place] = []
    public var unrecognised: [String] = []
  }

  /// All places named in a free-text field ("Germany, Netherlands", "NL/BE", "Holland",
  /// "Digital / Service"); [] for an empty or missing ("NA") field. Places an exclusion
  /// clause names are left out (see ``read(_:)`` for them).
  public static func parse(_ raw: String) -> (places: [Place], unrecognised: [String]) {
    let reading = read(raw)
    return (reading.included, reading.unrecognised)
  }

  /// The full reading of a field, exclusions included ("Worldwide except Australia" →
  /// included [Worldwide], excluded [AU]).
  public static func read(_ raw: String) -> Reading {
    let text = ScrapedText.clean(raw)
    let wholeKey = ScrapedText.key(text)
    if missingMarkers.contains(wholeKey) { return Reading() }
    if let places = CountryTable.shared.byKey[wholeKey] ?? typoMatch(wholeKey) {
      return Reading(included: places)
    }
    var reading = Reading()
    let words = text.split(separator: " ")
    if let cut = exclusionClause(in: words) {
      let before = words[..<cut.start].joined(separator: " ")
      let after = words[cut.end...].joined(separator: " ")
      readList(before, into: &reading.included, unrecognised: &reading.unrecognised)
      readList(after, into: &reading.excluded, unrecognised: &reading.unrecognised)
      // "We do not ship to X": an exclusion list alone ("We" reads as Undeclared) means
      // everywhere else.
      if reading.included.allSatisfy({ $0 == .undeclared }) { reading.included = [.worldwide] }
    } else {
      readList(text, into: &reading.included, unrecognised: &reading.unrecognised)
    }
    reading.included = dedupe(reading.included)
    reading.excluded = dedupe(reading.excluded)
    // A non-empty field made only of qualifier words ("The", "Only!!!") declares nothing.
    if reading.included.isEmpty && reading.unrecognised.isEmpty {
      reading.included = [.undeclared]
    }
    return reading
  }

  /// The Agora vendor scrape sometimes cut a multi-word origin into its `from` and `to`
  /// columns, one word each ("Hong" | "Kong", "South" | "Africa", "The" | "United" from
  /// "The United Snakes of Captivity"). When the two single words joined are a known name, or
  /// begin known names that all name the same places, returns those places (the origin;
  /// the destination is then unknown); nil when the pair reads fine apart ("USA" | "Canada").
  public static func rejoinSplitPair(from: String, to: String) -> [Place]? {
    let first = ScrapedText.key(ScrapedText.clean(from))
    let second = ScrapedText.key(ScrapedText.clean(to))
    guard !first.isEmpty, !second.isEmpty, !first.contains(" "), !second.contains(" ") else {
      return nil
    }
    let joined = first + " " + second
    let table = CountryTable.shared
    return table.byKey[joined] ?? table.byTwoWordPrefix[joined]
  }

  /// Field values that mean "no data", not "declared nothing": empty, and R's `NA` (the Agora
  /// CSVs were written from R). So "NA" is never read as North America or Namibia.
  static let missingMarkers: Set<String> = ["", "na", "nan", "null", "none", "n a"]

  /// Words that qualify a place without naming one ("USA only", "UK (Free!)"); a part made
  /// only of them is dropped rather than reported as unrecognised.
  static let qualifierWords: Set<String> = [
    "only", "free", "standard", "shipping", "ships", "to", "from", "the", "also", "and", "or",
    "too", "ok", "fe", "express", "tracked", "mail", "post",
  ]

  /// Word sequences (folded) that start an exclusion clause.
  static let exclusionMarkers: [[String]] = [
    ["except"], ["excluding"], ["exclude"], ["excl"], ["but"], ["not", "to"],
    ["no", "shipping", "to"],
    ["do", "not", "ship", "to"], ["dont", "ship", "to"], ["does", "not", "ship", "to"],
    ["no", "ship", "to"], ["not", "shipping", "to"],
  ]

  /// Where the first exclusion marker starts and ends, in word positions.
  static func exclusionClause(in words: [Substring]) -> (start: Int, end: Int)? {
    let keys = words.map { ScrapedText.key(String($0)) }
    for start in keys.indices {
      for marker in exclusionMarkers where start + marker.count <= keys.count {
        if Array(keys[start..<start + marker.count]) == marker {
          return (start, start + marker.count)
        }
      }
    }
    return nil
  }

  /// Undeclared only stands alone: next to a real place it adds nothing ("Worldwide/ Check
  /// my profile" → Worldwide). Duplicates removed, first appearance kept.
  static func dedupe(_ places: [Place]) -> [Place] {
    var seen = Set<Place>()
    var out = places.filter { seen.insert($0).inserted }
    if out.count > 1 { out.removeAll { $0 == .undeclared } }
    return out
  }
}
