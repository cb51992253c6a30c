import Foundation
import Testing

@testable import VendorLink

@Suite struct ReaderTests {
  func lines(of text: String, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> [String]
  {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let reader = try LineReader(path: try dir.write("f.txt", text), maxLineBytes: maxLineBytes)
    var out: [String] = []
    try reader.forEachLine { n, line in
      #expect(n == out.count + 1)
      switch line {
      case .text(let b): out.append(String(decoding: b, as: UTF8.self))
      case .tooLong(let bytes): out.append("<too long: \(bytes)>")
      }
    }
    return out
  }

  @Test func splitsLinesDroppingCRAndKeepsALastLineWithoutNewline() throws {
    #expect(try lines(of: "a\r\nb\n\nc") == ["a", "b", "", "c"])
  }

  @Test func linesLongerThanOneReadBufferAreWhole() throws {
    let long = String(repeating: "x", count: 3 << 20)
    #expect(try lines(of: "a\n" + long + "\nb\n") == ["a", long, "b"])
  }

  @Test func overlongLinesAreReportedAndSkipped() throws {
    let got = try lines(
      of: "short\n" + String(repeating: "y", count: 100) + "\nnext\n", maxLineBytes: 50)
    #expect(got == ["short", "<too long: 100>", "next"])
  }

  /// Random fields written as RFC 4180 CSV read back identically, with start lines right.
  @Test func csvRoundTripsRandomRecords() throws {
    var rng = SplitMix64(seed: 11)
    let pool: [Character] = ["a", "b", ",", "\"", "\n", " ", "é", "1"]
    var records: [[String]] = []
    for _ in 0..<300 {
      records.append(
        (0..<3).map { _ in
          String((0..<Int(rng.next() % 6)).map { _ in pool[Int(rng.next() % UInt64(pool.count))] })
        })
    }
    records = records.filter { !($0.count == 1 && $0[0].isEmpty) }
    var text = ""
    var startLines: [Int] = []
    var line = 1
    for r in records {
      startLines.append(line)
      let encoded = r.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        .joined(separator: ",")
      line += encoded.filter { $0 == "\n" }.count + 1
      text += encoded + "\n"
    }
    let dir = try TempDir()
    defer { dir.cleanup() }
    let reader = try CSVReader(path: try dir.write("r.csv", text))
    var got: [CSVReader.Record] = []
    try reader.forEachRecord { result in
      if case .success(let r) = result { got.append(r) } else { Issue.record("unexpected problem") }
    }
    #expect(got.map(\.fields) == records)
    #expect(got.map(\.line) == startLines)
  }

  @Test func unterminatedQuoteIsReported() throws {
    let dir = try TempDir()
    defer { dir.cleanup() }
    let reader = try CSVReader(path: try dir.write("bad.csv", "a,b\n1,\"open\n2,3\n"))
    var problems = 0
    var records = 0
    try reader.forEachRecord { r in
      switch r {
      case .success: records += 1
      case .failure(.unterminatedQuote(let line)):
        problems += 1
        #expect(line == 2)
      case .failure: Issue.record("wrong problem")
      }
    }
    #expect(records == 1 && problems == 1)
  }

  @Test func agoraFeedbackBlobGivesEntries() {
    let blob = """
      Feedbacks:
          5/5
          superb communication and fast delivery. best in the game!

          5 days ago
          anon [0 deals]
          4/5
          ok
          1 month ago
          anon [3 deals]
      """
    let e = FeedbackBlob.entries(in: blob)
    #expect(e.count == 2)
    #expect(
      e.first
        == .init(
          rating: 5, text: "superb communication and fast delivery. best in the game!",
          when: "5 days ago"))
    #expect(e.last?.when == "1 month ago")
    #expect(FeedbackBlob.entries(in: "Feedbacks:\n No feedbacks found.").isEmpty)
  }
}
