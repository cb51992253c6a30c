import Foundation

@testable import VendorLink

/// Profile sentences and title pitches as they were before they were rewritten on bytes
/// (a copy of each sentence, of its normalised form and of the form without the handle; the
/// title split as `Substring`s), kept as the specification the fast versions must match
/// (`StyleFeatureByteMatchTests`). Generic over the text's bytes, so that invalid UTF-8,
/// which a `String` would have repaired, can be fed to both.
enum ReferenceStyleFeatures {
  static func sentences<C: Collection>(_ utf8: C, handle: String) -> [UInt64]
  where C.Element == UInt8 {
    var out: [UInt64] = []
    let own = normalise(Array(handle.utf8)[...])
    var start = utf8.startIndex
    var index = start
    func flush(_ end: C.Index) {
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
    return out
  }

  static func normalise(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
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

  static func removing(_ word: [UInt8], from sentence: [UInt8]) -> [UInt8] {
    guard word.count <= sentence.count else { return sentence }
    var kept: [UInt8] = []
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

  /// `ListingPitches.hash` on `Substring`s and copies.
  static func pitch(_ title: String) -> UInt64? {
    let segment = ReferenceFeatures.firstSegment(title)
    var rest = title.utf8[segment.utf8.endIndex...]
    if let sep = ListingProducts.separators.first(where: { rest.starts(with: $0) }) {
      rest = rest.dropFirst(sep.count)
    }
    let normalised = normalise(Array(rest)[...])
    if normalised.isEmpty { return nil }
    return normalised.withUnsafeBufferPointer { TextTokens.mix(TextTokens.fnv1a($0)) }
  }

  /// An account's distinct tokens, ascending, with their counts: sort, then count runs.
  static func termCounts(_ tokens: [UInt64]) -> (tokens: [UInt64], counts: [Float]) {
    TFIDFBuilder.termCounts(sorted: tokens.sorted())
  }
}
