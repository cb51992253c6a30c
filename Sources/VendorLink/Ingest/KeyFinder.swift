import Foundation
import OpenPGPKeys

/// The keys a vendor page shows, as the store keeps them (adapter over OpenPGPKeys).
enum KeyFinder {
  struct StoredKey: Sendable {
    var fingerprint: String
    var keyID: String
    var version: Int
    var algorithm: String
    var bits: Int?
    var curve: String?
    var created: String?
    var userID: String?
    /// For a subkey, its primary key's fingerprint; nil for a primary key.
    var primaryFingerprint: String?
  }

  struct Found: Sendable {
    /// Primary keys and subkeys decoded from key blocks.
    var keys: [StoredKey] = []
    /// Fingerprints of the primary keys shown (what an account is linked to).
    var primaries: [String] = []
    /// Bare fingerprints (40 or 64 hex) written as text.
    var fingerprints: [String] = []
    /// Long key IDs (16 hex) written as text.
    var keyIDs: [String] = []
    var defects: [String] = []
  }

  static func find(in text: String) -> Found {
    let extraction = extractKeys(from: text)
    var found = Found()
    for key in extraction.keys {
      found.primaries.append(key.fingerprint)
      found.keys.append(stored(key.primary, userID: key.userIDs.first, primary: nil))
      for sub in key.subkeys {
        found.keys.append(stored(sub, userID: nil, primary: key.fingerprint))
      }
    }
    for id in extraction.identifiers {
      if id.kind == .keyID {
        found.keyIDs.append(id.hex)
      } else {
        found.fingerprints.append(id.hex)
      }
    }
    // A missing checksum is allowed by RFC 9580: not worth a warning per vendor.
    found.defects = extraction.defects.filter { $0.kind != .checksumMissing }.map(\.description)
    return found
  }

  static func stored(_ info: KeyInfo, userID: String?, primary: String?) -> StoredKey {
    StoredKey(
      fingerprint: info.fingerprint, keyID: info.keyID, version: info.version,
      algorithm: info.algorithm, bits: info.bits, curve: info.curve,
      created: day(info.created), userID: userID, primaryFingerprint: primary)
  }

  static func day(_ date: Date) -> String {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = TimeZone(identifier: "UTC")!
    let c = cal.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
  }
}
