import Foundation
import Testing

@testable import VendorLink

/// The reading thread must hand back exactly what decoding line by line gives, in order.
@Suite struct DecodePipelineTests {
  static let good = [
    #"{"kind":"vendor","market":"m","observed":"2019-01-01","vendor":"v","pgp":"0123456789ABCDEF"}"#,
    #"{"kind":"listing","market":"m","observed":"2019-01-01","listing":"l","vendor":"v","title":"5g","ships_to":["NL","Mars"]}"#,
    #"{"kind":"feedback","market":"m","observed":"2019-01-01","vendor":"v","date":"2 days ago","text":"ok"}"#,
    #"{"kind":"rate","date":"2019-01-01","currency":"btc","usd":3500}"#,
  ]
  static let bad = [
    #"{"kind":"listing","market":"m""#, #"{"kind":"vendor"}"#, "[1,2]", #"{"kind":"x"}"#,
  ]

  /// A seeded mix of good, bad and blank lines, and per line what a direct decode says:
  /// nil for a blank line, else the rejected field and message or nil ones for a record.
  func mix(seed: UInt64, count: Int) -> (text: String, expected: [Int: (String?, String?)]) {
    var rng = SplitMix64(seed: seed)
    var lines: [String] = []
    var expected: [Int: (String?, String?)] = [:]
    for number in 1...count {
      let pick = Int.random(in: 0..<10, using: &rng)
      let line =
        pick == 0
        ? "  "
        : pick < 3 ? Self.bad.randomElement(using: &rng)! : Self.good.randomElement(using: &rng)!
      lines.append(line)
      if pick == 0 { continue }
      do {
        _ = try RecordDecoder.decode(try JSONParser.parse(line))
        expected[number] = (nil, nil)
      } catch let e as JSONSyntaxError {
        expected[number] = (nil, e.description)
      } catch let e as FieldError {
        expected[number] = (e.field, e.message)
      } catch {
        Issue.record("unexpected \(error)")
      }
    }
    return (lines.joined(separator: "\n"), expected)
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func linesComeBackInOrderAsDecodedOneByOne(seed: UInt64) throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let (text, expected) = mix(seed: seed, count: 5000)  // several batches
    let path = try dir.write("c.jsonl", text)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let pipeline = DecodePipeline(path: path)
    var seen: [Int: (String?, String?)] = [:]
    var order: [Int] = []
    var batches = 0
    while let batch = try pipeline.next() {
      batches += 1
      for line in batch.lines {
        switch line {
        case .record(_, _, let number, let raw):
          seen[number] = (nil, nil)
          order.append(number)
          #expect(batch.raw(raw) == lines[number - 1])
        case .rejected(let number, let field, let message, _):
          seen[number] = (field, message)
          order.append(number)
        }
      }
    }
    #expect(batches > 1)
    #expect(order == order.sorted())
    #expect(seen.count == expected.count)
    for (number, want) in expected {
      #expect(seen[number]?.0 == want.0 && seen[number]?.1 == want.1, "line \(number)")
    }
    #expect(pipeline.bytesRead == text.utf8.count)
  }

  @Test func stoppingEarlyEndsTheReadingThread() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let line = Self.good[1]
    let path = try dir.write(
      "c.jsonl", Array(repeating: line, count: 20_000).joined(separator: "\n"))
    let pipeline = DecodePipeline(path: path)
    let first = try pipeline.next()
    #expect(first?.lines.isEmpty == false)
    pipeline.stop()  // returns only once the thread has exited
    pipeline.stop()  // and again at once
  }

  @Test func aMissingFileIsReportedByNext() throws {
    let pipeline = DecodePipeline(path: "/nonexistent/crawl.jsonl")
    #expect(throws: RuntimeFailure.self) { _ = try pipeline.next() }
  }
}
