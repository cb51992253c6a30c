/// The sentences of a vendor profile, normalised and hashed, without the vendor's own handle:
/// the unit a vendor copies from one account's profile to the next.
///
/// Why a feature of its own: a bag of words spreads a copied sentence over tokens that other
/// sentences share too; whole sentences are much rarer, so sharing several of them is strong
/// evidence of one author. On gen.py 3×20k, 90 % of the aliases linking missed shared at
/// least 0.3 of their profile sentences (weighted by rarity) and 90 % of the non-matching
/// candidates at most 0.1. Weighted by rarity (`Comparison.sentences`), a market's
/// boilerplate ("PGP key below") counts for little.
public enum ProfileSentences {
  /// Appends the hashes of `profile`'s sentences to `out`: split at `.`, `!`, `?` followed
  /// by a space or the end, and at line breaks; ASCII letters lower-cased, each run of other
  /// ASCII characters made one space (non-ASCII bytes kept); occurrences of `handle`
  /// (normalised the same way) removed; sentences with fewer than 4 bytes left skipped.
  public static func append(_ profile: String, handle: String, to out: inout [UInt64]) {
    let own = normalise(Array(handle.utf8)[...])
    var start = profile.utf8.startIndex
    var index = start
    let utf8 = profile.utf8
    func flush(_ end: String.UTF8View.Index) {
      var sentence = normalise(Array(utf8[start..<end])[...])
      if !own.isEmpty { sentence = removing(own, from: sentence) }
      if sentence.count >= 4 {
        out.append(sentence.withUnsafeBufferPointer { TextTokens.mix(TextTokens.fnv1a($0)) })
      }
    }
    while index < utf8.endIndex {
      let b = utf8[index]
      let next = utf8.index(after: index)
      let terminator =
        b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
        || ((b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?"))
          && (next == utf8.endIndex || utf8[next] == UInt8(ascii: " ")))
      if terminator {
        flush(index)
        start = next
      }
      index = next
    }
    flush(utf8.endIndex)
  }

  /// The text token of a sentence hash: remixed so that it cannot collide with a word's.
  @inline(__always) public static func textToken(_ sentence: UInt64) -> UInt64 {
    TextTokens.mix(sentence ^ 0x5345_4e54_454e_4345)  // "SENTENCE"
  }

  /// ASCII letters lower-cased and digits and non-ASCII bytes kept; every run of other bytes
  /// one space, none at the ends.
  static func normalise(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var pendingSpace = false
    for b in bytes {
      let isLetter = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
      let isDigit = b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
      if isLetter || isDigit || b >= 0x80 {
        if pendingSpace && !out.isEmpty { out.append(UInt8(ascii: " ")) }
        pendingSpace = false
        out.append(isLetter ? b | 0x20 : b)
      } else {
        pendingSpace = true
      }
    }
    return out
  }

  /// `sentence` without the whole-word occurrences of `word` (both normalised), spaces
  /// collapsed again.
  static func removing(_ word: [UInt8], from sentence: [UInt8]) -> [UInt8] {
    guard word.count <= sentence.count else { return sentence }
    var kept: [UInt8] = []
    kept.reserveCapacity(sentence.count)
    var i = 0
    let space = UInt8(ascii: " ")
    while i < sentence.count {
      let atWordStart = i == 0 || sentence[i - 1] == space
      let end = i + word.count
      if atWordStart && end <= sentence.count
        && (end == sentence.count || sentence[end] == space)
        && sentence[i..<end].elementsEqual(word)
      {
        i = end
        continue
      }
      kept.append(sentence[i])
      i += 1
    }
    return normalise(kept[...])
  }
}
