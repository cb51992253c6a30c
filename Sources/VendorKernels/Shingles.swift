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

  /// Shingles every text. `n` = 5 by default: 5-grams are what the MinHash peers use, long
  /// enough that two unrelated texts share few of them, short enough to survive small edits.
  public init<S: Sequence>(_ texts: S, n: Int = 5, seed: UInt64 = 0)
  where S.Element: StringProtocol {
    precondition(n > 0)
    self.n = n
    hashes = []
    offsets = [0]
    var units: [UInt32] = []
    for text in texts {
      units.removeAll(keepingCapacity: true)
      for s in text.unicodeScalars { units.append(s.value) }
      let want = units.isEmpty ? 0 : max(units.count - n + 1, 1)
      let start = hashes.count
      hashes.append(contentsOf: repeatElement(0, count: want))
      hashes.withUnsafeMutableBufferPointer { hb in
        units.withUnsafeBufferPointer { ub in
          _ = cvk_shingle_hashes(ub.baseAddress, ub.count, n, seed, hb.baseAddress! + start)
        }
      }
      offsets.append(hashes.count)
    }
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
