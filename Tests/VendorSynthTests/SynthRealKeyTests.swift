import OpenPGPKeys
import Testing

@testable import VendorSynth

/// The real armored keys the generator embeds carry the fingerprints its truth assumes, in
/// every shape the crawl shows them (intact, newlines collapsed, inside a profile).
@Suite struct SynthRealKeyTests {
  @Test(arguments: RealPublicKeys.all.indices)
  func fingerprintIsWhatTheKeyParserComputes(index: Int) {
    let key = RealPublicKeys.all[index]
    let shapes = [
      key.armored,
      key.armored.replacingOccurrences(of: "\n", with: " "),
      "Welcome! Our key:\n\n" + key.armored + "\nStay safe",
    ]
    for text in shapes {
      let found = extractKeys(from: text)
      #expect(found.keys.first?.fingerprint == key.fingerprint, "\(key.source)")
      #expect(!found.defects.contains { $0.kind == .checksumMismatch })
    }
  }

  /// The resource file's blocks come back exactly: header, blank line, body, checksum, footer.
  @Test func resourceFileParsesIntoWholeBlocks() {
    #expect(RealPublicKeys.all.count == 5)
    for key in RealPublicKeys.all {
      let lines = key.armored.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.first == "-----BEGIN PGP PUBLIC KEY BLOCK-----" && lines[1].isEmpty)
      #expect(lines.last == "-----END PGP PUBLIC KEY BLOCK-----")
      #expect(key.fingerprint.count == 40 && key.source.hasSuffix(".asc"))
    }
    let two = RealPublicKeys.parse("# a.asc AB\nx\n\ny\n\n# b.asc CD\nz\n")
    #expect(two.map(\.armored) == ["x\n\ny", "z"] && two.map(\.fingerprint) == ["AB", "CD"])
  }
}
