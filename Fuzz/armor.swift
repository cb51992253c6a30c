// libFuzzer harness for the armor finder: arbitrary bytes as a scraped text.
// Built by scripts/fuzz.sh with swiftc -sanitize=fuzzer,address (not through SwiftPM).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArmor(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let extraction = extractKeys(fromUTF8: UnsafeBufferPointer(start: data, count: size))
  // What comes back must be well formed, whatever went in.
  for key in extraction.keys {
    for info in [key.primary] + key.subkeys {
      precondition([32, 40, 64].contains(info.fingerprint.count), "bad fingerprint length")
      precondition(info.keyID.count == 16, "bad key ID length")
    }
  }
  for identifier in extraction.identifiers {
    precondition([16, 40, 64].contains(identifier.hex.count), "bad identifier length")
  }
  precondition(extraction.defects.count <= ExtractionLimits.maxDefects, "defects over the cap")
  return 0
}
