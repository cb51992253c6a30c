import Foundation

/// Interns byte strings (SQLite text read in place) as dense Int32 ids, without making a
/// Swift `String` per lookup: ship-to and ship-from places are read 1.6 million times on a
/// 3×20k crawl but take a few hundred distinct values, so a lookup must cost a hash and a
/// compare, not an allocation.
///
/// Keys are stored once in one arena; the table is open addressing on FNV-1a hashes, kept at
/// most half full (so probes stay short).
struct ByteInterner {
  private var arena: [UInt8] = []
  private var starts: [Int] = [0]
  private var slots = [Int32](repeating: -1, count: 64)
  private var hashes: [UInt64] = []

  /// The number of distinct keys, which are the ids `0..<count`.
  var count: Int { starts.count - 1 }

  /// The id of `key`, a new one when it was not seen before.
  mutating func id(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
    let h = TextTokens.fnv1a(key)
    var s = slot(h)
    while slots[s] >= 0 {
      let id = Int(slots[s])
      if hashes[id] == h && equals(id, key) { return Int32(id) }
      s = (s + 1) & (slots.count - 1)
    }
    let id = Int32(count)
    slots[s] = id
    hashes.append(h)
    arena.append(contentsOf: key)
    starts.append(arena.count)
    if count * 2 > slots.count { grow() }
    return id
  }

  /// The bytes of id `id`.
  func bytes(_ id: Int32) -> ArraySlice<UInt8> { arena[starts[Int(id)]..<starts[Int(id) + 1]] }

  /// The key of id `id` as text (invalid UTF-8 repaired as `String(cString:)` does).
  func string(_ id: Int32) -> String { String(decoding: bytes(id), as: UTF8.self) }

  /// Whether key `a` sorts before key `b` by bytes (see `byteOrderRanks`).
  func precedes(_ a: Int32, _ b: Int32) -> Bool {
    a != b && bytes(a).lexicographicallyPrecedes(bytes(b))
  }

  /// FNV-1a of the key of id `id`: a stable hash (the same in every process).
  func hash(_ id: Int32) -> UInt64 { hashes[Int(id)] }

  /// Each id's position when the keys are sorted by bytes: SQLite's BINARY collation
  /// (memcmp, a prefix first), the order an `ORDER BY` on the text column gives.
  func byteOrderRanks() -> [Int32] {
    let order = (0..<count).sorted {
      bytes(Int32($0)).lexicographicallyPrecedes(bytes(Int32($1)))
    }
    var rank = [Int32](repeating: 0, count: count)
    for (r, id) in order.enumerated() { rank[id] = Int32(r) }
    return rank
  }

  /// FNV-1a's low bits are weak for short keys, so the slot comes from a mixed hash.
  private func slot(_ h: UInt64) -> Int {
    Int(truncatingIfNeeded: TextTokens.mix(h)) & (slots.count - 1)
  }

  private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[id]
    guard starts[id + 1] - start == key.count else { return false }
    guard let base = key.baseAddress, key.count > 0 else { return true }
    return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, base, key.count) == 0 }
  }

  private mutating func grow() {
    slots = [Int32](repeating: -1, count: slots.count * 2)
    for id in 0..<count {
      var s = slot(hashes[id])
      while slots[s] >= 0 { s = (s + 1) & (slots.count - 1) }
      slots[s] = Int32(id)
    }
  }
}
