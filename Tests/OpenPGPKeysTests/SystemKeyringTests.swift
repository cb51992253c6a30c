import Foundation
import Testing

@testable import OpenPGPKeys

/// GnuPG as the oracle on real keyrings found on this machine: the Debian archive keys in
/// /etc/apt/trusted.gpg.d (present on every Debian system), and Debian's developer keyring
/// (thousands of keys of every age; `apt-get download debian-keyring`, then point
/// OPENPGP_TEST_KEYRING at debian-keyring.gpg, or install the package). Each test is skipped
/// when its keyring or gpg is absent (CI has no network).
@Suite struct SystemKeyringTests {
  static let gpg = ["/usr/bin/gpg", "/bin/gpg"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  static let aptKeys: [String] = {
    let dir = "/etc/apt/trusted.gpg.d"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return names.filter { $0.hasSuffix(".asc") }.sorted().map { "\(dir)/\($0)" }
  }()

  static let debianKeyring: String? = {
    let candidates = [
      ProcessInfo.processInfo.environment["OPENPGP_TEST_KEYRING"],
      "/usr/share/keyrings/debian-keyring.gpg",
    ].compactMap { $0 }
    return candidates.first { FileManager.default.fileExists(atPath: $0) }
  }()

  /// `gpg --show-keys --with-colons FILE` in a throwaway home directory.
  static func gnupgListing(_ path: String) throws -> [GnuPGKey] {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "openpgp-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(at: home) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(gpg))
    process.arguments = ["--batch", "--homedir", home.path, "--show-keys", "--with-colons", path]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return GnuPGColons.parse(String(decoding: data, as: UTF8.self))
  }

  static func compare(_ extraction: KeyExtraction, _ expected: [GnuPGKey], _ label: String) {
    let ours = extraction.asGnuPGKeys
    let gnupg = expected.map {
      var k = $0; k.firstUserID = nil; return k
    }
    // GnuPG drops subkeys whose binding it cannot verify; we keep every subkey packet. So:
    // every key GnuPG lists must be ours, identical, in the same order.
    let ourByFingerprint = Dictionary(ours.map { ($0.fingerprint, $0) }) { a, _ in a }
    let missing = gnupg.filter { ourByFingerprint[$0.fingerprint] != $0 }
    #expect(missing.isEmpty, "\(label): \(missing.count) of \(gnupg.count) keys differ")
    let firstUserIDs = Dictionary(
      extraction.keys.map { ($0.fingerprint, $0.userIDs.first) }
    ) { a, _ in a }
    let uidMismatches = expected.filter {
      $0.primary && firstUserIDs[$0.fingerprint] != $0.firstUserID
    }
    #expect(uidMismatches.isEmpty, "\(label): \(uidMismatches.count) first user IDs differ")
  }

  @Test(.enabled(if: gpg != nil && !aptKeys.isEmpty))
  func aptArchiveKeysMatchGnuPG() throws {
    for path in Self.aptKeys {
      let expected = try Self.gnupgListing(path)
      #expect(!expected.isEmpty)
      let text = try String(contentsOfFile: path, encoding: .utf8)
      for mangle in [Mangle.intact, .newlinesToSpaces, .newlinesRemoved, .htmlBreaks, .inProse] {
        Self.compare(extractKeys(from: mangle.apply(text)), expected, "\(path) \(mangle)")
      }
    }
  }

  /// Every key of Debian's keyring: from the binary keyring, armored one block per key, and
  /// (every fifth key) mangled as scrapes do.
  @Test(.enabled(if: gpg != nil && debianKeyring != nil))
  func debianKeyringMatchesGnuPG() throws {
    let path = try #require(Self.debianKeyring)
    let expected = try Self.gnupgListing(path)
    #expect(expected.count > 1000)
    let binary = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let (keys, _) = parseKeys(fromPackets: binary)
    var binaryExtraction = KeyExtraction()
    binaryExtraction.keys = keys
    Self.compare(binaryExtraction, expected, "binary")

    let blocks = Self.armorPerKey(binary)
    Self.compare(extractKeys(from: blocks.joined(separator: "\n")), expected, "armored")
    let sample = blocks.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
    let sampleFingerprints = Set(
      extractKeys(from: sample.joined(separator: "\n")).asGnuPGKeys.map(\.fingerprint))
    let sampleExpected = expected.filter { sampleFingerprints.contains($0.fingerprint) }
    #expect(sampleExpected.count > 200)
    for mangle in [Mangle.newlinesToSpaces, .newlinesRemoved, .htmlEntities, .inProse] {
      let text = sample.map { mangle.apply($0) }.joined(separator: "\n<p>\n")
      Self.compare(extractKeys(from: text), sampleExpected, "\(mangle)")
    }
  }

  /// Splits a keyring at its public-key packets and armors each key with its CRC line.
  static func armorPerKey(_ keyring: [UInt8]) -> [String] {
    var reader = PacketReader(keyring)
    var starts: [Int] = []
    var offset = 0
    while true {
      let step = reader.next(wants: { _ in false }, maxBody: 0)
      if case .skipped(6, _) = step { starts.append(offset) }
      guard case .skipped = step else { break }
      offset = reader.offset
    }
    starts.append(keyring.count)
    return zip(starts, starts.dropFirst()).map { a, b in
      let key = Array(keyring[a..<b])
      let crc = CRC24.checksum(key)
      let crcBytes = Data([UInt8(crc >> 16), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
      return "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"
        + Data(key).base64EncodedString(options: .lineLength64Characters)
        + "\n=\(crcBytes.base64EncodedString())\n-----END PGP PUBLIC KEY BLOCK-----\n"
    }
  }
}
