/// Optimal-string-alignment distance (Levenshtein plus adjacent transposition, so
/// "Wolrdwide" is one edit from "Worldwide"), used to tolerate typos in place names. On
/// UTF-8 bytes: keys are folded to ASCII letters almost always, and a non-ASCII letter
/// costing two edits only makes matching stricter.
enum EditDistance {
  /// The distance between `a` and `b`, or `limit + 1` as soon as it must exceed `limit`
  /// (typo matching only asks "within one or two?", so most comparisons stop early).
  static func bounded(_ a: [UInt8], _ b: [UInt8], _ limit: Int) -> Int {
    if abs(a.count - b.count) > limit { return limit + 1 }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        current[j] = value
        rowMinimum = min(rowMinimum, value)
      }
      if rowMinimum > limit { return limit + 1 }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return min(previous[b.count], limit + 1)
  }

  /// Which byte values occur (folded into 64 bits). Each edit adds or removes at most one
  /// value, so two strings whose masks differ in more than `limit` bits on either side are
  /// more than `limit` edits apart: a cheap filter before ``bounded(_:_:_:)``.
  static func byteMask(_ bytes: [UInt8]) -> UInt64 {
    var mask: UInt64 = 0
    for b in bytes { mask |= 1 << UInt64(b & 63) }
    return mask
  }

  static func masksAllow(_ a: UInt64, _ b: UInt64, _ limit: Int) -> Bool {
    (a & ~b).nonzeroBitCount <= limit && (b & ~a).nonzeroBitCount <= limit
  }
}
