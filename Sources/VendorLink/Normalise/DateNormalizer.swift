import Foundation

/// Dates as crawls write them → `YYYY-MM-DD`.
///
/// Only the calendar day is kept, as written: a time zone suffix does not move the day
/// ("2019-01-15T23:30-05:00" is 2019-01-15), because crawl dates and feedback dates are read
/// by day and the market's own clock is the only one the page shows.
public enum DateNormalizer {
  /// ISO dates/datetimes ("2014-01-01", "2014-01-01 00:00:00", "2019-01-15T10:00:00Z",
  /// "2014/01/01"), ctime and written-out dates ("Thu Sep 17 14:55:45 2020", "Sep 17, 2020",
  /// "17 September 2020"), day-first or month-first numeric dates only when unambiguous
  /// ("17/09/2020"; "01/02/2020" is nil), and relative ones ("5 days ago", "3 weeks ago",
  /// "yesterday", "1 month ago", "today") counted back from `reference` (`YYYY-MM-DD`,
  /// relative forms are nil without it). Returns nil for anything else.
  public static func day(_ raw: String, relativeTo reference: String?) -> String? {
    let text = ScrapedText.clean(raw)
    guard !text.isEmpty, text.utf8.count <= 200 else { return nil }
    if let iso = isoDay(text) { return iso }
    let words = text.lowercased().split { $0 == " " || $0 == "," }.map(String.init)
    if let relative = relativeDay(words, reference: reference) { return relative }
    return writtenDay(words) ?? numericDay(text)
  }

  /// "YYYY-MM-DD" or "YYYY/MM/DD", optionally followed by a time ("T..." or " ...").
  static func isoDay(_ text: String) -> String? {
    let head = text.prefix(10).replacingOccurrences(of: "/", with: "-")
    guard head.utf8.count == 10, CivilDate.dayNumber(head) != nil else { return nil }
    let rest = text.dropFirst(10)
    guard rest.isEmpty || rest.first == "T" || rest.first == " " else { return nil }
    return head
  }

  /// Days in a unit of a relative date; months and years are calendar steps instead.
  private static let unitDays: [String: Int] = ["day": 1, "week": 7]

  static func relativeDay(_ words: [String], reference: String?) -> String? {
    guard let reference, let today = CivilDate.dayNumber(reference) else { return nil }
    switch words.joined(separator: " ") {
    case "today", "just now", "now", "moments ago", "a moment ago": return reference
    case "yesterday": return CivilDate.string(today - 1)
    case "last week": return CivilDate.string(today - 7)
    case "last month": return monthsBack(1, from: today)
    case "last year": return monthsBack(12, from: today)
    default: break
    }
    guard words.count == 3, words[2] == "ago" else { return nil }
    let count: Int
    if words[0] == "a" || words[0] == "an" || words[0] == "one" {
      count = 1
    } else if let n = Int(words[0]), (0...100_000).contains(n) {
      count = n
    } else {
      return nil
    }
    var unit = words[1]
    if unit.hasSuffix("s") { unit.removeLast() }
    switch unit {
    case "second", "sec", "minute", "min", "hour", "hr":
      // The reference is a day, not an instant: less than a day ago is that day, and only
      // whole days are counted back (the crawl's time of day is unknown).
      let perDay = unit.hasPrefix("h") ? 24 : unit.hasPrefix("m") ? 1440 : 86400
      return CivilDate.string(today - count / perDay)
    case "month", "mo": return monthsBack(count, from: today)
    case "year", "yr": return monthsBack(count * 12, from: today)
    default:
      guard let days = unitDays[unit] else { return nil }
      return CivilDate.string(today - count * days)
    }
  }

  /// Calendar months back, the day clamped to the month's length (Mar 31 - 1 month = Feb 28).
  static func monthsBack(_ months: Int, from day: Int) -> String? {
    let (y, m, d) = CivilDate.civil(day)
    let total = y * 12 + (m - 1) - months
    let year = total / 12
    let month = total % 12 + 1
    guard year >= 1000 else { return nil }
    let clamped = min(d, CivilDate.daysIn(month: month, year: year))
    return CivilDate.string(CivilDate.dayNumber(year: year, month: month, day: clamped))
  }

  private static let months = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ]

  /// Words with a month name, a day of month and a four-digit year, in any order; weekday,
  /// time and ordinal suffixes ("17th") ignored: ctime, "Sep 17 2020", "17 September 2020".
  static func writtenDay(_ words: [String]) -> String? {
    var year: Int?
    var month: Int?
    var day: Int?
    for word in words {
      let letters = word.prefix(3)
      if let index = months.firstIndex(of: String(letters)), word.allSatisfy(\.isLetter) {
        guard month == nil else { return nil }
        month = index + 1
      } else if word.utf8.count == 4, let value = Int(word) {
        guard year == nil else { return nil }
        year = value
      } else if let value = Int(word.trimmingSuffix(["st", "nd", "rd", "th", "."])),
        word.utf8.count <= 4
      {
        guard day == nil else { return nil }
        day = value
      }
    }
    guard let year, let month, let day else { return nil }
    return valid(year, month, day)
  }

  /// "17/09/2020", "09-17-2020", "17.09.2020": whichever of day-first and month-first is a
  /// valid date; nil when both are (ambiguous) or neither is.
  static func numericDay(_ text: String) -> String? {
    let parts = text.split { $0 == "/" || $0 == "." || $0 == "-" }
    guard parts.count == 3, parts[2].utf8.count == 4, let year = Int(parts[2]),
      let a = Int(parts[0]), let b = Int(parts[1])
    else { return nil }
    let dayFirst = valid(year, b, a)
    let monthFirst = valid(year, a, b)
    if let dayFirst, let monthFirst { return dayFirst == monthFirst ? dayFirst : nil }
    return dayFirst ?? monthFirst
  }

  private static func valid(_ year: Int, _ month: Int, _ day: Int) -> String? {
    guard (1000...9999).contains(year), (1...12).contains(month),
      (1...CivilDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    return CivilDate.string(CivilDate.dayNumber(year: year, month: month, day: day))
  }
}

extension String {
  fileprivate func trimmingSuffix(_ suffixes: [String]) -> Substring {
    for suffix in suffixes where hasSuffix(suffix) { return dropLast(suffix.count) }
    return Substring(self)
  }
}
