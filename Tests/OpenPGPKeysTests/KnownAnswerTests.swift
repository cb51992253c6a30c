import Foundation
import Testing

@testable import OpenPGPKeys

/// Keys GnuPG 2.2 cannot list, checked against published or independently computed answers:
/// the RFC 9580 sample keys (Appendix A), and synthetic v3 and v5 keys whose fingerprints
/// scripts/make-pgp-fixtures.py computed with Python's hashlib.
@Suite struct KnownAnswerTests {
  @Test(arguments: Mangle.allCases)
  func rfc9580VersionSixSample(mangle: Mangle) throws {
    let extraction = extractKeys(from: mangle.apply(try Fixture.text("rfc9580-v6-sample.asc")))
    let key = try #require(extraction.keys.first)
    #expect(extraction.keys.count == 1)
    #expect(key.fingerprint == "CB186C4F0609A697E4D52DFA6C722B0C1F1E27C18A56708F6525EC27BAD9ACC9")
    #expect(key.keyID == "CB186C4F0609A697")
    #expect(key.version == 6)
    #expect(key.algorithm == "Ed25519")
    #expect(key.curve == "ed25519")
    #expect(key.primary.creationTimestamp == 0x6387_7FE3)
    #expect(key.userIDs.isEmpty)
    let subkey = try #require(key.subkeys.first)
    #expect(
      subkey.fingerprint == "12C83F1E706F6308FE151A417743A1F033790E93E9978488D1DB378DA9930885")
    #expect(subkey.algorithm == "X25519")
    #expect(subkey.bits == 255)
  }

  @Test func rfc9580VersionFourEd25519LegacySample() throws {
    let extraction = extractKeys(from: try Fixture.text("rfc9580-v4-ed25519legacy-sample.asc"))
    let key = try #require(extraction.keys.first)
    #expect(key.fingerprint == "C959BDBAFA32A2F89A153B678CFDE12197965A9A")
    #expect(key.keyID == "8CFDE12197965A9A")
    #expect(key.algorithm == "EdDSA")
    #expect(key.curve == "ed25519")
    #expect(key.bits == 255)
  }

  struct Expected {
    var fingerprint, keyID: String
    var version, algorithmID: Int
    var algorithm: String
    var bits: Int
    var curve: String?
    var created: UInt32
    var userID: String
  }

  static func expectedSynthetic() throws -> [Expected] {
    try Fixture.text("synthetic-expected.tsv").split(separator: "\n").filter { !$0.hasPrefix("#") }
      .map { line in
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return Expected(
          fingerprint: f[0], keyID: f[1], version: Int(f[2])!, algorithmID: Int(f[3])!,
          algorithm: f[4], bits: Int(f[5])!, curve: f[6].isEmpty ? nil : f[6],
          created: UInt32(f[7])!, userID: f[8])
      }
  }

  @Test(arguments: Mangle.allCases)
  func syntheticVersionThreeAndFiveKeys(mangle: Mangle) throws {
    let text =
      try Fixture.text("synthetic-v3-rsa1024.asc") + "\n"
      + Fixture.text("synthetic-v5-eddsa-ecdh.asc")
    let extraction = extractKeys(from: mangle.apply(text))
    let infos = extraction.keys.flatMap { key in
      ([key.primary] + key.subkeys).map { (info: $0, userID: key.userIDs.first) }
    }
    let expected = try Self.expectedSynthetic()
    #expect(infos.count == expected.count)
    for (got, want) in zip(infos, expected) {
      #expect(got.info.fingerprint == want.fingerprint)
      #expect(got.info.keyID == want.keyID)
      #expect(got.info.version == want.version)
      #expect(got.info.algorithmID == want.algorithmID)
      #expect(got.info.algorithm == want.algorithm)
      #expect(got.info.bits == want.bits)
      #expect(got.info.curve == want.curve)
      #expect(got.info.creationTimestamp == want.created)
      #expect(got.userID == want.userID)
    }
    #expect(!extraction.defects.contains { $0.kind == .checksumMismatch })
  }

  /// A secret-key packet identifies the same key as its public part: the fingerprint hashes
  /// only the public fields.
  @Test func secretKeyPacketHasThePublicFingerprint() throws {
    let armored = try Fixture.text("rfc9580-v6-sample.asc")
    let publicKey = try #require(extractKeys(from: armored).keys.first)
    let body = armored.split(separator: "\n").filter { !$0.hasPrefix("-") && !$0.isEmpty }
      .joined()
    let packets = try #require(Data(base64Encoded: body)).map { $0 }
    // The first packet is 0xC6, one-octet length; rewrite it as a secret key (tag 5) with
    // S2K usage 0 (unprotected) and 32 bytes of secret Ed25519 material.
    let length = Int(packets[1])
    let publicBody = Array(packets[2..<2 + length])
    let secretBody = publicBody + [0] + [UInt8](repeating: 7, count: 32)
    let secret = [0xC5, UInt8(secretBody.count)] + secretBody
    let (keys, defects) = parseKeys(fromPackets: secret)
    #expect(defects.isEmpty)
    #expect(keys.first?.fingerprint == publicKey.fingerprint)
    #expect(keys.first?.fromSecretKey == true)

    let text =
      "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n"
      + Data(secret).base64EncodedString(options: .lineLength64Characters)
      + "\n-----END PGP PRIVATE KEY BLOCK-----\n"
    #expect(extractKeys(from: text).keys.first?.fingerprint == publicKey.fingerprint)
  }
}
