/// String similarities for handles, on UTF-8 bytes (handles are short; byte-level is what
/// Splink's and rapidfuzz's defaults amount to on ASCII handles).
public enum StringSimilarity {
  /// Jaro–Winkler similarity in [0, 1] with the standard prefix scale 0.1 and a common
  /// prefix of at most 4, as in Splink's `JaroWinklerAtThresholds`.
  public static func jaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
    let j = jaro(a, b)
    var prefix = 0
    while prefix < min(4, a.count, b.count) && a[prefix] == b[prefix] { prefix += 1 }
    return j + Double(prefix) * 0.1 * (1 - j)
  }

  /// Jaro similarity in [0, 1]; 1 for two empty strings.
  public static func jaro(_ a: [UInt8], _ b: [UInt8]) -> Double {
    if a.isEmpty && b.isEmpty { return 1 }
    if a.isEmpty || b.isEmpty { return 0 }
    let window = max(0, max(a.count, b.count) / 2 - 1)
    var aMatched = [Bool](repeating: false, count: a.count)
    var bMatched = [Bool](repeating: false, count: b.count)
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
    let m = Double(matches)
    return (m / Double(a.count) + m / Double(b.count) + (m - Double(transpositions / 2)) / m) / 3
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
