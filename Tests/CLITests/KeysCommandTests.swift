import Foundation
import Testing
import VendorLink

/// `vendorlink keys inspect` and `vendorlink keys shared`, run as the built executable.
@Suite struct KeysCommandTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("OpenPGPKeysTests/Fixtures")

  /// The `vendorlink` executable next to the test bundle (SwiftPM builds both in one folder).
  static func executable() throws -> URL {
    var dir = Bundle.main.bundleURL
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("vendorlink")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    throw RuntimeFailure("vendorlink executable not found near \(Bundle.main.bundleURL.path)")
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  @Test func inspectPrintsPrimaryAndSubkeyLines() throws {
    let path = Self.fixtures.appendingPathComponent("eddsa-ed25519-cv25519.asc").path
    let result = try Self.run(["keys", "inspect", path])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(lines.count == 4)  // the primary and three subkeys, as gpg lists them
    #expect(lines.allSatisfy { $0.count == 5 })
    #expect(lines.first?[0].hasSuffix("1EDBAA3C6926AF92") == true)
    #expect(lines.first?[0].count == 40)
    #expect(lines.first?[1] == "4")
    #expect(lines.first?[2] == "EdDSA-ed25519")
    #expect(
      lines.map { $0[2] } == ["EdDSA-ed25519", "ECDH-cv25519", "EdDSA-ed25519", "EdDSA-ed25519"])
    #expect(lines.first?[3].count == 10)
    #expect(lines.first?[4] == lines.last?[4])
    #expect(lines.first?[4].contains("@") == true)
  }

  @Test func inspectReadsStandardInputAndMangledText() throws {
    let text = try String(
      contentsOf: Self.fixtures.appendingPathComponent("rfc9580-v6-sample.asc"), encoding: .utf8)
    let result = try Self.run(
      ["keys", "inspect", "-"],
      stdin: "<p>my key: " + text.replacingOccurrences(of: "\n", with: " "))
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)  // v6 samples have no checksum line, and that is fine
    #expect(
      result.stdout
        == "CB186C4F0609A697E4D52DFA6C722B0C1F1E27C18A56708F6525EC27BAD9ACC9\t6\tEd25519\t2022-11-30\t\n"
        + "12C83F1E706F6308FE151A417743A1F033790E93E9978488D1DB378DA9930885\t6\tX25519\t2022-11-30\t\n"
    )
  }

  @Test func inspectExitsThreeWithoutKeys() throws {
    let result = try Self.run(
      ["keys", "inspect", "-"], stdin: "fingerprint 7DF3D4B58EAD38D84E554E3B68530A812B47DCDE only")
    #expect(result.status == 3)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("no OpenPGP key found"))
  }

  @Test func inspectReportsWrongChecksumOnStandardError() throws {
    var text = try String(
      contentsOf: Self.fixtures.appendingPathComponent("rsa2048.asc"), encoding: .utf8)
    let crc = try #require(text.split(separator: "\n").first { $0.hasPrefix("=") && $0.count == 5 })
    text = text.replacingOccurrences(of: String(crc), with: crc == "=AAAA" ? "=BBBB" : "=AAAA")
    let result = try Self.run(["keys", "inspect", "-"], stdin: text)
    #expect(result.status == 0)
    #expect(
      result.stdout.hasPrefix("7DF3D4B58EAD38D84E554E3B68530A812B47DCDE\t4\tRSA-2048\t2009-11-25\t")
    )
    #expect(result.stderr.contains("checksumMismatch"))
  }

  @Test func inspectMissingFileIsARuntimeFailure() throws {
    let result = try Self.run(["keys", "inspect", "/nonexistent/keys.asc"])
    #expect(result.status == 1)
  }

  @Test func sharedListsKeysShownByMoreThanOneAccount() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "keys-shared-\(UUID().uuidString).sqlite"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let db = try Schema.open(path)
    try db.execute(
      """
      INSERT INTO markets(market) VALUES ('dream'), ('wsm');
      INSERT INTO accounts(account_id, market, vendor) VALUES
        (1, 'dream', 'DutchMagic'), (2, 'wsm', 'DutchMagic2'), (3, 'dream', 'Other'),
        (4, 'wsm', 'Solo');
      INSERT INTO account_keys(account_id, fingerprint, source, first_seen, last_seen) VALUES
        (1, 'AAAA', 'pgp', '2019-01-01', '2019-02-01'),
        (2, 'AAAA', 'profile', '2019-03-01', '2019-03-01'),
        (3, 'AAAA', 'pgp', '2019-01-05', '2019-01-05'),
        (3, 'BBBB', 'pgp', '2019-01-05', '2019-01-05'),
        (4, 'BBBB', 'pgp', '2019-01-05', '2019-01-05'),
        (4, 'CCCC', 'pgp', '2019-01-05', '2019-01-05');
      """)
    let result = try Self.run(["keys", "shared", "--db", path])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map {
      $0.split(separator: "\t").map(String.init)
    }
    #expect(lines.map { $0[0] } == ["AAAA", "BBBB"])
    #expect(lines[0][1] == "3" && lines[0][2] == "2")
    #expect(
      Set(lines[0][3].split(separator: " ")) == [
        "dream:DutchMagic", "wsm:DutchMagic2", "dream:Other",
      ])
    #expect(lines[1][1] == "2")
  }

  @Test func sharedWithoutDatabaseFails() throws {
    let result = try Self.run(["keys", "shared", "--db", "/nonexistent/x.sqlite"])
    #expect(result.status == 1)
  }
}
