import Foundation

/// What a listing sells, reduced to a key two vendors' listings can share, on any market: the
/// product words of the title's first segment, without quantities, purities and shipping
/// blurbs (`10g Cocaine 85% - free shipping EU` → `cocaine`); the category only when the title
/// names nothing.
public enum ListingProducts {
  /// Words that measure rather than name a product.
  static let unitWords: Set<String> = [
    "g", "gr", "gram", "grams", "kg", "mg", "ug", "mcg", "ml", "oz", "lb", "x", "pcs", "pc",
    "pack", "units", "unit",
  ]

  /// The product key of a listing, or nil when the title names nothing.
  public static func key(title: String?, category: String?) -> String? {
    guard let title else { return category?.lowercased() }
    return key(title: title, segmentEnd: firstSegmentEnd(title), category: category)
  }

  /// `key`, given where the title's first segment ends (`firstSegmentEnd`).
  static func key(title: String, segmentEnd: Int, category: String?) -> String? {
    let segment = prefix(title, segmentEnd)
    if let product = asciiProduct(segment) { return key(product: product, category: category) }
    return key(productWords(segment), category: category)
  }

  /// The words of a title segment that name a product: lower-cased runs of letters and
  /// digits without any digit (quantities, purities) and without unit words.
  static func productWords(_ segment: Substring) -> [String] {
    var words: [String] = []
    var current = ""
    var hasDigit = false
    func flush() {
      if !current.isEmpty && !hasDigit && !unitWords.contains(current) {
        words.append(current)
      }
      current = ""
      hasDigit = false
    }
    for ch in segment.lowercased() {
      if ch.isLetter {
        current.append(ch)
      } else if ch.isNumber {
        hasDigit = true
        current.append(ch)
      } else {
        flush()
      }
    }
    flush()
    return words
  }

  static func key(_ words: [String], category: String?) -> String? {
    // Three words name a product ("psilocybin mushrooms", "lsd tabs"); more is a pitch.
    key(product: words.prefix(3).joined(separator: " "), category: category)
  }

  /// The key of product words already joined by spaces. The category is only the fallback
  /// when the title names nothing: categories are each market's own taxonomy ("Drugs >
  /// Cannabis > Weed" on one, "Cannabis & Hashish" on another), so a key that included them
  /// never matched across markets (Hansa × AlphaBay: "products none shared" for vendors whose
  /// titles are word for word the same).
  static func key(product: String, category: String?) -> String? {
    if product.isEmpty { return category?.lowercased() }
    return product
  }

  /// The product words of an all-ASCII segment, read as bytes (the same words the Character
  /// loop finds: in ASCII, letters are A–Z and a–z and numbers are 0–9), or nil when the
  /// segment has other characters. Most titles are ASCII, and the Unicode property lookups
  /// of the general loop cost more than the rest of the evidence loading.
  static func asciiProductWords(_ segment: Substring) -> [String]? {
    asciiProduct(segment).map { $0.split(separator: " ").map(String.init) }
  }

  /// `asciiProductWords` joined by spaces, built as bytes: one `String` per listing instead
  /// of one per word and one for the join.
  static func asciiProduct(_ segment: Substring) -> String? {
    var segment = segment
    return segment.withUTF8 { asciiProduct(bytes: $0) }
  }

  /// Words are read where they lie in `bytes` and copied (lower-cased) only when kept: one
  /// allocation per title, not one more for a word buffer.
  static func asciiProduct(bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var product: [UInt8] = []
    var words = 0
    var wordStart = 0
    var hasDigit = false
    func flush(_ end: Int) {
      guard end > wordStart && !hasDigit && words < 3 else { return }
      // No digit: the word is letters only, lower-cased by setting bit 5.
      let word = UnsafeBufferPointer(rebasing: bytes[wordStart..<end])
      if isUnitWord(word) { return }
      if words > 0 { product.append(UInt8(ascii: " ")) }
      for b in word { product.append(b | 0x20) }
      words += 1
    }
    for k in 0..<bytes.count {
      switch bytes[k] {
      case 0x80...: return nil
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"): continue
      case UInt8(ascii: "0")...UInt8(ascii: "9"): hasDigit = true
      default:
        flush(k)
        wordStart = k + 1
        hasDigit = false
      }
    }
    flush(bytes.count)
    return String(decoding: product, as: UTF8.self)
  }

  /// `unitWords` as bytes, for `isUnitWord`.
  static let unitWordBytes: [[UInt8]] = unitWords.map { Array($0.utf8) }

  /// Whether the ASCII letters `word`, lower-cased, are a unit word, without making a
  /// `String` of them (all are at most 5 bytes, so most words are ruled out by their length).
  static func isUnitWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
    guard word.count <= 5 else { return false }
    return unitWordBytes.contains { unit in
      unit.count == word.count && zip(unit, word).allSatisfy { $0 == $1 | 0x20 }
    }
  }

  /// Separators vendors put between product and pitch.
  static let separators: [[UInt8]] = [" - ", " | ", " / ", " – ", " :: ", "***", "!!"].map {
    Array($0.utf8)
  }

  /// The title up to the first separator vendors put between product and pitch.
  static func firstSegment(_ title: String) -> Substring {
    prefix(title, firstSegmentEnd(title))
  }

  /// The length in bytes of the title's first segment (a byte scan in the string's own
  /// storage: Foundation's `range(of:)`, and before it a copy of the bytes and of every
  /// candidate window, cost more than all other listing features).
  static func firstSegmentEnd(_ title: String) -> Int {
    var title = title
    return title.withUTF8 { bytes in
      var end = bytes.count
      guard let base = bytes.baseAddress else { return 0 }
      // Each separator's first occurrence that ends before the earliest one found so far.
      for sep in separators where sep.count <= end {
        if let i = firstOccurrence(of: sep, in: UnsafeBufferPointer(start: base, count: end)) {
          end = i
        }
      }
      return end
    }
  }

  /// The first `bytes` UTF-8 bytes of `title`.
  static func prefix(_ title: String, _ bytes: Int) -> Substring {
    title[title.startIndex..<title.utf8.index(title.utf8.startIndex, offsetBy: bytes)]
  }

  /// Where `needle` (not empty) first occurs whole in `haystack`: memchr finds candidates
  /// for its first byte, memcmp checks the rest.
  static func firstOccurrence(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>)
    -> Int?
  {
    needle.withUnsafeBufferPointer { firstOccurrence(of: $0, in: haystack) }
  }

  static func firstOccurrence(
    of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>
  ) -> Int? {
    guard let base = haystack.baseAddress, let first = needle.baseAddress,
      !needle.isEmpty && needle.count <= haystack.count
    else { return nil }
    let lastStart = haystack.count - needle.count
    var i = 0
    while i <= lastStart {
      guard let hit = memchr(base + i, Int32(first[0]), lastStart - i + 1) else { return nil }
      let j = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
      if memcmp(base + j, first, needle.count) == 0 { return j }
      i = j + 1
    }
    return nil
  }

  /// A quantity and unit written at the start of a title (`3.5g`, `100x`, `10 pcs`), for
  /// listings that ingest did not already parse. Units are folded: grams for mass, items
  /// for counts.
  public static func leadingQuantity(_ title: String) -> (quantity: Double, unit: String)? {
    let scalars = Array(title.utf8)
    var i = 0
    while i < scalars.count && scalars[i] == UInt8(ascii: " ") { i += 1 }
    let numberStart = i
    while i < scalars.count
      && ((scalars[i] >= 48 && scalars[i] <= 57) || scalars[i] == UInt8(ascii: "."))
    {
      i += 1
    }
    guard i > numberStart,
      let q = Double(String(decoding: scalars[numberStart..<i], as: UTF8.self)), q > 0
    else { return nil }
    while i < scalars.count && scalars[i] == UInt8(ascii: " ") { i += 1 }
    var unitEnd = i
    while unitEnd < scalars.count
      && ((scalars[unitEnd] | 0x20) >= UInt8(ascii: "a")
        && (scalars[unitEnd] | 0x20) <= UInt8(ascii: "z"))
    {
      unitEnd += 1
    }
    let unit = String(decoding: scalars[i..<unitEnd], as: UTF8.self).lowercased()
    switch unit {
    case "g", "gr", "gram", "grams": return (q, "g")
    case "kg": return (q * 1000, "g")
    case "mg": return (q / 1000, "g")
    case "x", "pcs", "pc", "pills", "tabs", "units": return (q, "x")
    default: return nil
    }
  }
}
