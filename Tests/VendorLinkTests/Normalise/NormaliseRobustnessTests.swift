import Testing

@testable import VendorLink

/// Seeded random strings through every normaliser: nothing crashes, hangs or returns
/// values outside its contract. (The libFuzzer targets under Fuzz/ go further.)
@Suite struct NormaliseRobustnessTests {
  @Test(arguments: [UInt64(1), 2, 3, 4])
  func randomTextNeverBreaksTheParsers(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    for _ in 0..<400 {
      let text = rng.messyString(maxLength: 40)
      let reading = PlaceNormalizer.read(text)
      for place in reading.included + reading.excluded {
        #expect(Place(code: place.code) == place)  // only real codes come out
      }
      #expect(reading.unrecognised.allSatisfy { !$0.isEmpty })
      if let q = QuantityParser.parse(title: text) {
        #expect(q.amount.isFinite && q.amount > 0 && q.count >= 1)
        if let per = q.perItem { #expect(abs(per * Double(q.count) - q.amount) <= 1e-9 * q.amount) }
      }
      if let day = DateNormalizer.day(text, relativeTo: "2019-06-30") {
        #expect(CivilDate.dayNumber(day) != nil)
      }
      let clean = ScrapedText.clean(text)
      #expect(!clean.hasPrefix(" ") && !clean.hasSuffix(" ") && !clean.contains("  "))
      var rates = RateTable()
      rates.add(date: text, currency: text, usd: 1, eur: nil)
      _ = rates.convert(amount: 1, currency: text, on: text)
      _ = PlaceNormalizer.rejoinSplitPair(from: text, to: text)
    }
  }

  @Test func longInputsStayBounded() {
    let long = String(repeating: "Netherlands, ", count: 2000)
    #expect(PlaceNormalizer.parse(long).places.map(\.code) == ["NL"])
    let title = String(repeating: "10 x 120mg ", count: 5000)
    #expect(QuantityParser.parse(title: title)?.count == 10)
    #expect(
      DateNormalizer.day(String(repeating: "5 days ago ", count: 1000), relativeTo: "2019-01-01")
        == nil)
  }

  /// Inputs the fuzzer found (scripts/fuzz-normalise.sh); each once crashed a check.
  @Test func fuzzerFindings() {
    // "0/4" is a fraction of zero: it once became a zero-gram quantity.
    #expect(QuantityParser.parse(title: "00/04aept `u\u{0C}\u{7F}l\rg") == nil)
    #expect(QuantityParser.parse(title: "0/8 Kush") == nil)
  }

  @Test func entitiesDecode() {
    #expect(
      ScrapedText.clean("&nbsp;A&amp;B&#233;&#x41;&bogus;&#xD800;&") == "A&BéA&bogus;\u{FFFD}&")
    #expect(ScrapedText.key("  Côte d'Ivoire!! ") == "cote divoire")
    #expect(ScrapedText.key("Straße") == "strasse")
  }
}
