import CVendorKernels

/// Locality-sensitive hashing over MinHash signatures: the signature is cut into `bands` bands
/// of `rows` values, each band hashed to a 64-bit key, and two sets become a candidate pair
/// when they share the key of at least one band. Two sets of Jaccard similarity J collide with
/// probability 1 - (1 - J^rows)^bands: with 32 × 4 that is 0.5 at J ≈ 0.39, 0.92 at J = 0.55
/// and 0.03 at J = 0.2 — a threshold near 0.3–0.4, where profiles written by one operator sit.
///
/// Layout: per band, the set ids sorted by band key (a radix sort), and per set the bounds of
/// its bucket. Memory: bands × indexed sets × 20 bytes (64 MB for 32 bands × 100k sets).
/// Empty sets are not indexed.
public struct LSHIndex: Sendable {
  public let bands: Int
  public let rows: Int
  /// Number of sets (indexed or not).
  public let count: Int
  let indexed: Int
  let sortedKeys: [UInt64]  // bands × indexed
  let sortedIds: [UInt32]  // bands × indexed
  let bucketStart: [Int32]  // bands × count, -1 for sets not indexed
  let bucketEnd: [Int32]

  /// Indexes every non-empty signature. `bands * rows` must not exceed the signature length.
  public init(_ signatures: MinHashSignatures, bands: Int = 32, rows: Int = 4, threads: Int? = nil)
  {
    precondition(bands > 0 && rows > 0 && bands * rows <= signatures.permutations)
    self.bands = bands
    self.rows = rows
    let n = signatures.count
    count = n
    let members = (0..<n).filter { !signatures.isEmpty[$0] }.map { UInt32($0) }
    let ne = members.count
    indexed = ne
    var keys = [UInt64](repeating: 0, count: bands * ne)
    var ids = [UInt32](repeating: 0, count: bands * ne)
    var starts = [Int32](repeating: -1, count: bands * n)
    var ends = [Int32](repeating: -1, count: bands * n)
    let perms = signatures.permutations
    signatures.values.withUnsafeBufferPointer { sv in
      keys.withUnsafeMutableBufferPointer { kb in
        ids.withUnsafeMutableBufferPointer { ib in
          starts.withUnsafeMutableBufferPointer { sb in
            ends.withUnsafeMutableBufferPointer { eb in
              let p = UncheckedSendable(
                value: (
                  sv.baseAddress, kb.baseAddress, ib.baseAddress, sb.baseAddress,
                  eb.baseAddress
                ))
              Parallel.forEach(chunks: bands, threads: Parallel.threadCount(threads)) { b in
                let (sig, k, id, st, en) = p.value
                guard ne > 0 else { return }
                let kk = k! + b * ne
                let ii = id! + b * ne
                for (t, set) in members.enumerated() {
                  kk[t] = cvk_band_key(sig! + Int(set) * perms + b * rows, rows, UInt64(b))
                  ii[t] = set
                }
                let scratchK = UnsafeMutablePointer<UInt64>.allocate(capacity: ne)
                let scratchI = UnsafeMutablePointer<UInt32>.allocate(capacity: ne)
                cvk_sort_keys_ids(kk, ii, ne, scratchK, scratchI)
                scratchK.deallocate()
                scratchI.deallocate()
                var t = 0
                while t < ne {
                  var e = t + 1
                  while e < ne && kk[e] == kk[t] { e += 1 }
                  for u in t..<e {
                    st![b * n + Int(ii[u])] = Int32(t)
                    en![b * n + Int(ii[u])] = Int32(e)
                  }
                  t = e
                }
              }
            }
          }
        }
      }
    }
    sortedKeys = keys
    sortedIds = ids
    bucketStart = starts
    bucketEnd = ends
  }

  /// Every pair (i < j) of indexed sets sharing a band bucket, each pair once, ordered by i.
  /// - groups: when given (one label per set), only pairs with different labels are kept (for
  ///   example, accounts of different markets).
  /// - maxBucketSize: buckets larger than this are skipped (a bucket of size s alone yields
  ///   s(s-1)/2 pairs; huge buckets come from boilerplate text and carry little signal).
  ///   nil keeps every bucket.
  public func candidatePairs(
    groups: [Int32]? = nil, maxBucketSize: Int? = nil, threads: Int? = nil
  ) -> CandidatePairs {
    precondition(groups == nil || groups!.count == count)
    let n = count
    guard n > 1, indexed > 1 else { return CandidatePairs() }
    let chunk = 2048
    let chunks = (n + chunk - 1) / chunk
    let results = UnsafeMutablePointer<CandidatePairs>.allocate(capacity: chunks)
    results.initialize(repeating: CandidatePairs(), count: chunks)
    defer {
      results.deinitialize(count: chunks)
      results.deallocate()
    }
    let threadCount = Parallel.threadCount(threads)
    let stamps = BufferPool<Int32>(buffers: threadCount, width: n, initialValue: -1)
    let cap = maxBucketSize ?? Int.max
    let ne = indexed
    let shared = UncheckedSendable(value: results)
    Parallel.forEach(chunks: chunks, threads: threadCount) { c in
      let stamp = stamps.acquire()
      defer { stamps.release(stamp) }
      var out = CandidatePairs()
      for i in c * chunk..<min(n, (c + 1) * chunk) {
        for b in 0..<bands {
          let s = Int(bucketStart[b * n + i])
          if s < 0 { break }
          let e = Int(bucketEnd[b * n + i])
          if e - s < 2 || e - s > cap { continue }
          for t in s..<e {
            let j = Int(sortedIds[b * ne + t])
            if j <= i || stamp[j] == Int32(i) { continue }
            stamp[j] = Int32(i)
            if let g = groups, g[i] == g[j] { continue }
            out.left.append(Int32(i))
            out.right.append(Int32(j))
          }
        }
      }
      shared.value[c] = out
    }
    var all = CandidatePairs()
    let total = (0..<chunks).reduce(0) { $0 + results[$1].count }
    all.left.reserveCapacity(total)
    all.right.reserveCapacity(total)
    for c in 0..<chunks {
      all.left.append(contentsOf: results[c].left)
      all.right.append(contentsOf: results[c].right)
    }
    return all
  }

  /// Indexed sets sharing at least one band bucket with `signature` (a signature made with the
  /// same permutation count and seed), ascending.
  public func candidates(for signature: ArraySlice<UInt32>) -> [Int32] {
    precondition(signature.count >= bands * rows)
    var found = Set<Int32>()
    let ne = indexed
    let values = Array(signature)
    for b in 0..<bands {
      let key = values.withUnsafeBufferPointer {
        cvk_band_key($0.baseAddress! + b * rows, rows, UInt64(b))
      }
      var lo = b * ne
      var hi = (b + 1) * ne
      while lo < hi {
        let mid = (lo + hi) / 2
        if sortedKeys[mid] < key { lo = mid + 1 } else { hi = mid }
      }
      while lo < (b + 1) * ne && sortedKeys[lo] == key {
        found.insert(Int32(sortedIds[lo]))
        lo += 1
      }
    }
    return found.sorted()
  }
}
