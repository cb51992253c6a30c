import Foundation

/// Reads every account's evidence from the database into an `AccountEvidence`.
///
/// Three stages, each where it is cheapest:
/// 1. read the tables in the order SQLite stores them and group rows by account in Swift
///    (`EvidenceTables`: no sorted queries), on two connections at once (SQLite reads on
///    one thread per connection);
/// 2. per account, in parallel (accounts are independent): handle forms, text tokens
///    (counted and sorted, for TF-IDF), product keys (interned per chunk, renumbered in
///    chunk order), document frequencies (per chunk, summed), price points and the
///    evidence hash;
/// 3. intern places (ids must not depend on scheduling) and flatten into the
///    struct-of-arrays, sentences on a second thread meanwhile; then price levels and
///    TF-IDF weights, which need the whole corpus first (slopes, document frequencies) and
///    then run per account in parallel.
///
/// `VENDORLINK_STAGE_TIMES=1` prints how long each step took (`StageTimes`).
///
/// The result is identical to the sorted-query loader this replaced (tests hold it to a copy
/// of that loader); only `evidenceHash` is computed differently, over the same inputs.
public enum EvidenceLoader {
  public static func load(from db: Database) throws -> AccountEvidence {
    var times = StageTimes()
    // A second connection reads listing ids while this one reads accounts, and later
    // listing places, keys and profiles while this one reads listings (`EvidenceTables`).
    let reader = db.openReader()
    var ev: AccountEvidence
    var listingPairs: ListingIndex.Pairs
    if let reader {
      (ev, listingPairs) = try concurrently(
        { try accounts(db) }, { try ListingIndex.readPairs(reader) })
    } else {
      ev = try accounts(db)
      listingPairs = try ListingIndex.readPairs(db)
    }
    times.lap("accounts+listing-ids")
    let listingIndex = ListingIndex(listingPairs, accounts: ev)
    listingPairs = ListingIndex.Pairs()
    times.lap("listing-index")
    var tables = try EvidenceTables.read(
      db, reader: reader, accounts: ev, listingIndex: listingIndex, times: &times)
    var features = AccountFeatures.compute(ev, tables)
    // Nothing reads the listing rows past here; their million or so strings are freed on
    // another thread while this one flattens (freeing them here took a tenth of a second).
    releaseInBackground(tables.listings.rows)
    tables.listings.rows = []
    times.lap("features")
    ev.handleFolded = features.folded
    ev.handleCore = features.core
    ev.evidenceHash = features.hash
    ev.habits = WritingHabits.standardised(features.habits, hasText: features.hasWords)
    // Habits need prose: a few dozen title words show no habit (real scrapes with titles
    // only compared as "habit cosine below 0" against each other).
    ev.hasHabits = zip(features.hasWords, features.hasProse).map { $0 && $1 }
    ev.hasProse = features.hasProse
    features.habits = []
    features.folded = []
    features.core = []
    try flatten(&ev, &tables, &features, &times)
    times.report("evidence stages")
    return ev
  }

  /// Markets and accounts, in account_id order (the primary key's: no sort).
  static func accounts(_ db: Database) throws -> AccountEvidence {
    var ev = AccountEvidence()
    var marketIDs: [String: Int32] = [:]
    for row in try db.query("SELECT market, closed FROM markets ORDER BY market") {
      guard let m = row[0].stringValue else { continue }
      marketIDs[m] = Int32(ev.marketNames.count)
      ev.marketNames.append(m)
      ev.marketClosedDay.append(row[1].stringValue.flatMap(Days.parse))
    }
    try db.forEach(
      "SELECT account_id, market, vendor, first_seen, last_seen FROM accounts ORDER BY account_id"
    ) { s in
      let market = s.string(1) ?? ""
      if marketIDs[market] == nil {
        marketIDs[market] = Int32(ev.marketNames.count)
        ev.marketNames.append(market)
        ev.marketClosedDay.append(nil)
      }
      ev.accountIDs.append(s.int(0) ?? 0)
      ev.market.append(marketIDs[market]!)
      ev.handles.append(s.string(2) ?? "")
      ev.firstSeenDay.append(s.string(3).flatMap(Days.parse))
      ev.lastSeenDay.append(s.string(4).flatMap(Days.parse))
    }
    ev.marketCrawlDays = crawlDays(ev)
    return ev
  }

  /// Per account, how many accounts of its market share its folded handle; per market, its
  /// number of accounts.
  static func handleCounts(_ ev: AccountEvidence) -> ([Int32], [Int32]) {
    var sizes = [Int32](repeating: 0, count: ev.marketNames.count)
    var counts: [[UInt8]: Int32] = [:]
    for i in 0..<ev.count {
      sizes[Int(ev.market[i])] += 1
      counts[ev.handleFolded[i] + [0xff, UInt8(truncatingIfNeeded: ev.market[i])], default: 0] += 1
    }
    let perAccount = (0..<ev.count).map { i in
      counts[ev.handleFolded[i] + [0xff, UInt8(truncatingIfNeeded: ev.market[i])]] ?? 1
    }
    return (perAccount, sizes)
  }

  /// Each market's crawl days, as the days its accounts were first or last seen (no query of
  /// its own: a crawl on which no account of the market started or stopped is missed, which
  /// only makes an activity comparison "unknown" where it could have been "apart").
  static func crawlDays(_ ev: AccountEvidence) -> [[Int32]] {
    var days = [[Int32]](repeating: [], count: ev.marketNames.count)
    for i in 0..<ev.count {
      let m = Int(ev.market[i])
      if let f = ev.firstSeenDay[i] { days[m].append(f) }
      if let l = ev.lastSeenDay[i] { days[m].append(l) }
    }
    return days.map(sortedUnique)
  }

  /// Stage 3: interning and flattening, in account order and, within an account, listing_id
  /// order, the order every id has always been given in. Places are numbered first from
  /// listings' ships_from, then ship-to places, then listing_places' ship-from places.
  static func flatten(
    _ ev: inout AccountEvidence, _ tables: inout EvidenceTables, _ features: inout AccountFeatures,
    _ times: inout StageTimes
  ) throws {
    // Profile sentences and pitches need nothing else: flattened on another thread meanwhile.
    let sentences = features.sentences
    let pitches = features.pitches
    features.sentences = []
    features.pitches = []
    var styleTimes = StageTimes()
    let ((), style) = try concurrently(
      { flattenListings(&ev, &tables, &features, &times) },
      {
        defer { styleTimes.lap("sentences") }
        return styleEvidence(sentences, pitches)
      })
    times.add(styleTimes, prefix: "concurrently ")
    ev.sentences = style.sentences
    ev.sentenceWeights = style.sentenceWeights
    ev.sentenceOffsets = style.sentenceOffsets
    ev.pitches = style.pitches
    ev.pitchOffsets = style.pitchOffsets

    let n = ev.count
    var tfidf = TFIDFBuilder()
    tfidf.offsets.reserveCapacity(n + 1)
    for c in features.tokenCounts { tfidf.offsets.append(tfidf.offsets.last! + c) }
    swap(&tfidf.tokens, &features.tokens)
    swap(&tfidf.termCounts, &features.termCounts)
    (ev.handleCountInMarket, ev.marketSize) = handleCounts(ev)
    ev.handleWordFrequency = ev.handleFolded.map { folded in
      folded.withUnsafeBufferPointer {
        Int32(features.documentFrequencies.count(TextTokens.fnv1a($0)))
      }
    }
    let text = tfidf.finish(documentFrequencies: features.documentFrequencies)
    features.documentFrequencies = TokenFrequencies(expected: 0)
    times.lap("tfidf")
    ev.textOffsets = text.offsets
    ev.textTokens = text.tokens
    ev.textWeights = text.weights
  }

  /// Products, keys, places and price levels.
  static func flattenListings(
    _ ev: inout AccountEvidence, _ tables: inout EvidenceTables, _ features: inout AccountFeatures,
    _ times: inout StageTimes
  ) {
    let n = ev.count
    let listings = tables.listings
    let productIDs = features.productKeys
    var places = PlaceNumbering(tables.places)
    var points = [[ProductPriceLevels.Point]](repeating: [], count: n)
    var columnFrom = [[Int32]](repeating: [], count: n)
    var products: [Int32] = []  // one account's, reused
    for i in 0..<n {
      products.removeAll(keepingCapacity: true)
      for r in listings.start[i]..<listings.start[i + 1] {
        let p = features.listingProduct[r]
        if p >= 0 {
          products.append(p)
          if let price = features.listingPrice[r] {
            points[i].append(
              .init(product: p, quantity: price.quantity, logUnitPrice: price.logUnit))
          }
        }
        let from = features.listingFrom[r]
        if from >= 0 { columnFrom[i].append(places.id(from)) }
      }
      products.sort()
      for k in products.indices where k == 0 || products[k] != products[k - 1] {
        ev.products.append(products[k])
      }
      ev.productOffsets.append(Int32(ev.products.count))
    }
    features.listingProduct = []
    features.listingPrice = []
    features.listingFrom = []
    times.lap("products")

    for i in 0..<n {
      ev.keys.append(contentsOf: sortedUnique(tables.keyLists[i]))
      ev.keyOffsets.append(Int32(ev.keys.count))
      ev.shipsTo.append(contentsOf: sortedUnique(tables.to.of(i).map { places.id($0) }))
      ev.shipsToOffsets.append(Int32(ev.shipsTo.count))
    }
    times.lap("keys+ships-to")
    // Normalised places (listing_places) win over the raw ships_from column.
    ev.shipsFrom.reserveCapacity(n)
    for i in 0..<n {
      let normalised = tables.from.of(i)
      let from = normalised.isEmpty ? columnFrom[i] : normalised.map { places.id($0) }
      ev.shipsFrom.append(mostFrequent(from) ?? -1)
    }

    times.lap("ships-from")
    let priceLevels = ProductPriceLevels.levels(points, productCount: productIDs.count)
    for i in 0..<n {
      for (product, level) in priceLevels[i] {
        ev.priceProduct.append(product)
        ev.priceLevel.append(level)
      }
      ev.priceOffsets.append(Int32(ev.priceProduct.count))
    }

    times.lap("prices")
    ev.fingerprints = tables.fingerprints
    ev.productNames = (0..<productIDs.count).map { productIDs.string(Int32($0)) }
    ev.placeNames = places.names
    ev.placeIsCountry = places.names.map { Place(code: $0)?.isCountry ?? false }
  }

  /// The `AccountEvidence` fields of profile sentences and title pitches.
  struct StyleEvidence {
    var sentenceOffsets: [Int32] = [0]
    var sentences: [UInt64] = []
    var sentenceWeights: [Float] = []
    var pitchOffsets: [Int32] = [0]
    var pitches: [UInt64] = []
  }

  /// Profile sentences, weighted by their rarity over all accounts (the natural log of the
  /// number of accounts over the number whose profile has the sentence), and title pitches.
  static func styleEvidence(_ sentences: [[UInt64]], _ pitches: [[UInt64]]) -> StyleEvidence {
    let n = sentences.count
    var out = StyleEvidence()
    // Open addressing rather than a `Dictionary`: hundreds of thousands of sentences.
    let total = sentences.reduce(0) { $0 + $1.count }
    var sentenceFrequency = TokenFrequencies(expected: total)
    for account in sentences {
      for s in account { sentenceFrequency.add(s) }
    }
    // The weight of each frequency, computed once (frequencies are at most the accounts:
    // an account's sentences are distinct).
    var weightOf = [Float](repeating: .nan, count: n + 1)
    out.sentences.reserveCapacity(total)
    out.sentenceWeights.reserveCapacity(total)
    for i in 0..<n {
      for s in sentences[i] {
        let f = Int(sentenceFrequency.count(s))
        if weightOf[f].isNaN { weightOf[f] = Float(log(Double(n) / Double(f))) }
        out.sentences.append(s)
        out.sentenceWeights.append(weightOf[f])
      }
      out.sentenceOffsets.append(Int32(out.sentences.count))
      out.pitches.append(contentsOf: pitches[i])
      out.pitchOffsets.append(Int32(out.pitches.count))
    }
    return out
  }

  /// Lets go of `value` on a background thread: freeing a large array of strings is a
  /// release per string, work the caller need not wait for.
  static func releaseInBackground<T: Sendable>(_ value: T) {
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
  }

  /// `Array(Set(ids)).sorted()`, without the set.
  static func sortedUnique<T: Comparable>(_ ids: [T]) -> [T] {
    var out = ids.sorted()
    var w = 0
    for k in out.indices where k == 0 || out[k] != out[k - 1] {
      out[w] = out[k]
      w += 1
    }
    out.removeLast(out.count - w)
    return out
  }

  /// The most frequent id, the smallest among equally frequent ones; nil when empty.
  static func mostFrequent(_ ids: [Int32]) -> Int32? {
    VendorLink.mostFrequent(inSorted: ids.sorted())
  }
}

/// Final place ids: a place's text is interned (as a `String`, as the evidence has always
/// numbered places) the first time it is asked for, whatever its id in the byte interner.
struct PlaceNumbering {
  let bytes: ByteInterner
  private var final: [Int32]
  private var interner = Interner()

  init(_ bytes: ByteInterner) {
    self.bytes = bytes
    final = [Int32](repeating: -1, count: bytes.count)
  }

  var names: [String] { interner.names }

  mutating func id(_ place: Int32) -> Int32 {
    if final[Int(place)] < 0 { final[Int(place)] = interner.id(bytes.string(place)) }
    return final[Int(place)]
  }
}

/// Stable 64-bit hashing of evidence (FNV-1a per field, mixed): equal inputs give equal
/// hashes in every process, which `Hasher` does not promise.
enum Hash64 {
  static func combine(_ h: UInt64, _ s: String) -> UInt64 {
    var s = s
    let f = s.withUTF8 { TextTokens.fnv1a($0) }
    return TextTokens.mix(h ^ f)
  }
}

/// ISO dates as day numbers.
public enum Days {
  /// Days since 1970-01-01 of an ISO 8601 date (`YYYY-MM-DD`, anything after is ignored),
  /// or nil when it is not one.
  public static func parse(_ s: String) -> Int32? {
    let b = Array(s.utf8.prefix(10))
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
    func num(_ r: Range<Int>) -> Int? {
      var v = 0
      for k in r {
        guard b[k] >= 48 && b[k] <= 57 else { return nil }
        v = v * 10 + Int(b[k] - 48)
      }
      return v
    }
    guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10), (1...12).contains(m),
      (1...31).contains(d)
    else { return nil }
    return Int32(CivilDate.dayNumber(year: y, month: m, day: d))
  }
}
