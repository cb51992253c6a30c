/// A minimal JSON Lines encoder for the generator's records, appending UTF-8 bytes straight
/// into a buffer.
///
/// Why hand-written: `JSONSerialization` builds a dictionary per record, sorts nothing, and
/// formats doubles its own way; at millions of records that costs most of the run. Here keys
/// are written in a fixed order (stable output for a seed) and numbers in fixed decimals.
public struct JSONLineEncoder: Sendable {
  public private(set) var bytes: [UInt8] = []
  private var needsComma = false

  public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

  public mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    needsComma = false
  }

  public mutating func beginObject() {
    bytes.append(UInt8(ascii: "{"))
    needsComma = false
  }

  public mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    needsComma = true
  }

  /// Ends a record: closes the object and starts a new line.
  public mutating func endLine() {
    bytes.append(UInt8(ascii: "}"))
    bytes.append(UInt8(ascii: "\n"))
    needsComma = false
  }

  public mutating func key(_ name: String) {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
    appendString(name)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  public mutating func field(_ name: String, _ value: String) {
    key(name)
    appendString(value)
    needsComma = true
  }

  public mutating func field(_ name: String, _ value: Int) {
    key(name)
    bytes.append(contentsOf: String(value).utf8)
    needsComma = true
  }

  /// A number with at most `decimals` digits after the point, trailing zeros dropped.
  public mutating func field(_ name: String, _ value: Double, decimals: Int) {
    key(name)
    appendFixed(value, decimals: decimals)
    needsComma = true
  }

  public mutating func field(_ name: String, _ values: [String]) {
    key(name)
    bytes.append(UInt8(ascii: "["))
    for (i, v) in values.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      appendString(v)
    }
    bytes.append(UInt8(ascii: "]"))
    needsComma = true
  }

  /// Opens a nested object as the value of `name`; close it with `endObject()`.
  public mutating func beginObject(_ name: String) {
    key(name)
    beginObject()
  }

  mutating func appendFixed(_ value: Double, decimals: Int) {
    precondition(value.isFinite && decimals >= 0 && decimals <= 12)
    var scale: Int64 = 1
    for _ in 0..<decimals { scale *= 10 }
    var scaled = Int64((abs(value) * Double(scale)).rounded())
    if value < 0 && scaled != 0 { bytes.append(UInt8(ascii: "-")) }
    var fraction = scaled % scale
    scaled /= scale
    bytes.append(contentsOf: String(scaled).utf8)
    guard fraction != 0 else { return }
    var digits = decimals
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    bytes.append(UInt8(ascii: "."))
    let text = String(fraction)
    for _ in 0..<(digits - text.utf8.count) { bytes.append(UInt8(ascii: "0")) }
    bytes.append(contentsOf: text.utf8)
  }

  /// A JSON string: quotes, backslashes and control characters escaped; everything else is
  /// written as UTF-8 (emoji and accents stay readable in the crawl files).
  mutating func appendString(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    var utf8 = value
    utf8.withUTF8 { raw in
      // Copy runs of bytes that need no escaping in one go; escape the rest one by one.
      var start = 0
      for (i, b) in raw.enumerated() where b < 0x20 || b == 34 || b == 92 {
        if i > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: raw[start..<i])) }
        appendEscaped(b)
        start = i + 1
      }
      if start < raw.count {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: raw[start...]))
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  private mutating func appendEscaped(_ b: UInt8) {
    switch b {
    case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
    case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
    case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
    case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
    case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
    default:
      let hex: [UInt8] = Array("0123456789abcdef".utf8)
      bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
    }
  }
}
