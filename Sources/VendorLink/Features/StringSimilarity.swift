import VendorKernels

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
    a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in NameSimilarity.jaro(a, b) } }
  }

  /// As `jaroWinkler(_:_:)` on bytes in place (VendorKernels' `NameSimilarity.jaroWinkler`,
  /// the package's one Jaro-Winkler, with the boost always applied).
  static func jaroWinkler(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
    -> Double
  {
    NameSimilarity.jaroWinkler(a, b, boostAbove: nil)
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
