#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Undoes what web scraping does to an armored block before its base64 is read: HTML entities
/// (`&#43;` `&#x2F;` `&amp;` …) become their characters, tags (`<br>`, `<p>`) and escaped line
/// breaks (`\n`, `\r`, `\t`) become line breaks, JSON escapes (`\/`, `\u002B`) their characters.
enum ArmorCleaner {
  /// True when `text[range]` holds anything this cleaner would change.
  static func needsCleaning(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    guard let base = text.baseAddress, !range.isEmpty else { return false }
    // memchr runs at memory speed; a byte loop over a 38 MB keyring cost a third of the time.
    for c in [0x26, 0x3C, 0x5C] as [Int32]
    where memchr(base + range.lowerBound, c, range.count) != nil {
      return true
    }
    return false
  }

  /// A tag longer than this is not treated as one: real ones (`<br />`, `<p class="x">`) are
  /// short, and the bound stops a stray `<` from swallowing the block.
  private static let maxTagLength = 200
  /// Longest entity read (`&#x0000002B;` is 12 bytes; named ones are shorter).
  private static let maxEntityLength = 12

  private static let named: [String: UInt8] = [
    "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0x20,
    "plus": 0x2B, "sol": 0x2F, "equals": 0x3D, "NewLine": 0x0A, "Tab": 0x09, "colon": 0x3A,
    "hyphen": 0x2D, "dash": 0x2D,
  ]

  static func clean(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(range.count)
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      let c = text[i]
      switch c {
      case 0x26:  // &
        if let (value, length) = entity(text, i, end) {
          out.append(value)
          i += length
          continue
        }
      case 0x3C:  // <
        var j = i + 1
        let limit = min(end, i + maxTagLength)
        while j < limit && text[j] != 0x3E { j += 1 }
        if j < limit {
          out.append(0x0A)
          i = j + 1
          continue
        }
      case 0x5C:  // backslash
        if i + 1 < end {
          switch text[i + 1] {
          case 0x6E, 0x72, 0x74:  // n r t
            out.append(0x0A)
            i += 2
            continue
          case 0x2F, 0x2B, 0x3D:  // \/ \+ \=
            out.append(text[i + 1])
            i += 2
            continue
          case 0x75:  // \uXXXX
            if i + 6 <= end, let v = hexValue(text, i + 2, i + 6) {
              out.append(v < 0x80 ? UInt8(v) : 0x20)
              i += 6
              continue
            }
          default: break
          }
        }
      default: break
      }
      out.append(c)
      i += 1
    }
    return out
  }

  private static func hexValue(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
    guard from < to else { return nil }
    var v = 0
    for j in from..<to {
      guard let d = Hex.value(text[j]) else { return nil }
      v = v << 4 | Int(d)
      if v > 0x10FFFF { return nil }
    }
    return v
  }

  /// The character of the entity at `start` (ASCII, or a space for anything else) and the
  /// entity's length including an optional `;`.
  private static func entity(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> (UInt8, Int)?
  {
    var j = start + 1
    let limit = min(end, start + maxEntityLength)
    guard j < limit else { return nil }
    var value: Int? = nil
    if text[j] == 0x23 {  // #
      j += 1
      var isHex = false
      if j < limit && (text[j] == 0x78 || text[j] == 0x58) {
        isHex = true
        j += 1
      }
      let digitsStart = j
      while j < limit, let d = Hex.value(text[j]), isHex || d < 10 { j += 1 }
      guard j > digitsStart else { return nil }
      var v = 0
      for k in digitsStart..<j {
        v = v * (isHex ? 16 : 10) + Int(Hex.value(text[k])!)
        if v > 0x10FFFF { return nil }
      }
      value = v
    } else {
      let nameStart = j
      while j < limit && isLetter(text[j]) { j += 1 }
      guard j > nameStart, j < end, text[j] == 0x3B else { return nil }
      let name = String(decoding: UnsafeBufferPointer(rebasing: text[nameStart..<j]), as: UTF8.self)
      guard let v = named[name] else { return nil }
      value = Int(v)
    }
    guard let v = value else { return nil }
    if j < end && text[j] == 0x3B { j += 1 }
    return (v < 0x80 ? UInt8(v) : 0x20, j - start)
  }

  private static func isLetter(_ c: UInt8) -> Bool {
    (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
  }
}
