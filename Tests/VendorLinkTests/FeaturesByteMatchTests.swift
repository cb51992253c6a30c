import Foundation
import Testing

@testable import VendorLink

/// The byte-level feature functions against their character-level specifications
/// (`ReferenceFeatures`), on random texts built from the pieces each function reacts to.
@Suite struct FeaturesByteMatchTests {
  /// Texts of words, handles, separators, quantities, punctuation runs, blanks, capitals
  /// and non-ASCII letters.
  static func texts(seed: UInt64, count: Int) -> [String] {
    var rng = SplitMix64(seed: seed)
    let pieces = [
      "Cocaine", "MDMA", "speed", "10g", "3.5", "x", "pcs", "g", "dutchmagic", "DutchMagic",
      "kétamine", "ÖL", "😀", " - ", " | ", " / ", " – ", " :: ", "***", "!!", "!", ".", ",",
      "-", "'", "/", ":)", "<3", " ", "  ", "\n", "\t", "\r\n", "shop", "the", "official",
      "nl", "420", "4", "0", "_", "é", "e\u{301}",
    ]
    return (0..<count).map { _ in (0..<rng.int(12)).map { _ in rng.pick(pieces) }.joined() }
  }

  @Test func tokensMatchTheCopyingTokeniser() {
    let skips = ["", "dutchmagic", "shop", "ab", "kétamine"].map { Array($0.utf8) }
    for (k, text) in Self.texts(seed: 21, count: 3000).enumerated() {
      let skip = skips[k % skips.count]
      var fast: [UInt64] = []
      var reference: [UInt64] = []
      TextTokens.append(text, skipping: skip, to: &fast)
      ReferenceFeatures.tokens(text, skipping: skip, to: &reference)
      #expect(fast == reference, "\(text.debugDescription)")
    }
  }

  @Test func firstSegmentsAndProductWordsMatchTheCopyingScan() {
    for title in Self.texts(seed: 22, count: 3000) {
      let segment = ListingProducts.firstSegment(title)
      #expect(segment == ReferenceFeatures.firstSegment(title), "\(title.debugDescription)")
      #expect(
        ListingProducts.asciiProductWords(segment)
          == ReferenceFeatures.asciiProductWords(segment), "\(title.debugDescription)")
    }
  }

  @Test func coreMatchesTheCharacterLoop() {
    var handles = Self.texts(seed: 23, count: 3000)
    handles += ["TheDutchMagic_official", "shop", "realshopnl", "Dr4g0n_420", "OG_Kush_UK", ""]
    for handle in handles {
      #expect(
        HandleNormaliser.core(handle) == ReferenceFeatures.core(handle),
        "\(handle.debugDescription)")
    }
  }

  /// Parallel weights joined in account order are the one-thread weights, bit for bit.
  @Test func tfidfMatchesTheOneThreadPass() {
    var builder = TFIDFBuilder()
    for text in Self.texts(seed: 24, count: 5000) {
      var tokens: [UInt64] = []
      TextTokens.append(text, skipping: [], to: &tokens)
      builder.add(&tokens)
    }
    let fast = builder.finish()
    let reference = ReferenceFeatures.tfidf(builder)
    #expect(fast.offsets == reference.offsets)
    #expect(fast.tokens == reference.tokens)
    #expect(fast.weights == reference.weights)
    #expect(reference.tokens.count > 1000)
  }
}

@Suite struct TokenSortTests {
  /// Uniform hashes, hashes crowded in one top byte, and many repeats of a few tokens.
  @Test(arguments: [0, 1, 255, 256, 257, 3000, 20000])
  func sortHashesSorts(count: Int) {
    var rng = SplitMix64(seed: UInt64(count))
    let kinds: [[UInt64]] = [
      (0..<count).map { _ in rng.next() },
      (0..<count).map { _ in rng.next() >> 9 },
      (0..<count).map { _ in [7, 1 << 63, 42, .max][rng.int(4)] },
    ]
    for var hashes in kinds {
      let expected = hashes.sorted()
      TextTokens.sortHashes(&hashes)
      #expect(hashes == expected)
    }
  }
}
