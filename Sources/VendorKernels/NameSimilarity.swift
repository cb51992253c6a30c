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

  /// Every score, row-major: `result[i * choices.count + j]` = score(query i, choice j).
  /// Memory: the n×m result itself; prefer `topK` when only the best matches are needed.
  public static func allPairs(
    queries: NameList, choices: NameList, metric: NameMetric, threads: Int? = nil
  ) -> [Float] {
    let n = queries.count
    let m = choices.count
    var out = [Float](repeating: 0, count: n * m)
    guard n > 0, m > 0 else { return out }
    out.withUnsafeMutableBufferPointer { ob in
      let base = UncheckedSendable(value: ob.baseAddress!)
      forEachQuery(queries: queries, choices: choices, threads: threads) { pack, i, q, lq in
        scoreRow(metric, pack, q, lq, base.value + i * m)
      }
    }
    return out
  }

  /// The k most similar choices of each query (ties to the lower choice index). Memory: the
  /// result plus one row of m scores per thread; the n×m matrix is never built.
  public static func topK(
    queries: NameList, choices: NameList, k: Int, metric: NameMetric, threads: Int? = nil
  ) -> TopK {
    precondition(k >= 0)
    let n = queries.count
    let m = choices.count
    let acc = TopKAccumulator(rows: n, k: k)
    guard n > 0, m > 0, k > 0 else { return acc.finish() }
    let rowBuffers = BufferPool<Float>(buffers: Parallel.threadCount(threads), width: m)
    forEachQuery(queries: queries, choices: choices, threads: threads) { pack, i, q, lq in
      let row = rowBuffers.acquire()
      defer { rowBuffers.release(row) }
      scoreRow(metric, pack, q, lq, row)
      acc.merge(tile: row, firstRow: i, tileRows: 1, columns: m, stride: m, firstColumn: 0)
    }
    return acc.finish()
  }

  private static func scoreRow(
    _ metric: NameMetric, _ pack: OpaquePointer, _ q: UnsafePointer<UInt32>?, _ lq: Int,
    _ out: UnsafeMutablePointer<Float>
  ) {
    let ok = cvk_name_pack_scores(metric.code, pack, q, lq, out)
    precondition(ok != 0, "out of memory in name kernels")
  }

  /// Prepares the choices once, then calls body(pack, i, query pointer, query length) for every
  /// query, in chunks of 64 queries spread over the threads.
  private static func forEachQuery(
    queries: NameList, choices: NameList, threads: Int?,
    _ body: (OpaquePointer, Int, UnsafePointer<UInt32>?, Int) -> Void
  ) {
    let n = queries.count
    choices.units.withUnsafeBufferPointer { cu in
      choices.offsets.withUnsafeBufferPointer { co in
        queries.units.withUnsafeBufferPointer { qu in
          guard let pack = cvk_name_pack_create(cu.baseAddress, co.baseAddress, choices.count)
          else { preconditionFailure("out of memory in name kernels") }
          defer { cvk_name_pack_destroy(pack) }
          let chunk = 64
          let offsets = queries.offsets
          let shared = UncheckedSendable(value: (pack, qu.baseAddress))
          Parallel.forEach(
            chunks: (n + chunk - 1) / chunk, threads: Parallel.threadCount(threads)
          ) { c in
            for i in c * chunk..<min(n, (c + 1) * chunk) {
              let start = offsets[i]
              body(shared.value.0, i, shared.value.1.map { $0 + start }, offsets[i + 1] - start)
            }
          }
        }
      }
    }
  }
}
