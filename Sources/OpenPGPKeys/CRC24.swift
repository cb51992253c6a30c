/// The armor checksum (RFC 9580 §6.1): CRC-24 with generator 0x864CFB, initial 0xB704CE.
///
/// Computed eight bytes at a time ("slicing-by-8") with the 24-bit register kept in the top
/// of a 32-bit one: a byte-at-a-time table loop is a chain of dependent lookups (about 2 ns a
/// byte here), and checking Debian's 28 MB keyring that way cost more than decoding it.
enum CRC24 {
  static let initial: UInt32 = 0xB7_04CE
  private static let polynomial: UInt32 = 0x864C_FB00

  /// tables[k][b]: the register after byte b followed by k zero bytes, from a zero register.
  private static let tables: [[UInt32]] = {
    var t0 = [UInt32](repeating: 0, count: 256)
    for byte in 0..<256 {
      var crc = UInt32(byte) << 24
      for _ in 0..<8 { crc = crc & 0x8000_0000 != 0 ? (crc << 1) ^ polynomial : crc << 1 }
      t0[byte] = crc
    }
    var tables = [t0]
    for k in 1..<8 {
      let previous = tables[k - 1]
      tables.append((0..<256).map { (previous[$0] << 8) ^ t0[Int(previous[$0] >> 24)] })
    }
    return tables
  }()

  /// One flat table (8 × 256 entries) so the hot loop indexes a single buffer.
  private static let flat: [UInt32] = tables.flatMap { $0 }

  static func checksum(_ data: [UInt8]) -> UInt32 {
    data.withUnsafeBufferPointer { update(initial, $0) }
  }

  static func update(_ crc24: UInt32, _ data: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var crc = crc24 << 8
    flat.withUnsafeBufferPointer { t in
      var i = 0
      let n = data.count
      while i + 8 <= n {
        let hi =
          crc
          ^ (UInt32(data[i]) << 24 | UInt32(data[i + 1]) << 16 | UInt32(data[i + 2]) << 8
            | UInt32(data[i + 3]))
        let lo =
          UInt32(data[i + 4]) << 24 | UInt32(data[i + 5]) << 16 | UInt32(data[i + 6]) << 8
          | UInt32(data[i + 7])
        crc =
          t[7 * 256 + Int(hi >> 24)] ^ t[6 * 256 + Int((hi >> 16) & 0xFF)]
          ^ t[5 * 256 + Int((hi >> 8) & 0xFF)] ^ t[4 * 256 + Int(hi & 0xFF)]
          ^ t[3 * 256 + Int(lo >> 24)] ^ t[2 * 256 + Int((lo >> 16) & 0xFF)]
          ^ t[256 + Int((lo >> 8) & 0xFF)] ^ t[Int(lo & 0xFF)]
        i += 8
      }
      while i < n {
        crc = (crc << 8) ^ t[Int((crc >> 24) ^ UInt32(data[i]))]
        i += 1
      }
    }
    return crc >> 8
  }
}
