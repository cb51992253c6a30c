import Foundation
import Testing

@testable import VendorSynth

/// The generator's building blocks: RNG, dates, rates, the JSON encoder, handle mutations.
@Suite struct SynthPrimitivesTests {
  @Test func splitMix64MatchesTheReferenceSequence() {
    // Reference outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
    var r = SynthRandom(seed: 0)
    #expect(r.next() == 0xE220_A839_7B1D_CDAF)
    #expect(r.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(r.next() == 0x06C4_5D18_8009_454F)
  }

  @Test func drawsStayInTheirRanges() {
    var r = SynthRandom(seed: 99, 1, 2)
    var buckets = [Int](repeating: 0, count: 10)
    for _ in 0..<20_000 {
      let u = r.uniform()
      #expect(u >= 0 && u < 1)
      let b = r.below(10)
      buckets[b] += 1
      let i = r.int(3...5)
      #expect((3...5).contains(i))
    }
    // Uniform within ±10% per bucket at 2,000 expected draws (far beyond 4 sigma).
    #expect(buckets.allSatisfy { abs($0 - 2000) < 200 })
  }

  @Test func independentStreamsDiffer() {
    var a = SynthRandom(seed: 1, 7)
    var b = SynthRandom(seed: 1, 8)
    var c = SynthRandom(seed: 1, 7)
    let x = (0..<4).map { _ in a.next() }
    #expect(x != (0..<4).map { _ in b.next() })
    #expect(x == (0..<4).map { _ in c.next() })
  }

  @Test(arguments: [
    ((1970, 1, 1), 0, "1970-01-01"), ((2019, 4, 30), 18016, "2019-04-30"),
    ((2020, 2, 29), 18321, "2020-02-29"), ((2018, 11, 15), 17850, "2018-11-15"),
    ((1969, 12, 31), -1, "1969-12-31"),
  ])
  func civilDates(ymd: (Int, Int, Int), index: Int, text: String) {
    let d = SynthDay(ymd.0, ymd.1, ymd.2)
    #expect(d.index == index)
    #expect(d.description == text)
  }

  @Test func civilDatesRoundTrip() {
    var r = SynthRandom(seed: 5)
    for _ in 0..<2000 {
      let d = SynthDay(index: r.int(-50_000...50_000))
      let c = d.components
      #expect(SynthDay(c.year, c.month, c.day) == d)
      #expect((d + 1) - d == 1)
    }
  }

  @Test func crawlsAreMonthlyAndDreamClosesBetweenThem() {
    let crawls = SynthTimeline.crawls
    #expect(crawls.count == 13)
    #expect(crawls.first!.description == "2018-11-15" && crawls.last!.description == "2019-11-15")
    #expect(crawls[SynthTimeline.lastDreamCrawl] < SynthTimeline.dreamClosed)
    #expect(crawls[SynthTimeline.firstCrawlAfterClosure] > SynthTimeline.dreamClosed)
    for (a, b) in zip(crawls, crawls.dropFirst()) {
      #expect(b - a >= SynthTimeline.feedbackWindowDays)
    }
  }

  @Test func bitcoinRatesArePlausibleForTheStudyPeriod() {
    let rates = BitcoinRates(seed: 3)
    #expect(rates.rates.first!.day <= SynthTimeline.firstRateDay)
    #expect(rates.rates.last!.day >= SynthTimeline.crawls.last!)
    for r in rates.rates {
      #expect(r.usd > 3300 && r.usd < 13_300)
      #expect(r.eur / r.usd > 0.86 && r.eur / r.usd < 0.92)
    }
    // The late-June 2019 peak and the December 2018 trough.
    #expect(rates.rate(on: SynthDay(2019, 6, 26)).usd > 12_000)
    #expect(rates.rate(on: SynthDay(2018, 12, 15)).usd < 3600)
  }

  @Test func encoderEscapesEveryStringSoThatJSONReadsItBack() throws {
    var r = SynthRandom(seed: 11)
    let alphabet: [String] = [
      "a", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "é", "🍀", "/", " ", "\u{2028}",
    ]
    for _ in 0..<300 {
      let s = (0..<r.int(0...20)).map { _ in r.pick(alphabet) }.joined()
      var e = JSONLineEncoder()
      e.beginObject()
      e.field("s", s)
      e.field("list", [s, "x"])
      e.endLine()
      #expect(e.bytes.last == 0x0A)
      #expect(!e.bytes.dropLast().contains(0x0A))
      let object = try JSONSerialization.jsonObject(with: Data(e.bytes)) as? [String: Any]
      #expect(object?["s"] as? String == s)
      #expect(object?["list"] as? [String] == [s, "x"])
    }
  }

  @Test(arguments: [
    (0.000123, 6, "0.000123"), (1.5, 2, "1.5"), (2.0, 2, "2"), (-0.25, 2, "-0.25"),
    (3451.144, 2, "3451.14"), (0.0000004, 6, "0"), (0.1234565, 6, "0.123457"), (1000, 0, "1000"),
  ])
  func fixedDecimals(value: Double, decimals: Int, text: String) {
    var e = JSONLineEncoder()
    e.appendFixed(value, decimals: decimals)
    #expect(String(decoding: e.bytes, as: UTF8.self) == text)
  }

  @Test func mutatedHandlesDifferButStayRelated() {
    var r = SynthRandom(seed: 21)
    for _ in 0..<2000 {
      let base = SynthNames.fresh(&r)
      let variant = SynthNames.mutate(base, &r)
      #expect(variant != base)
      #expect(SynthPlanner.related(base, variant), "\(base) vs \(variant)")
    }
  }

  @Test(arguments: [
    ("DutchMagic", "Dutch-Magic-NL", true), ("DutchMagic", "dutchmagic420", true),
    ("D0tchMagic", "DutchMagic", true), ("DutchMagic", "GreenPharma", false),
    ("PandaCrew", "PandaGarden", false),
  ])
  func relatedHandles(a: String, b: String, related: Bool) {
    #expect(SynthPlanner.related(a, b) == related)
  }

  @Test func realKeysAreArmoredWithTheirFingerprints() {
    for key in RealPublicKeys.all {
      #expect(key.armored.hasPrefix("-----BEGIN PGP PUBLIC KEY BLOCK-----"))
      #expect(key.armored.hasSuffix("-----END PGP PUBLIC KEY BLOCK-----"))
      #expect(key.fingerprint.count == 40 && key.fingerprint.allSatisfy(\.isHexDigit))
    }
    #expect(Set(RealPublicKeys.all.map(\.fingerprint)).count == RealPublicKeys.all.count)
  }
}
