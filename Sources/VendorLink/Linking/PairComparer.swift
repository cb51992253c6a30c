import CVendorKernels

/// Computes comparison levels for pairs of accounts.
public struct PairComparer: @unchecked Sendable {
  public let evidence: AccountEvidence
  /// The handle forms packed for `nameLevel`.
  let handles: HandleBytes

  public init(_ evidence: AccountEvidence) {
    self.evidence = evidence
    handles = HandleBytes(evidence)
  }

  /// Levels of every pairwise comparison (graph ones, text rank and exclusivity, need the
  /// whole candidate graph: `Scoring.assignGraphLevels`), into `out` (`Comparison.count`
  /// entries, graph ones null). A new pairwise comparison adds its call here: direct calls
  /// over the evidence's arrays, no dispatch or allocation per pair (1.2M pairs at 3×20k).
  /// Returns the text cosine (−1 when either has no text), which text rank needs as well.
  @inline(__always) @discardableResult
  public func levels(_ i: Int, _ j: Int, into out: UnsafeMutablePointer<Int8>) -> Float {
    levels(i, j, textCosine: cosine(i, j), into: out)
  }

  /// As `levels(_:_:into:)`, with `i`'s text vector already in `table` (or loaded into it):
  /// the path of `Scoring.levels`, which meets the pairs of one `i` in a row.
  @inline(__always) @discardableResult
  func levels(
    _ i: Int, _ j: Int, table: inout TokenWeightTable, into out: UnsafeMutablePointer<Int8>
  ) -> Float {
    levels(i, j, textCosine: cosine(i, j, table: &table), into: out)
  }

  @inline(__always)
  private func levels(
    _ i: Int, _ j: Int, textCosine: Float?, into out: UnsafeMutablePointer<Int8>
  ) -> Float {
    // One direct call per pairwise comparison (each declared in `Comparisons/`); graph
    // comparisons start null and are assigned over all candidates.
    out[Comparison.name.rawValue] = nameLevel(i, j)
    out[Comparison.pgp.rawValue] = pgpLevel(i, j)
    out[Comparison.text.rawValue] = textLevel(textCosine)
    out[Comparison.textRank.rawValue] = nullLevel
    out[Comparison.sentences.rawValue] = sentencesLevel(i, j)
    out[Comparison.shipping.rawValue] = shippingLevel(i, j)
    out[Comparison.products.rawValue] = productsLevel(i, j)
    out[Comparison.pitches.rawValue] = pitchesLevel(i, j)
    out[Comparison.prices.rawValue] = pricesLevel(i, j)
    out[Comparison.activity.rawValue] = activityLevel(i, j)
    out[Comparison.exclusivity.rawValue] = nullLevel
    out[Comparison.habits.rawValue] = habitsLevel(i, j)
    return textCosine ?? -1
  }

  /// Starts loading what comparing a pair with row `j` reads (text vector, handle bytes,
  /// products, prices, destinations). `Scoring.levels` calls it a few pairs ahead: the second
  /// row of a pair is a random row, and waiting for its cache misses was most of the time of
  /// each comparison.
  @inline(__always) func prefetch(_ j: Int) {
    let e = evidence
    let text = e.textRange(of: j)
    // A text vector averages 120 tokens at 3×20k (15 lines of tokens, 8 of weights).
    Self.prefetch(e.textTokens, text, maxLines: 24)
    Self.prefetch(e.textWeights, text, maxLines: 12)
    Self.prefetch(e.products, e.range(e.productOffsets, j), maxLines: 2)
    let prices = e.priceRange(of: j)
    Self.prefetch(e.priceProduct, prices, maxLines: 1)
    Self.prefetch(e.priceLevel, prices, maxLines: 1)
    Self.prefetch(e.shipsTo, e.range(e.shipsToOffsets, j), maxLines: 1)
    let sentences = e.sentenceRange(of: j)
    Self.prefetch(e.sentences, sentences, maxLines: 4)
    Self.prefetch(e.sentenceWeights, sentences, maxLines: 2)
    Self.prefetch(e.pitches, e.range(e.pitchOffsets, j), maxLines: 1)
    handles.prefetch(j)
  }

  /// Prefetches the cache lines of `array[range]`, at most `maxLines` of them.
  @inline(__always) private static func prefetch<T>(
    _ array: [T], _ range: Range<Int>, maxLines: Int
  ) {
    guard !range.isEmpty else { return }
    array.withUnsafeBufferPointer { p in
      let start = UnsafeRawPointer(p.baseAddress! + range.lowerBound)
      let bytes = min(maxLines * 64, range.count * MemoryLayout<T>.stride)
      for offset in stride(from: 0, to: bytes, by: 64) { cvk_prefetch(start + offset) }
    }
  }

  /// Cosine of the two sparse TF-IDF vectors (merge join on sorted token hashes), or nil
  /// when either account has no text.
  public func cosine(_ i: Int, _ j: Int) -> Float? {
    let e = evidence
    var p = Int(e.textOffsets[i])
    let pEnd = Int(e.textOffsets[i + 1])
    var q = Int(e.textOffsets[j])
    let qEnd = Int(e.textOffsets[j + 1])
    if p == pEnd || q == qEnd { return nil }
    var dot: Float = 0
    e.textTokens.withUnsafeBufferPointer { t in
      e.textWeights.withUnsafeBufferPointer { w in
        while p < pEnd && q < qEnd {
          let a = t[p]
          let b = t[q]
          if a == b {
            dot += w[p] * w[q]
            p += 1
            q += 1
          } else if a < b {
            p += 1
          } else {
            q += 1
          }
        }
      }
    }
    return dot
  }

  /// As `cosine(_:_:)`, through `table` holding `i`'s vector (loaded here when it holds
  /// another row's): one probe per token of `j` (`TokenWeightTable`), same Float result.
  func cosine(_ i: Int, _ j: Int, table: inout TokenWeightTable) -> Float? {
    let e = evidence
    let ri = e.textRange(of: i)
    let rj = e.textRange(of: j)
    if ri.isEmpty || rj.isEmpty { return nil }
    let dot = e.textTokens.withUnsafeBufferPointer { t in
      e.textWeights.withUnsafeBufferPointer { w in
        if table.loadedRow != i {
          table.load(
            row: i, tokens: UnsafeBufferPointer(rebasing: t[ri]),
            weights: UnsafeBufferPointer(rebasing: w[ri]))
        }
        guard table.complete else { return Float?.none }
        return table.dot(
          tokens: UnsafeBufferPointer(rebasing: t[rj]),
          weights: UnsafeBufferPointer(rebasing: w[rj]))
      }
    }
    // A vector that overflowed the table (rare) takes the merge.
    return dot ?? cosine(i, j)
  }
}

/// Calls `body(p, q)`, in ascending key order, for each pair of positions `p` in `ra` and `q`
/// in `rb` whose keys are equal: a merge join of two sorted, duplicate-free runs of `keys`
/// (an account's sentences, priced products, …), shared by the comparisons that walk them.
@inline(__always)
func forEachSharedKey<K: Comparable>(
  _ keys: UnsafeBufferPointer<K>, _ ra: Range<Int>, _ rb: Range<Int>, _ body: (Int, Int) -> Void
) {
  var p = ra.lowerBound
  var q = rb.lowerBound
  while p < ra.upperBound && q < rb.upperBound {
    let (a, b) = (keys[p], keys[q])
    if a == b {
      body(p, q)
      p += 1
      q += 1
    } else if a < b {
      p += 1
    } else {
      q += 1
    }
  }
}

/// Size of the intersection of two sorted, duplicate-free sequences.
@inline(__always)
func sortedIntersect<T: Comparable>(_ a: ArraySlice<T>, _ b: ArraySlice<T>) -> Int {
  var p = a.startIndex
  var q = b.startIndex
  var n = 0
  while p < a.endIndex && q < b.endIndex {
    if a[p] == b[q] {
      n += 1
      p += 1
      q += 1
    } else if a[p] < b[q] {
      p += 1
    } else {
      q += 1
    }
  }
  return n
}
