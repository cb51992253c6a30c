// libFuzzer target for crawl records (untrusted scraped JSON Lines): the JSON parser and the
// record decoder must return a record or an error naming a field, never trap, for any bytes.
// Built with swiftc by scripts/fuzz.sh.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCrawlRecord(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  guard let value = try? JSONParser.parse(bytes) else { return 0 }
  // What parses must serialise and parse back to the same value.
  let again = try? JSONParser.parse(value.serialized)
  precondition(again == value, "JSON round trip changed the value")
  do {
    _ = try RecordDecoder.decode(value)
  } catch {
    precondition(error.field == nil || !error.field!.isEmpty, "empty field name")
  }
  return 0
}
