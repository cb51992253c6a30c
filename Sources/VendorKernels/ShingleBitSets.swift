import CVendorKernels

/// Shingle sets as fixed-width bitsets (each shingle hash sets bit `hash % bits`), for exact
/// popcount Jaccard on candidate pairs. Struct-of-arrays: set `i` is
/// `words[i*wordsPerSet ..< (i+1)*wordsPerSet]`.
///
/// The width trades memory for accuracy: two different shingles share a bit with probability
/// 1/bits, which inflates the Jaccard of unrelated sets. 4096 bits (512 bytes, the size of a
/// 128 × 32-bit MinHash signature) keep a 350-shingle set at 8% fill, so the inflation on
/// unrelated profiles stays near 0.04.
public struct ShingleBitSets: Sendable, Equatable {
  public let bits: Int
  public let wordsPerSet: Int
  public private(set) var words: [UInt64]

  public init(_ shingles: ShingleHashes, bits: Int = 4096) {
    precondition(bits > 0 && bits % 64 == 0, "bits must be a positive multiple of 64")
    self.bits = bits
    wordsPerSet = bits / 64
    let n = shingles.count
    var words = [UInt64](repeating: 0, count: n * wordsPerSet)
    for i in 0..<n {
      for h in shingles.document(i) {
        let bit = Int(h % UInt64(bits))
        words[i * wordsPerSet + bit / 64] |= 1 << UInt64(bit % 64)
      }
    }
    self.words = words
  }

  public var count: Int { wordsPerSet == 0 ? 0 : words.count / wordsPerSet }

  /// Jaccard similarity of sets i and j (1 when both are empty).
  public func jaccard(_ i: Int, _ j: Int) -> Float {
    jaccard(CandidatePairs(left: [Int32(i)], right: [Int32(j)]))[0]
  }

  /// Jaccard similarity of every pair, in pair order.
  public func jaccard(_ pairs: CandidatePairs) -> [Float] {
    var out = [Float](repeating: 0, count: pairs.count)
    guard pairs.count > 0 else { return out }
    precondition(
      pairs.left.allSatisfy { $0 >= 0 && Int($0) < count }
        && pairs.right.allSatisfy { $0 >= 0 && Int($0) < count }, "pair index out of range")
    let wps = wordsPerSet
    words.withUnsafeBufferPointer { w in
      pairs.left.withUnsafeBufferPointer { l in
        pairs.right.withUnsafeBufferPointer { r in
          out.withUnsafeMutableBufferPointer { o in
            cvk_jaccard_pairs(
              w.baseAddress, wps, l.baseAddress, r.baseAddress, pairs.count, o.baseAddress)
          }
        }
      }
    }
    return out
  }
}
