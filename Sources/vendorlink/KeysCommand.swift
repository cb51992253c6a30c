import ArgumentParser
import Foundation
import OpenPGPKeys
import VendorLink

/// `vendorlink keys …`: OpenPGP keys in texts and in the database.
struct KeysCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keys",
    abstract: "Inspect OpenPGP keys in a text, or list keys shared between accounts.",
    subcommands: [KeysInspectCommand.self, KeysSharedCommand.self]
  )
}

/// `vendorlink keys inspect FILE|-`: every key found in a text, one line per primary key and
/// subkey: fingerprint, version, algorithm, creation date, first user ID (tab-separated).
struct KeysInspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Print every OpenPGP key found in a text (primary keys and subkeys), one a line.",
    discussion: """
      Columns (tab-separated): fingerprint (upper-case hex), key version, algorithm
      (with its size or curve, e.g. RSA-4096, EdDSA-ed25519), creation date
      (YYYY-MM-DD, UTC), first user ID of the key. Armored blocks are found even
      when scraping mangled them; problems (such as a wrong checksum) are reported
      on standard error. Exits 3 when no key is found.
      """
  )

  @Argument(help: "The text to read, or - for standard input.")
  var file: String

  func run() throws {
    let data = try KeysInput.read(file)
    let extraction = data.withUnsafeBytes {
      extractKeys(fromUTF8: $0.bindMemory(to: UInt8.self))
    }
    // A missing checksum is allowed (RFC 9580 prefers none for v6 keys): not worth a warning.
    for defect in extraction.defects where defect.kind != .checksumMissing {
      FileHandle.standardError.write(Data("vendorlink: keys: \(defect)\n".utf8))
    }
    guard !extraction.keys.isEmpty else {
      let bare = extraction.identifiers.count
      throw InputRejected(
        "no OpenPGP key found"
          + (bare > 0 ? " (\(bare) bare fingerprint or key ID without key data)" : ""))
    }
    var out = ""
    for key in extraction.keys {
      let userID = KeysFormat.sanitize(key.userIDs.first ?? "")
      out += KeysFormat.line(key.primary, userID: userID)
      for subkey in key.subkeys { out += KeysFormat.line(subkey, userID: userID) }
    }
    FileHandle.standardOutput.write(Data(out.utf8))
  }
}

/// `vendorlink keys shared --db DB`: fingerprints shown by more than one vendor account.
struct KeysSharedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shared",
    abstract: "List key fingerprints shown by more than one vendor account, across markets.",
    discussion: """
      Columns (tab-separated): fingerprint, number of accounts, number of markets,
      the accounts as market:vendor separated by spaces. Most-shared keys first.
      """
  )

  @OptionGroup var database: DatabaseOptions

  func run() throws {
    guard FileManager.default.fileExists(atPath: database.db) else {
      throw RuntimeFailure("no database at the given --db path")
    }
    let db = try Schema.open(database.db, readOnly: true)
    var out = ""
    try db.forEach(
      """
      SELECT k.fingerprint, COUNT(DISTINCT k.account_id), COUNT(DISTINCT a.market),
             group_concat(a.market || ':' || a.vendor, ' ')
      FROM (SELECT DISTINCT fingerprint, account_id FROM account_keys) k
      JOIN accounts a ON a.account_id = k.account_id
      GROUP BY k.fingerprint
      HAVING COUNT(DISTINCT k.account_id) > 1
      ORDER BY 2 DESC, 3 DESC, 1
      """
    ) { row in
      let fields = [
        row.string(0) ?? "", String(row.int(1) ?? 0), String(row.int(2) ?? 0),
        KeysFormat.sanitize(row.string(3) ?? ""),
      ]
      out += fields.joined(separator: "\t") + "\n"
    }
    FileHandle.standardOutput.write(Data(out.utf8))
  }
}

/// Reading and formatting shared by the `keys` subcommands.
enum KeysFormat {
  static func line(_ key: KeyInfo, userID: String) -> String {
    [key.fingerprint, String(key.version), algorithm(key), date(key.creationTimestamp), userID]
      .joined(separator: "\t") + "\n"
  }

  /// `RSA-4096`, `EdDSA-ed25519`, `ECDH-nistp256`; native RFC 9580 keys (Ed25519, X448, …)
  /// need no suffix.
  static func algorithm(_ key: KeyInfo) -> String {
    if let curve = key.curve {
      let native = ["Ed25519", "Ed448", "X25519", "X448"].contains(key.algorithm)
      return native ? key.algorithm : "\(key.algorithm)-\(curve)"
    }
    if let bits = key.bits { return "\(key.algorithm)-\(bits)" }
    return key.algorithm
  }

  /// YYYY-MM-DD in UTC, computed from the timestamp without Foundation's calendar.
  static func date(_ timestamp: UInt32) -> String {
    let days = Int(timestamp) / 86_400
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468
    let era = z / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ v: Int, _ width: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  /// Tabs, line breaks and other control characters become spaces, so one key stays one line.
  static func sanitize(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
  }
}

enum KeysInput {
  /// Reads FILE, or standard input for `-`, up to the extraction cap (one byte more, so that
  /// the cap is noticed and reported).
  static func read(_ file: String) throws -> Data {
    let limit = ExtractionLimits.maxTextBytes + 1
    if file == "-" {
      return (try? FileHandle.standardInput.read(upToCount: limit)) ?? Data()
    }
    guard let handle = FileHandle(forReadingAtPath: file) else {
      throw RuntimeFailure("cannot read the key file (missing or not readable)")
    }
    defer { try? handle.close() }
    do {
      return try handle.read(upToCount: limit) ?? Data()
    } catch {
      throw RuntimeFailure("cannot read the key file: \(error.localizedDescription)")
    }
  }
}
