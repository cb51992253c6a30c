/// Bounds-checked reading from a slice: every read returns nil past the end instead of trapping.
struct ByteCursor {
  let bytes: ArraySlice<UInt8>
  private(set) var position: Int

  init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    self.position = bytes.startIndex
  }

  var remaining: Int { bytes.endIndex - position }
  /// Bytes consumed since the start of the slice.
  var consumed: Int { position - bytes.startIndex }

  mutating func u8() -> Int? {
    guard position < bytes.endIndex else { return nil }
    defer { position += 1 }
    return Int(bytes[position])
  }

  mutating func u16() -> Int? {
    guard remaining >= 2 else { return nil }
    defer { position += 2 }
    return Int(bytes[position]) << 8 | Int(bytes[position + 1])
  }

  mutating func u32() -> UInt32? {
    guard remaining >= 4 else { return nil }
    defer { position += 4 }
    var v: UInt32 = 0
    for i in 0..<4 { v = v << 8 | UInt32(bytes[position + i]) }
    return v
  }

  mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
    guard count >= 0, remaining >= count else { return nil }
    defer { position += count }
    return bytes[position..<position + count]
  }

  /// An MPI (RFC 9580 §3.2): a two-octet bit count, then that many bits rounded up to octets.
  /// Returns the value's octets (without the count).
  mutating func mpi() -> ArraySlice<UInt8>? {
    guard let bitCount = u16() else { return nil }
    return take((bitCount + 7) / 8)
  }
}

/// The number of significant bits in a big-endian integer (leading zero bits not counted),
/// which is what GnuPG reports as the key length.
func significantBits(_ value: ArraySlice<UInt8>) -> Int {
  guard let first = value.firstIndex(where: { $0 != 0 }) else { return 0 }
  let leading = value[first].leadingZeroBitCount
  return (value.endIndex - first) * 8 - leading
}
