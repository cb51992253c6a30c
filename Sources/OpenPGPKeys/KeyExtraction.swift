import Foundation

/// One public key (primary key or subkey) as GnuPG identifies it.
public struct KeyInfo: Sendable, Hashable {
  /// The fingerprint in upper-case hex without spaces: 32 digits for v3 (MD5), 40 for v4
  /// (SHA-1), 64 for v5 and v6 (SHA-256).
  public let fingerprint: String
  /// The long key ID (16 upper-case hex digits): the low 64 bits of the fingerprint for v4,
  /// its high 64 bits for v5/v6, the low 64 bits of the RSA modulus for v3.
  public let keyID: String
  /// The key packet version (2 and 3 are the same format, 4, 5 or 6).
  public let version: Int
  /// The public-key algorithm number (RFC 9580 §9.1).
  public let algorithmID: Int
  /// A stable short name for the algorithm: `RSA`, `DSA`, `ElGamal`, `ECDSA`, `EdDSA`
  /// (legacy), `ECDH`, `X25519`, `X448`, `Ed25519`, `Ed448`, or `unknown(N)`.
  public let algorithm: String
  /// The key size in bits: the modulus or prime size for RSA, DSA and ElGamal, the curve's
  /// size for elliptic-curve keys (255 for Curve25519, as GnuPG prints it); nil when unknown.
  public let bits: Int?
  /// The curve name as GnuPG spells it (`nistp256`, `ed25519`, `cv25519`, …), the dotted OID
  /// when the curve is unknown, or nil for algorithms without a curve.
  public let curve: String?
  /// The creation time written in the key packet (seconds since 1970, UTC).
  public let creationTimestamp: UInt32
  /// The creation time as a `Date`.
  public var created: Date { Date(timeIntervalSince1970: TimeInterval(creationTimestamp)) }
}

/// A transferable public key: a primary key, its user IDs and its subkeys, in packet order.
public struct OpenPGPKey: Sendable, Hashable {
  public let primary: KeyInfo
  /// The user IDs as written (invalid UTF-8 repaired with U+FFFD), in packet order.
  public let userIDs: [String]
  public let subkeys: [KeyInfo]
  /// True when the key came from a secret-key packet (only its public part is used).
  public let fromSecretKey: Bool

  public var fingerprint: String { primary.fingerprint }
  public var keyID: String { primary.keyID }
  public var version: Int { primary.version }
  public var algorithm: String { primary.algorithm }
  public var bits: Int? { primary.bits }
  public var curve: String? { primary.curve }
  public var created: Date { primary.created }
}

/// A fingerprint or long key ID written as hex in the text (not inside an armored block).
public struct BareIdentifier: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// 40 hex digits: a v4 fingerprint.
    case fingerprintV4
    /// 64 hex digits: a v5 or v6 fingerprint.
    case fingerprintV6
    /// 16 hex digits: a long key ID.
    case keyID
  }
  public let kind: Kind
  /// Upper-case hex without spaces.
  public let hex: String
}

/// Something wrong with the text that did not stop the extraction.
public struct ExtractionDefect: Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    /// The armor checksum (CRC-24) does not match the decoded data.
    case checksumMismatch
    /// The block has no checksum line (allowed by RFC 9580; noted for completeness).
    case checksumMissing
    /// A BEGIN line without its END line: the block was read to the next block or text end.
    case missingEndLine
    /// No base64 data that starts with a key packet was found after the BEGIN line.
    case noKeyData
    /// A character that is not base64 stopped the body early.
    case invalidBase64
    /// A packet header or body is inconsistent (bad length, truncated data).
    case malformedPacket
    /// A key packet could not be read (unknown version, truncated key material).
    case unreadableKey
    /// A subkey or user ID appeared before any primary key.
    case orphanPacket
    /// A size cap was hit (text, packet or count); the rest was skipped.
    case limitExceeded
  }
  public let kind: Kind
  /// Which block it concerns, or nil for binary input: armored blocks are numbered from 0 in
  /// text order, then runs of key data found without armor lines.
  public let block: Int?
  /// A short explanation; never contains text copied from the input.
  public let detail: String

  public var description: String {
    "\(block.map { "block \($0): " } ?? "")\(kind.rawValue): \(detail)"
  }
}

/// What `extractKeys(from:)` found in one text.
public struct KeyExtraction: Sendable, Hashable {
  /// Every key decoded from armored blocks (or bare base64 key data), in text order.
  public var keys: [OpenPGPKey] = []
  /// Fingerprints and long key IDs written as hex outside armored blocks, in text order,
  /// duplicates kept once.
  public var identifiers: [BareIdentifier] = []
  /// Problems met on the way, in text order (at most `ExtractionLimits.maxDefects`).
  public var defects: [ExtractionDefect] = []

  public init() {}

  /// Every fingerprint found: keys' primaries and subkeys first, then bare fingerprints.
  public var allFingerprints: [String] {
    keys.flatMap { [$0.fingerprint] + $0.subkeys.map(\.fingerprint) }
      + identifiers.filter { $0.kind != .keyID }.map(\.hex)
  }
}

/// Finds every OpenPGP public key in arbitrary text and identifies it as GnuPG does.
///
/// The text may be a scraped web page: armored blocks whose newlines were collapsed to spaces
/// or removed, HTML entities (`&#43;`, `&#x2F;`, …) and tags (`<br>`), literal `\n` escapes,
/// CRLF, indentation, missing armor headers, missing or wrong CRC-24 (reported in `defects`),
/// several blocks in one text, and key data whose BEGIN/END lines were stripped altogether. Bare fingerprints and long key IDs (with or without spaces
/// between groups, with or without `0x`) are returned in `identifiers`.
///
/// Never traps and never allocates more than a small multiple of the text size: texts longer
/// than `ExtractionLimits.maxTextBytes` are read only up to that size, packets and counts are
/// capped, and parsing is iterative. Thread-safe (pure function).
public func extractKeys(from text: String) -> KeyExtraction {
  var text = text
  return text.withUTF8 { extractKeys(fromUTF8: $0) }
}

/// The same as `extractKeys(from:)` for bytes (UTF-8 or any ASCII-compatible encoding).
public func extractKeys(fromUTF8 bytes: UnsafeBufferPointer<UInt8>) -> KeyExtraction {
  var extraction = KeyExtraction()
  var sink = DefectSink()
  var input = bytes
  if input.count > ExtractionLimits.maxTextBytes {
    sink.add(.limitExceeded, nil, "text longer than the cap; only its beginning was read")
    input = UnsafeBufferPointer(rebasing: input[0..<ExtractionLimits.maxTextBytes])
  }
  let blocks = ArmorScanner.findBlocks(in: input, defects: &sink)
  for block in blocks {
    let keys = KeyAssembler.keys(fromPackets: block.data, block: block.index, defects: &sink)
    extraction.keys.append(contentsOf: keys)
  }
  extraction.identifiers = BareIdentifierScanner.scan(
    input, skipping: blocks.map(\.textRange))
  extraction.defects = sink.defects
  return extraction
}

/// Parses a binary OpenPGP packet stream (a keyring file, or the decoded body of an armored
/// block) into keys. Used by the armor path and directly for `.gpg` keyrings.
public func parseKeys(fromPackets bytes: [UInt8]) -> (
  keys: [OpenPGPKey], defects: [ExtractionDefect]
) {
  var sink = DefectSink()
  let keys = KeyAssembler.keys(fromPackets: bytes, block: nil, defects: &sink)
  return (keys, sink.defects)
}
