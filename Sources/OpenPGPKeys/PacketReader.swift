/// Walks an OpenPGP packet stream (RFC 9580 §4.2) one packet at a time, without recursion:
/// old- and new-format headers, one-, two- and five-octet lengths, partial body lengths and
/// old-format indeterminate lengths.
struct PacketReader {
  enum Step {
    /// A packet whose body was asked for (joined if it came in partial chunks).
    case packet(tag: Int, body: ArraySlice<UInt8>)
    /// A packet that was skipped: not asked for, or larger than the cap.
    case skipped(tag: Int, oversized: Bool)
    case end
    /// The stream cannot be read further.
    case malformed(String)
  }

  let data: [UInt8]
  private(set) var offset = 0

  init(_ data: [UInt8]) { self.data = data }

  /// The next packet. `wants(tag)` says whether its body is needed; bodies of wanted packets
  /// are returned when at most `maxBody` bytes long.
  mutating func next(wants: (Int) -> Bool, maxBody: Int) -> Step {
    guard offset < data.count else { return .end }
    let header = Int(data[offset])
    guard header & 0x80 != 0 else { return .malformed("packet header without its high bit") }
    offset += 1
    let tag: Int
    if header & 0x40 != 0 {
      tag = header & 0x3F
      return readNewFormat(tag: tag, wants: wants(tag), maxBody: maxBody)
    }
    tag = (header >> 2) & 0x0F
    let lengthType = header & 0x03
    let length: Int
    switch lengthType {
    case 0:
      guard let v = readBigEndian(1) else { return .malformed("truncated packet length") }
      length = v
    case 1:
      guard let v = readBigEndian(2) else { return .malformed("truncated packet length") }
      length = v
    case 2:
      guard let v = readBigEndian(4) else { return .malformed("truncated packet length") }
      length = v
    default:
      length = data.count - offset  // indeterminate: to the end of the data
    }
    return finish(tag: tag, start: offset, length: length, wants: wants(tag), maxBody: maxBody)
  }

  private mutating func readBigEndian(_ count: Int) -> Int? {
    guard data.count - offset >= count else { return nil }
    var v = 0
    for i in 0..<count { v = v << 8 | Int(data[offset + i]) }
    offset += count
    return v
  }

  private mutating func finish(tag: Int, start: Int, length: Int, wants: Bool, maxBody: Int)
    -> Step
  {
    guard length <= data.count - start else {
      offset = data.count
      return .malformed("packet length runs past the end of the data")
    }
    offset = start + length
    if !wants { return .skipped(tag: tag, oversized: false) }
    if length > maxBody { return .skipped(tag: tag, oversized: true) }
    return .packet(tag: tag, body: data[start..<start + length])
  }

  /// New-format length: the first octet says one-octet (< 192), two-octet (192–223),
  /// partial (224–254: a chunk of 2^(n & 31) octets, more lengths follow) or five-octet (255).
  private mutating func readNewFormat(tag: Int, wants: Bool, maxBody: Int) -> Step {
    var chunks: [Range<Int>] = []
    var total = 0
    while true {
      guard let first = readBigEndian(1) else { return .malformed("truncated packet length") }
      var length: Int
      var partial = false
      switch first {
      case 0..<192:
        length = first
      case 192..<224:
        guard let second = readBigEndian(1) else { return .malformed("truncated packet length") }
        length = ((first - 192) << 8) + second + 192
      case 255:
        guard let v = readBigEndian(4) else { return .malformed("truncated packet length") }
        length = v
      default:
        length = 1 << (first & 0x1F)
        partial = true
      }
      if chunks.isEmpty && !partial {
        return finish(tag: tag, start: offset, length: length, wants: wants, maxBody: maxBody)
      }
      guard length <= data.count - offset else {
        offset = data.count
        return .malformed("partial packet chunk runs past the end of the data")
      }
      chunks.append(offset..<offset + length)
      total += length
      offset += length
      if !partial { break }
    }
    if !wants { return .skipped(tag: tag, oversized: false) }
    if total > maxBody { return .skipped(tag: tag, oversized: true) }
    var joined = [UInt8]()
    joined.reserveCapacity(total)
    for chunk in chunks { joined.append(contentsOf: data[chunk]) }
    return .packet(tag: tag, body: joined[...])
  }
}
