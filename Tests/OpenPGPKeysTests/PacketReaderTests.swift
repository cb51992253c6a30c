import Testing

@testable import OpenPGPKeys

/// Packet framing: every header format and length encoding, checked by encoding random packet
/// streams in randomly chosen formats and reading them back.
@Suite struct PacketReaderTests {
  enum Framing: CaseIterable {
    case oldOneOctet, oldTwoOctet, oldFourOctet, newOneOctet, newTwoOctet, newFiveOctet, partial
  }

  /// Encodes one packet; returns nil when the framing cannot carry this body.
  static func encode(tag: Int, body: [UInt8], framing: Framing, rng: inout SplitMix64)
    -> [UInt8]?
  {
    let n = body.count
    switch framing {
    case .oldOneOctet:
      guard tag < 16, n < 256 else { return nil }
      return [UInt8(0x80 | tag << 2), UInt8(n)] + body
    case .oldTwoOctet:
      guard tag < 16, n < 65536 else { return nil }
      return [UInt8(0x80 | tag << 2 | 1), UInt8(n >> 8), UInt8(n & 0xFF)] + body
    case .oldFourOctet:
      guard tag < 16 else { return nil }
      return [UInt8(0x80 | tag << 2 | 2), 0, UInt8(n >> 16), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
        + body
    case .newOneOctet:
      guard n < 192 else { return nil }
      return [UInt8(0xC0 | tag), UInt8(n)] + body
    case .newTwoOctet:
      guard n >= 192, n < 8384 else { return nil }
      let m = n - 192
      return [UInt8(0xC0 | tag), UInt8(m >> 8 + 192), UInt8(m & 0xFF)] + body
    case .newFiveOctet:
      return [UInt8(0xC0 | tag), 255, 0, UInt8(n >> 16), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
        + body
    case .partial:
      // Chunks of 2^k octets, then a final ordinary length (possibly zero).
      var out: [UInt8] = [UInt8(0xC0 | tag)]
      var rest = body[...]
      while true {
        let k = Int.random(in: 0...9, using: &rng)
        guard rest.count > 1 << k else { break }
        out.append(UInt8(224 + k))
        out += rest.prefix(1 << k)
        rest = rest.dropFirst(1 << k)
      }
      guard rest.count < 192 else {
        let m = rest.count - 192
        guard rest.count < 8384 else { return nil }
        return out + [UInt8(m >> 8 + 192), UInt8(m & 0xFF)] + rest
      }
      return out + [UInt8(rest.count)] + rest
    }
  }

  @Test(arguments: 1...40)
  func randomStreamsRoundTrip(seed: Int) {
    var rng = SplitMix64(seed: UInt64(seed))
    var stream: [UInt8] = []
    var expected: [(Int, [UInt8])] = []
    for _ in 0..<Int.random(in: 1...12, using: &rng) {
      let tag = Int.random(in: 1...63, using: &rng)
      let length = [0, 1, 191, 192, 193, 8383, 600].randomElement(using: &rng)!
      let size = Bool.random(using: &rng) ? length : Int.random(in: 0...3000, using: &rng)
      let body = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
      let framing = Framing.allCases.randomElement(using: &rng)!
      guard let packet = Self.encode(tag: tag, body: body, framing: framing, rng: &rng) else {
        continue
      }
      stream += packet
      expected.append(
        (
          framing == .oldOneOctet || framing == .oldTwoOctet
            || framing == .oldFourOctet ? tag & 0x0F : tag, body
        ))
    }
    var reader = PacketReader(stream)
    var got: [(Int, [UInt8])] = []
    loop: while true {
      switch reader.next(wants: { _ in true }, maxBody: Int.max) {
      case .packet(let tag, let body): got.append((tag, Array(body)))
      case .end: break loop
      case .skipped, .malformed:
        Issue.record("unexpected step for seed \(seed)")
        break loop
      }
    }
    #expect(got.map(\.0) == expected.map(\.0))
    #expect(got.map(\.1) == expected.map(\.1))
  }

  @Test func unwantedAndOversizedPacketsAreSkipped() {
    let stream: [UInt8] = [0xC2, 3, 1, 2, 3, 0xCD, 4, 65, 66, 67, 68]
    var reader = PacketReader(stream)
    guard case .skipped(2, false) = reader.next(wants: { $0 == 13 }, maxBody: 3) else {
      Issue.record("signature should be skipped")
      return
    }
    guard case .skipped(13, true) = reader.next(wants: { $0 == 13 }, maxBody: 3) else {
      Issue.record("oversized user ID should be skipped")
      return
    }
    guard case .end = reader.next(wants: { _ in true }, maxBody: 3) else {
      Issue.record("stream should end")
      return
    }
  }

  @Test(
    arguments: [
      [0x00, 1, 2],  // no high bit
      [0xC6],  // no length
      [0xC6, 10, 1, 2],  // body past the end
      [0xC6, 0xE5, 1, 2],  // partial chunk past the end
      [0x99, 0xFF],  // two-octet length cut short
      [0xC6, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],  // 4 GiB claim
    ] as [[UInt8]])
  func malformedFramingStops(bytes: [UInt8]) {
    var reader = PacketReader(bytes)
    guard case .malformed = reader.next(wants: { _ in true }, maxBody: Int.max) else {
      Issue.record("expected malformed")
      return
    }
  }

  /// A key packet carried in partial-length chunks (not allowed by the RFC for key packets,
  /// but seen in the wild from broken tools) still gives the same fingerprint.
  @Test func keyInPartialChunksHasTheSameFingerprint() throws {
    let direct = parseKeys(fromPackets: try Self.rsaKeyPacket())
    var rng = SplitMix64(seed: 7)
    let body = Array(try Self.rsaKeyPacket().dropFirst(3))
    let chunked = try #require(Self.encode(tag: 6, body: body, framing: .partial, rng: &rng))
    let viaChunks = parseKeys(fromPackets: chunked)
    #expect(direct.keys.first?.fingerprint == "7DF3D4B58EAD38D84E554E3B68530A812B47DCDE")
    #expect(viaChunks.keys.map(\.fingerprint) == direct.keys.map(\.fingerprint))
  }

  /// The first packet of the rsa2048 fixture (an old-format, two-octet-length public key).
  static func rsaKeyPacket() throws -> [UInt8] {
    let text = try Fixture.text("rsa2048.asc")
    let body = text.split(separator: "\n").filter {
      !$0.hasPrefix("-") && !$0.hasPrefix("=") && !$0.contains(":") && !$0.isEmpty
    }.joined()
    let bytes = body.utf8.withContiguousStorageIfAvailable {
      Base64.decode($0, 0..<$0.count).bytes
    }!
    #expect(bytes[0] == 0x99)
    let length = Int(bytes[1]) << 8 | Int(bytes[2])
    return Array(bytes[0..<3 + length])
  }
}
