import Testing

@testable import VendorLink

@Suite struct DateNormalizerTests {
  static let table: [(raw: String, reference: String?, day: String?)] = [
    ("2014-01-01", nil, "2014-01-01"), ("2014-01-01 00:00:00", nil, "2014-01-01"),
    ("2019-01-15T23:30:00-05:00", nil, "2019-01-15"), ("2014/01/31", nil, "2014-01-31"),
    ("Thu Sep 17 14:55:45 2020", nil, "2020-09-17"), ("Sep 17, 2020", nil, "2020-09-17"),
    ("17 September 2020", nil, "2020-09-17"), ("17th Sep 2020", nil, "2020-09-17"),
    ("17/09/2020", nil, "2020-09-17"), ("09/17/2020", nil, "2020-09-17"),
    ("01/02/2020", nil, nil),  // ambiguous: Jan 2 or Feb 1
    ("05/05/2020", nil, "2020-05-05"),  // same either way
    ("5 days ago", "2014-01-01", "2013-12-27"), ("3 weeks ago", "2014-01-01", "2013-12-11"),
    ("yesterday", "2014-03-01", "2014-02-28"), ("today", "2014-01-01", "2014-01-01"),
    ("1 month ago", "2014-03-31", "2014-02-28"), ("a week ago", "2014-01-01", "2013-12-25"),
    ("a minute ago", "2014-01-01", "2014-01-01"), ("36 hours ago", "2014-01-01", "2013-12-31"),
    ("2 years ago", "2016-02-29", "2014-02-28"), ("  5 days ago\n  ", "2014-01-01", "2013-12-27"),
    ("5 days ago", nil, nil), ("5 days ago", "garbage", nil), ("2014-02-30", nil, nil),
    ("2014-13-01", nil, nil), ("", "2014-01-01", nil), ("soon", "2014-01-01", nil),
    ("2014-01-01abc", nil, nil), ("0000-01-01", nil, nil),
  ]

  @Test(arguments: table) func normalisesDays(raw: String, reference: String?, day: String?) {
    #expect(DateNormalizer.day(raw, relativeTo: reference) == day, "\(raw.debugDescription)")
  }

  /// Property: day numbers and strings round-trip over 2000 random days in 1600–2400, and
  /// "N days ago" is exactly N day numbers back.
  @Test func civilDatesRoundTrip() throws {
    var rng = SplitMix64(seed: 42)
    let low = CivilDate.dayNumber("1600-01-01")!
    let high = CivilDate.dayNumber("2400-12-31")!
    for _ in 0..<2000 {
      let day = Int.random(in: low...high, using: &rng)
      let text = CivilDate.string(day)
      #expect(CivilDate.dayNumber(text) == day, "\(text)")
      let back = Int.random(in: 0...1000, using: &rng)
      #expect(
        DateNormalizer.day("\(back) days ago", relativeTo: text) == CivilDate.string(day - back))
    }
    #expect(CivilDate.dayNumber("1970-01-01") == 0)
    #expect(CivilDate.dayNumber("2000-03-01")! - CivilDate.dayNumber("2000-02-28")! == 2)
    #expect(CivilDate.dayNumber("1900-03-01")! - CivilDate.dayNumber("1900-02-28")! == 1)
  }
}
