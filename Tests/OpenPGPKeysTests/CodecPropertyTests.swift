import Foundation
import Testing

@testable import OpenPGPKeys

/// CRC-24 and the lenient base64 decoder against simple references, on seeded random data.
@Suite struct CodecPropertyTests {
  /// Bit-at-a-time CRC-24 straight from RFC 9580 §6.1.
  static func referenceCRC24(_ data: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xB7_04CE
    for byte in data {
      crc ^= UInt32(byte) << 16
      for _ in 0..<8 {
        crc <<= 1
        if crc & 0x100_0000 != 0 { crc ^= 0x186_4CFB }
      }
    }
    return crc & 0xFF_FFFF
  }

  @Test func crc24KnownValue() {
    // The CRC of no data is the initial value; of "123456789" it is 0x21CF02 (CRC catalogue).
    #expect(CRC24.checksum([]) == 0xB7_04CE)
    #expect(CRC24.checksum(Array("123456789".utf8)) == 0x21_CF02)
  }

  @Test(arguments: 1...30)
  func crc24MatchesReference(seed: Int) {
    var rng = SplitMix64(seed: UInt64(seed))
    let data = (0..<Int.random(in: 0...300, using: &rng)).map { _ in
      UInt8.random(in: 0...255, using: &rng)
    }
    #expect(CRC24.checksum(data) == Self.referenceCRC24(data))
  }

  @Test(arguments: 1...30)
  func base64DecodesFoundationsEncodingWithWhitespaceAnywhere(seed: Int) {
    var rng = SplitMix64(seed: UInt64(seed) &* 31)
    let data = (0..<Int.random(in: 0...200, using: &rng)).map { _ in
      UInt8.random(in: 0...255, using: &rng)
    }
    var text = Array(Data(data).base64EncodedString().utf8)
    if Bool.random(using: &rng) { text.removeAll { $0 == UInt8(ascii: "=") } }
    var mangled: [UInt8] = []
    for c in text {
      if Int.random(in: 0..<5, using: &rng) == 0 {
        mangled.append([0x20, 0x0A, 0x0D, 0x09].randomElement(using: &rng)!)
      }
      mangled.append(c)
    }
    let decoded = mangled.withUnsafeBufferPointer { Base64.decode($0, 0..<$0.count) }
    #expect(decoded.bytes == data)
    #expect(decoded.invalidAt == nil)
  }

  @Test func base64StopsAtInvalidCharacter() {
    let text = Array("QUJD-REVG".utf8)
    let decoded = text.withUnsafeBufferPointer { Base64.decode($0, 0..<$0.count) }
    #expect(decoded.bytes == Array("ABC".utf8))
    #expect(decoded.invalidAt == 4)
  }

  @Test(arguments: [
    ("&#43;&#x2F;&#X2f;&#61;&plus;&sol;&equals;&amp;", "+//=+/=&"),
    ("a<br>b<br/>c<p class=\"x\">d", "a\nb\nc\nd"),
    ("a\\nb\\/c\\u002Bd\\r", "a\nb/c+d\n"),
    ("&bogus; &#; &#xZZ; < no tag", "&bogus; &#; &#xZZ; < no tag"),
  ])
  func cleanerUndoesScrapeEncodings(input: String, expected: String) {
    let bytes = Array(input.utf8)
    let cleaned = bytes.withUnsafeBufferPointer { ArmorCleaner.clean($0, 0..<$0.count) }
    #expect(String(decoding: cleaned, as: UTF8.self) == expected)
  }
}
