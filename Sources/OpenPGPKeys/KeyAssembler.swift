/// Groups the packets of a stream into transferable keys: a primary key packet, then its user
/// IDs and subkeys until the next primary key (RFC 9580 §10.1). Signatures, user attributes,
/// trust and unknown packets are skipped without being read.
enum KeyAssembler {
  private static let signatureTag = 2
  private static let secretKeyTag = 5
  private static let publicKeyTag = 6
  private static let secretSubkeyTag = 7
  private static let userIDTag = 13
  private static let publicSubkeyTag = 14
  private static let userAttributeTag = 17

  private struct Builder {
    var primary: KeyInfo
    var fromSecret: Bool
    /// The primary's fingerprint and key ID as bytes, to recognise its self-signatures.
    let fingerprintBytes: [UInt8]
    let keyIDBytes: [UInt8]

    init(primary: KeyInfo, fromSecret: Bool) {
      self.primary = primary
      self.fromSecret = fromSecret
      fingerprintBytes = Hex.bytes(primary.fingerprint)
      keyIDBytes = Hex.bytes(primary.keyID)
    }

    var userIDs: [String] = []
    /// Per user ID: its latest self-certification (creation time, Primary User ID flag).
    var selfCertifications: [(created: UInt32, primary: Bool)?] = []
    /// Per user ID: its latest self-revocation's creation time.
    var selfRevocations: [UInt32?] = []
    /// The user ID that signatures now follow, if the last component was a user ID.
    var openUserID: Int? = nil
    var subkeys: [KeyInfo] = []

    mutating func addSignature(_ facts: SignatureFacts) {
      guard let uid = openUserID,
        facts.isIssued(byFingerprint: fingerprintBytes, keyID: keyIDBytes)
      else { return }
      if facts.isCertificationRevocation {
        selfRevocations[uid] = max(selfRevocations[uid] ?? 0, facts.created)
        return
      }
      guard facts.isCertification else { return }
      if let latest = selfCertifications[uid], latest.created > facts.created { return }
      selfCertifications[uid] = (facts.created, facts.primaryUserID)
    }

    /// GnuPG lists the primary user ID first: of the user IDs whose latest self-certification
    /// carries the Primary User ID flag, the most recently certified; when none is flagged, the
    /// most recently certified of all. Ties go, as in GnuPG's `cmp_user_ids`, to the longer
    /// user ID, then to the larger bytes. The others keep their packet order.
    func orderedUserIDs() -> [String] {
      var best: Int? = nil
      for (i, cert) in selfCertifications.enumerated() {
        // A user ID revoked after its latest certification cannot be primary.
        guard let cert, (selfRevocations[i] ?? 0) < cert.created || selfRevocations[i] == nil
        else { continue }
        guard let b = best, let bestCert = selfCertifications[b] else {
          best = i
          continue
        }
        let key = (cert.primary ? 1 : 0, cert.created)
        let bestKey = (bestCert.primary ? 1 : 0, bestCert.created)
        if key > bestKey || (key == bestKey && sortsAfter(userIDs[i], userIDs[b])) { best = i }
      }
      guard let best, best > 0 else { return userIDs }
      var ordered = userIDs
      let chosen = ordered.remove(at: best)
      ordered.insert(chosen, at: 0)
      return ordered
    }

    private func sortsAfter(_ a: String, _ b: String) -> Bool {
      let (x, y) = (Array(a.utf8), Array(b.utf8))
      if x.count != y.count { return x.count > y.count }
      return x.lexicographicallyPrecedes(y) == false && x != y
    }

    func build() -> OpenPGPKey {
      OpenPGPKey(
        primary: primary, userIDs: orderedUserIDs(), subkeys: subkeys, fromSecretKey: fromSecret)
    }
  }

  static func keys(fromPackets data: [UInt8], block: Int?, defects: inout DefectSink)
    -> [OpenPGPKey]
  {
    var reader = PacketReader(data)
    var keys: [OpenPGPKey] = []
    var current: Builder? = nil
    // After an unreadable primary, its user IDs and subkeys are dropped quietly.
    var insideUnreadableKey = false
    let wanted: (Int) -> Bool = {
      $0 == signatureTag || $0 == publicKeyTag || $0 == publicSubkeyTag || $0 == userIDTag
        || $0 == secretKeyTag
        || $0 == secretSubkeyTag
    }

    func flush() {
      if let built = current?.build() { keys.append(built) }
      current = nil
    }

    loop: while true {
      let step = reader.next(wants: wanted, maxBody: ExtractionLimits.maxKeyPacketBytes)
      switch step {
      case .end:
        break loop
      case .malformed(let reason):
        defects.add(.malformedPacket, block, reason)
        break loop
      case .skipped(let tag, let oversized):
        // A user attribute (photo) ends the signatures of the user ID before it.
        if tag == userAttributeTag { current?.openUserID = nil }
        guard oversized else { continue }
        defects.add(.limitExceeded, block, "packet with tag \(tag) larger than the cap skipped")
        if tag == publicKeyTag || tag == secretKeyTag {
          flush()
          insideUnreadableKey = true
        }
      case .packet(let tag, let body):
        switch tag {
        case publicKeyTag, secretKeyTag:
          flush()
          guard keys.count < ExtractionLimits.maxKeys else {
            defects.add(.limitExceeded, block, "more keys than the cap; the rest skipped")
            break loop
          }
          switch KeyPacket.parse(body, isSecret: tag == secretKeyTag) {
          case .success(let info):
            current = Builder(primary: info, fromSecret: tag == secretKeyTag)
            insideUnreadableKey = false
          case .failure(let failure):
            defects.add(.unreadableKey, block, describe(failure))
            insideUnreadableKey = true
          }
        case publicSubkeyTag, secretSubkeyTag:
          guard current != nil else {
            if !insideUnreadableKey {
              defects.add(.orphanPacket, block, "subkey before any primary key")
            }
            continue
          }
          current!.openUserID = nil
          switch KeyPacket.parse(body, isSecret: tag == secretSubkeyTag) {
          case .success(let info):
            if current!.subkeys.count < ExtractionLimits.maxPartsPerKey {
              current!.subkeys.append(info)
            }
          case .failure(let failure):
            defects.add(.unreadableKey, block, "subkey: " + describe(failure))
          }
        case userIDTag:
          guard current != nil else {
            if !insideUnreadableKey {
              defects.add(.orphanPacket, block, "user ID before any primary key")
            }
            continue
          }
          if current!.userIDs.count < ExtractionLimits.maxPartsPerKey {
            let text = body.prefix(ExtractionLimits.maxUserIDBytes)
            current!.userIDs.append(String(decoding: text, as: UTF8.self))
            current!.selfCertifications.append(nil)
            current!.selfRevocations.append(nil)
            current!.openUserID = current!.userIDs.count - 1
          } else {
            current!.openUserID = nil
          }
        case signatureTag:
          if current?.openUserID != nil, let facts = SignatureFacts.read(body) {
            current!.addSignature(facts)
          }
        default:
          continue
        }
      }
    }
    flush()
    return keys
  }

  private static func describe(_ failure: KeyPacket.Failure) -> String {
    switch failure {
    case .truncated: return "key material cut short"
    case .unsupportedVersion(let v): return "unsupported key packet version \(v)"
    case .unknownSecretLayout: return "secret key with an algorithm of unknown layout"
    case .digestUnavailable: return "the fingerprint digest could not be computed"
    }
  }
}
