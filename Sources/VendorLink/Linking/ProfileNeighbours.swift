import VendorKernels

/// A blocking rule for operators who changed name, key and texts at once: each account's
/// closest accounts on every other market by *behaviour* — what it sells, where it ships,
/// how it writes (habits, not words) — among the accounts shipping from the same country.
///
/// Why this exists: the name, key and text rules find nothing when all three changed, yet
/// such an operator keeps its country, its range and its habits (an independent generator's
/// crawl: 57 of 93 missed name-and-key-changed pairs were never candidates). Behaviour alone
/// is shared by hundreds of vendors, so it ranks only within one ships-from country, where
/// the few closest are worth scoring; accounts shipping from a region or nowhere are searched
/// among all accounts, and are in every country's search.
///
/// Vectors: the unit-length habit vector (`WritingHabits`), a hashed bag of product keys
/// and one of ships-to places (each unit length), concatenated with weights and normalised;
/// the search is VendorKernels' exact `DenseTopK` per country and pair of markets.
public enum ProfileNeighbours {
  /// Hashed product-key dimensions: 64 buckets keep two vendors' ranges apart when they
  /// share a few of a country's dozens of common products.
  static let productDimensions = 64
  /// Hashed ships-to dimensions.
  static let shipsToDimensions = 16
  /// Relative weights of habits, products and destinations in the profile: products are
  /// what an operator keeps best across a move; habits next; destinations are often the
  /// market's default list.
  static let weights: (habits: Float, products: Float, shipsTo: Float) = (0.8, 1.0, 0.4)

  public static var dimensions: Int {
    WritingHabits.dimensions + productDimensions + shipsToDimensions
  }

  /// Every account's profile vector, row-major, unit length (zero rows: nothing known).
  static func vectors(_ e: AccountEvidence) -> [Float] {
    let d = dimensions
    let h = WritingHabits.dimensions
    var out = [Float](repeating: 0, count: e.count * d)
    for i in 0..<e.count {
      let row = i * d
      if i < e.hasHabits.count && e.hasHabits[i] {
        for c in 0..<h { out[row + c] = weights.habits * e.habits[i * h + c] }
      }
      addBag(
        e.products(of: i).map { UInt64(bitPattern: Int64($0)) }, into: &out,
        at: row + h, width: productDimensions, weight: weights.products)
      addBag(
        e.shipsTo(of: i).map { UInt64(bitPattern: Int64($0)) }, into: &out,
        at: row + h + productDimensions, width: shipsToDimensions, weight: weights.shipsTo)
      var norm: Float = 0
      for c in 0..<d { norm += out[row + c] * out[row + c] }
      if norm > 0 {
        let s = 1 / norm.squareRoot()
        for c in 0..<d { out[row + c] *= s }
      }
    }
    return out
  }

  /// Adds a unit-length hashed bag of `ids` (weighted) at `out[at..<at+width]`.
  static func addBag(
    _ ids: [UInt64], into out: inout [Float], at: Int, width: Int, weight: Float
  ) {
    guard !ids.isEmpty else { return }
    var bag = [Float](repeating: 0, count: width)
    for id in ids { bag[Int(TextTokens.mix(id) % UInt64(width))] += 1 }
    let norm = bag.reduce(0) { $0 + $1 * $1 }.squareRoot()
    for c in 0..<width { out[at + c] += weight * bag[c] / norm }
  }

  /// Calls `emit(x, y)` for each account and its `k` closest profiles on every other market
  /// among accounts with the same ships-from group (both directions).
  static func pairs(
    _ e: AccountEvidence, k: Int, floor: Float, emit: (Int32, Int32) -> Void
  ) {
    guard k > 0, e.count > 1 else { return }
    let d = dimensions
    let vectors = DenseMatrix(rows: e.count, columns: d, values: vectors(e))
    // Group key: the ships-from country, or -1 for a region or nothing.
    var groups: [Int32: [Int32]] = [:]
    for i in 0..<e.count {
      let f = e.shipsFrom[i]
      let key: Int32 = f >= 0 && e.isCountry(place: f) ? f : -1
      groups[key, default: []].append(Int32(i))
    }
    // A region says nothing about where a vendor is (operators relabel their country as
    // "EU" on a new account): region shippers are searched among everyone, and are in every
    // country's database.
    let regionMembers = groups[-1] ?? []
    let everyone = (0..<Int32(e.count)).map { $0 }
    for key in groups.keys.sorted() {
      let queries = groups[key]!
      let base = key == -1 ? everyone : queries + regionMembers
      let qByMarket = byMarket(e, queries)
      let dbByMarket = byMarket(e, base)
      for x in qByMarket.indices where !qByMarket[x].isEmpty {
        let q = vectors.gathered(qByMarket[x])
        for y in dbByMarket.indices where y != x && !dbByMarket[y].isEmpty {
          let db = vectors.gathered(dbByMarket[y])
          let top = DenseTopK.search(queries: q, database: db, k: min(k, db.rows))
          for r in 0..<top.rows {
            for t in 0..<top.k {
              let j = top.indices[r * top.k + t]
              if j < 0 || top.scores[r * top.k + t] < floor { continue }
              emit(qByMarket[x][r], dbByMarket[y][Int(j)])
            }
          }
        }
      }
    }
  }

  /// `rows` split by market.
  static func byMarket(_ e: AccountEvidence, _ rows: [Int32]) -> [[Int32]] {
    var out = [[Int32]](repeating: [], count: e.marketNames.count)
    for i in rows { out[Int(e.market[Int(i)])].append(i) }
    return out
  }

}
