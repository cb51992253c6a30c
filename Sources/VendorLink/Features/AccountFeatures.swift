import Foundation

/// What each account's own rows give, before anything is interned: the part of evidence
/// loading that needs no other account, so it runs in parallel.
struct AccountFeatures {
  /// `HandleNormaliser.folded` and `.core` of each handle, as UTF-8 bytes.
  var folded: [[UInt8]] = []
  var core: [[UInt8]] = []
  /// Each account's distinct text tokens, ascending, and how often each occurs (counted
  /// here, in parallel, rather than in the single-threaded TF-IDF pass), flat: account `i`
  /// has the next `tokenCounts[i]` of them. Flat arrays, not one pair per account: they go
  /// to `TFIDFBuilder` as they are.
  var tokens: [UInt64] = []
  var termCounts: [Float] = []
  var tokenCounts: [Int32] = []
  /// In how many accounts each token occurs (TF-IDF's document frequencies), counted per
  /// chunk while tokenising (the tokens are at hand and the chunks run in parallel) and
  /// then summed: a pass of its own over the corpus's millions of (account, token) pairs
  /// took a tenth of a second. 4k keys to start (128 KiB; it grows): a chunk of a small
  /// store has a few thousand distinct tokens.
  var documentFrequencies = TokenFrequencies(expected: 1 << 12)
  /// Each account's profile sentence hashes (`ProfileSentences`) and title pitch hashes
  /// (`ListingPitches`), sorted and unique.
  var sentences: [[UInt64]] = []
  var pitches: [[UInt64]] = []
  /// `AccountEvidence.evidenceHash`.
  var hash: [UInt64] = []
  /// Raw `WritingHabits.rates` per account, flat (`WritingHabits.dimensions` each; zeros
  /// and `hasWords` false for an account without a word).
  var habits: [Float] = []
  var hasWords: [Bool] = []
  /// Whether the account has prose: a profile or a listing description (`AccountEvidence`
  /// `.hasProse`).
  var hasProse: [Bool] = []
  /// Per listing row (`AccountListings` order): its product key's id in `productKeys` (-1
  /// without one), and its quantity and log unit price when it has a usable price.
  ///
  /// Keys are interned here, per chunk and in parallel, then renumbered chunk by chunk into
  /// one interner: ids in the order keys are first seen, account by account, as when one
  /// thread interned every listing's key (which took a tenth of a second).
  var listingProduct: [Int32] = []
  var productKeys = ByteInterner()
  var listingPrice: [(quantity: Float, logUnit: Float)?] = []
  /// Per listing row, its interned ships_from place (`ListingRow.from`), so that the rows
  /// themselves can be let go once features are computed.
  var listingFrom: [Int32] = []

  /// Buffers one chunk of accounts reuses from account to account.
  struct Scratch {
    var words: [UInt64] = []
    var sentences: [UInt64] = []
    var pitches: [UInt64] = []
    var sentence: [UInt8] = []
    var counter = TokenCounter()
  }

  /// Computes every account's features, in chunks of consecutive accounts on all cores.
  static func compute(_ ev: AccountEvidence, _ tables: EvidenceTables) -> AccountFeatures {
    var parts = parallelChunks(count: ev.count) { accounts in
      var part = AccountFeatures()
      var scratch = Scratch()
      for i in accounts { part.add(account: i, ev, tables, &scratch) }
      return part
    }
    var all = AccountFeatures()
    var starts = [0]
    for part in parts { starts.append(starts.last! + part.tokens.count) }
    all.tokens = concatenatedInParallel(parts.map { $0.tokens }, starts: starts)
    all.termCounts = concatenatedInParallel(parts.map { $0.termCounts }, starts: starts)
    for k in parts.indices {
      all.documentFrequencies.add(parts[k].documentFrequencies)
      all.tokenCounts += parts[k].tokenCounts
      all.folded += parts[k].folded
      all.core += parts[k].core
      all.sentences += parts[k].sentences
      all.pitches += parts[k].pitches
      all.hash += parts[k].hash
      all.habits += parts[k].habits
      all.hasWords += parts[k].hasWords
      all.hasProse += parts[k].hasProse
      let keys = parts[k].productKeys
      let global = (0..<keys.count).map { l in
        keys.bytes(Int32(l)).withUnsafeBufferPointer { all.productKeys.id($0) }
      }
      all.listingProduct += parts[k].listingProduct.map { $0 < 0 ? -1 : global[Int($0)] }
      all.listingPrice += parts[k].listingPrice
      all.listingFrom += parts[k].listingFrom
      parts[k] = AccountFeatures()
    }
    return all
  }

  /// Appends account `i`'s features.
  mutating func add(
    account i: Int, _ ev: AccountEvidence, _ tables: EvidenceTables, _ scratch: inout Scratch
  ) {
    let handle = ev.handles[i]
    let handleFolded = HandleNormaliser.folded(handle)
    folded.append(Array(handleFolded.utf8))
    core.append(Array(HandleNormaliser.core(folded: handleFolded).utf8))
    // Words that are part of the account's own handle are not text evidence.
    let lower = Array(handle.lowercased().utf8)
    scratch.words.removeAll(keepingCapacity: true)
    scratch.sentences.removeAll(keepingCapacity: true)
    scratch.pitches.removeAll(keepingCapacity: true)
    var h = Hash64.combine(0, handle)
    var habit = WritingHabits()
    var prose = !(tables.profiles[i]?.isEmpty ?? true)
    if let p = tables.profiles[i] {
      habit.add(p)
      var profileCase = TextTokens.LetterCase()
      TextTokens.append(p, skipping: lower, to: &scratch.words, letterCase: &profileCase)
      if let t = profileCase.token(kind: 1) { scratch.words.append(t) }
      var profile = p
      var handle = handle
      let own = handle.withUTF8 { ProfileSentences.normalise($0) }
      profile.withUTF8 {
        ProfileSentences.append(
          bytes: $0, own: own, to: &scratch.sentences, buffer: &scratch.sentence)
      }
      // Whole sentences are also text tokens, so that text top-k and the cosine see copied
      // sentences (gen.py 3×20k: candidate recall 0.966 → 0.982; aliases who changed name
      // and key found 0.861 → 0.909).
      for s in scratch.sentences { scratch.words.append(ProfileSentences.textToken(s)) }
      h = Hash64.combine(h, p)
    }
    sentences.append(EvidenceLoader.sortedUnique(scratch.sentences))
    var titleCase = TextTokens.LetterCase()
    let listings = tables.listings
    for r in listings.start[i]..<listings.start[i + 1] {
      let row = listings.rows[r]
      h = Hash64.combine(h, row)
      h = Hash64.combine(h, row.from < 0 ? 0 : tables.places.hash(row.from))
      var key: String?
      if let t = row.title {
        habit.add(t)
        TextTokens.append(t, skipping: lower, to: &scratch.words, letterCase: &titleCase)
        // The first segment is found once for both the pitch and the product key.
        let segmentEnd = ListingProducts.firstSegmentEnd(t)
        if let pitch = ListingPitches.hash(t, segmentEnd: segmentEnd) {
          scratch.pitches.append(pitch)
        }
        key = ListingProducts.key(title: t, segmentEnd: segmentEnd, category: row.category)
      } else {
        key = ListingProducts.key(title: nil, category: row.category)
      }
      if let d = row.description {
        if !d.isEmpty { prose = true }
        habit.add(d)
        TextTokens.append(d, skipping: lower, to: &scratch.words)
      }
      if var key {
        listingProduct.append(key.withUTF8 { productKeys.id($0) })
      } else {
        listingProduct.append(-1)
      }
      listingPrice.append(key == nil ? nil : Self.pricePoint(row))
      listingFrom.append(row.from)
    }
    pitches.append(EvidenceLoader.sortedUnique(scratch.pitches))
    hasProse.append(prose)
    if let rates = habit.rates {
      habits += rates
      hasWords.append(true)
    } else {
      habits += repeatElement(0, count: WritingHabits.dimensions)
      hasWords.append(false)
    }
    if let t = titleCase.token(kind: 2) { scratch.words.append(t) }
    let before = tokens.count
    scratch.counter.count(scratch.words, to: &tokens, &termCounts)
    tokenCounts.append(Int32(tokens.count - before))
    for t in tokens[before...] { documentFrequencies.add(t) }
    h = Hash64.combine(h, tables.keyHashes[i])
    h = Hash64.combine(h, 0x746f)  // "to"
    for p in tables.to.of(i) { h = Hash64.combine(h, tables.places.hash(p)) }
    h = Hash64.combine(h, 0x6672_6f6d)  // "from"
    for p in tables.from.of(i) { h = Hash64.combine(h, tables.places.hash(p)) }
    hash.append(h)
  }
  /// A listing's quantity and log unit price: the stored unit price, or the price over the
  /// quantity (parsed from the title's start when ingest found none); nil without a
  /// positive unit price and quantity.
  static func pricePoint(_ row: ListingRow) -> (quantity: Float, logUnit: Float)? {
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
    guard let up = unitPrice, up > 0, let q = quantity, q > 0 else { return nil }
    return (Float(q), Float(log(up)))
  }
}

extension Hash64 {
  /// Mixes a number into a hash.
  static func combine(_ h: UInt64, _ x: UInt64) -> UInt64 { TextTokens.mix(h ^ x) }

  /// Mixes every column of a listing that evidence reads into a hash (texts as UTF-8,
  /// numbers by bit pattern, NULL as its own value), so any change to them changes it.
  static func combine(_ h: UInt64, _ row: ListingRow) -> UInt64 {
    let texts = combine(combine(combine(h, row.title), row.description), row.category)
    return combine(combine(combine(texts, row.price), row.unitPrice), row.quantity)
  }

  static func combine(_ h: UInt64, _ text: String?) -> UInt64 {
    text.map { combine(h, $0) } ?? combine(h, UInt64(0x4e55_4c4c))  // "NULL"
  }

  static func combine(_ h: UInt64, _ number: Double?) -> UInt64 {
    combine(h, number?.bitPattern ?? 0x7ff8_4e55_4c4c_0000)  // a NaN no column holds
  }
}
