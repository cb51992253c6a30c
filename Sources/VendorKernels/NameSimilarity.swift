import CVendorKernels

/// A name similarity in [0, 1], defined exactly as rapidfuzz defines it on Python strings.
public enum NameMetric: Sendable {
  /// Normalised indel similarity `2·LCS / (|a| + |b|)` (1 for two empty names): rapidfuzz's
  /// `fuzz.ratio / 100` and `Indel.normalized_similarity`.
  case indel
  /// Jaro-Winkler with prefix weight 0.1 over at most 4 characters, applied above Jaro 0.7:
  /// rapidfuzz's `JaroWinkler.similarity`.
  case jaroWinkler

  var code: Int32 { self == .indel ? Int32(CVK_METRIC_INDEL) : Int32(CVK_METRIC_JARO_WINKLER) }
}

/// Name similarity for one pair, all pairs of two lists, or the top k of each query.
///
/// Kernels: bit-parallel LCS (Hyyrö) and bit-parallel Jaro flagging, one 64-bit word per string
/// up to 64 scalars and blocked beyond; choices of at most 16 scalars are scored 16 at a time
/// with AVX2 when the CPU has it. Normalise names first (`NameNormaliser`) if wanted: these
/// functions compare exactly what they are given.
public enum NameSimilarity {
  /// Similarity of two strings.
  public static func score(_ a: String, _ b: String, metric: NameMetric) -> Double {
    let ua = a.unicodeScalars.map(\.value)
    let ub = b.unicodeScalars.map(\.value)
    return ua.withUnsafeBufferPointer { pa in
      ub.withUnsafeBufferPointer { pb in
        switch metric {
        case .indel: return cvk_indel_similarity(pa.baseAddress, pa.count, pb.baseAddress, pb.count)
        case .jaroWinkler:
          return cvk_jaro_winkler(pa.baseAddress, pa.count, pb.baseAddress, pb.count)
        }
      }
    }
  }

  /// Jaro-Winkler of two byte strings compared byte by byte (UTF-8 handles, say), in place:
  /// linking compares 1.6M handle pairs at 3×20k, and copying each into an array cost as
  /// much as the comparison. The prefix boost (weight 0.1, at most 4 bytes) applies when
  /// Jaro exceeds `boostAbove`: rapidfuzz's 0.7 by default, nil to always apply it (the
  /// classic definition, and what vendor linking's handle levels were fitted with).
  public static func jaroWinkler(
    _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, boostAbove: Double? = 0.7
  ) -> Double {
    cvk_jaro_winkler_bytes(a.baseAddress, a.count, b.baseAddress, b.count, boostAbove ?? -1)
  }

  /// Jaro similarity of two byte strings (1 for two empty ones): `jaroWinkler` without the
  /// prefix boost.
  public static func jaro(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
    -> Double
  {
    jaroWinkler(a, b, boostAbove: .infinity)
  }

  /// Every score, row-major: `result[i * choices.count + j]` = score(query i, choice j).
  /// Memory: the n×m result itself; prefer `topK` when only the best matches are needed.
  public static func allPairs(
    queries: NameList, choices: NameList, metric: NameMetric, threads: Int? = nil
  ) -> [Float] {
    let n = queries.count
    let m = choices.count
    guard n > 0, m > 0 else { return [] }
    return [Float](unsafeUninitializedCapacity: n * m) { buffer, initialized in
      let base = UncheckedSendable(value: buffer.baseAddress!)
      forEachBatch(queries: queries, choices: choices, metric: metric, threads: threads) {
        score, range in
        score(base.value + range.lowerBound * m)
      }
      initialized = n * m
    }
  }

  /// The k most similar choices of each query (ties to the lower choice index). Memory: the
  /// result plus `batch` rows of m scores per thread; the n×m matrix is never built.
  public static func topK(
    queries: NameList, choices: NameList, k: Int, metric: NameMetric, threads: Int? = nil
  ) -> TopK {
    precondition(k >= 0)
    let n = queries.count
    let m = choices.count
    let acc = TopKAccumulator(rows: n, k: k)
    guard n > 0, m > 0, k > 0 else { return acc.finish() }
    let buffers = BufferPool<Float>(buffers: Parallel.threadCount(threads), width: batch * m)
    forEachBatch(queries: queries, choices: choices, metric: metric, threads: threads) {
      score, range in
      let rows = buffers.acquire()
      defer { buffers.release(rows) }
      score(rows)
      acc.merge(
        tile: rows, firstRow: range.lowerBound, tileRows: range.count, columns: m, stride: m,
        firstColumn: 0)
    }
    return acc.finish()
  }

  /// Queries per batch: 16 queries reuse each block of 16 packed choices from L1, and 16 rows of
  /// 20k scores (1.3 MB) per thread stay small.
  static let batch = 16

  /// Prepares the choices once, then for every batch of queries calls
  /// body(score, range), where score(rows) writes the batch's scores, row-major with row
  /// stride choices.count, to `rows`. Batches are spread over the threads.
  private static func forEachBatch(
    queries: NameList, choices: NameList, metric: NameMetric, threads: Int?,
    _ body: ((UnsafeMutablePointer<Float>) -> Void, Range<Int>) -> Void
  ) {
    let n = queries.count
    let m = choices.count
    choices.units.withUnsafeBufferPointer { cu in
      choices.offsets.withUnsafeBufferPointer { co in
        queries.units.withUnsafeBufferPointer { qu in
          queries.offsets.withUnsafeBufferPointer { qo in
            guard let pack = cvk_name_pack_create(cu.baseAddress, co.baseAddress, m)
            else { preconditionFailure("out of memory in name kernels") }
            defer { cvk_name_pack_destroy(pack) }
            let shared = UncheckedSendable(value: (pack, qu.baseAddress, qo.baseAddress))
            Parallel.forEach(
              chunks: (n + batch - 1) / batch, threads: Parallel.threadCount(threads)
            ) { c in
              let range = c * batch..<min(n, (c + 1) * batch)
              let (pack, units, offsets) = shared.value
              body(
                { rows in
                  let ok = cvk_name_pack_scores_batch(
                    metric.code, pack, units, offsets, range.lowerBound, range.upperBound, rows,
                    m)
                  precondition(ok != 0, "out of memory in name kernels")
                }, range)
            }
          }
        }
      }
    }
  }
}
