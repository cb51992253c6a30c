import Testing

@testable import VendorKernels

/// Byte-string Jaro and Jaro-Winkler (the kernel linking uses for handles) against the
/// textbook definition with matched-flag arrays, bit for bit, on seeded random strings.
@Suite struct NameSimilarityBytesTests {
  /// Jaro as first written (flag arrays): the reference.
  static func referenceJaro(_ a: [UInt8], _ b: [UInt8]) -> Double {
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

  /// Winkler's boost over the reference Jaro, applied when Jaro exceeds `above` (nil: always).
  static func referenceJaroWinkler(_ a: [UInt8], _ b: [UInt8], above: Double?) -> Double {
    let j = referenceJaro(a, b)
    if let above, !(j > above) { return j }
    var prefix = 0
    while prefix < min(4, a.count, b.count) && a[prefix] == b[prefix] { prefix += 1 }
    return j + Double(prefix) * 0.1 * (1 - j)
  }

  func kernel(_ a: [UInt8], _ b: [UInt8], above: Double?) -> Double {
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in NameSimilarity.jaroWinkler(a, b, boostAbove: above) }
    }
  }

  @Test func bytesMatchTheReferenceBitForBit() {
    var rng = SplitMix64(seed: 43)
    let alphabets = [Array("ab".utf8), Array("abcde_1".utf8), (0...255).map { UInt8($0) }]
    withBothKernelVariants { variant in
      for round in 0..<4_000 {
        let alphabet = alphabets[round % alphabets.count]
        // Lengths around the 64-byte limit of the one-word path, and across it.
        let maxLength = round % 5 == 0 ? 90 : (round % 5 == 1 ? 66 : 20)
        let a = (0..<Int.random(in: 0...maxLength, using: &rng)).map { _ in
          alphabet.randomElement(using: &rng)!
        }
        let b = (0..<Int.random(in: 0...maxLength, using: &rng)).map { _ in
          alphabet.randomElement(using: &rng)!
        }
        for above in [nil, 0.7, Double.infinity] {
          let want = Self.referenceJaroWinkler(a, b, above: above).bitPattern
          #expect(
            kernel(a, b, above: above).bitPattern == want,
            "\(variant) \(a) \(b) \(String(describing: above))")
        }
      }
    }
    let full = [UInt8](repeating: 7, count: 64)
    #expect(kernel(full, full, above: nil) == 1)
    #expect(kernel([], [], above: nil) == 1)
    #expect(kernel([1], [], above: nil) == 0)
  }

  /// The byte kernel agrees with the Unicode-scalar one (rapidfuzz's definition) on ASCII.
  @Test func bytesAgreeWithScalarsOnASCII() {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<500 {
      let a = rng.string(from: Array("abcxyz_01"), maxLength: 24)
      let b = rng.string(from: Array("abcxyz_01"), maxLength: 24)
      let scalar = NameSimilarity.score(a, b, metric: .jaroWinkler)
      #expect(kernel(Array(a.utf8), Array(b.utf8), above: 0.7).bitPattern == scalar.bitPattern)
    }
  }
}
