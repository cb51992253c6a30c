import Foundation

/// Restrictions: the countries and regions an account refuses to ship to, from the market's
/// excludes field (stored as `listing_places` rows with role 'exclude') and from its texts
/// (titles, descriptions, profiles; see `RestrictionText`).
///
/// One flag per account that refuses anything. Score: the number of distinct places it
/// refuses explicitly, plus one if it ships "only" to some region.
public enum RestrictionDetector {
  /// What one account refuses, with where each refusal was read.
  public struct Refusals: Sendable, Equatable {
    public var excluded: [String: Set<String>] = [:]  // place → sources ("field", "text")
    public var only: [String: Set<String>] = [:]
    /// Place (or "only:" + place) → where it was read: listings (their market ids) or
    /// "profile", so each refusal names its listing instead of merging two listings' texts.
    public var readIn: [String: Set<String>] = [:]
    public init() {}

    mutating func add(excluded places: [String], source: String, in origin: String? = nil) {
      for p in places {
        excluded[p, default: []].insert(source)
        if let origin { readIn[p, default: []].insert(origin) }
      }
    }
    mutating func add(only places: [String], source: String, in origin: String? = nil) {
      for p in places {
        only[p, default: []].insert(source)
        if let origin { readIn["only:" + p, default: []].insert(origin) }
      }
    }
  }

  /// Listings named per refusal in a flag's evidence (the rest are counted).
  static let listingsNamed = 3

  struct Evidence: Encodable {
    var countries: [String]
    var regions: [String]
    var only: [String]
    var sources: [String: [String]]
    /// Place → the listings (or "profile") it was read in, the first `listingsNamed`, and
    /// how many in all.
    var readIn: [String: [String]]
  }

  public static func flags(_ refusals: [Int64: Refusals]) -> [Flag] {
    refusals.keys.sorted().compactMap { account in
      let r = refusals[account]!
      guard !r.excluded.isEmpty || !r.only.isEmpty else { return nil }
      let places = r.excluded.keys.sorted()
      var sources: [String: [String]] = [:]
      for (p, s) in r.excluded { sources[p] = s.sorted() }
      for (p, s) in r.only { sources["only:" + p] = s.sorted() }
      var readIn: [String: [String]] = [:]
      for (p, origins) in r.readIn {
        let sorted = origins.sorted()
        readIn[p] =
          Array(sorted.prefix(listingsNamed))
          + (sorted.count > listingsNamed ? ["… \(sorted.count - listingsNamed) more"] : [])
      }
      let evidence = Evidence(
        countries: places.filter(PhysicalPlace.isCountry),
        regions: places.filter { !PhysicalPlace.isCountry($0) }, only: r.only.keys.sorted(),
        sources: sources, readIn: readIn)
      return Flag(
        kind: .restriction, accountID: account,
        score: Double(places.count + (r.only.isEmpty ? 0 : 1)), evidence: evidence)
    }
  }

  static func load(_ db: Database, reader: RestrictionText = RestrictionText()) throws
    -> [Int64: Refusals]
  {
    var out: [Int64: Refusals] = [:]
    let fields = """
      SELECT DISTINCT l.account_id, lp.place, l.listing
      FROM listing_places lp JOIN listings l ON l.listing_id = lp.listing_id
      WHERE lp.role = 'exclude'
      """
    try db.forEach(fields) { s in
      guard let account = s.int(0), let place = s.string(1) else { return }
      out[account, default: Refusals()].add(
        excluded: [place], source: "field", in: s.string(2).map { "listing " + $0 })
    }
    var seen: [Int64: Set<Int>] = [:]
    func read(
      _ account: Int64, _ statement: Statement, _ column: Int32,
      _ origin: @autoclosure () -> String
    ) {
      guard let text = RefusalPrefilter.text(statement, column) else { return }
      // Crawls repeat the same text every month: read each distinct text once per account
      // (the first listing that shows it is named).
      guard seen[account, default: []].insert(text.hashValue).inserted else { return }
      let found = reader.read(text)
      guard !found.isEmpty else { return }
      let from = origin()
      out[account, default: Refusals()].add(excluded: found.excluded, source: "text", in: from)
      out[account, default: Refusals()].add(only: found.only, source: "text", in: from)
    }
    let listingTexts = """
      SELECT l.account_id, lo.title, lo.description, l.listing
      FROM listing_observations lo JOIN listings l ON l.listing_id = lo.listing_id
      """
    try db.forEach(listingTexts) { s in
      guard let account = s.int(0) else { return }
      read(account, s, 1, "listing " + (s.string(3) ?? "?"))
      read(account, s, 2, "listing " + (s.string(3) ?? "?"))
    }
    try db.forEach("SELECT account_id, profile FROM vendor_observations") { s in
      guard let account = s.int(0) else { return }
      read(account, s, 1, "profile")
    }
    return out
  }
}
