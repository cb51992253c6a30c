// libFuzzer harness for the packet parser: arbitrary bytes as a binary packet stream.
// Built by scripts/fuzz.sh with swiftc -sanitize=fuzzer,address (not through SwiftPM).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPackets(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let (keys, defects) = parseKeys(fromPackets: Array(UnsafeBufferPointer(start: data, count: size)))
  for key in keys {
    precondition(key.userIDs.count <= ExtractionLimits.maxPartsPerKey, "user IDs over the cap")
    for info in [key.primary] + key.subkeys {
      precondition([32, 40, 64].contains(info.fingerprint.count), "bad fingerprint length")
    }
  }
  precondition(defects.count <= ExtractionLimits.maxDefects, "defects over the cap")
  return 0
}
