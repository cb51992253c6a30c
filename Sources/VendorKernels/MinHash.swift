import CVendorKernels

/// MinHash signatures of many sets, struct-of-arrays: set `i` is
/// `values[i*permutations ..< (i+1)*permutations]`, 32-bit values.
///
/// Scheme: one-permutation hashing (OPH; Li, Owen & Zhang 2012) with optimal densification
/// (Shrivastava 2017), not k independent hash functions. Why:
/// - cost: k hashes evaluate k functions per element, O(k·|S|) — 128 × 350 ≈ 45k hash
///   evaluations for a typical profile — while OPH hashes each element once into one of k
///   bins, O(|S| + k): two orders of magnitude less work at k = 128;
/// - accuracy: with densification every bin of every set is filled, Pr[sig_a[b] == sig_b[b]]
///   stays equal to the Jaccard similarity J(a, b), and the estimator's variance is close to
///   that of k independent permutations when |S| is well above k (shingle sets here hold
///   hundreds of elements), so LSH banding and Jaccard estimates behave the same;
/// - the 32-bit values (the low half of one 64-bit hash, the bin coming from the high half)
///   halve the memory of 64-bit signatures; a false collision has probability 2^-32.
/// `permutations` = 128 by default: the standard error of the Jaccard estimate is
/// sqrt(J(1-J)/128) ≤ 0.044, and 128 = 32 bands × 4 rows for LSH.
/// An empty set has the sentinel signature (all 0xFFFFFFFF); `LSHIndex` skips empty sets.
public struct MinHashSignatures: Sendable, Equatable {
  public let permutations: Int
  public let seed: UInt64
  public private(set) var values: [UInt32]
  /// True for sets with no elements (their signature is the sentinel).
  public private(set) var isEmpty: [Bool]

  /// Signatures of every document of `shingles`, computed on `threads` threads.
  public init(
    _ shingles: ShingleHashes, permutations: Int = 128, seed: UInt64 = 1, threads: Int? = nil
  ) {
    precondition(permutations > 0)
    self.permutations = permutations
    self.seed = seed
    let n = shingles.count
    var values = [UInt32](repeating: 0, count: n * permutations)
    isEmpty = (0..<n).map { shingles.offsets[$0 + 1] == shingles.offsets[$0] }
    let k = permutations
    let chunk = 1024
    shingles.hashes.withUnsafeBufferPointer { hb in
      shingles.offsets.withUnsafeBufferPointer { ob in
        values.withUnsafeMutableBufferPointer { vb in
          let p = UncheckedSendable(value: (hb.baseAddress, ob.baseAddress!, vb.baseAddress))
          Parallel.forEach(
            chunks: (n + chunk - 1) / chunk, threads: Parallel.threadCount(threads)
          ) { c in
            let (h, o, v) = p.value
            for i in c * chunk..<min(n, (c + 1) * chunk) {
              cvk_minhash_oph(h.map { $0 + o[i] }, o[i + 1] - o[i], k, seed, v! + i * k)
            }
          }
        }
      }
    }
    self.values = values
  }

  /// Signatures straight from texts: shingles of `shingleSize` scalars hashed with
  /// `shingleSeed`, as `ShingleHashes(texts, n: shingleSize, seed: shingleSeed)` would make
  /// them, then MinHashed — the same values as going through `ShingleHashes`, without
  /// materialising every shingle hash (8 bytes per text position) first.
  public init(
    texts: [String], shingleSize: Int = 5, shingleSeed: UInt64 = 0, permutations: Int = 128,
    seed: UInt64 = 1, threads: Int? = nil
  ) {
    precondition(permutations > 0 && shingleSize > 0)
    self.permutations = permutations
    self.seed = seed
    let n = texts.count
    let k = permutations
    var empty = [Bool](repeating: false, count: n)
    let values = [UInt32](unsafeUninitializedCapacity: n * k) { buffer, initialized in
      empty.withUnsafeMutableBufferPointer { eb in
        let p = UncheckedSendable(value: (buffer.baseAddress, eb.baseAddress!))
        let chunk = 256
        Parallel.forEach(
          chunks: (n + chunk - 1) / chunk, threads: Parallel.threadCount(threads)
        ) { c in
          var units = [UInt32]()
          var hashes = [UInt64]()
          for i in c * chunk..<min(n, (c + 1) * chunk) {
            var text = texts[i]
            text.withUTF8 { bytes in
              if units.count < bytes.count {
                units = [UInt32](repeating: 0, count: bytes.count)
                hashes = [UInt64](repeating: 0, count: bytes.count)
              }
              p.value.1[i] = bytes.isEmpty
              units.withUnsafeMutableBufferPointer { u in
                hashes.withUnsafeMutableBufferPointer { h in
                  cvk_minhash_text_utf8(
                    bytes.baseAddress, bytes.count, shingleSize, shingleSeed, k, seed,
                    u.baseAddress, h.baseAddress, p.value.0! + i * k)
                }
              }
            }
          }
        }
      }
      initialized = n * k
    }
    self.values = values
    isEmpty = empty
  }

  public var count: Int { isEmpty.count }

  /// The signature of set `i`.
  public func signature(_ i: Int) -> ArraySlice<UInt32> {
    values[i * permutations..<(i + 1) * permutations]
  }

  /// Estimated Jaccard similarity of sets i and j: the share of equal signature entries
  /// (0 when either set is empty, 1 when both are).
  public func jaccard(_ i: Int, _ j: Int) -> Double {
    if isEmpty[i] || isEmpty[j] { return isEmpty[i] && isEmpty[j] ? 1 : 0 }
    var equal = 0
    for t in 0..<permutations where values[i * permutations + t] == values[j * permutations + t] {
      equal += 1
    }
    return Double(equal) / Double(permutations)
  }
}
