/// The few facts of a certification signature that decide which user ID is primary, read
/// without verifying it (RFC 9580 §5.2): its type, creation time, issuer and the Primary User
/// ID flag. GnuPG lists the primary user ID first; so do we.
struct SignatureFacts: Equatable {
  var type: Int
  var created: UInt32 = 0
  var primaryUserID = false
  var issuerKeyID: ArraySlice<UInt8>? = nil
  var issuerFingerprint: ArraySlice<UInt8>? = nil

  /// Certifications of a user ID (generic, persona, casual, positive).
  var isCertification: Bool { (0x10...0x13).contains(type) }
  /// A certification revocation (withdraws a user ID).
  var isCertificationRevocation: Bool { type == 0x30 }

  /// True when the issuer named in the signature is the key with this fingerprint and key ID
  /// (raw bytes), or when no issuer is named.
  func isIssued(byFingerprint fingerprint: [UInt8], keyID: [UInt8]) -> Bool {
    if let fpr = issuerFingerprint { return fpr.elementsEqual(fingerprint) }
    if let id = issuerKeyID { return id.elementsEqual(keyID) }
    return true
  }

  private static let subpacketCreationTime = 2
  private static let subpacketIssuer = 16
  private static let subpacketPrimaryUserID = 25
  private static let subpacketIssuerFingerprint = 33

  /// Reads a signature packet body; nil when it is not a readable v3, v4, v5 or v6 signature.
  static func read(_ body: ArraySlice<UInt8>) -> SignatureFacts? {
    var c = ByteCursor(body)
    guard let version = c.u8() else { return nil }
    switch version {
    case 3:
      // v3: hashed length 5, type, creation time, issuer key ID.
      guard c.u8() == 5, let type = c.u8(), let created = c.u32(), let issuer = c.take(8)
      else { return nil }
      return SignatureFacts(type: type, created: created, issuerKeyID: issuer)
    case 4, 5, 6:
      guard let type = c.u8(), c.u8() != nil, c.u8() != nil else { return nil }
      var facts = SignatureFacts(type: type)
      // v6 subpacket areas have four-octet lengths; v4 and v5 two-octet ones.
      for hashed in [true, false] {
        let length: Int?
        if version == 6 { length = c.u32().map { Int($0) } } else { length = c.u16() }
        guard let length, let area = c.take(length) else { return nil }
        readSubpackets(area, hashed: hashed, into: &facts)
      }
      return facts
    default:
      return nil
    }
  }

  /// Walks a subpacket area; only hashed creation time and primary flag are trusted, the
  /// issuer may come from either area (GnuPG puts it in the unhashed one).
  private static func readSubpackets(
    _ area: ArraySlice<UInt8>, hashed: Bool, into facts: inout SignatureFacts
  ) {
    var c = ByteCursor(area)
    while c.remaining > 0 {
      guard let first = c.u8() else { return }
      let length: Int
      switch first {
      case 0..<192: length = first
      case 192..<255:
        guard let second = c.u8() else { return }
        length = ((first - 192) << 8) + second + 192
      default:
        guard let v = c.u32() else { return }
        length = Int(v)
      }
      guard length >= 1, let subpacket = c.take(length) else { return }
      let type = Int(subpacket[subpacket.startIndex] & 0x7F)
      let data = subpacket.dropFirst()
      switch type {
      case subpacketCreationTime where hashed && data.count == 4:
        var d = ByteCursor(data)
        facts.created = d.u32() ?? 0
      case subpacketPrimaryUserID where hashed && data.count == 1:
        facts.primaryUserID = data[data.startIndex] != 0
      case subpacketIssuer where data.count == 8:
        facts.issuerKeyID = data
      case subpacketIssuerFingerprint where data.count >= 21:
        facts.issuerFingerprint = data.dropFirst()
      default:
        continue
      }
    }
  }
}
