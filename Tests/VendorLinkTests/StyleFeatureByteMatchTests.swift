import Foundation
import Testing

@testable import VendorLink

/// The byte-level profile sentences, title pitches and token counting against the versions
/// they replaced (`ReferenceStyleFeatures`), on random texts built from what each reacts to.
@Suite struct StyleFeatureByteMatchTests {
  /// Sentence ends (with and without a following space), line breaks, punctuation runs,
  /// capitals, handles (one and several words), multi-byte letters, combining marks, emoji.
  static let pieces = [
    "Welcome", "to", "DutchMagic", "dutch magic", "Dutch_Magic", "LittleShop", "little",
    "shop", "WE SHIP", "fast", "10g", "3.5", "PGP", " ", "  ", ". ", ".", "!", "?", "...",
    "!!", "?!", "\n", "\r\n", "\t", ",", "-", "_", "é", "Öko", "kétamine", "☕", "😀",
    "e\u{301}", "💊🚀", "x", "ab", " - ", " | ", " – ", "***", " :: ",
  ]

  static let handles = [
    "", "DutchMagic", "dutch_magic", "Little Shop", "x", "ab", "Öko", "shop", "😀", "!!",
    "we ship fast",
  ]

  static func text(_ rng: inout SplitMix64) -> String {
    (0..<rng.int(16)).map { _ in rng.pick(pieces) }.joined()
  }

  @Test func sentencesMatchTheCopyingVersion() {
    var rng = SplitMix64(seed: 31)
    var nonEmpty = 0
    for k in 0..<4000 {
      let text = Self.text(&rng)
      let handle = Self.handles[k % Self.handles.count]
      var fast: [UInt64] = []
      ProfileSentences.append(text, handle: handle, to: &fast)
      let reference = ReferenceStyleFeatures.sentences(text.utf8, handle: handle)
      #expect(fast == reference, "\(text.debugDescription) \(handle.debugDescription)")
      if !fast.isEmpty { nonEmpty += 1 }
    }
    #expect(nonEmpty > 1000)  // the texts must make sentences, not only be skipped
    var empty: [UInt64] = []
    ProfileSentences.append("", handle: "", to: &empty)
    ProfileSentences.append("", handle: "DutchMagic", to: &empty)
    #expect(empty.isEmpty)
  }

  /// Raw bytes with invalid UTF-8 (lone continuation bytes, truncated sequences, 0xFF,
  /// NUL), which a `String` would have repaired; one sentence buffer reused throughout.
  @Test func sentencesOfInvalidUTF8MatchTheCopyingVersion() {
    var rng = SplitMix64(seed: 32)
    let invalid: [[UInt8]] = [[0x80], [0xC3], [0xE2, 0x82], [0xFF], [0xF0, 0x9F, 0x98], [0]]
    var buffer: [UInt8] = []
    for k in 0..<3000 {
      var bytes: [UInt8] = []
      for _ in 0..<rng.int(16) {
        bytes += rng.int(3) == 0 ? rng.pick(invalid) : Array(rng.pick(Self.pieces).utf8)
      }
      let handle = Self.handles[k % Self.handles.count]
      var handleCopy = handle
      let own = handleCopy.withUTF8 { ProfileSentences.normalise($0) }
      var fast: [UInt64] = []
      bytes.withUnsafeBufferPointer {
        ProfileSentences.append(bytes: $0, own: own, to: &fast, buffer: &buffer)
      }
      #expect(fast == ReferenceStyleFeatures.sentences(bytes, handle: handle), "\(bytes)")
    }
  }

  /// Removal in place against the copying removal, on normalised sentences where the word
  /// occurs at the start, the end, several times, inside other words and as all of it.
  @Test func handleRemovalInPlaceMatchesTheCopy() {
    var rng = SplitMix64(seed: 33)
    let words = ["ab", "abc", "b", "ab ab", "x", "é", "😀"].map { Array($0.utf8) }
    for _ in 0..<3000 {
      let raw = (0..<rng.int(8)).map { _ in rng.pick(["ab", "abc", "cab", "b", "x", "é", " "]) }
      let sentence = ReferenceStyleFeatures.normalise(Array(raw.joined(separator: " ").utf8)[...])
      let word = rng.pick(words)
      var inPlace = sentence
      ProfileSentences.removeInPlace(word, from: &inPlace)
      #expect(inPlace == ReferenceStyleFeatures.removing(word, from: sentence), "\(raw) \(word)")
    }
  }

  @Test func pitchesMatchTheSubstringVersion() {
    var rng = SplitMix64(seed: 34)
    var some = 0
    for _ in 0..<4000 {
      let title = Self.text(&rng)
      let fast = ListingPitches.hash(title)
      #expect(fast == ReferenceStyleFeatures.pitch(title), "\(title.debugDescription)")
      #expect(
        ListingPitches.hash(title, segmentEnd: ListingProducts.firstSegmentEnd(title)) == fast)
      if fast != nil { some += 1 }
    }
    #expect(some > 500)
  }

  /// One counter reused for inputs of every size (its table grows, then is reused with
  /// stale keys), with many repeats, 0, the largest hash, and hashes alike in their low or
  /// high bits.
  @Test func tokenCounterMatchesSortAndCount() {
    var rng = SplitMix64(seed: 35)
    var counter = TokenCounter()
    for size in [0, 1, 2, 300, 511, 512, 513, 5000, 3, 700, 40] {
      let kinds: [[UInt64]] = [
        (0..<size).map { _ in rng.next() },
        (0..<size).map { _ in UInt64(rng.int(40)) },
        (0..<size).map { _ in UInt64(rng.int(40)) << 40 },
        (0..<size).map { _ in [0, .max, 1 << 63, 7][rng.int(4)] },
      ]
      for tokens in kinds {
        var outTokens: [UInt64] = [99]
        var outCounts: [Float] = [1]
        counter.count(tokens, to: &outTokens, &outCounts)
        let reference = ReferenceStyleFeatures.termCounts(tokens)
        #expect(outTokens == [99] + reference.tokens)
        #expect(outCounts == [1] + reference.counts)
      }
    }
  }
}

@Suite struct ConcurrentlyTests {
  struct Failure: Error, Equatable { let side: Int }

  @Test func returnsBothResults() throws {
    let (a, b) = try concurrently({ (0..<1000).reduce(0, +) }, { "b" + String(7) })
    #expect(a == 499_500)
    #expect(b == "b7")
  }

  @Test func rethrowsEitherSidesError() {
    #expect(throws: Failure(side: 1)) {
      _ = try concurrently({ () throws -> Int in throw Failure(side: 1) }, { 2 })
    }
    #expect(throws: Failure(side: 2)) {
      _ = try concurrently({ 1 }, { () throws -> Int in throw Failure(side: 2) })
    }
  }
}

@Suite struct PriceLevelSortTests {
  /// Insertion sort (up to 64 points) and the standard sort past it give the stable order
  /// the (product, offset) sort gave, with many equal products.
  @Test func stableSortByProductMatchesTheOffsetSort() {
    var rng = SplitMix64(seed: 36)
    for count in [0, 1, 2, 7, 63, 64, 65, 300] {
      for _ in 0..<20 {
        let points = (0..<count).map { k in
          ProductPriceLevels.Point(
            product: Int32(rng.int(5)), quantity: Float(k + 1), logUnitPrice: Float(rng.int(9)))
        }
        let expected = points.enumerated().sorted {
          ($0.element.product, $0.offset) < ($1.element.product, $1.offset)
        }.map(\.element)
        let fast = ProductPriceLevels.stableSortedByProduct(points)
        #expect(fast.map(\.product) == expected.map(\.product))
        #expect(fast.map(\.quantity) == expected.map(\.quantity))
      }
    }
  }
}

@Suite struct DocumentFrequencyTests {
  /// Tables counted over parts of the documents and summed give the counts of one table over
  /// all, whatever the tables' sizes (the sum grows from the smallest).
  @Test func summedTablesCountLikeOne() {
    var rng = SplitMix64(seed: 37)
    let documents = (0..<600).map { _ in
      Array(Set((0..<rng.int(60)).map { _ in UInt64(rng.int(3000)) << UInt64(rng.int(40)) }))
    }
    var whole = TokenFrequencies(expected: 0)
    var sum = TokenFrequencies(expected: 0)
    for part in stride(from: 0, to: documents.count, by: 97) {
      var table = TokenFrequencies(expected: 1 << 12)
      for d in documents[part..<min(part + 97, documents.count)] {
        for t in d {
          table.add(t)
          whole.add(t)
        }
      }
      sum.add(table)
    }
    #expect(sum.distinct == whole.distinct)
    #expect(whole.distinct > 5000)
    for d in documents.prefix(50) {
      for t in d { #expect(sum.count(t) == whole.count(t)) }
    }
    #expect(sum.count(.max) == 0)
  }

  /// TF-IDF with document frequencies counted by the caller equals counting them here.
  @Test func tfidfWithGivenFrequenciesMatches() {
    var builder = TFIDFBuilder()
    var df = TokenFrequencies(expected: 0)
    for text in FeaturesByteMatchTests.texts(seed: 38, count: 2000) {
      var tokens: [UInt64] = []
      TextTokens.append(text, skipping: [], to: &tokens)
      builder.add(&tokens)
    }
    for a in 0..<(builder.offsets.count - 1) {
      for k in Int(builder.offsets[a])..<Int(builder.offsets[a + 1]) { df.add(builder.tokens[k]) }
    }
    let given = builder.finish(documentFrequencies: df)
    let counted = builder.finish()
    #expect(given.offsets == counted.offsets)
    #expect(given.tokens == counted.tokens)
    #expect(given.weights == counted.weights)
    #expect(counted.tokens.count > 500)
  }
}

@Suite struct TokeniserLetterCaseTests {
  /// The letters the tokeniser counts on its way are the letters `LetterCase` counts alone,
  /// and counting does not change the tokens.
  @Test func countsLikeLetterCase() {
    for text in FeaturesByteMatchTests.texts(seed: 39, count: 3000) {
      var alone = TextTokens.LetterCase()
      alone.count(text)
      var onTheWay = TextTokens.LetterCase()
      var counted: [UInt64] = []
      var plain: [UInt64] = []
      TextTokens.append(text, skipping: Array("shop".utf8), to: &counted, letterCase: &onTheWay)
      TextTokens.append(text, skipping: Array("shop".utf8), to: &plain)
      #expect(onTheWay.upper == alone.upper && onTheWay.letters == alone.letters)
      #expect(counted == plain)
    }
  }
}

@Suite struct AsciiProductTests {
  /// Unit words in any case, digits inside words, more than three words, separators of
  /// every kind: the in-place word scan keeps what the copying scan kept.
  @Test(arguments: [
    "10 PCS Xanax bars", "Gram of KG weed", "MDMA x 100", "Oz OZ oz lb LB cocaine",
    "a b c d e", "2CB pills", "", "   ", "ketamine-HCL/crystal", "Mg MG mcg UG speed paste",
    "G", "x", "Units UNIT pack PACK", "LSD tabs 250ug", "weed\tkush\nhaze",
  ])
  func keepsTheCopyingScansWords(title: String) {
    let segment = title[...]
    #expect(
      ListingProducts.asciiProductWords(segment) == ReferenceFeatures.asciiProductWords(segment))
  }
}
