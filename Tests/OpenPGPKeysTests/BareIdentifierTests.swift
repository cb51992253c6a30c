import Testing

@testable import OpenPGPKeys

/// Fingerprints and key IDs written as hex in prose.
@Suite struct BareIdentifierTests {
  static let v4 = "7DF3D4B58EAD38D84E554E3B68530A812B47DCDE"
  static let grouped = "7DF3 D4B5 8EAD 38D8 4E55  4E3B 6853 0A81 2B47 DCDE"
  static let v6 = "CB186C4F0609A697E4D52DFA6C722B0C1F1E27C18A56708F6525EC27BAD9ACC9"

  static let cases: [(String, [String])] = [
    ("fingerprint: \(v4)", [v4]),
    ("fingerprint: \(v4.lowercased()).", [v4]),
    ("Fingerprint = \(grouped)\nthanks", [v4]),
    ("key \(grouped) 2021 edition", [v4]),
    ("v6: \(v6)", [v6]),
    ("id 0x68530A812B47DCDE or 0X68530A812B47DCDF", ["68530A812B47DCDE", "68530A812B47DCDF"]),
    ("id 6853 0A81 2B47 DCDE end", ["68530A812B47DCDE"]),
    ("(\(v4))(\(v4))", [v4]),
    // Not identifiers: too short, too long, inside words, numbers only, letters only.
    ("short 68530A812B47DCD and long \(v4)A", []),
    ("word\(v4) and \(v4)x", []),
    ("order 1234567890123456 done", []),
    ("deadbeefdeadbeef is all letters? no: 'deadbeefdeadbeef' has no digit", []),
    ("tx 3a4b 5c6d 7e8f 9a0b 1c2d", []),
  ]

  @Test(arguments: cases)
  func finds(text: String, expected: [String]) {
    #expect(extractKeys(from: text).identifiers.map(\.hex) == expected)
  }

  @Test func kinds() {
    let found = extractKeys(from: "\(Self.v4) \(Self.v6) 0x68530A812B47DCDE").identifiers
    #expect(found.map(\.kind) == [.fingerprintV4, .fingerprintV6, .keyID])
  }

  @Test func hexInsideArmoredBlocksIsNotReported() throws {
    let text = try Fixture.text("rsa2048.asc")
    #expect(extractKeys(from: text).identifiers.isEmpty)
    let both = "fingerprint \(Self.v4)\n" + text
    #expect(extractKeys(from: both).identifiers.map(\.hex) == [Self.v4])
    #expect(extractKeys(from: both).allFingerprints == [Self.v4, Self.v4])
  }
}
