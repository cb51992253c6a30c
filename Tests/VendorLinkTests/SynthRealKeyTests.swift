import OpenPGPKeys
import Testing

@testable import VendorLink

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
}
