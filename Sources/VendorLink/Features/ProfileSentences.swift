import Foundation

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
    var profile = profile
    var handle = handle
    let own = handle.withUTF8 { normalise($0) }
    var sentence: [UInt8] = []
    profile.withUTF8 { append(bytes: $0, own: own, to: &out, buffer: &sentence) }
  }

  /// `append` on the profile's bytes, `own` the normalised handle: each sentence is
  /// normalised into `buffer` (reused: no allocation per sentence; it is resized to the
  /// profile's length, which no sentence's normalised form exceeds), the handle removed and
  /// the spaces collapsed in place, and hashed there.
  static func append(
    bytes text: UnsafeBufferPointer<UInt8>, own: [UInt8], to out: inout [UInt64],
    buffer: inout [UInt8]
  ) {
    if buffer.count < text.count { buffer = [UInt8](repeating: 0, count: text.count) }
    own.withUnsafeBufferPointer { own in
      buffer.withUnsafeMutableBufferPointer { buffer in
        var start = 0
        for k in 0...text.count {
          if k < text.count {
            let b = text[k]
            // Every terminator is at most `?` (0x3F): letters, most of a text, end here.
            guard b <= UInt8(ascii: "?") else { continue }
            let terminator =
              b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
              || ((b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?"))
                && (k + 1 == text.count || text[k + 1] == UInt8(ascii: " ")))
            guard terminator else { continue }
          }
          var n = normalise(UnsafeBufferPointer(rebasing: text[start..<k]), into: buffer)
          n = removeInPlace(own, from: buffer, count: n)
          if n >= 4 {
            let sentence = UnsafeBufferPointer(rebasing: buffer[0..<n])
            out.append(TextTokens.mix(TextTokens.fnv1a(sentence)))
          }
          start = k + 1
        }
      }
    }
  }

  /// The text token of a sentence hash: remixed so that it cannot collide with a word's.
  @inline(__always) public static func textToken(_ sentence: UInt64) -> UInt64 {
    TextTokens.mix(sentence ^ 0x5345_4e54_454e_4345)  // "SENTENCE"
  }

  /// ASCII letters lower-cased and digits and non-ASCII bytes kept; every run of other bytes
  /// one space, none at the ends.
  static func normalise(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: bytes.count)
    let n = out.withUnsafeMutableBufferPointer { normalise(bytes, into: $0) }
    out.removeLast(out.count - n)
    return out
  }

  /// `normalise` written to the start of `out` (room for `bytes.count` bytes, which the
  /// normalised form never exceeds); returns its length.
  static func normalise(
    _ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>
  )
    -> Int
  {
    precondition(out.count >= bytes.count)
    var n = 0
    var pendingSpace = false
    for b in bytes {
      let isLetter = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
      let isDigit = b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
      if isLetter || isDigit || b >= 0x80 {
        if pendingSpace && n > 0 {
          out[n] = UInt8(ascii: " ")
          n += 1
        }
        pendingSpace = false
        out[n] = isLetter ? b | 0x20 : b
        n += 1
      } else {
        pendingSpace = true
      }
    }
    return n
  }

  /// Removes from the normalised sentence `s[0..<count]` the whole-word occurrences of the
  /// normalised `word` (which may span several words), then collapses the spaces left
  /// behind; returns the new length. In place: the write position never passes the read
  /// position, and every byte a match reads is at or after the read position, so still the
  /// original.
  static func removeInPlace(
    _ word: UnsafeBufferPointer<UInt8>, from s: UnsafeMutableBufferPointer<UInt8>, count n: Int
  ) -> Int {
    guard let w0 = word.baseAddress, let s0 = s.baseAddress, !word.isEmpty && word.count <= n
    else { return n }
    // Most sentences do not contain the handle at all: then nothing is removed, and a
    // normalised sentence has no spaces to collapse.
    let sentence = UnsafeBufferPointer(start: UnsafePointer(s0), count: n)
    guard ListingProducts.firstOccurrence(of: word, in: sentence) != nil else { return n }
    let space = UInt8(ascii: " ")
    var w = 0
    var i = 0
    while i < n {
      let end = i + word.count
      if (i == 0 || s[i - 1] == space) && end <= n && (end == n || s[end] == space)
        && memcmp(s.baseAddress! + i, w0, word.count) == 0
      {
        i = end
        continue
      }
      s[w] = s[i]
      w += 1
      i += 1
    }
    // Collapse: no space at the start, after another space, or at the end.
    var c = 0
    for k in 0..<w where s[k] != space || (c > 0 && s[c - 1] != space) {
      s[c] = s[k]
      c += 1
    }
    return c > 0 && s[c - 1] == space ? c - 1 : c
  }

  /// `removeInPlace` on an array (for tests).
  static func removeInPlace(_ word: [UInt8], from sentence: inout [UInt8]) {
    let n = sentence.count
    let kept = word.withUnsafeBufferPointer { word in
      sentence.withUnsafeMutableBufferPointer { removeInPlace(word, from: $0, count: n) }
    }
    sentence.removeLast(n - kept)
  }
}
