import CVendorKernels
import Foundation

/// Every account's handle forms (as scraped, folded, core) packed into one byte buffer, for
/// the name comparison of 1.6M candidate pairs at 3×20k.
///
/// Why: reading `[UInt8]` and `String` elements out of the evidence arrays retains and
/// releases each one, and `[UInt8] ==` compares element by element; here a form is a pointer
/// and a length, two forms of different lengths differ without reading a byte, and equal
/// lengths are compared with `memcmp`.
final class HandleBytes: @unchecked Sendable {
  /// The three forms `PairComparer.nameLevel` compares.
  enum Form: Int {
    case scraped = 0
    case folded
    case core
  }

  private let bytes: UnsafeMutableBufferPointer<UInt8>
  /// `starts[3 * row + form]..<starts[3 * row + form + 1]`: one form of one row.
  private let starts: [Int]
  /// Whether the scraped handle is ASCII: then `String ==` (canonical equivalence) is byte
  /// equality; other handles fall back to `String ==`.
  private let scrapedIsASCII: [Bool]
  private let scraped: [String]

  /// Rows without a handle form in `e` (evidence built by hand for other comparisons, as
  /// some tests do) get an empty form.
  init(_ e: AccountEvidence) {
    func form(_ forms: [[UInt8]], _ row: Int) -> [UInt8] { row < forms.count ? forms[row] : [] }
    let scraped = (0..<e.count).map { $0 < e.handles.count ? e.handles[$0] : "" }
    var starts = [0]
    starts.reserveCapacity(3 * e.count + 1)
    var total = 0
    for row in 0..<e.count {
      total += scraped[row].utf8.count
      starts.append(total)
      total += form(e.handleFolded, row).count
      starts.append(total)
      total += form(e.handleCore, row).count
      starts.append(total)
    }
    let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(total, 1))
    var ascii = [Bool](repeating: true, count: e.count)
    for row in 0..<e.count {
      var handle = scraped[row]
      handle.withUTF8 { utf8 in
        Self.copy(utf8, to: bytes, at: starts[3 * row])
        ascii[row] = !utf8.contains { $0 >= 0x80 }
      }
      form(e.handleFolded, row).withUnsafeBufferPointer {
        Self.copy($0, to: bytes, at: starts[3 * row + 1])
      }
      form(e.handleCore, row).withUnsafeBufferPointer {
        Self.copy($0, to: bytes, at: starts[3 * row + 2])
      }
    }
    self.bytes = bytes
    self.starts = starts
    self.scrapedIsASCII = ascii
    self.scraped = scraped
  }

  private static func copy(
    _ source: UnsafeBufferPointer<UInt8>, to bytes: UnsafeMutableBufferPointer<UInt8>, at start: Int
  ) {
    guard let from = source.baseAddress, !source.isEmpty else { return }
    (bytes.baseAddress! + start).update(from: from, count: source.count)
  }

  deinit { bytes.deallocate() }

  /// One form of one row's handle; valid while this object lives.
  @inline(__always) func form(_ form: Form, of row: Int) -> UnsafeBufferPointer<UInt8> {
    let k = 3 * row + form.rawValue
    return UnsafeBufferPointer(rebasing: bytes[starts[k]..<starts[k + 1]])
  }

  /// Starts loading row `row`'s bytes (see `PairComparer.prefetch`).
  @inline(__always) func prefetch(_ row: Int) {
    cvk_prefetch(bytes.baseAddress! + starts[3 * row])
  }

  /// Whether one form is the same bytes for two rows.
  @inline(__always) func same(_ form: Form, _ i: Int, _ j: Int) -> Bool {
    Self.equal(self.form(form, of: i), self.form(form, of: j))
  }

  /// Whether the two scraped handles are `==` as Strings (as the comparison always was).
  @inline(__always) func sameScraped(_ i: Int, _ j: Int) -> Bool {
    if same(.scraped, i, j) { return true }
    if scrapedIsASCII[i] && scrapedIsASCII[j] { return false }
    return scraped[i] == scraped[j]
  }

  @inline(__always) static func equal(
    _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>
  )
    -> Bool
  {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
  }

  /// Whether `needle` occurs in `haystack` (as `TextTokens.contains`, on bytes in place).
  static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    guard needle.count <= haystack.count else { return false }
    if needle.isEmpty { return true }
    for start in 0...(haystack.count - needle.count)
    where memcmp(haystack.baseAddress! + start, needle.baseAddress!, needle.count) == 0 {
      return true
    }
    return false
  }
}
