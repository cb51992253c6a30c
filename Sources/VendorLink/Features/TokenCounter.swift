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
  private var distinct: [UInt64] = []
  /// Scratch for `sortDistinct`.
  private var bucketEnd: [Int] = []
  private var sorted: [UInt64] = []

  /// Appends the distinct values of `tokens`, ascending, to `outTokens`, and how often each
  /// occurs to `outCounts`.
  mutating func count(
    _ tokens: [UInt64], to outTokens: inout [UInt64], _ outCounts: inout [Float]
  ) {
    // The table in use: the first `size` slots, a power of two at least twice the tokens
    // (64 at least). Not the whole arrays, which grow to the largest account's: a small
    // account's probes stay within a few cache lines.
    var size = 64
    while size < 2 * tokens.count { size <<= 1 }
    if keys.count < size {
      keys = [UInt64](repeating: 0, count: size)
      counts = [Int32](repeating: 0, count: size)
    }
    let shift = UInt64(64 - size.trailingZeroBitCount)
    let mask = size - 1
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
            distinct.append(t)
          }
          counts[s] += 1
        }
      }
    }
    sortDistinct()
    outTokens.append(contentsOf: distinct)
    keys.withUnsafeMutableBufferPointer { keys in
      counts.withUnsafeMutableBufferPointer { counts in
        for t in distinct {
          var s = Self.slot(t, shift)
          while counts[s] == 0 || keys[s] != t { s = (s + 1) & mask }
          outCounts.append(Float(counts[s]))
          // Emptied as read, for the next account: a later token's probe may pass this
          // slot, but only ever stops at its own key (keys are distinct).
          counts[s] = 0
        }
      }
    }
  }

  /// Sorts `distinct` ascending. Tokens are hashes, uniform in their top bits, so one
  /// counting pass on those bits puts them in buckets of about 4, each then sorted by
  /// insertion: several times faster than the standard sort on an account's hundred or so
  /// tokens, with the scratch arrays reused (`TextTokens.sortHashes` allocates its own, so it
  /// only pays from a few hundred). 16 and 4096: below, insertion sort alone is as fast;
  /// above, `sortHashes`' larger buckets fit the caches better.
  private mutating func sortDistinct() {
    let n = distinct.count
    if n > 4096 { return TextTokens.sortHashes(&distinct) }
    if n <= 16 {
      return distinct.withUnsafeMutableBufferPointer { TextTokens.sortBucket($0, 0..<n) }
    }
    let bits = (n / 4).bitWidth - (n / 4).leadingZeroBitCount
    let shift = UInt64(64 - bits)
    let buckets = 1 << bits
    if bucketEnd.count < buckets { bucketEnd = [Int](repeating: 0, count: buckets) }
    if sorted.count < n { sorted = [UInt64](repeating: 0, count: n) }
    distinct.withUnsafeMutableBufferPointer { distinct in
      bucketEnd.withUnsafeMutableBufferPointer { end in
        sorted.withUnsafeMutableBufferPointer { sorted in
          for b in 0..<buckets { end[b] = 0 }
          for x in distinct { end[Int(x >> shift)] += 1 }
          for b in 1..<buckets { end[b] += end[b - 1] }
          // Scatter from each bucket's end down; afterwards `end[b]` is bucket b's start.
          for x in distinct {
            let b = Int(x >> shift)
            end[b] -= 1
            sorted[end[b]] = x
          }
          for b in 0..<buckets {
            TextTokens.sortBucket(sorted, end[b]..<(b + 1 < buckets ? end[b + 1] : n))
          }
          distinct.baseAddress!.update(from: sorted.baseAddress!, count: n)
        }
      }
    }
  }

  /// Fibonacci hashing (the top bits of the token times 2^64/φ): tokens are FNV-1a hashes,
  /// whose low bits are weak for short words, and one multiply spreads them well enough.
  @inline(__always) private static func slot(_ t: UInt64, _ shift: UInt64) -> Int {
    Int(truncatingIfNeeded: (t &* 0x9e37_79b9_7f4a_7c15) >> shift)
  }
}
