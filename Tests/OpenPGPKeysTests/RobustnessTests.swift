import Foundation
import Testing

@testable import OpenPGPKeys

/// Untrusted input: damaged texts and packet streams must come back as results and defects,
/// never as traps, and what is returned must be well formed.
@Suite struct RobustnessTests {
  static func wellFormed(_ info: KeyInfo) -> Bool {
    [32, 40, 64].contains(info.fingerprint.count) && info.keyID.count == 16
      && info.fingerprint.allSatisfy(\.isHexDigit)
  }

  @Test(arguments: 1...25)
  func mutatedArmorNeverTraps(seed: Int) throws {
    var rng = SplitMix64(seed: UInt64(seed) &* 0x51)
    let name = (Fixture.gnupgListed + ["rfc9580-v6-sample", "synthetic-v5-eddsa-ecdh"])
      .randomElement(using: &rng)!
    var bytes = Array(try Fixture.text(name + ".asc").utf8)
    for _ in 0..<Int.random(in: 1...20, using: &rng) {
      guard !bytes.isEmpty else { break }
      let i = Int.random(in: 0..<bytes.count, using: &rng)
      switch Int.random(in: 0..<4, using: &rng) {
      case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
      case 1: bytes.removeSubrange(i..<min(bytes.count, i + Int.random(in: 1...50, using: &rng)))
      case 2: bytes.insert(contentsOf: bytes[i..<min(bytes.count, i + 40)], at: i)
      default: bytes.insert(contentsOf: Array("&#43;<br>\\n".utf8), at: i)
      }
    }
    let extraction = bytes.withUnsafeBufferPointer { extractKeys(fromUTF8: $0) }
    for key in extraction.keys {
      #expect(Self.wellFormed(key.primary))
      #expect(key.subkeys.allSatisfy(Self.wellFormed))
    }
    #expect(extraction.defects.count <= ExtractionLimits.maxDefects)
  }

  @Test(arguments: 1...25)
  func mutatedPacketsNeverTrap(seed: Int) throws {
    var rng = SplitMix64(seed: UInt64(seed) &* 0x77)
    var packets = try PacketReaderTests.rsaKeyPacket() + [0xCD, 5] + Array("a <b>".utf8)
    for _ in 0..<Int.random(in: 1...8, using: &rng) {
      let i = Int.random(in: 0..<packets.count, using: &rng)
      if Bool.random(using: &rng) {
        packets[i] = UInt8.random(in: 0...255, using: &rng)
      } else {
        packets.removeSubrange(i..<packets.count)
        if packets.isEmpty { break }
      }
    }
    let (keys, _) = parseKeys(fromPackets: packets)
    #expect(keys.allSatisfy { Self.wellFormed($0.primary) })
  }

  @Test func randomBytesNeverTrap() {
    var rng = SplitMix64(seed: 99)
    for _ in 0..<50 {
      let bytes = (0..<Int.random(in: 0...2000, using: &rng)).map { _ in
        UInt8.random(in: 0...255, using: &rng)
      }
      _ = parseKeys(fromPackets: bytes)
      let text = Array("-----BEGIN PGP PUBLIC KEY BLOCK-----\n".utf8) + bytes
      _ = text.withUnsafeBufferPointer { extractKeys(fromUTF8: $0) }
    }
  }

  /// Many lookalike key starts ("m…", "x…") between BEGIN and END: the candidate search is
  /// capped, so this stays linear.
  @Test func lookalikeStartsAreCapped() {
    let junk = String(repeating: "mQINBFxx xsBN mDME ", count: 20_000)
    let text = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\(junk)\n-----END PGP PUBLIC KEY BLOCK-----"
    let extraction = extractKeys(from: String(repeating: text, count: 3))
    #expect(extraction.keys.isEmpty)
    #expect(extraction.defects.count >= 3)
  }

  @Test func manyBeginLinesAreBounded() {
    let text = String(repeating: "-----BEGIN PGP PUBLIC KEY BLOCK-----", count: 5_000)
    let extraction = extractKeys(from: text)
    #expect(extraction.keys.isEmpty)
    #expect(extraction.defects.count == ExtractionLimits.maxDefects)
  }

  @Test func repeatedUserIDsAreCapped() throws {
    let key = try PacketReaderTests.rsaKeyPacket()
    let uid: [UInt8] = [0xCD, 3] + Array("a@b".utf8)
    let stream = key + Array([[UInt8]](repeating: uid, count: 3_000).joined())
    let (keys, _) = parseKeys(fromPackets: stream)
    #expect(keys.first?.userIDs.count == ExtractionLimits.maxPartsPerKey)
  }
}

extension RobustnessTests {
  /// Words that each start like a large key packet ("mQ…" claims a two-octet length) make the
  /// unarmored scan decode ahead; the spend is capped, so the scan stays near linear, and a
  /// real armored key later in the text is still found.
  @Test func plausibleBareStartsAreBudgeted() throws {
    let word = "mQgNBF "  // old-format key packet, length 0x080D, version 4
    let text = String(repeating: word, count: 30_000) + "\n" + (try Fixture.text("rsa2048.asc"))
    let extraction = extractKeys(from: text)
    #expect(extraction.keys.map(\.fingerprint) == [ArmorDefectTests.fingerprint])
  }
}
