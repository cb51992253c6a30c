import VendorLink

/// A calendar day as a count of days since 1970-01-01 (proleptic Gregorian, UTC).
///
/// The generator does its date arithmetic with `CivilDate` (Hinnant's algorithms) rather
/// than through `Calendar`: it is exact, allocation-free, and cannot vary with the
/// machine's locale or time zone, which byte-identical output requires.
public struct SynthDay: Comparable, Hashable, Sendable, CustomStringConvertible {
  public let index: Int

  public init(index: Int) { self.index = index }

  public init(_ year: Int, _ month: Int, _ day: Int) {
    index = CivilDate.dayNumber(year: year, month: month, day: day)
  }

  public var components: (year: Int, month: Int, day: Int) { CivilDate.civil(index) }

  /// ISO 8601 `YYYY-MM-DD`.
  public var description: String {
    let (y, m, d) = components
    return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
  }

  public static func + (day: SynthDay, days: Int) -> SynthDay { SynthDay(index: day.index + days) }
  public static func - (a: SynthDay, b: SynthDay) -> Int { a.index - b.index }
  public static func < (a: SynthDay, b: SynthDay) -> Bool { a.index < b.index }
}
