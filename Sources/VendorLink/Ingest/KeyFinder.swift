import OpenPGPKeys

/// The keys a vendor page shows, as the store keeps them (adapter over OpenPGPKeys).
enum KeyFinder {
  struct StoredKey {
    var fingerprint: String
    var keyID: String
    var version: Int
    var algorithm: String
    var bits: Int?
    var curve: String?
    var created: String?
    var userID: String?
    var primaryFingerprint: String?
  }

  struct Found {
    var keys: [StoredKey] = []
    /// Bare fingerprints (40 or 64 hex) and long key IDs written as text.
    var fingerprints: [String] = []
    var defects: [String] = []
  }

  static func find(in text: String) -> Found {
    var found = Found()
    // TEMPORARY until OpenPGPKeys lands: bare 40-hex fingerprints only.
    let hex = Set("0123456789abcdefABCDEF")
    let compact = text.filter { $0 != " " }
    if compact.count == 40, compact.allSatisfy({ hex.contains($0) }) {
      found.fingerprints.append(compact.uppercased())
    }
    return found
  }
}
