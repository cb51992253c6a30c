import Foundation

/// Where and why a JSON text is malformed (byte offset within the line).
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  public let offset: Int
  public let reason: String
  public var description: String { "invalid JSON at byte \(offset + 1): \(reason)" }
}

/// A strict RFC 8259 parser for one crawl line.
///
/// Hand-written because Foundation's JSONSerialization on Linux parses crawl lines at about a
/// fifth of the rate we need (the ingest target is 50 MB/s on one core), and because errors
/// must say where a line is broken. Untrusted input: nesting is capped (`maxDepth`) and the
/// parser iterates over bytes without recursion deeper than the cap; it is fuzzed.
public struct JSONParser {
  /// Crawl records nest two or three levels; 64 leaves room for odd unknown fields while
  /// bounding the stack against hostile input.
  public static let maxDepth = 64

  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue
  {
    var p = JSONParser(bytes: bytes)
    p.skipWhitespace()
    let v = try p.value(depth: 0)
    p.skipWhitespace()
    if p.i != bytes.count { throw p.fail("unexpected data after the value") }
    return v
  }

  public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    var copy = text
    do {
      return try copy.withUTF8 { buf in try parse(buf) }
    } catch let e as JSONSyntaxError {
      throw e
    } catch {
      throw JSONSyntaxError(offset: 0, reason: "\(error)")
    }
  }

  let b: UnsafeBufferPointer<UInt8>
  var i = 0

  init(bytes: UnsafeBufferPointer<UInt8>) { self.b = bytes }

  func fail(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(offset: i, reason: reason) }

  mutating func skipWhitespace() {
    while i < b.count {
      let c = b[i]
      if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { return }
    }
  }

  mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard i < b.count else { throw fail("unexpected end of line") }
    switch b[i] {
    case UInt8(ascii: "{"): return try object(depth: depth + 1)
    case UInt8(ascii: "["): return try array(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw fail("unexpected character")
    }
  }

  mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
    let n = word.utf8CodeUnitCount
    guard i + n <= b.count else { throw fail("truncated literal") }
    let w = word.utf8Start
    for k in 0..<n where b[i + k] != w[k] { throw fail("invalid literal") }
    i += n
  }

  mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    if depth > JSONParser.maxDepth { throw fail("nesting deeper than \(JSONParser.maxDepth)") }
    i += 1
    var pairs: [(String, JSONValue)] = []
    skipWhitespace()
    if i < b.count, b[i] == UInt8(ascii: "}") {
      i += 1
      return .object(pairs)
    }
    while true {
      skipWhitespace()
      guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a key string") }
      let key = try string()
      skipWhitespace()
      guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
      i += 1
      skipWhitespace()
      pairs.append((key, try value(depth: depth)))
      skipWhitespace()
      guard i < b.count else { throw fail("unterminated object") }
      if b[i] == UInt8(ascii: ",") {
        i += 1
      } else if b[i] == UInt8(ascii: "}") {
        i += 1
        return .object(pairs)
      } else {
        throw fail("expected ',' or '}'")
      }
    }
  }

  mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    if depth > JSONParser.maxDepth { throw fail("nesting deeper than \(JSONParser.maxDepth)") }
    i += 1
    var items: [JSONValue] = []
    skipWhitespace()
    if i < b.count, b[i] == UInt8(ascii: "]") {
      i += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try value(depth: depth))
      skipWhitespace()
      guard i < b.count else { throw fail("unterminated array") }
      if b[i] == UInt8(ascii: ",") {
        i += 1
      } else if b[i] == UInt8(ascii: "]") {
        i += 1
        return .array(items)
      } else {
        throw fail("expected ',' or ']'")
      }
    }
  }

  mutating func string() throws(JSONSyntaxError) -> String {
    i += 1  // opening quote
    let start = i
    // Fast path: no escapes.
    while i < b.count {
      let c = b[i]
      if c == UInt8(ascii: "\"") {
        let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        i += 1
        return s
      }
      if c == UInt8(ascii: "\\") { break }
      if c < 0x20 { throw fail("control character in string") }
      i += 1
    }
    var out = [UInt8](UnsafeBufferPointer(rebasing: b[start..<i]))
    while i < b.count {
      let c = b[i]
      if c == UInt8(ascii: "\"") {
        i += 1
        return String(decoding: out, as: UTF8.self)
      }
      if c < 0x20 { throw fail("control character in string") }
      if c != UInt8(ascii: "\\") {
        out.append(c)
        i += 1
        continue
      }
      i += 1
      guard i < b.count else { break }
      let e = b[i]
      i += 1
      switch e {
      case UInt8(ascii: "\""): out.append(0x22)
      case UInt8(ascii: "\\"): out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
          // A high surrogate must be followed by an escaped low surrogate.
          if i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") {
            i += 2
            let low = try hex4()
            if (0xDC00..<0xE000).contains(low) {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
              scalar = 0xFFFD
            }
          } else {
            scalar = 0xFFFD
          }
        } else if (0xDC00..<0xE000).contains(scalar) {
          scalar = 0xFFFD
        }
        let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(u).utf8))
      default: throw fail("invalid escape")
      }
    }
    throw fail("unterminated string")
  }

  mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
    guard i + 4 <= b.count else { throw fail("truncated \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = b[i]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw fail("invalid hex digit in \\u escape")
      }
      v = v << 4 | d
      i += 1
    }
    return v
  }

  mutating func number() throws(JSONSyntaxError) -> Double {
    let start = i
    if b[i] == UInt8(ascii: "-") { i += 1 }
    guard i < b.count, isDigit(b[i]) else { throw fail("invalid number") }
    if b[i] == UInt8(ascii: "0") {
      i += 1
    } else {
      while i < b.count, isDigit(b[i]) { i += 1 }
    }
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      guard i < b.count, isDigit(b[i]) else { throw fail("invalid number") }
      while i < b.count, isDigit(b[i]) { i += 1 }
    }
    if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
      i += 1
      if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
      guard i < b.count, isDigit(b[i]) else { throw fail("invalid number") }
      while i < b.count, isDigit(b[i]) { i += 1 }
    }
    let n = i - start
    // strtod needs a terminated string; numbers in crawls are short.
    guard n < 64 else { throw JSONSyntaxError(offset: start, reason: "number too long") }
    let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { tmp in
      for k in 0..<n { tmp[k] = CChar(bitPattern: b[start + k]) }
      tmp[n] = 0
      return strtod(tmp.baseAddress!, nil)
    }
    // "1e999" is valid JSON but no price or count: refuse it rather than store infinity.
    guard value.isFinite else {
      throw JSONSyntaxError(offset: start, reason: "number out of range")
    }
    return value
  }

  @inline(__always) func isDigit(_ c: UInt8) -> Bool {
    c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
  }
}
