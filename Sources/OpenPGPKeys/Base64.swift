/// A lenient base64 decoder for armor bodies: it skips whitespace wherever it appears (scrapes
/// put spaces, tabs and line breaks anywhere, or none at all) and stops at the first `=` or
/// at the first byte that is not base64.
enum Base64 {
  static let skip: UInt8 = 0x40
  static let pad: UInt8 = 0x41
  static let invalid: UInt8 = 0xFF

  /// Value of each byte: 0–63 for the alphabet, `skip` for whitespace (and the bytes of a UTF-8
  /// no-break space, 0xC2 0xA0, which HTML scrapes leave behind), `pad` for `=`.
  static let table: [UInt8] = {
    var t = [UInt8](repeating: invalid, count: 256)
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
    for c in [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0xC2] { t[c] = skip }
    t[Int(UInt8(ascii: "="))] = pad
    return t
  }()

  static func isAlphabet(_ byte: UInt8) -> Bool { table[Int(byte)] < 64 }

  struct Decoded {
    var bytes: [UInt8]
    /// Where a non-base64 byte stopped decoding, if one did.
    var invalidAt: Int?
    /// The first text position not consumed (past a `=` that ended the data).
    var end: Int
  }

  /// Decodes `text[range]`, producing at most `limit` bytes (a little more is never returned).
  static func decode(
    _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, limit: Int = Int.max
  ) -> Decoded {
    let capacity = min(range.count / 4 * 3 + 3, limit)
    var invalidAt: Int? = nil
    var stoppedAt = range.upperBound
    let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
      table.withUnsafeBufferPointer { t in
        var acc: UInt32 = 0
        var quads = 0
        var n = 0
        var i = range.lowerBound
        let end = range.upperBound
        while i < end && n + 3 <= capacity {
          // Fast path: four alphabet characters at a group boundary (nearly every group of a
          // well-formed body) decode to three bytes at once.
          if quads == 0 && i + 4 <= end {
            let a = t[Int(text[i])]
            let b = t[Int(text[i + 1])]
            let c = t[Int(text[i + 2])]
            let d = t[Int(text[i + 3])]
            if (a | b | c | d) < 64 {
              let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
              out[n] = UInt8(truncatingIfNeeded: v >> 16)
              out[n + 1] = UInt8(truncatingIfNeeded: v >> 8)
              out[n + 2] = UInt8(truncatingIfNeeded: v)
              n += 3
              i += 4
              continue
            }
          }
          let v = t[Int(text[i])]
          i += 1
          if v < 64 {
            acc = (acc << 6) | UInt32(v)
            quads += 1
            if quads == 4 {
              out[n] = UInt8(truncatingIfNeeded: acc >> 16)
              out[n + 1] = UInt8(truncatingIfNeeded: acc >> 8)
              out[n + 2] = UInt8(truncatingIfNeeded: acc)
              n += 3
              quads = 0
              acc = 0
            }
          } else if v == skip {
            continue
          } else if v == pad {
            break
          } else {
            invalidAt = i - 1
            break
          }
        }
        // A final group of 2 or 3 characters carries 1 or 2 bytes (padding may be missing).
        if quads == 2 && n < capacity {
          out[n] = UInt8(truncatingIfNeeded: acc >> 4)
          n += 1
        } else if quads == 3 && n + 2 <= capacity {
          out[n] = UInt8(truncatingIfNeeded: acc >> 10)
          out[n + 1] = UInt8(truncatingIfNeeded: acc >> 2)
          n += 2
        }
        count = n
        stoppedAt = invalidAt ?? i
      }
    }
    return Decoded(bytes: bytes, invalidAt: invalidAt, end: stoppedAt)
  }
}
