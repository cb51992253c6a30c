/// Counts one account's token hashes and lists the distinct ones ascending with their
/// counts: what sorting all of them and counting runs gives, for less. An account's titles
/// repeat the same words listing after listing, so only the distinct tokens (typically
/// fewer than half) are sorted, and counting is one probe per token into a table that stays
/// in L1/L2 and is reused from account to account.
struct TokenCounter {
  /// Open addressing, a slot free while its count is 0 (so every hash, 0 included, is a
  /// valid key); a power of two at least twice the tokens counted, so probes stay short.
  private var keys = [UInt64](repeating: 0, count: 1024)
  private var counts = [Int32](repeating: 0, count: 1024)
  /// The slots in use, to empty them again without clearing the whole table.
  private var used: [Int] = []
  private var distinct: [UInt64] = []

  /// Appends the distinct values of `tokens`, ascending, to `outTokens`, and how often each
  /// occurs to `outCounts`.
  mutating func count(
    _ tokens: [UInt64], to outTokens: inout [UInt64], _ outCounts: inout [Float]
  ) {
    if keys.count < 2 * tokens.count {
      var size = keys.count
      while size < 2 * tokens.count { size <<= 1 }
      keys = [UInt64](repeating: 0, count: size)
      counts = [Int32](repeating: 0, count: size)
    }
    let shift = UInt64(64 - keys.count.trailingZeroBitCount)
    let mask = keys.count - 1
    used.removeAll(keepingCapacity: true)
    distinct.removeAll(keepingCapacity: true)
    // Raw pointers in the loops: the arrays' bounds and uniqueness checks cost as much as the
    // probes (every slot index is masked into the table).
    keys.withUnsafeMutableBufferPointer { keys in
      counts.withUnsafeMutableBufferPointer { counts in
        for t in tokens {
          var s = Self.slot(t, shift)
          while counts[s] != 0 && keys[s] != t { s = (s + 1) & mask }
          if counts[s] == 0 {
            keys[s] = t
            used.append(s)
            distinct.append(t)
          }
          counts[s] += 1
        }
        TextTokens.sortHashes(&distinct)
        outTokens.append(contentsOf: distinct)
        for t in distinct {
          var s = Self.slot(t, shift)
          while counts[s] == 0 || keys[s] != t { s = (s + 1) & mask }
          outCounts.append(Float(counts[s]))
        }
        for s in used { counts[s] = 0 }
      }
    }
  }

  /// Fibonacci hashing (the top bits of the token times 2^64/φ): tokens are FNV-1a hashes,
  /// whose low bits are weak for short words, and one multiply spreads them well enough.
  @inline(__always) private static func slot(_ t: UInt64, _ shift: UInt64) -> Int {
    Int(truncatingIfNeeded: (t &* 0x9e37_79b9_7f4a_7c15) >> shift)
  }
}
