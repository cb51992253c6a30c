import Foundation

/// Reads every account's evidence from the database into an `AccountEvidence`.
///
/// One pass per table, each streamed through a prepared statement; per-account parts are
/// gathered in scratch buffers and flattened into the struct-of-arrays at the end.
public enum EvidenceLoader {
  public static func load(from db: Database) throws -> AccountEvidence {
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
    let n = ev.count

    // 1. Read (SQLite, one thread): profiles and listings in account order.
    // Profiles: the latest non-empty one (vendors rewrite their profile; the latest is what
    // an investigator sees, and older versions would blur the writing-style signal).
    var latestProfile = [String?](repeating: nil, count: n)
    try db.forEach(
      """
      SELECT account_id, profile FROM vendor_observations
      WHERE profile IS NOT NULL AND profile <> '' ORDER BY account_id, observed
      """
    ) { s in
      guard let id = s.int(0), let i = ev.index(ofAccount: id) else { return }
      latestProfile[i] = s.string(1)
    }
    var listings: [ListingRow] = []
    var listingStart = [Int](repeating: 0, count: n + 1)
    try db.forEach(
      """
      SELECT l.account_id, o.title, o.description, o.category,
             COALESCE(o.price_eur, o.price_usd, o.price_amount), o.unit_price_eur, o.quantity,
             o.unit, o.ships_from, MAX(o.observed)
      FROM listing_observations o JOIN listings l ON l.listing_id = o.listing_id
      GROUP BY o.listing_id ORDER BY l.account_id, l.listing_id
      """
    ) { s in
      guard let id = s.int(0), let i = ev.index(ofAccount: id) else { return }
      listingStart[i + 1] += 1
      listings.append(
        ListingRow(
          account: Int32(i), title: s.string(1), description: s.string(2), category: s.string(3),
          price: s.double(4), unitPrice: s.double(5), quantity: s.double(6), from: s.string(8)))
    }
    for i in 0..<n { listingStart[i + 1] += listingStart[i] }

    // 2. Per account, in parallel (accounts are independent): handle forms, text tokens,
    // product keys and price points, and the evidence hash of all of it.
    var scratch = [Scratch](repeating: Scratch(), count: n)
    var folded = [[UInt8]](repeating: [], count: n)
    var core = [[UInt8]](repeating: [], count: n)
    var listingKey = [String?](repeating: nil, count: listings.count)
    var listingPrice = [(quantity: Float, logUnit: Float)?](repeating: nil, count: listings.count)
    let handles = ev.handles
    let rows = listings
    let profiles = latestProfile
    let starts = listingStart
    let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 8, n / 256))
    scratch.withUnsafeMutableBufferPointer { sc in
      folded.withUnsafeMutableBufferPointer { fo in
        core.withUnsafeMutableBufferPointer { co in
          listingKey.withUnsafeMutableBufferPointer { lk in
            listingPrice.withUnsafeMutableBufferPointer { lp in
              let out = UnsafeSendable(sc.baseAddress!)
              let outFolded = UnsafeSendable(fo.baseAddress!)
              let outCore = UnsafeSendable(co.baseAddress!)
              let outKey = UnsafeSendable(lk.baseAddress!)
              let outPrice = UnsafeSendable(lp.baseAddress!)
              DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for i in (n * chunk / chunks)..<(n * (chunk + 1) / chunks) {
                  let handle = handles[i]
                  outFolded.pointer[i] = Array(HandleNormaliser.folded(handle).utf8)
                  outCore.pointer[i] = Array(HandleNormaliser.core(handle).utf8)
                  let lower = Array(handle.lowercased().utf8)
                  var sh = Scratch()
                  sh.hash = Hash64.combine(0, handle)
                  if let p = profiles[i] {
                    TextTokens.append(p, skipping: lower, to: &sh.tokens)
                    TextTokens.appendCapitalisation(p, kind: 1, to: &sh.tokens)
                    ProfileSentences.append(p, handle: handle, to: &sh.sentences)
                    sh.hash = Hash64.combine(sh.hash, p)
                  }
                  var titleCase = TextTokens.LetterCase()
                  for r in starts[i]..<starts[i + 1] {
                    let row = rows[r]
                    sh.hash = Hash64.combine(sh.hash, row.title ?? "")
                    sh.hash = Hash64.combine(sh.hash, row.description ?? "")
                    sh.hash = Hash64.combine(sh.hash, row.category ?? "")
                    if let t = row.title {
                      TextTokens.append(t, skipping: lower, to: &sh.tokens)
                      titleCase.count(t)
                      if let pitch = ListingPitches.hash(t) { sh.pitches.append(pitch) }
                    }
                    if let d = row.description {
                      TextTokens.append(d, skipping: lower, to: &sh.tokens)
                    }
                    guard let key = ListingProducts.key(title: row.title, category: row.category)
                    else { continue }
                    outKey.pointer[r] = key
                    var unitPrice = row.unitPrice
                    var quantity = row.quantity
                    if unitPrice == nil, let price = row.price, price > 0 {
                      if quantity == nil, let title = row.title,
                        let parsed = ListingProducts.leadingQuantity(title)
                      {
                        quantity = parsed.quantity
                      }
                      if let q = quantity, q > 0 { unitPrice = price / q }
                    }
                    if let up = unitPrice, up > 0, let q = quantity, q > 0 {
                      outPrice.pointer[r] = (Float(q), Float(log(up)))
                      sh.hash = Hash64.combine(sh.hash, String(up))
                    }
                  }
                  if let t = titleCase.token(kind: 2) { sh.tokens.append(t) }
                  out.pointer[i] = sh
                }
              }
            }
          }
        }
      }
    }
    ev.handleFolded = folded
    ev.handleCore = core

    // 3. Interning (one thread: ids must not depend on scheduling), keys and places.
    var productIDs = Interner()
    var places = Interner()
    for (r, row) in listings.enumerated() {
      let i = Int(row.account)
      if let key = listingKey[r] {
        let p = productIDs.id(key)
        scratch[i].products.append(p)
        if let price = listingPrice[r] {
          scratch[i].prices.append(
            .init(product: p, quantity: price.quantity, logUnitPrice: price.logUnit))
        }
      }
      if let from = row.from, !from.isEmpty {
        scratch[i].from.append(places.id(from))
        scratch[i].hash = Hash64.combine(scratch[i].hash, from)
      }
    }
    listings = []

    var fingerprints = Interner()
    var keyLists = [[Int32]](repeating: [], count: n)
    try db.forEach(
      "SELECT account_id, fingerprint FROM account_keys ORDER BY account_id, fingerprint"
    ) { s in
      guard let id = s.int(0), let i = ev.index(ofAccount: id), let f = s.string(1) else { return }
      keyLists[i].append(fingerprints.id(f))
      scratch[i].hash = Hash64.combine(scratch[i].hash, f)
    }

    try db.forEach(
      """
      SELECT l.account_id, p.role, p.place FROM listing_places p
      JOIN listings l ON l.listing_id = p.listing_id
      WHERE p.role IN ('to', 'from') ORDER BY l.account_id, p.role, p.place
      """
    ) { s in
      guard let id = s.int(0), let i = ev.index(ofAccount: id), let role = s.string(1),
        let place = s.string(2)
      else { return }
      if role == "to" {
        scratch[i].to.append(places.id(place))
      } else if scratch[i].fromFromPlaces.isEmpty || scratch[i].fromFromPlaces.last != place {
        scratch[i].fromFromPlaces.append(place)
      }
      scratch[i].hash = Hash64.combine(scratch[i].hash, role + place)
    }

    // Profile sentences: unique per account, weighted by their rarity over all accounts.
    var sentenceFrequency: [UInt64: Int] = [:]
    for i in 0..<n {
      scratch[i].sentences = Array(Set(scratch[i].sentences)).sorted()
      for s in scratch[i].sentences { sentenceFrequency[s, default: 0] += 1 }
    }
    // Flatten.
    let priceLevels = ProductPriceLevels.levels(
      scratch.map(\.prices), productCount: productIDs.names.count)
    var tfidf = TFIDFBuilder()
    ev.shipsFrom.reserveCapacity(n)
    ev.evidenceHash.reserveCapacity(n)
    for i in 0..<n {
      let keys = Array(Set(keyLists[i])).sorted()
      ev.keys.append(contentsOf: keys)
      ev.keyOffsets.append(Int32(ev.keys.count))
      tfidf.add(&scratch[i].tokens)
      for s in scratch[i].sentences {
        ev.sentences.append(s)
        ev.sentenceWeights.append(Float(log(Double(n) / Double(sentenceFrequency[s]!))))
      }
      ev.sentenceOffsets.append(Int32(ev.sentences.count))
      ev.pitches.append(contentsOf: Array(Set(scratch[i].pitches)).sorted())
      ev.pitchOffsets.append(Int32(ev.pitches.count))
      let prods = Array(Set(scratch[i].products)).sorted()
      ev.products.append(contentsOf: prods)
      ev.productOffsets.append(Int32(ev.products.count))
      for (product, level) in priceLevels[i] {
        ev.priceProduct.append(product)
        ev.priceLevel.append(level)
      }
      ev.priceOffsets.append(Int32(ev.priceProduct.count))
      // Normalised places (listing_places) win over the raw ships_from column.
      var fromCounts: [Int32: Int] = [:]
      if scratch[i].fromFromPlaces.isEmpty {
        for f in scratch[i].from { fromCounts[f, default: 0] += 1 }
      } else {
        for f in scratch[i].fromFromPlaces { fromCounts[places.id(f), default: 0] += 1 }
      }
      let dominant = fromCounts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }
      ev.shipsFrom.append(dominant?.key ?? -1)
      let to = Array(Set(scratch[i].to)).sorted()
      ev.shipsTo.append(contentsOf: to)
      ev.shipsToOffsets.append(Int32(ev.shipsTo.count))
      ev.evidenceHash.append(scratch[i].hash)
      scratch[i] = Scratch()
    }
    let text = tfidf.finish()
    ev.textOffsets = text.offsets
    ev.textTokens = text.tokens
    ev.textWeights = text.weights
    ev.fingerprints = fingerprints.names
    ev.productNames = productIDs.names
    ev.placeNames = places.names
    return ev
  }

  /// One listing's latest observation, as read.
  struct ListingRow {
    var account: Int32
    var title: String?
    var description: String?
    var category: String?
    var price: Double?
    var unitPrice: Double?
    var quantity: Double?
    var from: String?
  }

  struct Scratch {
    var tokens: [UInt64] = []
    var products: [Int32] = []
    var pitches: [UInt64] = []
    var sentences: [UInt64] = []
    var prices: [ProductPriceLevels.Point] = []
    var from: [Int32] = []
    var fromFromPlaces: [String] = []
    var to: [Int32] = []
    var hash: UInt64 = 0
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
