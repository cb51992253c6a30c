// libFuzzer target for the normalisers (untrusted scraped text). Built with swiftc, not
// SwiftPM (SwiftPM replaces libFuzzer's main): scripts/fuzz.sh (short, with ASan, in CI) and
// scripts/fuzz-normalise.sh (longer runs).
// Each input is split at the first NUL: the part before is the text under test, the part
// after a reference date for relative dates.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormalise(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let split = bytes.firstIndex(of: 0) ?? size
  let text = String(decoding: bytes[..<split], as: UTF8.self)
  let reference =
    split < size ? String(decoding: bytes[(split + 1)...], as: UTF8.self) : "2019-06-30"

  let reading = PlaceNormalizer.read(text)
  for place in reading.included + reading.excluded where Place(code: place.code) != place {
    fatalError("invalid place code")
  }
  if let q = QuantityParser.parse(title: text) {
    precondition(q.amount.isFinite && q.amount > 0 && q.count >= 1, "bad quantity")
    _ = q.unitPrice(priceEUR: 10)
  }
  if let day = DateNormalizer.day(text, relativeTo: reference) {
    precondition(CivilDate.dayNumber(day) != nil, "invalid day")
  }
  var rates = RateTable()
  rates.add(date: reference, currency: text, usd: 2, eur: nil)
  _ = rates.convert(amount: 1, currency: text, on: reference)
  _ = PlaceNormalizer.rejoinSplitPair(from: text, to: reference)
  return 0
}
