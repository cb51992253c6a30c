import Foundation
import Testing

@testable import OpenPGPKeys

/// Damaged armor: the keys that can be read are, and what is wrong is reported, never trapped.
@Suite struct ArmorDefectTests {
  static let fingerprint = "7DF3D4B58EAD38D84E554E3B68530A812B47DCDE"

  func text() throws -> String { try Fixture.text("rsa2048.asc") }

  @Test func wrongChecksumIsADefectNotAFailure() throws {
    var lines = try text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let i = try #require(lines.firstIndex { $0.hasPrefix("=") && $0.count == 5 })
    lines[i] = lines[i] == "=AAAA" ? "=BBBB" : "=AAAA"
    let extraction = extractKeys(from: lines.joined(separator: "\n"))
    #expect(extraction.keys.map(\.fingerprint) == [Self.fingerprint])
    #expect(extraction.defects.map(\.kind) == [.checksumMismatch])
    #expect(extraction.defects.first?.block == 0)
  }

  @Test func corruptedDataIsCaughtByTheChecksum() throws {
    // Flip one base64 character in the middle of the body.
    var chars = Array(try text())
    let start = try #require(String(chars).range(of: "\n\n")).upperBound
    let i = String(chars).distance(from: String(chars).startIndex, to: start) + 200
    chars[i] = chars[i] == "A" ? "B" : "A"
    let extraction = extractKeys(from: String(chars))
    #expect(extraction.defects.contains { $0.kind == .checksumMismatch })
  }

  @Test func missingEndLineStillYieldsTheKey() throws {
    let cut = try text().replacingOccurrences(of: "-----END PGP PUBLIC KEY BLOCK-----", with: "")
    let extraction = extractKeys(from: cut + "\nposted 2019")
    #expect(extraction.keys.map(\.fingerprint) == [Self.fingerprint])
    #expect(extraction.defects.contains { $0.kind == .missingEndLine })
  }

  @Test func truncatedBlockReportsAndKeepsGoing() throws {
    let full = try text()
    let truncated = String(full.prefix(full.count / 2))
    let extraction = extractKeys(from: truncated + "\n" + full)
    // The truncated block's END line is missing, so it runs into the next BEGIN line.
    #expect(extraction.keys.last?.fingerprint == Self.fingerprint)
    #expect(extraction.defects.contains { $0.kind == .missingEndLine })
  }

  @Test func blockWithoutKeyData() {
    let extraction = extractKeys(
      from:
        "-----BEGIN PGP PUBLIC KEY BLOCK----- (ask me for it) -----END PGP PUBLIC KEY BLOCK-----")
    #expect(extraction.keys.isEmpty)
    #expect(extraction.defects.map(\.kind) == [.noKeyData])
  }

  @Test func otherArmorKindsAreIgnored() {
    let extraction = extractKeys(
      from: "-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE\n-----END PGP SIGNATURE-----")
    #expect(extraction.keys.isEmpty)
    #expect(extraction.defects.isEmpty)
  }

  @Test func headersThatLookLikeBase64DoNotHideTheKey() throws {
    // With line breaks removed, headers run into the data: "…mailvelope.commQENB…".
    let withHeaders = try text().replacingOccurrences(
      of: "-----BEGIN PGP PUBLIC KEY BLOCK-----\n",
      with: "-----BEGIN PGP PUBLIC KEY BLOCK-----\nVersion: Mailvelope v4.4.1\n"
        + "Comment: https://www.mailvelope.com mQ mmmm\n")
    for mangle in [Mangle.intact, .newlinesRemoved, .newlinesToSpaces] {
      let extraction = extractKeys(from: mangle.apply(withHeaders))
      #expect(extraction.keys.map(\.fingerprint) == [Self.fingerprint], "\(mangle)")
    }
  }

  @Test func defectDescriptionsCarryNoInputText() throws {
    let secret = "SECRET-VENDOR-TEXT"
    let extraction = extractKeys(
      from: "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\(secret)\n-----END PGP PUBLIC KEY BLOCK-----")
    #expect(!extraction.defects.isEmpty)
    #expect(extraction.defects.allSatisfy { !$0.description.contains(secret) })
  }
}

/// Key data left in a text without its BEGIN and END lines.
@Suite struct UnarmoredKeyTests {
  static func bareBody(_ name: String) throws -> String {
    try Fixture.text(name).split(separator: "\n").filter {
      !$0.hasPrefix("-") && !$0.contains(": ") && !($0.hasPrefix("=") && $0.count == 5)
        && !$0.isEmpty
    }.joined(separator: "\n")
  }

  @Test(arguments: ["rsa2048.asc", "rfc9580-v6-sample.asc", "synthetic-v3-rsa1024.asc"])
  func bareBase64InProseIsFound(name: String) throws {
    let armored = extractKeys(from: try Fixture.text(name)).keys.map(\.fingerprint)
    let body = try Self.bareBody(name)
    for text in [
      "my key is " + body + " message me",
      "mail me. " + body.replacingOccurrences(of: "\n", with: " "),
      body.replacingOccurrences(of: "\n", with: "") + "\nthanks",
    ] {
      let extraction = extractKeys(from: text)
      #expect(extraction.keys.map(\.fingerprint) == armored)
    }
  }

  @Test func armoredAndBareKeysKeepTextOrder() throws {
    let text =
      try Self.bareBody("rfc9580-v6-sample.asc") + "\nand my old key:\n"
      + Fixture.text("rsa2048.asc")
    let fingerprints = extractKeys(from: text).keys.map(\.fingerprint)
    #expect(
      fingerprints == [
        "CB186C4F0609A697E4D52DFA6C722B0C1F1E27C18A56708F6525EC27BAD9ACC9",
        ArmorDefectTests.fingerprint,
      ])
  }

  @Test func proseAloneYieldsNothing() {
    let text = "my xbox mQ is mine; mmmm xsBN mDMEX maybe. Ship worldwide, message me on mail."
    let extraction = extractKeys(from: text)
    #expect(extraction.keys.isEmpty)
    #expect(extraction.defects.isEmpty)
  }
}
