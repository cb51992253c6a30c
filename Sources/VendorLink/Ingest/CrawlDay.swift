import Foundation

/// A crawl's day written in its file's or a folder's name: `2021-03-05`, `2021_03_05`,
/// `20170425` (AlphaBay's `…_-_20170425.csv`, DWData's `2021-10-04/` folders).
public enum CrawlDay {
  /// The day and where it was found ("the file name", "the folder name 2021-10-04"); the
  /// file's own name first, then its folders from the nearest up.
  public static func inPath(_ path: String) -> (day: String, source: String)? {
    var components = (path as NSString).pathComponents
    guard let file = components.popLast() else { return nil }
    if let d = inName((file as NSString).deletingPathExtension) { return (d, "the file name") }
    for folder in components.reversed() {
      if let d = inName(folder) { return (d, "the folder name \(folder)") }
    }
    return nil
  }

  /// The first valid date in a name: eight digits, or year, month and day joined by `-`, `_`
  /// or `.`; digits run into other digits do not count (a listing id is not a date).
  public static func inName(_ name: String) -> String? {
    let b = Array(name.utf8)
    var i = 0
    while i < b.count {
      guard isDigit(b[i]), i == 0 || !isDigit(b[i - 1]) else {
        i += 1
        continue
      }
      if let d = separated(b, i) ?? packed(b, i) { return d }
      i += 1
    }
    return nil
  }

  private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

  private static func digits(_ b: [UInt8], _ from: Int, _ n: Int) -> Int? {
    guard from + n <= b.count else { return nil }
    var v = 0
    for k in from..<(from + n) {
      guard isDigit(b[k]) else { return nil }
      v = v * 10 + Int(b[k] - 0x30)
    }
    return v
  }

  /// "2021-03-05" at `i`.
  private static func separated(_ b: [UInt8], _ i: Int) -> String? {
    guard let y = digits(b, i, 4), i + 10 <= b.count, "-_.".utf8.contains(b[i + 4]),
      b[i + 7] == b[i + 4], let m = digits(b, i + 5, 2), let d = digits(b, i + 8, 2),
      i + 10 == b.count || !isDigit(b[i + 10])
    else { return nil }
    return valid(y, m, d)
  }

  /// "20170425" at `i`.
  private static func packed(_ b: [UInt8], _ i: Int) -> String? {
    guard let y = digits(b, i, 4), let m = digits(b, i + 4, 2), let d = digits(b, i + 6, 2),
      i + 8 == b.count || !isDigit(b[i + 8])
    else { return nil }
    return valid(y, m, d)
  }

  /// Years 1990-2099 only: a scrape is neither older than the web's markets nor from the
  /// future, and the bound keeps other eight-digit numbers out.
  private static func valid(_ y: Int, _ m: Int, _ d: Int) -> String? {
    guard (1990...2099).contains(y) else { return nil }
    let s = String(format: "%04d-%02d-%02d", y, m, d)
    return CivilDate.dayNumber(s) != nil ? s : nil
  }
}
