/// One account's sparse text vector scattered into a small hash table, so that its cosine
/// with each of its candidates costs one branch-free probe per token of the candidate instead
/// of a merge over both token lists.
///
/// Why: candidate pairs are sorted by (a, b), so one account meets a few dozen candidates in a
/// row (1.63M pairs over 60k accounts at 3×20k, about 120 tokens per vector, a third of them
/// shared). A sorted merge takes a hard-to-predict branch per step; here a token's bucket is
/// one cache line of four slots, all four are compared without branching, and the shared
/// tokens are gathered before they are summed.
///
/// Bit-identical to the merge (`PairComparer.cosine`): the products of shared tokens are the
/// same two Floats, added in the same (sorted token) order.
struct TokenWeightTable {
  /// Four slots in one 64-byte cache line. A slot is in use while its stamp equals the
  /// table's current stamp: loading the next account bumps the stamp instead of clearing.
  private struct Bucket {
    var tokens: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var weights: (Float, Float, Float, Float) = (0, 0, 0, 0)
    var stamps: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
  }

  private var buckets: [Bucket]
  private var stamp: UInt32 = 0
  private var shift: UInt64
  /// Shared tokens of one probe: the loaded vector's weight and the probing token's index.
  private var sharedWeights: [Float] = []
  private var sharedIndices: [Int32] = []
  /// Row whose vector is loaded (−1: none).
  private(set) var loadedRow = -1
  /// False when a bucket of the loaded vector overflowed (rare: 2 buckets per token keep the
  /// chance of five in one bucket near 1 in 6,000 per bucket); then `dot` must not be used.
  private(set) var complete = true

  init(capacity: Int = 128) {
    let count = Self.bucketCount(for: capacity)
    buckets = [Bucket](repeating: Bucket(), count: count)
    shift = UInt64(64 - count.trailingZeroBitCount)
  }

  /// At least two buckets per token (a power of two).
  private static func bucketCount(for tokens: Int) -> Int {
    var count = 16
    while count < 2 * tokens { count *= 2 }
    return count
  }

  /// Fibonacci hashing: the slot depends on every bit of the token hash.
  @inline(__always) private static func home(_ token: UInt64, shift: UInt64) -> Int {
    Int(truncatingIfNeeded: (token &* 0x9e37_79b9_7f4a_7c15) &>> shift)
  }

  /// Loads row `row`'s tokens (sorted, unique) and weights, replacing the previous row.
  mutating func load(
    row: Int, tokens: UnsafeBufferPointer<UInt64>, weights: UnsafeBufferPointer<Float>
  ) {
    if 2 * tokens.count > buckets.count || stamp == .max {
      let count = max(buckets.count, Self.bucketCount(for: tokens.count))
      buckets = [Bucket](repeating: Bucket(), count: count)
      shift = UInt64(64 - count.trailingZeroBitCount)
      stamp = 0
    }
    stamp += 1
    loadedRow = row
    let stamp = self.stamp
    let shift = self.shift
    var complete = true
    buckets.withUnsafeMutableBufferPointer { b in
      for k in 0..<tokens.count {
        let h = Self.home(tokens[k], shift: shift)
        let entry = (tokens[k], weights[k])
        if b[h].stamps.0 != stamp {
          (b[h].tokens.0, b[h].weights.0, b[h].stamps.0) = (entry.0, entry.1, stamp)
        } else if b[h].stamps.1 != stamp {
          (b[h].tokens.1, b[h].weights.1, b[h].stamps.1) = (entry.0, entry.1, stamp)
        } else if b[h].stamps.2 != stamp {
          (b[h].tokens.2, b[h].weights.2, b[h].stamps.2) = (entry.0, entry.1, stamp)
        } else if b[h].stamps.3 != stamp {
          (b[h].tokens.3, b[h].weights.3, b[h].stamps.3) = (entry.0, entry.1, stamp)
        } else {
          complete = false
        }
      }
    }
    self.complete = complete
  }

  /// Dot product of the loaded vector with `tokens`/`weights` (sorted by token), summed in
  /// token order. Requires `complete`.
  mutating func dot(tokens: UnsafeBufferPointer<UInt64>, weights: UnsafeBufferPointer<Float>)
    -> Float
  {
    precondition(complete, "TokenWeightTable.dot on an overflowed table")
    if sharedWeights.count < tokens.count {
      sharedWeights = [Float](repeating: 0, count: tokens.count)
      sharedIndices = [Int32](repeating: 0, count: tokens.count)
    }
    let stamp = self.stamp
    let shift = self.shift
    var dot: Float = 0
    buckets.withUnsafeBufferPointer { b in
      sharedWeights.withUnsafeMutableBufferPointer { sw in
        sharedIndices.withUnsafeMutableBufferPointer { si in
          // Gather: every token is written to the next free place, which advances only on
          // a hit, so that no branch depends on whether the token is shared.
          var n = 0
          for k in 0..<tokens.count {
            let t = tokens[k]
            let h = Self.home(t, shift: shift)
            let bucket = b[h]
            let m0 = Self.mask(bucket.tokens.0 == t, bucket.stamps.0 == stamp)
            let m1 = Self.mask(bucket.tokens.1 == t, bucket.stamps.1 == stamp)
            let m2 = Self.mask(bucket.tokens.2 == t, bucket.stamps.2 == stamp)
            let m3 = Self.mask(bucket.tokens.3 == t, bucket.stamps.3 == stamp)
            let bits =
              (bucket.weights.0.bitPattern & m0) | (bucket.weights.1.bitPattern & m1)
              | (bucket.weights.2.bitPattern & m2) | (bucket.weights.3.bitPattern & m3)
            sw[n] = Float(bitPattern: bits)
            si[n] = Int32(truncatingIfNeeded: k)
            n &+= Int((m0 | m1 | m2 | m3) & 1)
          }
          // Sum in token order, as the merge does.
          for m in 0..<n { dot += sw[m] * weights[Int(si[m])] }
        }
      }
    }
    return dot
  }

  /// All ones when both hold, else zero (no branch).
  @inline(__always) private static func mask(_ x: Bool, _ y: Bool) -> UInt32 {
    0 &- (UInt32(x ? 1 : 0) & UInt32(y ? 1 : 0))
  }
}
