#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One armored key block found in a text, decoded to its binary packets.
struct ArmoredBlock {
  /// 0-based, in text order.
  let index: Int
  /// From the first dash of the BEGIN line to the last of the END line (or the end of the data
  /// when the END line is missing): bare identifiers are not looked for in here.
  let textRange: Range<Int>
  let data: [UInt8]
}

/// Finds armored key blocks (RFC 9580 §6.2) in arbitrary text and decodes them, tolerating
/// what scraping does to them: line breaks collapsed to spaces or removed, HTML entities and
/// tags, escaped line breaks, CRLF, indentation, missing armor headers, missing END lines,
/// missing or wrong checksums.
enum ArmorScanner {
  private static let begin = Array("BEGIN PGP ".utf8)
  private static let labels = ["PUBLIC KEY BLOCK", "PRIVATE KEY BLOCK", "SECRET KEY BLOCK"].map {
    Array($0.utf8)
  }
  private static let end = Array("END PGP ".utf8)
  /// Key data is looked for within the first 4 KiB after the BEGIN line: armor headers
  /// (Version, Comment, Hash, Charset) are a few lines; a longer preamble is not a header.
  private static let maxHeaderScan = 4096
  /// At most 64 candidate starts get a full first-packet check per block, so a block of
  /// junk costs little more than reading it once.
  private static let maxCandidates = 64

  static func findBlocks(in text: UnsafeBufferPointer<UInt8>, defects: inout DefectSink)
    -> [ArmoredBlock]
  {
    var blocks: [ArmoredBlock] = []
    var position = 0
    while let b = find(begin, in: text, from: position, to: text.count) {
      let afterBegin = b + begin.count
      guard let labelIndex = labels.firstIndex(where: { hasPrefix($0, text, at: afterBegin) })
      else {
        position = afterBegin
        continue
      }
      let label = labels[labelIndex]
      var contentStart = afterBegin + label.count
      while contentStart < text.count && text[contentStart] == 0x2D { contentStart += 1 }
      var blockStart = b
      while blockStart > 0 && text[blockStart - 1] == 0x2D { blockStart -= 1 }

      let nextBegin = find(begin, in: text, from: contentStart, to: text.count) ?? text.count
      let index = blocks.count
      var contentEnd: Int
      var blockEnd: Int
      if let e = find(end + label, in: text, from: contentStart, to: nextBegin) {
        contentEnd = e
        blockEnd = e + end.count + label.count
        while blockEnd < text.count && text[blockEnd] == 0x2D { blockEnd += 1 }
      } else {
        defects.add(.missingEndLine, index, "no END line; read to the next block or text end")
        contentEnd = nextBegin
        blockEnd = nextBegin
      }
      while contentEnd > contentStart && text[contentEnd - 1] == 0x2D { contentEnd -= 1 }
      position = max(blockEnd, contentStart)

      let region = contentStart..<contentEnd
      let data: [UInt8]?
      if ArmorCleaner.needsCleaning(text, region) {
        let cleaned = ArmorCleaner.clean(text, region)
        data = cleaned.withUnsafeBufferPointer {
          decodeBody($0, 0..<$0.count, block: index, defects: &defects)
        }
      } else {
        data = decodeBody(text, region, block: index, defects: &defects)
      }
      blocks.append(ArmoredBlock(index: index, textRange: blockStart..<blockEnd, data: data ?? []))
    }
    return UnarmoredKeyScanner.addUnarmoredKeys(in: text, to: blocks)
  }

  /// Decodes the text between the BEGIN and END lines: finds where the key data starts (after
  /// any armor headers, whether or not line breaks survived), decodes it and checks the CRC.
  private static func decodeBody(
    _ text: UnsafeBufferPointer<UInt8>, _ region: Range<Int>, block: Int,
    defects: inout DefectSink
  ) -> [UInt8]? {
    var bodyEnd = region.upperBound
    while bodyEnd > region.lowerBound && Base64.table[Int(text[bodyEnd - 1])] == Base64.skip {
      bodyEnd -= 1
    }
    // The checksum is "=" and four base64 characters at the very end ("=" never starts a
    // 4-character group of the data itself).
    var checksum: UInt32? = nil
    if bodyEnd - region.lowerBound >= 5 && text[bodyEnd - 5] == 0x3D
      && (bodyEnd - 4..<bodyEnd).allSatisfy({ Base64.isAlphabet(text[$0]) })
    {
      let crc = Base64.decode(text, bodyEnd - 4..<bodyEnd).bytes
      checksum = UInt32(crc[0]) << 16 | UInt32(crc[1]) << 8 | UInt32(crc[2])
      bodyEnd -= 5
    }
    guard let start = findDataStart(text, region.lowerBound..<bodyEnd) else {
      defects.add(.noKeyData, block, "no base64 key data after the BEGIN line")
      return nil
    }
    let decoded = Base64.decode(text, start..<bodyEnd)
    if let stop = decoded.invalidAt, !onlyPaddingAndSpace(text, stop..<bodyEnd) {
      defects.add(.invalidBase64, block, "a non-base64 character ended the data early")
    }
    if let checksum {
      if CRC24.checksum(decoded.bytes) != checksum {
        defects.add(.checksumMismatch, block, "armor checksum does not match the data")
      }
    } else {
      defects.add(.checksumMissing, block, "no armor checksum line")
    }
    return decoded.bytes
  }

  private static func onlyPaddingAndSpace(_ text: UnsafeBufferPointer<UInt8>, _ r: Range<Int>)
    -> Bool
  {
    r.allSatisfy {
      let v = Base64.table[Int(text[$0])]; return v == Base64.skip || v == Base64.pad
    }
  }

  /// The first position in `range` from which the base64 decodes to a readable key packet.
  /// Key packets start with a tag-5/6 header, whose base64 begins with `l`, `m` or `x`.
  private static func findDataStart(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    -> Int?
  {
    let scanEnd = min(range.upperBound, range.lowerBound + maxHeaderScan)
    var tried = 0
    var i = range.lowerBound
    while i < scanEnd && tried < maxCandidates {
      let c = text[i]
      if c == 0x6D || c == 0x78 || c == 0x6C {  // m x l
        let prefix = Base64.decode(text, i..<range.upperBound, limit: 8).bytes
        if let packetLength = plausibleKeyPacketStart(prefix) {
          tried += 1
          let first = Base64.decode(text, i..<range.upperBound, limit: packetLength + 3).bytes
          if firstPacketIsReadableKey(first) { return i }
        }
      }
      i += 1
    }
    return nil
  }

  /// For a prefix that starts like a key packet (tag 5 or 6, sane length, version 2–6), the
  /// number of bytes of its header and body; nil otherwise.
  static func plausibleKeyPacketStart(_ p: [UInt8]) -> Int? {
    guard p.count >= 6, p[0] & 0x80 != 0 else { return nil }
    var headerLength = 0
    var bodyLength = 0
    if p[0] & 0x40 != 0 {
      let tag = p[0] & 0x3F
      guard tag == 5 || tag == 6 else { return nil }
      let first = Int(p[1])
      switch first {
      case 0..<192: (headerLength, bodyLength) = (2, first)
      case 192..<224: (headerLength, bodyLength) = (3, ((first - 192) << 8) + Int(p[2]) + 192)
      case 255:
        headerLength = 6
        bodyLength = Int(p[2]) << 24 | Int(p[3]) << 16 | Int(p[4]) << 8 | Int(p[5])
      default: return nil
      }
    } else {
      let tag = (p[0] >> 2) & 0x0F
      guard tag == 5 || tag == 6 else { return nil }
      switch p[0] & 3 {
      case 0: (headerLength, bodyLength) = (2, Int(p[1]))
      case 1: (headerLength, bodyLength) = (3, Int(p[1]) << 8 | Int(p[2]))
      case 2:
        headerLength = 5
        bodyLength = Int(p[1]) << 24 | Int(p[2]) << 16 | Int(p[3]) << 8 | Int(p[4])
      default: return nil
      }
    }
    guard bodyLength >= 6, bodyLength <= ExtractionLimits.maxKeyPacketBytes,
      headerLength < p.count, (2...6).contains(p[headerLength])
    else { return nil }
    return headerLength + bodyLength
  }

  static func firstPacketIsReadableKey(_ bytes: [UInt8]) -> Bool {
    var reader = PacketReader(bytes)
    guard case .packet(let tag, let body) = reader.next(wants: { _ in true }, maxBody: Int.max)
    else { return false }
    // A known algorithm is required for versions before 5 (their material has no length of
    // its own, so a wrong start with an unknown algorithm would always "parse").
    guard case .success(let info) = KeyPacket.parse(body, isSecret: tag == 5) else { return false }
    return info.version >= 5 || !info.algorithm.hasPrefix("unknown")
  }

  private static func hasPrefix(_ needle: [UInt8], _ text: UnsafeBufferPointer<UInt8>, at i: Int)
    -> Bool
  {
    guard text.count - i >= needle.count else { return false }
    for k in 0..<needle.count where text[i + k] != needle[k] { return false }
    return true
  }

  /// The first occurrence of `needle` in `text[from..<to]`.
  static func find(_ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>, from: Int, to: Int)
    -> Int?
  {
    guard let first = needle.first, to - from >= needle.count, let base = text.baseAddress
    else { return nil }
    var i = from
    let last = to - needle.count
    while i <= last {
      // memchr finds the candidate first byte at libc speed; the rest is compared here.
      guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
      let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if hasPrefix(needle, text, at: at) { return at }
      i = at + 1
    }
    return nil
  }
}
