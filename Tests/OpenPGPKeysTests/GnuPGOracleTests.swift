import Foundation
import Testing

@testable import OpenPGPKeys

/// Every committed fixture that GnuPG could list, intact and mangled, must give exactly the
/// keys GnuPG listed: fingerprints, algorithms, sizes, curves, creation times, first user IDs.
@Suite struct GnuPGOracleTests {
  @Test(arguments: Fixture.gnupgListed, Mangle.allCases)
  func matchesGnuPGListing(name: String, mangle: Mangle) throws {
    let expected = GnuPGColons.parse(try Fixture.text(name + ".colons"))
    #expect(!expected.isEmpty)
    let extraction = extractKeys(from: mangle.apply(try Fixture.text(name + ".asc")))
    #expect(
      extraction.asGnuPGKeys
        == expected.map {
          var k = $0; k.firstUserID = nil; return k
        })
    #expect(extraction.keys.first?.userIDs.first == expected.first?.firstUserID)
    let kinds = Set(extraction.defects.map(\.kind))
    #expect(!kinds.contains(.checksumMismatch))
    #expect(!kinds.contains(.malformedPacket))
    #expect(kinds.contains(.checksumMissing) == (mangle == .noChecksum))
  }

  @Test func severalKeysInOneTextKeepTheirOrder() throws {
    let names = Fixture.gnupgListed
    let text = try names.map { try Fixture.text($0 + ".asc") }.joined(separator: "\n<hr>\n")
    let extraction = extractKeys(from: Mangle.newlinesToSpaces.apply(text))
    let expected = try names.flatMap { GnuPGColons.parse(try Fixture.text($0 + ".colons")) }
    #expect(extraction.asGnuPGKeys.map(\.fingerprint) == expected.map(\.fingerprint))
  }
}
