/// Reads a listing's free-text fields into what the store keeps: place codes (ships from,
/// to, excluded) and the title's quantity, with the warnings they raise.
///
/// Place fields and titles repeat across a crawl ("Netherlands", "Worldwide", the same listing
/// title in every crawl): each text is read once. The caches are bounded so that a hostile
/// crawl of unique strings cannot grow them without limit. Runs on the thread that decodes
/// the crawl (`DecodePipeline`), apart from the one writing to the store.
final class ListingNormaliser {
  private var placeCache: [String: PlaceField] = [:]
  private var shipsToCache: [String: ShipsToField] = [:]
  private var quantityCache: [String: Quantity?] = [:]
  /// Enough for every distinct place text and title of a large crawl (tens of thousands)
  /// at a few MB.
  static let cacheLimit = 50_000

  /// The codes of one place field, in the forms the store needs.
  struct PlaceField {
    /// In the order named (ships_from keeps it).
    var codes: [String]
    /// Distinct, sorted: the column text and the listing_places rows.
    var distinct: [String]
    var unrecognised: Int
  }

  /// A ships-to text read for destinations and exclusions (distinct, sorted codes).
  struct ShipsToField {
    var to: [String]
    var excludes: [String]
    var unrecognised: Int
  }

  func normalise(_ l: CrawlRecord.Listing) -> NormalisedListing {
    var out = NormalisedListing()
    let from = l.shipsFrom.map { places($0) }
    var to: [String] = []
    var excluded: [String] = []
    var sources = (to: 0, excluded: 0)  // how many fields were merged into each
    for raw in l.shipsTo {
      let parsed = shipsTo(raw)
      if !parsed.to.isEmpty { (to, sources.to) = (to + parsed.to, sources.to + 1) }
      if !parsed.excludes.isEmpty {
        (excluded, sources.excluded) = (excluded + parsed.excludes, sources.excluded + 1)
      }
      if parsed.unrecognised > 0 {
        out.warnings.append(("ships_to", "unrecognised place names: \(parsed.unrecognised)"))
      }
    }
    for raw in l.excludes {
      let parsed = places(raw).distinct
      if !parsed.isEmpty {
        (excluded, sources.excluded) = (excluded + parsed, sources.excluded + 1)
      }
    }
    // Each field's codes are distinct and sorted already; only a merge needs it again.
    if sources.to > 1 { to = Set(to).sorted() }
    if sources.excluded > 1 { excluded = Set(excluded).sorted() }
    if let from, from.unrecognised > 0 {
      out.warnings.append(("ships_from", "unrecognised place names: \(from.unrecognised)"))
    }
    out.quantity = l.title.flatMap { quantity(title: $0) }
    let fromCodes = from?.codes ?? []
    out.shipsFrom = fromCodes.isEmpty ? nil : fromCodes.joined(separator: ",")
    out.shipsTo = to.isEmpty ? nil : to.joined(separator: ",")
    out.excludes = excluded.isEmpty ? nil : excluded.joined(separator: ",")
    for (role, codes) in [("from", from?.distinct ?? []), ("to", to), ("exclude", excluded)] {
      for place in codes { out.places.append((role, place)) }
    }
    return out
  }

  private func places(_ raw: String) -> PlaceField {
    if let hit = placeCache[raw] { return hit }
    let parsed = PlaceNormalizer.parse(raw)
    let codes = parsed.places.map(\.code)
    let field = PlaceField(
      codes: codes, distinct: Set(codes).sorted(), unrecognised: parsed.unrecognised.count)
    if placeCache.count < ListingNormaliser.cacheLimit { placeCache[raw] = field }
    return field
  }

  private func shipsTo(_ raw: String) -> ShipsToField {
    if let hit = shipsToCache[raw] { return hit }
    let parsed = ShipsToParser.parse(raw)
    let field = ShipsToField(
      to: Set(parsed.to.map(\.code)).sorted(), excludes: Set(parsed.excludes.map(\.code)).sorted(),
      unrecognised: parsed.unrecognised.count)
    if shipsToCache.count < ListingNormaliser.cacheLimit { shipsToCache[raw] = field }
    return field
  }

  private func quantity(title: String) -> Quantity? {
    if let hit = quantityCache[title] { return hit }
    let parsed = QuantityParser.parse(title: title)
    if quantityCache.count < ListingNormaliser.cacheLimit { quantityCache[title] = parsed }
    return parsed
  }
}

/// A listing's normalised columns (see `ListingNormaliser`).
struct NormalisedListing: Sendable {
  /// Place codes as the columns store them: comma-joined, nil when none.
  var shipsFrom: String?
  var shipsTo: String?
  var excludes: String?
  /// The listing_places rows: (role, code), distinct within each role.
  var places: [(role: String, place: String)] = []
  var quantity: Quantity?
  /// (field, message) for place names not recognised, in the order the fields are read.
  var warnings: [(field: String, message: String)] = []
}
