/// Public-key algorithm numbers (RFC 9580 §9.1) and elliptic curves (§9.2).
enum PublicKeyAlgorithm {
  static let rsa = 1
  static let rsaEncryptOnly = 2
  static let rsaSignOnly = 3
  static let elgamalEncryptOnly = 16
  static let dsa = 17
  static let ecdh = 18
  static let ecdsa = 19
  static let elgamalEncryptOrSign = 20
  static let eddsaLegacy = 22
  static let x25519 = 25
  static let x448 = 26
  static let ed25519 = 27
  static let ed448 = 28

  static func name(_ id: Int) -> String {
    switch id {
    case rsa, rsaEncryptOnly, rsaSignOnly: return "RSA"
    case elgamalEncryptOnly, elgamalEncryptOrSign: return "ElGamal"
    case dsa: return "DSA"
    case ecdh: return "ECDH"
    case ecdsa: return "ECDSA"
    case eddsaLegacy: return "EdDSA"
    case x25519: return "X25519"
    case x448: return "X448"
    case ed25519: return "Ed25519"
    case ed448: return "Ed448"
    default: return "unknown(\(id))"
    }
  }

  static func isRSA(_ id: Int) -> Bool { id == rsa || id == rsaEncryptOnly || id == rsaSignOnly }

  /// Fixed-size native keys of RFC 9580: their raw public key length, curve name and size.
  static func nativeKey(_ id: Int) -> (length: Int, curve: String, bits: Int)? {
    switch id {
    case x25519: return (32, "cv25519", 255)
    case x448: return (56, "cv448", 448)
    case ed25519: return (32, "ed25519", 255)
    case ed448: return (57, "ed448", 448)
    default: return nil
    }
  }
}

/// Curve OIDs (DER content bytes, without tag and length) with GnuPG's names and sizes.
enum Curve {
  private static let known: [(oid: [UInt8], name: String, bits: Int)] = [
    ([0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07], "nistp256", 256),
    ([0x2B, 0x81, 0x04, 0x00, 0x22], "nistp384", 384),
    ([0x2B, 0x81, 0x04, 0x00, 0x23], "nistp521", 521),
    ([0x2B, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07], "brainpoolP256r1", 256),
    ([0x2B, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0B], "brainpoolP384r1", 384),
    ([0x2B, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0D], "brainpoolP512r1", 512),
    ([0x2B, 0x06, 0x01, 0x04, 0x01, 0xDA, 0x47, 0x0F, 0x01], "ed25519", 255),
    ([0x2B, 0x06, 0x01, 0x04, 0x01, 0x97, 0x55, 0x01, 0x05, 0x01], "cv25519", 255),
    ([0x2B, 0x65, 0x6E], "cv25519", 255),
    ([0x2B, 0x65, 0x6F], "cv448", 448),
    ([0x2B, 0x65, 0x70], "ed25519", 255),
    ([0x2B, 0x65, 0x71], "ed448", 448),
    ([0x2B, 0x81, 0x04, 0x00, 0x0A], "secp256k1", 256),
  ]

  /// GnuPG's name and size for a curve OID; unknown OIDs get their dotted form and no size.
  static func identify(_ oid: ArraySlice<UInt8>) -> (name: String, bits: Int?) {
    for entry in known where entry.oid.elementsEqual(oid) { return (entry.name, entry.bits) }
    return (dotted(oid), nil)
  }

  /// The dotted-decimal form of an OID's content bytes (X.690 §8.19), for unknown curves.
  static func dotted(_ oid: ArraySlice<UInt8>) -> String {
    guard let first = oid.first else { return "" }
    var arcs: [String] = first < 80 ? ["\(first / 40)", "\(first % 40)"] : ["2", "\(first - 80)"]
    var value: UInt64 = 0
    for byte in oid.dropFirst() {
      guard value < (1 << 56) else { return "invalid" }
      value = (value << 7) | UInt64(byte & 0x7F)
      if byte & 0x80 == 0 {
        arcs.append("\(value)")
        value = 0
      }
    }
    return arcs.joined(separator: ".")
  }
}
