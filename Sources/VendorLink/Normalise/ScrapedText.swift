import Foundation

/// Cleaning shared by the normalisers: scraped fields carry HTML entities (`&nbsp;`, `&amp;`,
/// `&#233;`), newlines and indentation from the page source, and non-breaking spaces.
enum ScrapedText {
  /// Entities decoded, every run of Unicode whitespace (NBSP included) made one space, trimmed.
  static func clean(_ raw: String) -> String {
    let decoded = raw.utf8.contains(UInt8(ascii: "&")) ? decodeEntities(raw) : raw
    if decoded.utf8.allSatisfy({ $0 < 0x80 }) { return asciiClean(decoded) }
    var out = ""
    out.reserveCapacity(decoded.utf8.count)
    var pendingSpace = false
    for ch in decoded {
      if ch.isWhitespace || ch == "\u{200B}" || ch == "\u{FEFF}" {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(" ") }
        pendingSpace = false
        out.append(ch)
      }
    }
    return out
  }

  /// ``clean(_:)`` for ASCII text, byte by byte (Character properties are slow, and most
  /// fields are ASCII).
  private static func asciiClean(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for b in text.utf8 {
      if b == 0x20 || (0x09...0x0D).contains(b) {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(0x20) }
        pendingSpace = false
        out.append(b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A lookup key: lower case, diacritics removed ("België" → "belgie"), hyphens and
  /// underscores as spaces ("Guinea-Bissau" = "Guinea Bissau"), other punctuation dropped
  /// ("U.S.A." → "usa", "Undeclared;)" → "undeclared"), whitespace collapsed.
  static func key(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiKey(text) }
    let folded = text.lowercased().decomposedStringWithCanonicalMapping
    var out = ""
    var pendingSpace = false
    for scalar in folded.unicodeScalars {
      let props = scalar.properties
      if props.generalCategory == .nonspacingMark { continue }
      if scalar == "-" || scalar == "_" || props.isWhitespace {
        pendingSpace = !out.isEmpty
      } else if props.isAlphabetic || props.numericType != nil {
        if pendingSpace { out.append(" ") }
        pendingSpace = false
        if scalar == "ß" { out.append("ss") } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }

  /// ``key(_:)`` for ASCII text, byte by byte: the common case, and Foundation's
  /// decomposition is the slowest step of place parsing.
  private static func asciiKey(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for b in text.utf8 {
      switch b {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        if pendingSpace { out.append(0x20) }
        pendingSpace = false
        out.append(b + 0x20)
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        if pendingSpace { out.append(0x20) }
        pendingSpace = false
        out.append(b)
      case UInt8(ascii: "-"), UInt8(ascii: "_"), 0x20, 0x09...0x0D:
        pendingSpace = !out.isEmpty
      default:
        break
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Named entities seen in scraped market pages; numeric ones are decoded generally.
  private static let namedEntities: [Substring: String] = [
    "nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "#39": "'",
    "eacute": "é", "egrave": "è", "euml": "ë", "ouml": "ö", "uuml": "ü", "auml": "ä",
    "szlig": "ß", "ccedil": "ç", "aacute": "á", "iacute": "í", "oacute": "ó", "ntilde": "ñ",
    "mu": "µ", "micro": "µ", "frac12": "½", "frac14": "¼", "frac34": "¾", "times": "×",
    "ndash": "–", "mdash": "—", "euro": "€", "pound": "£",
  ]

  /// Decodes `&name;`, `&#N;` and `&#xH;`. Unknown or malformed entities stay as written;
  /// a code point that is not a valid scalar (e.g. `&#xD800;`) becomes U+FFFD.
  static func decodeEntities(_ s: String) -> String {
    var out = ""
    var i = s.startIndex
    while i < s.endIndex {
      guard s[i] == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") else {
        out.append(s[i])
        i = s.index(after: i)
        continue
      }
      let name = s[s.index(after: i)..<semi]
      if let text = namedEntities[name] {
        out += text
      } else if name.hasPrefix("#"), let scalar = numericEntity(name.dropFirst()) {
        out.unicodeScalars.append(scalar)
      } else {
        out.append("&")
        i = s.index(after: i)
        continue
      }
      i = s.index(after: semi)
    }
    return out
  }

  private static func numericEntity(_ digits: Substring) -> Unicode.Scalar? {
    let value: UInt32?
    if digits.hasPrefix("x") || digits.hasPrefix("X") {
      value = UInt32(digits.dropFirst(), radix: 16)
    } else {
      value = UInt32(digits, radix: 10)
    }
    guard let value else { return nil }
    return Unicode.Scalar(value) ?? "\u{FFFD}"
  }
}
