import Foundation

/// Hashed TF-IDF: shingle counts weighted by inverse document frequency and folded into a
/// dense `dimension`-wide vector by signed feature hashing, rows L2-normalised, ready for
/// `DenseTopK` (cosine = inner product).
///
/// - Weights: sublinear tf `1 + ln(tf)` and smoothed idf `ln((1 + N) / (1 + df)) + 1`, as
///   scikit-learn's `TfidfVectorizer(sublinear_tf=True)` that the text peer uses.
/// - Document frequencies are counted in `dfBuckets` hashed buckets (2^20 = 4 MiB of counters)
///   instead of a vocabulary, so memory stays fixed whatever the corpus; two shingles share a
///   counter with probability 2^-20 per pair, which barely moves an idf.
/// - Each shingle is added to `hashesPerFeature` coordinates with random signs, scaled by
///   1/sqrt(s) (a sparse Johnson–Lindenstrauss projection, Kane & Nelson 2014). With s = 4 a
///   heavy shingle no longer owns one coordinate, which lowers the distortion of inner products
///   at dimension 256 compared with plain feature hashing (s = 1).
/// - `dimension` = 256 by default: the size the dense top-k peers use, where sgemm runs near
///   peak and a vector is 1 KiB.
public struct HashedTFIDF: Sendable {
  public let dimension: Int
  public let hashesPerFeature: Int
  public let dfBuckets: Int
  public private(set) var documentFrequency: [UInt32]
  public private(set) var documents: Int = 0

  public init(dimension: Int = 256, hashesPerFeature: Int = 4, dfBuckets: Int = 1 << 20) {
    precondition(dimension > 0 && hashesPerFeature > 0 && dfBuckets > 0)
    self.dimension = dimension
    self.hashesPerFeature = hashesPerFeature
    self.dfBuckets = dfBuckets
    documentFrequency = [UInt32](repeating: 0, count: dfBuckets)
  }

  /// Adds the documents' shingles to the document frequencies (call once or several times).
  public mutating func fit(_ shingles: ShingleHashes) {
    var seen = Set<Int>()
    for i in 0..<shingles.count {
      seen.removeAll(keepingCapacity: true)
      for h in shingles.document(i) { seen.insert(Int(h % UInt64(dfBuckets))) }
      for b in seen { documentFrequency[b] &+= 1 }
    }
    documents += shingles.count
  }

  /// One L2-normalised row per document.
  public func transform(_ shingles: ShingleHashes, threads: Int? = nil) -> DenseMatrix {
    let n = shingles.count
    let d = dimension
    var out = DenseMatrix(rows: n, columns: d)
    let idfScale = Double(1 + documents)
    let s = hashesPerFeature
    let scale = 1 / Double(s).squareRoot()
    out.values.withUnsafeMutableBufferPointer { ob in
      let base = UncheckedSendable(value: ob.baseAddress!)
      let chunk = 512
      Parallel.forEach(chunks: (n + chunk - 1) / chunk, threads: Parallel.threadCount(threads)) {
        c in
        var sorted: [UInt64] = []
        var row = [Double](repeating: 0, count: d)
        for i in c * chunk..<min(n, (c + 1) * chunk) {
          sorted.removeAll(keepingCapacity: true)
          sorted.append(contentsOf: shingles.document(i))
          sorted.sort()
          for t in 0..<d { row[t] = 0 }
          var t = 0
          while t < sorted.count {
            var e = t + 1
            while e < sorted.count && sorted[e] == sorted[t] { e += 1 }
            let h = sorted[t]
            let df = Double(documentFrequency[Int(h % UInt64(dfBuckets))])
            let w = (1 + Double.log(Double(e - t))) * (Double.log(idfScale / (1 + df)) + 1) * scale
            var g = h
            for _ in 0..<s {
              g = Self.mix(g)
              let coordinate = Int((g >> 32) * UInt64(d) >> 32)
              row[coordinate] += (g & 1) == 0 ? w : -w
            }
            t = e
          }
          var norm = 0.0
          for v in row { norm += v * v }
          let inv = norm > 0 ? 1 / norm.squareRoot() : 0
          let r = base.value + i * d
          for t in 0..<d { r[t] = Float(row[t] * inv) }
        }
      }
    }
    return out
  }

  /// Fits on the documents, then transforms them.
  public static func fitTransform(
    _ shingles: ShingleHashes, dimension: Int = 256, threads: Int? = nil
  ) -> DenseMatrix {
    var model = HashedTFIDF(dimension: dimension)
    model.fit(shingles)
    return model.transform(shingles, threads: threads)
  }

  /// SplitMix64's output function: successive calls give independent-looking 64-bit values.
  static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension Double {
  fileprivate static func log(_ x: Double) -> Double { Foundation.log(x) }
}
