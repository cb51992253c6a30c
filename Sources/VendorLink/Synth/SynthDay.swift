/// A calendar day as a count of days since 1970-01-01 (proleptic Gregorian, UTC).
///
/// The generator does its own date arithmetic (Hinnant's civil-from-days algorithm) rather
/// than going through `Calendar`: it is exact, allocation-free, and cannot vary with the
/// machine's locale or time zone, which byte-identical output requires.
public struct SynthDay: Comparable, Hashable, Sendable, CustomStringConvertible {
  public let index: Int

  public init(index: Int) { self.index = index }

  public init(_ year: Int, _ month: Int, _ day: Int) {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    index = era * 146_097 + doe - 719_468
  }

  public var components: (year: Int, month: Int, day: Int) {
    let z = index + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// ISO 8601 `YYYY-MM-DD`.
  public var description: String {
    let (y, m, d) = components
    return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
  }

  public static func + (day: SynthDay, days: Int) -> SynthDay { SynthDay(index: day.index + days) }
  public static func - (a: SynthDay, b: SynthDay) -> Int { a.index - b.index }
  public static func < (a: SynthDay, b: SynthDay) -> Bool { a.index < b.index }
}
