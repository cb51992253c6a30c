import Foundation

@testable import VendorLink

/// The evidence loader as it was before it read tables in storage order (sorted queries,
/// one thread, Strings throughout), kept as the specification `EvidenceLoader` must match
/// field by field. `evidenceHash` is left empty: only its change detection is specified.
enum ReferenceEvidenceLoader {
  static func load(from db: Database) throws -> AccountEvidence {
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
    var profiles = [String?](repeating: nil, count: n)
    try db.forEach(
      """
      SELECT account_id, profile FROM vendor_observations
      WHERE profile IS NOT NULL AND profile <> '' ORDER BY account_id, observed
      """
    ) { s in
      guard let id = s.int(0), let i = ev.index(ofAccount: id) else { return }
      profiles[i] = s.string(1)
    }
    var tokens = [[UInt64]](repeating: [], count: n)
    var products = [[Int32]](repeating: [], count: n)
    var prices = [[ProductPriceLevels.Point]](repeating: [], count: n)
    var from = [[Int32]](repeating: [], count: n)
    var titleCase = [TextTokens.LetterCase](repeating: .init(), count: n)
    var sentences = [[UInt64]](repeating: [], count: n)
    var pitches = [[UInt64]](repeating: [], count: n)
    for i in 0..<n {
      ev.handleFolded.append(Array(HandleNormaliser.folded(ev.handles[i]).utf8))
      ev.handleCore.append(Array(ReferenceFeatures.core(ev.handles[i]).utf8))
      if let p = profiles[i] {
        let lower = Array(ev.handles[i].lowercased().utf8)
        ReferenceFeatures.tokens(p, skipping: lower, to: &tokens[i])
        TextTokens.appendCapitalisation(p, kind: 1, to: &tokens[i])
        ProfileSentences.append(p, handle: ev.handles[i], to: &sentences[i])
      }
    }
    var productIDs = Interner()
    var places = Interner()
    try db.forEach(
      """
      SELECT l.account_id, o.title, o.description, o.category,
             COALESCE(o.price_eur, o.price_usd, o.price_amount), o.unit_price_eur, o.quantity,
             o.ships_from, MAX(o.observed)
      FROM listing_observations o JOIN listings l ON l.listing_id = o.listing_id
      GROUP BY o.listing_id ORDER BY l.account_id, l.listing_id
      """
    ) { s in
      guard let id = s.int(0), let i = ev.index(ofAccount: id) else { return }
      let lower = Array(ev.handles[i].lowercased().utf8)
      let title = s.string(1)
      if let t = title {
        ReferenceFeatures.tokens(t, skipping: lower, to: &tokens[i])
        titleCase[i].count(t)
        if let pitch = ListingPitches.hash(t) { pitches[i].append(pitch) }
      }
      if let d = s.string(2) { ReferenceFeatures.tokens(d, skipping: lower, to: &tokens[i]) }
      if let key = ListingProducts.key(title: title, category: s.string(3)) {
        let p = productIDs.id(key)
        products[i].append(p)
        var unitPrice = s.double(5)
        var quantity = s.double(6)
        if unitPrice == nil, let price = s.double(4), price > 0 {
          if quantity == nil, let t = title, let parsed = ListingProducts.leadingQuantity(t) {
            quantity = parsed.quantity
          }
          if let q = quantity, q > 0 { unitPrice = price / q }
        }
        if let up = unitPrice, up > 0, let q = quantity, q > 0 {
          prices[i].append(.init(product: p, quantity: Float(q), logUnitPrice: Float(log(up))))
        }
      }
      if let f = s.string(7), !f.isEmpty { from[i].append(places.id(f)) }
    }
    var keyLists = [[Int32]](repeating: [], count: n)
    var fingerprints = Interner()
    try db.forEach(
      "SELECT account_id, fingerprint FROM account_keys ORDER BY account_id, fingerprint"
    ) { s in
      guard let id = s.int(0), let i = ev.index(ofAccount: id), let f = s.string(1) else { return }
      keyLists[i].append(fingerprints.id(f))
    }
    var to = [[Int32]](repeating: [], count: n)
    var fromPlaces = [[String]](repeating: [], count: n)
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
        to[i].append(places.id(place))
      } else if fromPlaces[i].last != place {
        fromPlaces[i].append(place)
      }
    }
    let levels = ReferenceFeatures.priceLevels(prices, productCount: productIDs.names.count)
    var sentenceFrequency: [UInt64: Int] = [:]
    for i in 0..<n {
      sentences[i] = Array(Set(sentences[i])).sorted()
      for s in sentences[i] { sentenceFrequency[s, default: 0] += 1 }
    }
    var tfidf = TFIDFBuilder()
    for i in 0..<n {
      for s in sentences[i] {
        ev.sentences.append(s)
        ev.sentenceWeights.append(Float(log(Double(n) / Double(sentenceFrequency[s]!))))
      }
      ev.sentenceOffsets.append(Int32(ev.sentences.count))
      ev.pitches.append(contentsOf: Array(Set(pitches[i])).sorted())
      ev.pitchOffsets.append(Int32(ev.pitches.count))
      ev.keys.append(contentsOf: Set(keyLists[i]).sorted())
      ev.keyOffsets.append(Int32(ev.keys.count))
      if let t = titleCase[i].token(kind: 2) { tokens[i].append(t) }
      tfidf.add(&tokens[i])
      ev.products.append(contentsOf: Set(products[i]).sorted())
      ev.productOffsets.append(Int32(ev.products.count))
      for (product, level) in levels[i] {
        ev.priceProduct.append(product)
        ev.priceLevel.append(level)
      }
      ev.priceOffsets.append(Int32(ev.priceProduct.count))
      var counts: [Int32: Int] = [:]
      if fromPlaces[i].isEmpty {
        for f in from[i] { counts[f, default: 0] += 1 }
      } else {
        for f in fromPlaces[i] { counts[places.id(f), default: 0] += 1 }
      }
      ev.shipsFrom.append(counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? -1)
      ev.shipsTo.append(contentsOf: Set(to[i]).sorted())
      ev.shipsToOffsets.append(Int32(ev.shipsTo.count))
    }
    let text = ReferenceFeatures.tfidf(tfidf)
    ev.textOffsets = text.offsets
    ev.textTokens = text.tokens
    ev.textWeights = text.weights
    ev.fingerprints = fingerprints.names
    ev.productNames = productIDs.names
    ev.placeNames = places.names
    return ev
  }
}
