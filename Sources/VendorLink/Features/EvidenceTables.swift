import Foundation

/// The rows evidence is built from, read table by table in the order SQLite stores them and
/// grouped by account in Swift.
///
/// Why not `ORDER BY account_id` in SQL: listings and listing places are keyed by listing, so
/// sorting them by account made SQLite build a temporary B-tree of every row (about 4.4 s of
/// the 6.9 s evidence stage on a 3×20k crawl, for 450k listings and 1.6M places). A counting
/// sort by account over rows already in memory costs a few milliseconds, and it is stable:
/// rows read in listing_id order stay in listing_id order within their account, the order
/// the sorted queries gave.
struct EvidenceTables {
  /// The latest non-empty profile of each account (vendors rewrite their profile; the latest
  /// is what an investigator sees, and older versions would blur the writing-style signal).
  var profiles: [String?]
  /// Each account's latest listing observations, grouped by account.
  var listings: AccountListings
  /// Interned PGP fingerprints per account, in fingerprint order, and their names.
  var keyLists: [[Int32]]
  var fingerprints: [String]
  /// A hash of each account's fingerprints (for `evidenceHash`).
  var keyHashes: [UInt64]
  /// Every place text read (listings' ships_from and listing_places), interned as bytes.
  var places: ByteInterner
  /// Each account's distinct ship-to and ship-from places from listing_places.
  var to: PlaceLists
  var from: PlaceLists

  /// Reads everything but the accounts themselves (`ev` gives their ids and count).
  ///
  /// Listings are read on `db` while listing places, keys and profiles are read on a
  /// second connection (`reader`, from `Database.openReader`) on another thread: SQLite reads on one thread
  /// per connection, and the two scans are each about a tenth of the link time on a 3×20k
  /// crawl. Each side interns its places in its own `ByteInterner`; place ids are internal
  /// (everything that leaves this type orders and hashes places by their bytes), so the
  /// second side's are mapped into the first's afterwards.
  static func read(
    _ db: Database, reader: Database?, accounts ev: AccountEvidence, listingIndex: ListingIndex,
    times: inout StageTimes
  ) throws -> EvidenceTables {
    func listings() throws -> EvidenceTables {
      var places = ByteInterner()
      let listings = try AccountListings.read(
        db, accountCount: ev.count, listingIndex: listingIndex, places: &places)
      return EvidenceTables(
        profiles: [], listings: listings, keyLists: [], fingerprints: [], keyHashes: [],
        places: places, to: PlaceLists(), from: PlaceLists())
    }
    var sideTimes = StageTimes()
    var tables: EvidenceTables
    var side: SideTables
    // A connection is used by one thread at a time: without a second one, one after the other.
    if let reader {
      (tables, side) = try concurrently(
        listings,
        { try SideTables.read(reader, accounts: ev, listingIndex, &sideTimes) })
    } else {
      tables = try listings()
      side = try SideTables.read(db, accounts: ev, listingIndex, &sideTimes)
    }
    times.lap("listings")
    times.add(sideTimes, prefix: "concurrently ")
    var map = [Int32](repeating: 0, count: side.places.count)
    for p in map.indices {
      map[p] = side.places.bytes(Int32(p)).withUnsafeBufferPointer { tables.places.id($0) }
    }
    side.to.remap(map)
    side.from.remap(map)
    tables.to = side.to
    tables.from = side.from
    tables.keyLists = side.keys.keyLists
    tables.fingerprints = side.keys.fingerprints
    tables.keyHashes = side.keys.keyHashes
    tables.profiles = side.profiles
    times.lap("place-merge")
    return tables
  }

  /// Profiles in (account_id, observed) order, the primary key's, so no sort: the last one
  /// read per account is its latest.
  static func latestProfiles(_ db: Database, accounts ev: AccountEvidence) throws -> [String?] {
    var latest = [String?](repeating: nil, count: ev.count)
    try db.forEach(
      """
      SELECT account_id, profile FROM vendor_observations
      WHERE profile IS NOT NULL AND profile <> '' ORDER BY account_id, observed
      """
    ) { s in
      guard let id = s.int(0), let i = ev.index(ofAccount: id) else { return }
      latest[i] = s.string(1)
    }
    return latest
  }

  /// Keys in primary-key order (account_id, fingerprint): no sort, and fingerprints are
  /// interned in the order the evidence has always numbered them.
  static func readKeys(_ db: Database, accounts ev: AccountEvidence) throws -> AccountKeys {
    var interner = Interner()
    var lists = [[Int32]](repeating: [], count: ev.count)
    var hashes = [UInt64](repeating: 0, count: ev.count)
    try db.forEach(
      "SELECT account_id, fingerprint FROM account_keys ORDER BY account_id, fingerprint"
    ) { s in
      guard let id = s.int(0), let i = ev.index(ofAccount: id), let f = s.string(1) else { return }
      lists[i].append(interner.id(f))
      hashes[i] = Hash64.combine(hashes[i], f)
    }
    return AccountKeys(keyLists: lists, fingerprints: interner.names, keyHashes: hashes)
  }
}

/// `EvidenceTables`' key fields, as `readKeys` reads them.
struct AccountKeys {
  var keyLists: [[Int32]] = []
  var fingerprints: [String] = []
  var keyHashes: [UInt64] = []
}

/// What the second connection reads while the first reads listings: listing places, grouped
/// by account, with their own place interner, keys and profiles.
struct SideTables {
  var places = ByteInterner()
  var to = PlaceLists()
  var from = PlaceLists()
  var keys = AccountKeys()
  var profiles: [String?] = []

  static func read(
    _ db: Database, accounts ev: AccountEvidence, _ listingIndex: ListingIndex,
    _ times: inout StageTimes
  ) throws -> SideTables {
    var out = SideTables()
    var rows = try PlaceRows.read(db, listingIndex: listingIndex, places: &out.places)
    times.lap("places")
    out.keys = try EvidenceTables.readKeys(db, accounts: ev)
    times.lap("keys")
    let rank = out.places.byteOrderRanks()
    out.to = PlaceLists(
      accounts: rows.toAccount, places: rows.toPlace, accountCount: ev.count, rank: rank)
    out.from = PlaceLists(
      accounts: rows.fromAccount, places: rows.fromPlace, accountCount: ev.count, rank: rank)
    rows = PlaceRows()
    times.lap("place-lists")
    out.profiles = try EvidenceTables.latestProfiles(db, accounts: ev)
    times.lap("profiles")
    return out
  }
}

/// Every listing of a known account, numbered in listing_id order ("slots"), with its
/// account row: tables keyed by listing need no JOIN with `listings`.
struct ListingIndex {
  /// The account row (index into `AccountEvidence`) of each slot.
  private(set) var account: [Int32] = []
  /// listing_id → slot: a direct table over `base..<base + dense.count` when ids are dense
  /// (SQLite's rowids normally are), -1 for a hole; a dictionary otherwise.
  private var base: Int64 = 0
  private var dense: [Int32] = []
  private var sparse: [Int64: Int32] = [:]

  var count: Int { account.count }

  /// Every listing's id and account id, as stored: read without the accounts, so that it can
  /// run while they are read.
  struct Pairs {
    var ids: [Int64] = []
    var accounts: [Int64] = []
  }

  static func readPairs(_ db: Database) throws -> Pairs {
    var pairs = Pairs()
    try db.forEach("SELECT listing_id, account_id FROM listings") { s in
      guard let id = s.int(0), let account = s.int(1) else { return }
      pairs.ids.append(id)
      pairs.accounts.append(account)
    }
    return pairs
  }

  /// An empty index.
  init() {}

  /// The index of the listings of known accounts (`ev`).
  init(_ pairs: Pairs, accounts ev: AccountEvidence) {
    var ids: [Int64] = []
    var rows: [Int32] = []
    var lastAccount: Int64 = .min
    var lastRow: Int32 = -1
    for (id, account) in zip(pairs.ids, pairs.accounts) {
      // Rows usually come grouped by account (SQLite reads the listings_account index).
      if account != lastAccount {
        lastAccount = account
        lastRow = ev.index(ofAccount: account).map(Int32.init) ?? -1
      }
      if lastRow >= 0 {
        ids.append(id)
        rows.append(lastRow)
      }
    }
    self = Self.build(ids: ids, rows: rows)
  }

  /// The index of listings `ids`, of account rows `rows`.
  private static func build(ids: [Int64], rows: [Int32]) -> ListingIndex {
    var index = ListingIndex()
    guard let lo = ids.min(), let hi = ids.max() else { return index }
    // Dense when the table would be at most a few times the listings: 4 bytes a slot.
    if hi - lo < Int64(4 * ids.count + 1024) {
      // Account rows by id, then slots by walking the ids in ascending order.
      var table = [Int32](repeating: -1, count: Int(hi - lo) + 1)
      for (id, row) in zip(ids, rows) { table[Int(id - lo)] = row }
      index.account.reserveCapacity(ids.count)
      for k in table.indices where table[k] >= 0 {
        index.account.append(table[k])
        table[k] = Int32(index.account.count - 1)
      }
      index.base = lo
      index.dense = table
    } else {
      let order = ids.indices.sorted { ids[$0] < ids[$1] }
      index.sparse.reserveCapacity(ids.count)
      for k in order {
        index.sparse[ids[k]] = Int32(index.account.count)
        index.account.append(rows[k])
      }
    }
    return index
  }

  /// The slot of listing `id`, or nil when the listing or its account is unknown.
  @inline(__always) func slot(_ id: Int64) -> Int? {
    if !dense.isEmpty {
      let k = id &- base
      guard k >= 0 && k < Int64(dense.count) else { return nil }
      let slot = dense[Int(k)]
      return slot >= 0 ? Int(slot) : nil
    }
    return sparse[id].map(Int.init)
  }
}

/// One listing's latest observation, as read. `from` is the ships_from text interned in
/// `EvidenceTables.places`, -1 when NULL or empty.
struct ListingRow {
  var title: String?
  var description: String?
  var category: String?
  var price: Double?
  var unitPrice: Double?
  var quantity: Double?
  var from: Int32 = -1
}

/// Listings grouped by account: account `i`'s are `rows[start[i]..<start[i + 1]]`, in
/// listing_id order.
struct AccountListings {
  var start: [Int]
  var rows: [ListingRow]

  /// Each listing's latest observation (the largest `observed`, as SQLite's MAX compares
  /// text: by bytes), found while scanning the table in storage order. A GROUP BY on the
  /// (listing_id, observed) index cost three times the scan: a B-tree seek per row and a
  /// copy of every text into the aggregate.
  static func read(
    _ db: Database, accountCount n: Int, listingIndex: ListingIndex, places: inout ByteInterner
  ) throws -> AccountListings {
    var latest = [ListingRow?](repeating: nil, count: listingIndex.count)
    var latestObserved = [Int32](repeating: -1, count: listingIndex.count)
    var observed = ByteInterner()
    try db.forEach(
      """
      SELECT listing_id, observed, title, description, category,
             COALESCE(price_eur, price_usd, price_amount), unit_price_eur, quantity, ships_from
      FROM listing_observations
      """
    ) { s in
      guard let id = s.int(0), let k = listingIndex.slot(id),
        let day = s.withText(1, { observed.id($0) })
      else { return }
      if latest[k] != nil && !observed.precedes(latestObserved[k], day) { return }
      latestObserved[k] = day
      latest[k] = ListingRow(
        title: s.string(2), description: s.string(3), category: s.string(4),
        price: s.double(5), unitPrice: s.double(6), quantity: s.double(7),
        from: s.withText(8) { $0.isEmpty ? -1 : places.id($0) } ?? -1)
    }
    // Slots are in listing_id order, and the sort is stable.
    let present = latest.indices.filter { latest[$0] != nil }
    let (start, slot) = countingSort(present.map { listingIndex.account[$0] }, bucketCount: n)
    var rows = [ListingRow](repeating: ListingRow(), count: present.count)
    for (k, listing) in present.enumerated() { rows[slot[k]] = latest[listing].take()! }
    return AccountListings(start: start, rows: rows)
  }
}

/// A stable counting sort of items by bucket: bucket `b`'s items go to
/// `start[b]..<start[b + 1]`, item `k` to `slot[k]`, in their original order.
func countingSort(_ bucket: [Int32], bucketCount n: Int) -> (start: [Int], slot: [Int]) {
  var start = [Int](repeating: 0, count: n + 1)
  for b in bucket { start[Int(b) + 1] += 1 }
  for b in 0..<n { start[b + 1] += start[b] }
  var next = start
  var slot = [Int](repeating: 0, count: bucket.count)
  for (k, b) in bucket.enumerated() {
    slot[k] = next[Int(b)]
    next[Int(b)] += 1
  }
  return (start, slot)
}

/// listing_places rows of roles `to` and `from`, as (account row, interned place) pairs.
struct PlaceRows {
  var toAccount: [Int32] = []
  var toPlace: [Int32] = []
  var fromAccount: [Int32] = []
  var fromPlace: [Int32] = []

  /// Reads the whole table in storage order, without JOIN, WHERE or ORDER BY (roles are
  /// compared and places interned as bytes: 1.6M rows, few distinct places).
  static func read(
    _ db: Database, listingIndex: ListingIndex, places: inout ByteInterner
  ) throws -> PlaceRows {
    var rows = PlaceRows()
    try db.forEach("SELECT listing_id, role, place FROM listing_places") { s in
      guard let id = s.int(0), let k = listingIndex.slot(id),
        let role = s.withText(1, { Role($0) }), role != .other,
        let place = s.withText(2, { places.id($0) })
      else { return }
      let account = listingIndex.account[k]
      if role == .to {
        rows.toAccount.append(account)
        rows.toPlace.append(place)
      } else {
        rows.fromAccount.append(account)
        rows.fromPlace.append(place)
      }
    }
    return rows
  }

  enum Role {
    case to, from, other

    /// By length and bytes: the generic `elementsEqual` with a string's UTF-8 view cost as
    /// much as interning the place.
    init(_ text: UnsafeBufferPointer<UInt8>) {
      if text.count == 2 && text[0] == UInt8(ascii: "t") && text[1] == UInt8(ascii: "o") {
        self = .to
      } else if text.count == 4 && text[0] == UInt8(ascii: "f") && text[1] == UInt8(ascii: "r")
        && text[2] == UInt8(ascii: "o") && text[3] == UInt8(ascii: "m")
      {
        self = .from
      } else {
        self = .other
      }
    }
  }
}

/// Distinct places per account: account `i`'s are `places[start[i]..<start[i + 1]]`, in
/// byte order of the place text (the order `ORDER BY place` gives, which decides the order
/// places are first interned in).
struct PlaceLists {
  var start: [Int] = [0]
  var places: [Int32] = []

  init() {}

  /// Groups (account, place) pairs by account and keeps each place once per account.
  /// `rank[p]` is place `p`'s position in byte order.
  init(accounts: [Int32], places rowPlaces: [Int32], accountCount n: Int, rank: [Int32]) {
    let (rowStart, slot) = countingSort(accounts, bucketCount: n)
    var grouped = [Int32](repeating: 0, count: rowPlaces.count)
    for (k, p) in rowPlaces.enumerated() { grouped[slot[k]] = p }
    // A per-place stamp (the last account that had it) finds distinct places in one pass.
    var seenBy = [Int32](repeating: -1, count: rank.count)
    start.reserveCapacity(n + 1)
    var distinct: [Int32] = []
    for i in 0..<n {
      distinct.removeAll(keepingCapacity: true)
      for p in grouped[rowStart[i]..<rowStart[i + 1]] where seenBy[Int(p)] != Int32(i) {
        seenBy[Int(p)] = Int32(i)
        distinct.append(p)
      }
      distinct.sort { rank[Int($0)] < rank[Int($1)] }
      places.append(contentsOf: distinct)
      start.append(places.count)
    }
  }

  func of(_ i: Int) -> ArraySlice<Int32> { places[start[i]..<start[i + 1]] }

  /// Renumbers places: `p` becomes `map[p]` (order kept: lists are ordered by place text).
  mutating func remap(_ map: [Int32]) {
    for k in places.indices { places[k] = map[Int(places[k])] }
  }
}
