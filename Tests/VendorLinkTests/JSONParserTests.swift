import Testing

@testable import VendorLink

@Suite struct JSONParserTests {
  @Test(arguments: [
    (#"{"a":1,"b":[true,false,null],"c":"x"}"#, true),
    (#"{"s":"\u00e9\ud83d\ude00\n"}"#, true),
    (#"  {"a" : -0.5e-3 }  "#, true),
    (#"{"a":01}"#, false),
    (#"{"a":1,}"#, false),
    (#"{"a":"unterminated}"#, false),
    (#"{"a":tru}"#, false),
    (#"[1,2"#, false),
    (#"{"a":1} x"#, false),
    ("{\"a\":\"tab\tinside\"}", false),
    (#"{"a":"\x"}"#, false),
    (#"{"a":60e01000}"#, false),  // found by the fuzzer: overflows to infinity
    ("", false),
  ])
  func acceptsValidAndRejectsInvalid(text: String, valid: Bool) {
    let parsed = try? JSONParser.parse(text)
    #expect((parsed != nil) == valid, "\(text)")
  }

  @Test func decodesEscapesAndSurrogates() throws {
    let v = try JSONParser.parse(#"{"s":"a\"b\\c\/\u00e9\ud83d\ude00"}"#)
    #expect(v["s"] == .string("a\"b\\c/é😀"))
  }

  @Test func deepNestingIsRefusedNotCrashing() {
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
  }

  /// Random values survive serialise → parse unchanged.
  @Test func roundTripsRandomValues() throws {
    var rng = SplitMix64(seed: 42)
    for _ in 0..<500 {
      let v = randomValue(&rng, depth: 0)
      #expect(try JSONParser.parse(v.serialized) == v)
    }
  }

  /// Random bytes never crash the parser: it returns a value or a syntax error.
  @Test func randomBytesNeverCrash() {
    var rng = SplitMix64(seed: 7)
    let alphabet = Array(#"{}[]",:\truefalsn0123456789.-eE"#.utf8) + [0, 0xFF, 0xC3, 0x80]
    for _ in 0..<5_000 {
      let n = Int(rng.next() % 40)
      let bytes = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      _ = bytes.withUnsafeBufferPointer { try? JSONParser.parse($0) }
    }
  }

  func randomValue(_ rng: inout SplitMix64, depth: Int) -> JSONValue {
    switch rng.next() % (depth > 3 ? 4 : 6) {
    case 0: return .null
    case 1: return .bool(rng.next() % 2 == 0)
    case 2: return .number(Double(Int64(bitPattern: rng.next()) % 1_000_000) / 64)
    case 3: return .string(randomString(&rng))
    case 4:
      return .array((0..<Int(rng.next() % 4)).map { _ in randomValue(&rng, depth: depth + 1) })
    default:
      return .object(
        (0..<Int(rng.next() % 4)).map { i in
          ("k\(i)" + randomString(&rng), randomValue(&rng, depth: depth + 1))
        })
    }
  }

  func randomString(_ rng: inout SplitMix64) -> String {
    let pool: [Character] = ["a", "Z", " ", "\"", "\\", "\n", "\t", "é", "😀", "\u{1}", "/", "€"]
    return String((0..<Int(rng.next() % 8)).map { _ in pool[Int(rng.next() % UInt64(pool.count))] })
  }
}
