/// The armor checksum (RFC 9580 §6.1): CRC-24 with generator 0x864CFB, initial 0xB704CE.
enum CRC24 {
  /// Byte-wise table, built once: 256 entries of the CRC of each byte shifted to the top.
  private static let table: [UInt32] = (0..<256).map { byte in
    var crc = UInt32(byte) << 16
    for _ in 0..<8 {
      crc <<= 1
      if crc & 0x100_0000 != 0 { crc ^= 0x186_4CFB }
    }
    return crc & 0xFF_FFFF
  }

  static func checksum(_ data: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xB7_04CE
    table.withUnsafeBufferPointer { t in
      for byte in data {
        crc = ((crc << 8) & 0xFF_FFFF) ^ t[Int(((crc >> 16) ^ UInt32(byte)) & 0xFF)]
      }
    }
    return crc
  }
}
