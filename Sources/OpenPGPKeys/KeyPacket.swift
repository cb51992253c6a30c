/// Reads a public-key, public-subkey, secret-key or secret-subkey packet body (RFC 9580
/// §5.5.2, RFC 4880 §5.5.2 for v3) and identifies the key the way GnuPG does.
enum KeyPacket {
  enum Failure: Error, Equatable {
    case truncated
    case unsupportedVersion(Int)
    /// A v4 secret key with an algorithm whose public part we cannot delimit.
    case unknownSecretLayout
    /// libcrypto could not compute the digest (never seen; reported rather than trapped).
    case digestUnavailable
  }

  static func parse(_ body: ArraySlice<UInt8>, isSecret: Bool) -> Result<KeyInfo, Failure> {
    var c = ByteCursor(body)
    guard let version = c.u8(), let created = c.u32() else { return .failure(.truncated) }
    switch version {
    case 2, 3:
      guard c.u16() != nil, let algorithm = c.u8() else { return .failure(.truncated) }
      return parseV3(&c, version: version, created: created, algorithm: algorithm, body: body)
    case 4:
      guard let algorithm = c.u8() else { return .failure(.truncated) }
      let material = readMaterial(&c, algorithm: algorithm)
      let publicEnd: Int
      if material.known {
        publicEnd = c.position
      } else if isSecret {
        return .failure(.unknownSecretLayout)
      } else {
        publicEnd = body.endIndex
      }
      guard material.ok else { return .failure(.truncated) }
      guard let fingerprint = v4Fingerprint(body[body.startIndex..<publicEnd]) else {
        return .failure(.digestUnavailable)
      }
      return .success(
        info(fingerprint, keyID: fingerprint.suffix(8), version, algorithm, material, created))
    case 5, 6:
      guard let algorithm = c.u8(), let length = c.u32() else { return .failure(.truncated) }
      guard let materialBytes = c.take(Int(length)) else { return .failure(.truncated) }
      var m = ByteCursor(materialBytes)
      var material = readMaterial(&m, algorithm: algorithm)
      if !material.ok { material = Material(ok: true, known: false, bits: nil, curve: nil) }
      let hashed = body[body.startIndex..<c.position]
      let n = hashed.count
      let prefix: [UInt8] = [
        version == 5 ? 0x9A : 0x9B, UInt8(truncatingIfNeeded: n >> 24),
        UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8),
        UInt8(truncatingIfNeeded: n),
      ]
      let fingerprint = Digest.hash(.sha256, [prefix[...], hashed])
      guard fingerprint.count == 32 else { return .failure(.digestUnavailable) }
      return .success(
        info(fingerprint, keyID: fingerprint.prefix(8), version, algorithm, material, created))
    default:
      return .failure(.unsupportedVersion(version))
    }
  }

  /// v3 keys: the fingerprint is MD5 of the RSA modulus and exponent octets, the key ID the
  /// modulus's low 64 bits (RFC 4880 §12.2). Non-RSA v3 keys (never made by PGP 2) are hashed
  /// like v4, as GnuPG does.
  private static func parseV3(
    _ c: inout ByteCursor, version: Int, created: UInt32, algorithm: Int, body: ArraySlice<UInt8>
  ) -> Result<KeyInfo, Failure> {
    if PublicKeyAlgorithm.isRSA(algorithm) {
      guard let n = c.mpi(), let e = c.mpi() else { return .failure(.truncated) }
      let fingerprint = Digest.hash(.md5, [n, e])
      guard fingerprint.count == 16 else { return .failure(.digestUnavailable) }
      var keyID = [UInt8](repeating: 0, count: max(0, 8 - n.count))
      keyID += n.suffix(8)
      let material = Material(ok: true, known: true, bits: significantBits(n), curve: nil)
      return .success(info(fingerprint, keyID: keyID[...], version, algorithm, material, created))
    }
    let material = readMaterial(&c, algorithm: algorithm)
    guard material.ok else { return .failure(.truncated) }
    let hashed = body[body.startIndex..<(material.known ? c.position : body.endIndex)]
    guard let fingerprint = v4Fingerprint(hashed) else { return .failure(.digestUnavailable) }
    return .success(
      info(fingerprint, keyID: fingerprint.suffix(8), version, algorithm, material, created))
  }

  /// SHA-1 over 0x99, a two-octet length and the public key fields (RFC 9580 §5.5.4.2). The
  /// packet cap (`maxKeyPacketBytes`) keeps the length within two octets.
  private static func v4Fingerprint(_ hashed: ArraySlice<UInt8>) -> [UInt8]? {
    guard hashed.count <= 0xFFFF else { return nil }
    let prefix: [UInt8] = [
      0x99, UInt8(truncatingIfNeeded: hashed.count >> 8), UInt8(truncatingIfNeeded: hashed.count),
    ]
    let fingerprint = Digest.hash(.sha1, [prefix[...], hashed])
    return fingerprint.count == 20 ? fingerprint : nil
  }

  private static func info(
    _ fingerprint: [UInt8], keyID: ArraySlice<UInt8>, _ version: Int, _ algorithm: Int,
    _ material: Material, _ created: UInt32
  ) -> KeyInfo {
    KeyInfo(
      fingerprint: Hex.upper(fingerprint), keyID: Hex.upper(keyID), version: version,
      algorithmID: algorithm, algorithm: PublicKeyAlgorithm.name(algorithm), bits: material.bits,
      curve: material.curve, creationTimestamp: created)
  }

  struct Material {
    /// False when the material was cut short.
    var ok: Bool
    /// False for algorithms whose layout is unknown (nothing was read).
    var known: Bool
    var bits: Int?
    var curve: String?
  }

  /// Reads the public key material of `algorithm` (RFC 9580 §5.5.5).
  static func readMaterial(_ c: inout ByteCursor, algorithm: Int) -> Material {
    let truncated = Material(ok: false, known: true, bits: nil, curve: nil)
    switch algorithm {
    case _ where PublicKeyAlgorithm.isRSA(algorithm):
      guard let n = c.mpi(), c.mpi() != nil else { return truncated }
      return Material(ok: true, known: true, bits: significantBits(n), curve: nil)
    case PublicKeyAlgorithm.dsa:
      guard let p = c.mpi(), c.mpi() != nil, c.mpi() != nil, c.mpi() != nil else {
        return truncated
      }
      return Material(ok: true, known: true, bits: significantBits(p), curve: nil)
    case PublicKeyAlgorithm.elgamalEncryptOnly, PublicKeyAlgorithm.elgamalEncryptOrSign:
      guard let p = c.mpi(), c.mpi() != nil, c.mpi() != nil else { return truncated }
      return Material(ok: true, known: true, bits: significantBits(p), curve: nil)
    case PublicKeyAlgorithm.ecdsa, PublicKeyAlgorithm.eddsaLegacy, PublicKeyAlgorithm.ecdh:
      // OID length 0 and 0xFF are reserved for future extensions.
      guard let oidLength = c.u8(), oidLength != 0, oidLength != 0xFF,
        let oid = c.take(oidLength), c.mpi() != nil
      else { return truncated }
      if algorithm == PublicKeyAlgorithm.ecdh {
        guard let kdfLength = c.u8(), c.take(kdfLength) != nil else { return truncated }
      }
      let curve = Curve.identify(oid)
      return Material(ok: true, known: true, bits: curve.bits, curve: curve.name)
    default:
      if let native = PublicKeyAlgorithm.nativeKey(algorithm) {
        guard c.take(native.length) != nil else { return truncated }
        return Material(ok: true, known: true, bits: native.bits, curve: native.curve)
      }
      return Material(ok: true, known: false, bits: nil, curve: nil)
    }
  }
}
