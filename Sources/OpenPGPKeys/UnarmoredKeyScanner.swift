/// Finds key data whose armor lines were lost: scrapers and forums that strip dashes or
/// "BEGIN" lines leave a bare run of base64 (`mQINBF…` or `xsBNBF…`) in the prose. Outside
/// the armored blocks, every word that starts like a key packet is decoded far enough to read
/// that packet; only a readable key packet (known algorithm, consistent lengths) is accepted,
/// so ordinary words starting with "m" or "x" cost an eight-byte decode and are dropped.
enum UnarmoredKeyScanner {
  static func addUnarmoredKeys(in text: UnsafeBufferPointer<UInt8>, to blocks: [ArmoredBlock])
    -> [ArmoredBlock]
  {
    var result: [ArmoredBlock] = []
    // Decoding spent on candidates that turn out not to be keys is capped at four times the
    // text size (and at least 1 MiB): a text crafted with many plausible starts then costs a
    // few passes over itself, not one 64 KiB decode per word.
    var budget = max(1 << 20, 4 * text.count)
    // Armored blocks keep their numbers (defects refer to them); unarmored runs come after.
    var nextIndex = blocks.count
    var gapStart = 0
    for block in blocks + [ArmoredBlock(index: -1, textRange: text.count..<text.count, data: [])] {
      var i = gapStart
      let gapEnd = block.textRange.lowerBound
      while i < gapEnd && budget > 0 {
        let c = text[i]
        guard c == 0x6D || c == 0x78, i == 0 || !Base64.isAlphabet(text[i - 1]) else {  // m x
          i += 1
          continue
        }
        if let found = keyData(text, at: i, before: gapEnd, budget: &budget) {
          result.append(ArmoredBlock(index: nextIndex, textRange: i..<found.end, data: found.bytes))
          nextIndex += 1
          i = found.end
        } else {
          i += 1
        }
      }
      if block.index >= 0 { result.append(block) }
      gapStart = max(gapStart, block.textRange.upperBound)
    }
    return result
  }

  /// The decoded run of base64 starting at `start` when it begins with a readable key packet.
  private static func keyData(
    _ text: UnsafeBufferPointer<UInt8>, at start: Int, before end: Int, budget: inout Int
  ) -> Base64.Decoded? {
    let prefix = Base64.decode(text, start..<end, limit: 8).bytes
    guard let packetLength = ArmorScanner.plausibleKeyPacketStart(prefix) else { return nil }
    let first = Base64.decode(text, start..<end, limit: packetLength + 3)
    budget -= first.end - start
    guard first.bytes.count >= packetLength, ArmorScanner.firstPacketIsReadableKey(first.bytes)
    else { return nil }
    var decoded = Base64.decode(text, start..<end)
    // Step over the padding that ended the data.
    while decoded.end < end && text[decoded.end] == 0x3D { decoded.end += 1 }
    return decoded
  }
}
