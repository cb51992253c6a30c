enum Hex {
  private static let digits = Array("0123456789ABCDEF".utf8)

  /// Upper-case hex, as GnuPG prints fingerprints and key IDs.
  static func upper<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The bytes of a hex string (pairs of digits; anything else is skipped).
  static func bytes(_ hex: String) -> [UInt8] {
    let digits = hex.utf8.compactMap { value($0) }
    return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
  }

  /// The value of a hex digit, or nil.
  @inline(__always)
  static func value(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: return c - 0x30
    case 0x41...0x46: return c - 0x41 + 10
    case 0x61...0x66: return c - 0x61 + 10
    default: return nil
    }
  }
}
