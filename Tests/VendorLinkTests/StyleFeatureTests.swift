import Foundation
import Testing

@testable import VendorLink

/// Profile sentences and title pitches: what is split, normalised and removed.
@Suite struct StyleFeatureTests {
  func sentences(_ profile: String, handle: String = "") -> [UInt64] {
    var out: [UInt64] = []
    ProfileSentences.append(profile, handle: handle, to: &out)
    return out
  }

  @Test(
    arguments: [
      // (profile, handle, expected normalised sentences)
      (
        "Welcome to DarkShop! We ship fast. PGP below.", "DarkShop",
        ["welcome to", "we ship fast", "pgp below"]
      ),
      ("Version 2.0 is out.\nNo refunds", "", ["version 2 0 is out", "no refunds"]),
      ("WE SHIP  FROM NL...", "", ["we ship from nl"]),
      ("hi. ok. thanks, pure_leaf!", "pure_leaf", ["thanks"]),
      ("Café au lait ☕ daily.", "", ["café au lait ☕ daily"]),
    ] as [(String, String, [String])])
  func splitsAndNormalises(profile: String, handle: String, expected: [String]) {
    let want = expected.map { s in
      Array(s.utf8).withUnsafeBufferPointer { TextTokens.mix(TextTokens.fnv1a($0)) }
    }
    #expect(sentences(profile, handle: handle) == want)
  }

  /// The handle is removed as a whole word only, so sentences naming other shops differ.
  @Test func removesTheHandleAsAWholeWord() {
    #expect(sentences("Welcome to KingShop", handle: "King") != sentences("Welcome to", handle: ""))
    #expect(sentences("Welcome to King_Shop", handle: "king shop") == sentences("Welcome to"))
  }

  /// Property: case, punctuation runs and the handle's spelling never change the hashes.
  @Test func invariantToCaseAndPunctuation() {
    var rng = SplitMix64(seed: 11)
    let words = ["we", "ship", "fast", "stealth", "guaranteed", "monero", "only", "eu"]
    for _ in 0..<200 {
      let sentenceWords = (0..<(2 + rng.int(5))).map { _ in words[rng.int(words.count)] }
      let plain = sentenceWords.joined(separator: " ") + ". shop Xy."
      let noisy =
        sentenceWords.map { rng.int(2) == 0 ? $0.uppercased() : $0 }.joined(
          separator: [" ", " - ", ", ", "  "][rng.int(4)]) + "!! shop xY?"
      #expect(sentences(plain, handle: "Xy") == sentences(noisy, handle: "xy"))
    }
  }

  @Test(
    arguments: [
      ("10g Cocaine 85% - free shipping EU", "free shipping eu"),
      ("5x LSD | FE only!!", "fe only"),
      ("2C-B 20mg - Free Shipping EU ", "free shipping eu"),
      ("1g Ketamine – ★★ stealth", "★★ stealth"),
    ] as [(String, String)])
  func pitchIsTheTextAfterTheProduct(title: String, pitch: String) {
    let want = Array(pitch.utf8).withUnsafeBufferPointer { TextTokens.mix(TextTokens.fnv1a($0)) }
    #expect(ListingPitches.hash(title) == want)
  }

  @Test func titlesWithoutPitchHaveNone() {
    #expect(ListingPitches.hash("10g Cocaine 85%") == nil)
    #expect(ListingPitches.hash("Speed - !!") == nil)
  }

  /// Levels of the two comparisons on hand-made evidence.
  @Test func levels() {
    var e = AccountEvidence()
    func add(sentences: [(UInt64, Float)], pitches: [UInt64]) {
      e.accountIDs.append(Int64(e.count))
      e.handles.append("v\(e.count)")
      e.handleFolded.append(Array("v\(e.count)".utf8))
      e.handleCore.append(Array("v\(e.count)".utf8))
      for (s, w) in sentences {
        e.sentences.append(s)
        e.sentenceWeights.append(w)
      }
      e.sentenceOffsets.append(Int32(e.sentences.count))
      e.pitches.append(contentsOf: pitches)
      e.pitchOffsets.append(Int32(e.pitches.count))
    }
    add(sentences: [(1, 1), (2, 1), (3, 2)], pitches: [5, 6])
    add(sentences: [(1, 1), (2, 1), (4, 2)], pitches: [5, 6])
    add(sentences: [(3, 2), (9, 8)], pitches: [6, 7, 8])
    add(sentences: [], pitches: [])
    let cmp = PairComparer(e)
    // Shared weight 2 over union 6: 0.33.
    #expect(cmp.sentencesLevel(0, 1) == 0)
    #expect(abs(cmp.sentenceOverlap(0, 1)!.jaccard - 2.0 / 6.0) < 1e-9)
    // Shared 2 over union 14: 0.14.
    #expect(cmp.sentencesLevel(0, 2) == 2)
    #expect(cmp.sentencesLevel(1, 2) == 4)
    #expect(cmp.sentencesLevel(0, 3) == -1)
    #expect(cmp.pitchesLevel(0, 1) == 0)
    #expect(cmp.pitchesLevel(0, 2) == 2)
    #expect(cmp.pitchesLevel(0, 3) == -1)
  }
}
