import Foundation

@testable import VendorLink

extension SplitMix64 {
  /// A string of `length` characters drawn from ASCII, punctuation, Latin-1, combining
  /// marks, emoji, CJK and entity fragments: the things that break naive text parsers.
  mutating func messyString(maxLength: Int) -> String {
    let pieces = [
      "&", "&nbsp;", "&#", ";", "&#x1F600;", "&#xD800;", "&amp", "/", ",", " and ", " except ",
      "x", "×", "½", "1/", "/0", ".", "..", "-", "g", "mg", "oz", "QP", "%", "$", "(", ")",
      "\u{301}", "\u{200B}", "\u{00A0}", "\n", "\t", "🇳🇱", "👍🏽", "中国", "Ü", "ß", "İ", "ﬁ",
      "9", "0", "99999999999999999999", "1e308", "NaN", "days ago", "ago", "Netherlands",
    ]
    var out = ""
    for _ in 0..<Int.random(in: 0...maxLength, using: &self) {
      if Bool.random(using: &self) {
        out += pieces.randomElement(using: &self)!
      } else if let scalar = Unicode.Scalar(UInt32.random(in: 0...0x2FFFF, using: &self)) {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

/// The real scrapes in ../shared/data/real (next to the repository). Tests that need them
/// skip cleanly (return early, recorded as passed with a note) when the folder is absent.
enum NormaliseRealData {
  static let directory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Normalise
    .deletingLastPathComponent()  // VendorLinkTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // repository root
    .appendingPathComponent("../shared/data/real").standardizedFileURL

  static func path(_ name: String) -> String? {
    let path = directory.appendingPathComponent(name).path
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }

  /// Rows of a real file, parsed once per test process (the files are a few MB and several
  /// suites read them).
  static func rows(_ name: String) throws -> [[String: String]]? {
    guard let path = path(name) else { return nil }
    return try cache.rows(path)
  }

  private final class Cache: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [String: [[String: String]]] = [:]
    func rows(_ path: String) throws -> [[String: String]] {
      lock.lock()
      defer { lock.unlock() }
      if let rows = parsed[path] { return rows }
      let rows = try NormaliseRealData.parse(path)
      parsed[path] = rows
      return rows
    }
  }
  private static let cache = Cache()

  /// Rows of a CSV file as dictionaries by header (RFC 4180: quoted fields may hold commas,
  /// doubled quotes and line breaks, as the Agora files do).
  static func parse(_ path: String) throws -> [[String: String]] {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
    var records: [[String]] = []
    var record: [String] = []
    var field: [UInt8] = []
    var inQuotes = false
    var i = 0
    func endField() {
      if field.last == UInt8(ascii: "\r") { field.removeLast() }
      record.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
    }
    while i < bytes.count {
      let b = bytes[i]
      if inQuotes {
        if b == quote {
          if i + 1 < bytes.count && bytes[i + 1] == quote {
            field.append(quote)
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          field.append(b)
        }
      } else if b == quote {
        inQuotes = true
      } else if b == comma {
        endField()
      } else if b == newline {
        endField()
        records.append(record)
        record = []
      } else {
        field.append(b)
      }
      i += 1
    }
    if !field.isEmpty || !record.isEmpty {
      endField()
      records.append(record)
    }
    guard let header = records.first else { return [] }
    return records.dropFirst().filter { $0.count == header.count }.map {
      Dictionary(uniqueKeysWithValues: zip(header, $0))
    }
  }
}
