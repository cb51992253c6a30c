/// String similarities for handles, on UTF-8 bytes (handles are short; byte-level is what
/// Splink's and rapidfuzz's defaults amount to on ASCII handles).
public enum StringSimilarity {
  /// Jaro–Winkler similarity in [0, 1] with the standard prefix scale 0.1 and a common
  /// prefix of at most 4, as in Splink's `JaroWinklerAtThresholds`.
  public static func jaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
    a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in jaroWinkler(a, b) } }
  }

  /// Jaro similarity in [0, 1]; 1 for two empty strings.
  public static func jaro(_ a: [UInt8], _ b: [UInt8]) -> Double {
    a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in jaro(a, b) } }
  }

  /// As `jaroWinkler(_:_:)` on bytes in place: linking compares 1.6M handle pairs at 3×20k,
  /// and copying each handle into an array cost as much as the comparison.
  static func jaroWinkler(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
    -> Double
  {
    let j = jaro(a, b)
    var prefix = 0
    while prefix < min(4, a.count, b.count) && a[prefix] == b[prefix] { prefix += 1 }
    return j + Double(prefix) * 0.1 * (1 - j)
  }

  /// As `jaro(_:_:)` on bytes in place: bit-parallel when both fit in 64 bytes (handles
  /// do), else with the matched flags in one stack buffer (no heap allocation per pair).
  static func jaro(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
    if a.isEmpty && b.isEmpty { return 1 }
    if a.isEmpty || b.isEmpty { return 0 }
    if a.count <= 64 && b.count <= 64 { return jaroBitParallel(a, b) }
    return jaroWithFlags(a, b)
  }

  /// Jaro with the matched positions as bits: for each byte of `a`, the first unmatched
  /// equal byte of `b` in the window is the lowest set bit of (positions of that byte in `b`)
  /// ∧ ¬matched ∧ window, which is what the flag scan finds; so the result is the same Double.
  /// Both non-empty and at most 64 bytes long.
  static func jaroBitParallel(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
    -> Double
  {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 256) { positions in
      // positions[c]: bit j set when b[j] == c (only the entries of a's and b's bytes are
      // written, and only those are read).
      for c in a { positions[Int(c)] = 0 }
      for c in b { positions[Int(c)] = 0 }
      for j in 0..<b.count { positions[Int(b[j])] |= 1 &<< UInt64(j) }
      let window = max(0, max(a.count, b.count) / 2 - 1)
      let all: UInt64 = b.count == 64 ? ~0 : (1 &<< UInt64(b.count)) &- 1
      var aMatched: UInt64 = 0
      var bMatched: UInt64 = 0
      for i in 0..<a.count {
        let lo = max(0, i - window)
        let hi = min(b.count - 1, i + window)
        if lo > hi { continue }
        // Bits lo...hi.
        let inWindow = (all &>> UInt64(b.count - 1 - hi)) & ~((1 &<< UInt64(lo)) &- 1)
        let free = positions[Int(a[i])] & ~bMatched & inWindow
        if free != 0 {
          aMatched |= 1 &<< UInt64(i)
          bMatched |= free & (0 &- free)
        }
      }
      let matches = aMatched.nonzeroBitCount
      if matches == 0 { return 0 }
      var transpositions = 0
      var restA = aMatched
      var restB = bMatched
      while restA != 0 {
        let i = restA.trailingZeroBitCount
        let k = restB.trailingZeroBitCount
        if a[i] != b[k] { transpositions += 1 }
        restA &= restA &- 1
        restB &= restB &- 1
      }
      return score(matches: matches, transpositions: transpositions, a.count, b.count)
    }
  }

  /// The Jaro formula, shared by both implementations so that they round alike.
  @inline(__always)
  private static func score(matches: Int, transpositions: Int, _ la: Int, _ lb: Int) -> Double {
    let m = Double(matches)
    return (m / Double(la) + m / Double(lb) + (m - Double(transpositions / 2)) / m) / 3
  }

  /// Jaro with matched flags in a stack buffer, for strings over 64 bytes.
  static func jaroWithFlags(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
    -> Double
  {
    return withUnsafeTemporaryAllocation(of: Bool.self, capacity: a.count + b.count) { flags in
      flags.initialize(repeating: false)
      let aMatched = UnsafeMutableBufferPointer(rebasing: flags[0..<a.count])
      let bMatched = UnsafeMutableBufferPointer(rebasing: flags[a.count...])
      let window = max(0, max(a.count, b.count) / 2 - 1)
      var matches = 0
      for i in 0..<a.count {
        let lo = max(0, i - window)
        let hi = min(b.count - 1, i + window)
        if lo > hi { continue }
        for j in lo...hi where !bMatched[j] && a[i] == b[j] {
          aMatched[i] = true
          bMatched[j] = true
          matches += 1
          break
        }
      }
      if matches == 0 { return 0 }
      var transpositions = 0
      var k = 0
      for i in 0..<a.count where aMatched[i] {
        while !bMatched[k] { k += 1 }
        if a[i] != b[k] { transpositions += 1 }
        k += 1
      }
      return score(matches: matches, transpositions: transpositions, a.count, b.count)
    }
  }

  /// Normalised indel similarity (rapidfuzz's `ratio` / 100): 1 − (insertions + deletions)
  /// / (|a| + |b|), from the longest common subsequence.
  public static func indelRatio(_ a: [UInt8], _ b: [UInt8]) -> Double {
    if a.isEmpty && b.isEmpty { return 1 }
    var prev = [Int](repeating: 0, count: b.count + 1)
    var cur = prev
    for i in 1...max(1, a.count) where !a.isEmpty {
      for j in 1...max(1, b.count) where !b.isEmpty {
        cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : max(prev[j], cur[j - 1])
      }
      swap(&prev, &cur)
    }
    let lcs = prev[b.count]
    return Double(2 * lcs) / Double(a.count + b.count)
  }
}
