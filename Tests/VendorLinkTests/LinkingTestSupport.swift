import Foundation

@testable import VendorLink

/// Helpers of the property tests on the library's seeded generator (`SplitMix64`, the one
/// training uses), so that every test of this target draws from one generator.
extension SplitMix64 {
  mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  mutating func double() -> Double { Double(next() >> 11) / Double(1 << 53) }
  mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
  mutating func sample<T>(_ xs: [T], _ k: Int) -> [T] {
    var pool = xs
    var out: [T] = []
    for _ in 0..<min(k, xs.count) { out.append(pool.remove(at: int(pool.count))) }
    return out
  }
}

/// Writes accounts straight into a `Schema.open(":memory:")` database, the way ingest stores
/// them, so that linking can be tested without the ingest module.
struct TestStore {
  let db: Database
  let crawl: Int64

  init() throws {
    db = try Schema.open(":memory:")
    try db.run(
      "INSERT INTO crawls(sha256, path, format, ingested_at) VALUES ('t', 't', 'jsonl', 'now')")
    crawl = db.lastInsertRowID
  }

  func market(_ m: String, closed: String? = nil) throws {
    try db.run(
      "INSERT OR IGNORE INTO markets(market, name, closed) VALUES (?, ?, ?)",
      [.text(m), .text(m), SQLValue(closed)])
  }

  struct Listing {
    var title: String
    var price: Double
    var from: String?
    var to: [String] = []
  }

  @discardableResult
  func account(
    _ market: String, _ vendor: String, profile: String? = nil, keys: [String] = [],
    listings: [Listing] = [], first: String = "2019-06-01", last: String = "2019-06-01"
  ) throws -> Int64 {
    try self.market(market)
    try db.run(
      "INSERT INTO accounts(market, vendor, first_seen, last_seen) VALUES (?, ?, ?, ?)",
      [.text(market), .text(vendor), .text(first), .text(last)])
    let id = db.lastInsertRowID
    try db.run(
      """
      INSERT INTO vendor_observations(account_id, observed, crawl_id, line, profile)
      VALUES (?, ?, ?, 1, ?)
      """, [.integer(id), .text(last), .integer(crawl), SQLValue(profile)])
    for k in keys {
      try db.run(
        "INSERT INTO account_keys VALUES (?, ?, 'profile', ?, ?)",
        [.integer(id), .text(k), .text(first), .text(last)])
    }
    for (n, l) in listings.enumerated() {
      try db.run(
        "INSERT INTO listings(market, listing, account_id) VALUES (?, ?, ?)",
        [.text(market), .text("\(vendor)-\(n)"), .integer(id)])
      let lid = db.lastInsertRowID
      try db.run(
        """
        INSERT INTO listing_observations(listing_id, observed, crawl_id, line, title, price_eur,
          ships_from) VALUES (?, ?, ?, 1, ?, ?, ?)
        """,
        [
          .integer(lid), .text(last), .integer(crawl), .text(l.title), .real(l.price),
          SQLValue(l.from),
        ])
      if let f = l.from {
        try db.run(
          "INSERT INTO listing_places VALUES (?, ?, 'from', ?)",
          [.integer(lid), .text(last), .text(f)])
      }
      for t in l.to {
        try db.run(
          "INSERT OR IGNORE INTO listing_places VALUES (?, ?, 'to', ?)",
          [.integer(lid), .text(last), .text(t)])
      }
    }
    return id
  }
}

/// A small synthetic world in the spirit of peers/gen.py: operators with a writing style, a
/// product list and a price level, each with an account on market A and some with aliases
/// on B (renamed or not, key kept or not), plus same-name strangers as hard negatives.
struct TestWorld {
  struct Operator {
    var handle: String
    var claims: [String]
    var sign: String
    var products: [String]
    var factor: Double
    var country: String
    var key: String?
  }
  static let claimPool = [
    "we ship within 24 hours", "vacuum sealed and triple packed", "stealth is our priority",
    "we reship once if lost", "no refunds on FE orders", "please leave feedback",
    "always encrypt your address", "bulk buyers message me", "weekend orders ship monday",
    "do not finalize early", "customer service 7 days a week", "prices include shipping",
    "lab tested products only", "holiday break in december", "top quality guaranteed",
    "check our reviews on dread", "over 5000 happy customers", "in the game since 2015",
  ]
  static let productPool = [
    "MDMA crystal", "Cocaine", "Speed paste", "Ketamine", "LSD tabs", "Amnesia Haze", "Hash",
    "Xanax bars", "Oxycodone", "2C-B", "Mushrooms", "DMT",
  ]
  static let words = [
    "dutch", "swiss", "green", "golden", "royal", "dark", "silent", "happy", "magic", "lucky",
    "dragon", "tiger", "panda", "wizard", "doctor", "chemist", "garden", "store", "vault",
    "king", "queen", "pirate",
  ]
  static let countries = ["NL", "DE", "UK", "BE", "FR", "ES"]

  var operators: [Operator] = []
  /// (market, vendor) pairs that are one operator.
  var truePairs: Set<[String]> = []

  static func profile(_ o: Operator, _ handle: String, _ rng: inout SplitMix64) -> String {
    let claims = rng.sample(o.claims, 4)
    return "Welcome to \(handle)\(o.sign). " + claims.joined(separator: ". ")
      + ". We ship from \(o.country) to EU."
  }

  static func listings(_ o: Operator, _ rng: inout SplitMix64) -> [TestStore.Listing] {
    (0..<6).map { _ in
      let p = rng.pick(o.products)
      let q = rng.pick([1, 5, 10, 25])
      let price = Double(q) * 10 * o.factor * (0.97 + 0.06 * rng.double())
      return TestStore.Listing(
        title: "\(q)g \(p) - fast", price: price, from: o.country, to: ["EU"])
    }
  }

  /// Builds `n` operators on market A; the first `aliases` also get an account on B (half
  /// renamed, a third without their key).
  init(store: TestStore, n: Int, aliases: Int, seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    for i in 0..<n {
      let w = rng.sample(Self.words, 2)
      let handle = w[0].capitalized + w[1].capitalized + "\(i)"
      let o = Operator(
        handle: handle, claims: rng.sample(Self.claimPool, 6),
        sign: rng.pick([" :)", " !!", " <3", ""]),
        products: rng.sample(Self.productPool, 3), factor: 0.6 + rng.double(),
        country: rng.pick(Self.countries),
        key: rng.double() < 0.7 ? String(format: "%040llX", rng.next()) : nil)
      operators.append(o)
      try store.account(
        "A", handle, profile: Self.profile(o, handle, &rng), keys: o.key.map { [$0] } ?? [],
        listings: Self.listings(o, &rng))
    }
    for i in 0..<n {
      let o = operators[i]
      if i < aliases {
        let renamed = i % 2 == 0
        let handle = renamed ? "Alias\(i)" + rng.pick(Self.words) : o.handle.lowercased() + "_nl"
        let keepKey = i % 3 != 0
        try store.account(
          "B", handle, profile: Self.profile(o, handle, &rng),
          keys: keepKey ? (o.key.map { [$0] } ?? []) : [], listings: Self.listings(o, &rng))
        truePairs.insert(["A", o.handle, "B", handle])
      } else {
        // A stranger on B: a new operator, sometimes under a look-alike handle.
        let stranger = Operator(
          handle: "", claims: rng.sample(Self.claimPool, 6), sign: "",
          products: rng.sample(Self.productPool, 3), factor: 0.6 + rng.double(),
          country: rng.pick(Self.countries), key: String(format: "%040llX", rng.next()))
        let handle = i % 4 == 0 ? o.handle.lowercased() : "Other\(i)" + rng.pick(Self.words)
        try store.account(
          "B", handle, profile: Self.profile(stranger, handle, &rng),
          keys: [stranger.key!], listings: Self.listings(stranger, &rng))
      }
    }
  }
}
