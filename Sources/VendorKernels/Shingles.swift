import CVendorKernels

/// Character n-gram shingles of many documents, hashed to 64 bits, struct-of-arrays: document
/// `i` owns `hashes[offsets[i] ..< offsets[i+1]]`, in text order (duplicates kept, so counts
/// are available for TF-IDF; MinHash and bitsets ignore them).
///
/// Shingles are taken over Unicode scalars. A non-empty text shorter than `n` gives one
/// shingle (the whole text), so short texts are not empty sets. Hashing is seeded and
/// deterministic across runs and machines.
public struct ShingleHashes: Sendable, Equatable {
  public let n: Int
  public private(set) var hashes: [UInt64]
  public private(set) var offsets: [Int]

  /// Shingles every text, on `threads` threads. `n` = 5 by default: 5-grams are what the
  /// MinHash peers use, long enough that two unrelated texts share few of them, short enough
  /// to survive small edits.
  public init<S: Sequence>(_ texts: S, n: Int = 5, seed: UInt64 = 0, threads: Int? = nil)
  where S.Element: StringProtocol {
    precondition(n > 0)
    self.n = n
    let docs = texts.map { String($0) }
    // Pass 1: shingle counts, from the scalar counts (one shingle per position, at least one
    // for a non-empty text).
    var offsets = [Int](repeating: 0, count: docs.count + 1)
    for (i, d) in docs.enumerated() {
      let scalars = Self.withUTF8(d) { cvk_utf8_scalar_count($0.baseAddress, $0.count) }
      offsets[i + 1] = offsets[i] + (scalars == 0 ? 0 : max(scalars - n + 1, 1))
    }
    // Pass 2: hash, in parallel chunks writing disjoint ranges.
    let total = offsets[docs.count]
    hashes = [UInt64](unsafeUninitializedCapacity: total) { buffer, initialized in
      let out = UncheckedSendable(value: buffer.baseAddress)
      let chunk = 256
      Parallel.forEach(
        chunks: (docs.count + chunk - 1) / chunk, threads: Parallel.threadCount(threads)
      ) { c in
        var scratch = [UInt32]()
        for i in c * chunk..<min(docs.count, (c + 1) * chunk) where offsets[i + 1] > offsets[i] {
          Self.withUTF8(docs[i]) { bytes in
            if scratch.count < bytes.count { scratch = [UInt32](repeating: 0, count: bytes.count) }
            scratch.withUnsafeMutableBufferPointer { s in
              _ = cvk_shingle_hashes_utf8(
                bytes.baseAddress, bytes.count, n, seed, s.baseAddress, out.value! + offsets[i])
            }
          }
        }
      }
      initialized = total
    }
    self.offsets = offsets
  }

  private static func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    var s = s
    return s.withUTF8(body)
  }

  public var count: Int { offsets.count - 1 }

  /// The hashes of document `i`.
  public func document(_ i: Int) -> ArraySlice<UInt64> { hashes[offsets[i]..<offsets[i + 1]] }
}

extension ShingleHashes {
  /// Sets of already-hashed elements (for callers with their own tokens, and for tests).
  public init(sets: [[UInt64]], n: Int = 0) {
    self.n = n
    hashes = sets.flatMap { $0 }
    offsets = [0]
    var total = 0
    for s in sets {
      total += s.count
      offsets.append(total)
    }
  }
}
