import Foundation
import Testing

@testable import VendorLink

@Suite struct WritingHabitsTests {
  /// Rates counted from hand-written texts (index by `WritingHabits.rates` order).
  @Test func rates() throws {
    var h = WritingHabits()
    h.add("hey guys!!! u can order now !\nthx")
    let r = try #require(h.rates)
    #expect(r.count == WritingHabits.dimensions)
    // 7 words; sentences: "hey…", "u can…", "thx" = 3, all starting lower-case.
    #expect(r[2] == 1)  // lower-case sentence starts
    #expect(r[6] == Float(4) / 3)  // "!" per sentence
    #expect(r[7] == Float(1) / 3)  // "!!" runs per sentence
    #expect(r[10] == Float(1) / 3)  // space before punctuation
    #expect(r[13] == Float(1) / 3)  // sentences without an end mark ("thx" at the end)
    let u = WritingHabits.markerWords.firstIndex(of: "u")!
    #expect(r[16 + u] == Float(1) / 7)
    var empty = WritingHabits()
    empty.add("!!! 123")
    #expect(empty.rates == nil)
  }

  /// Standardised rows are unit length, rows without text stay zero, and a row's cosine with
  /// itself is 1 (seeded random rates).
  @Test func standardisedRows() {
    var rng = SplitMix64(seed: 42)
    let d = WritingHabits.dimensions
    let n = 50
    var raw = [Float](repeating: 0, count: n * d)
    var hasText = [Bool](repeating: true, count: n)
    for i in 0..<n {
      if i % 7 == 0 {
        hasText[i] = false
        continue
      }
      for c in 0..<d { raw[i * d + c] = Float(rng.next() % 1000) / 1000 }
    }
    let z = WritingHabits.standardised(raw, hasText: hasText)
    for i in 0..<n {
      let norm = (0..<d).reduce(Float(0)) { $0 + z[i * d + $1] * z[i * d + $1] }
      if hasText[i] {
        #expect(abs(norm - 1) < 1e-4)
      } else {
        #expect(norm == 0)
      }
    }
  }

  /// The same writer's two texts are closer in habits than two different writers'.
  @Test func oneWriterIsCloser() {
    let texts = [
      "WE SHIP FAST!!! BEST QUALITY!!! ORDER NOW!!!", "TOP STUFF!!! FAST DELIVERY!!! TRUST US!!!",
      "hi, we ship within 24 hours. please leave feedback.",
      "hello, all orders are sent the same day. thanks for your trust.",
      "u want quality? u got it... thx", "u order today, u get it tomorrow... thx",
    ]
    var raw: [Float] = []
    for t in texts {
      var h = WritingHabits()
      h.add(t)
      raw += h.rates!
    }
    var e = AccountEvidence()
    e.habits = WritingHabits.standardised(raw, hasText: texts.map { _ in true })
    e.hasHabits = texts.map { _ in true }
    for w in 0..<3 {
      let same = e.habitCosine(2 * w, 2 * w + 1)!
      for v in 0..<3 where v != w {
        #expect(same > e.habitCosine(2 * w, 2 * v)!, "writer \(w) vs \(v)")
      }
    }
  }
}
