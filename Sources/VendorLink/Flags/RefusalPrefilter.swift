/// A byte-level test that keeps every text that could state a refusal, so that on a large
/// crawl the restriction reader builds Swift strings and tokenises only a small fraction of
/// the descriptions. It reads the column's UTF-8 bytes in place through Store's
/// `Statement.withText` (no copy) and folds ASCII case.
///
/// It must accept every text in which `RestrictionText` finds something: every refusal
/// phrase contains one of its needles (a property test checks this on random texts).
enum RefusalPrefilter {
  /// Lower-case needles; each phrase the reader acts on contains one of them.
  static let needles: [[UInt8]] = [
    "no", "not", "only", "except", "excl", "n't", "n\u{2019}t", "never", "without", "outside",
    "cannot", "cant", "dont", "wont",
  ].map { Array($0.utf8) }

  /// Needles grouped by their first byte, for a one-branch miss on most bytes.
  static let byFirst: [[[UInt8]]] = {
    var table = [[[UInt8]]](repeating: [], count: 256)
    for n in needles { table[Int(n[0])].append(n) }
    return table
  }()

  @inline(__always) static func fold(_ b: UInt8) -> UInt8 {
    (b >= 65 && b <= 90) ? b | 0x20 : b
  }

  static func mayRefuse(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = bytes.count
    var i = 0
    while i < n {
      let candidates = byFirst[Int(fold(bytes[i]))]
      if !candidates.isEmpty {
        for needle in candidates where i + needle.count <= n {
          var k = 1
          while k < needle.count && fold(bytes[i + k]) == needle[k] { k += 1 }
          // "no" only as a word ("no US"), not inside "know" or "nominal".
          if k == needle.count && (needle.count > 2 || !isWordByte(i + 2, bytes)) { return true }
        }
      }
      i += 1
    }
    return false
  }

  /// True when byte `i` exists and continues a word (ASCII letter or any non-ASCII byte).
  @inline(__always) static func isWordByte(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard i < bytes.count else { return false }
    let b = fold(bytes[i])
    return (b >= 97 && b <= 122) || b >= 0x80
  }

  static func mayRefuse(_ text: String) -> Bool {
    var s = text
    return s.withUTF8 { mayRefuse($0) }
  }
}

extension RefusalPrefilter {
  /// The text of `column` when it may state a refusal; nil (without building a String)
  /// otherwise, or when NULL.
  static func text(_ statement: Statement, _ column: Int32) -> String? {
    statement.withText(Int(column)) { bytes in
      mayRefuse(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    } ?? nil
  }
}
