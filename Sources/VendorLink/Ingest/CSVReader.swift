/// Streams RFC 4180 CSV records from a file: quoted fields may hold commas, doubled quotes
/// and newlines (real scrapes put whole HTML fragments in one field).
///
/// A bare CR outside quotes ends a record, as Python's `csv` module reads it: AlphaBay's
/// export ends records with CR and breaks lines inside fields with LF. Every bare CR counts
/// as a line in the numbers reported, as editors show them.
///
/// Memory is one record at a time; a record that never closes its quote is cut at
/// `maxRecordBytes` and reported as a defect rather than swallowing the rest of the file.
public final class CSVReader {
  /// Agora's feedback column holds a page's worth of text (tens of KB); 4 MiB bounds a
  /// runaway quote while leaving two orders of magnitude of headroom.
  public static let maxRecordBytes = 4 << 20

  public struct Record {
    /// 1-based line on which the record starts.
    public let line: Int
    public let fields: [String]
  }

  public enum Problem: Error {
    case unterminatedQuote(line: Int)
    case recordTooLong(line: Int)
  }

  let lines: LineReader
  let encoding: TextEncoding

  public init(path: String, encoding: TextEncoding = .utf8) throws {
    lines = try LineReader(path: path)
    self.encoding = encoding
  }

  /// A field's bytes as text in the file's encoding.
  func text(_ bytes: [UInt8]) -> String {
    switch encoding {
    case .utf8: return String(decoding: bytes, as: UTF8.self)
    case .latin1:
      var utf8: [UInt8] = []
      utf8.reserveCapacity(bytes.count + bytes.count / 8)
      for b in bytes {
        if b < 0x80 {
          utf8.append(b)
        } else {
          utf8.append(0xC0 | (b >> 6))
          utf8.append(0x80 | (b & 0x3F))
        }
      }
      return String(decoding: utf8, as: UTF8.self)
    }
  }

  public var bytesRead: Int { lines.bytesRead }

  /// Calls `body` with each record or each problem, in file order.
  public func forEachRecord(_ body: (Result<Record, Problem>) throws -> Void) throws {
    var fields: [String] = []
    var field: [UInt8] = []
    var inQuotes = false
    var startLine = 0
    var size = 0
    var skipping = false
    var bareCRs = 0  // lines ended by a bare CR so far, before the current LF line

    try lines.forEachLine { lfNumber, line in
      let number = lfNumber + bareCRs
      guard case .text(let bytes) = line else {
        try body(.failure(.recordTooLong(line: number)))
        fields = []
        field = []
        inQuotes = false
        return
      }
      if skipping {
        // Resynchronise after an over-long record at the next line that is not inside it.
        skipping = false
      }
      if !inQuotes {
        startLine = number
        size = 0
      } else {
        field.append(0x0A)
      }
      size += bytes.count + 1
      if size > CSVReader.maxRecordBytes {
        try body(.failure(.recordTooLong(line: startLine)))
        fields = []
        field = []
        inQuotes = false
        skipping = true
        return
      }
      var i = 0
      let n = bytes.count
      while i < n {
        let c = bytes[i]
        if c == 0x0D { bareCRs += 1 }
        if inQuotes {
          if c == 0x22 {
            if i + 1 < n, bytes[i + 1] == 0x22 {
              field.append(0x22)
              i += 2
              continue
            }
            inQuotes = false
          } else {
            field.append(c)
          }
        } else if c == 0x22 {
          inQuotes = true
        } else if c == 0x2C {
          fields.append(text(field))
          field.removeAll(keepingCapacity: true)
        } else if c == 0x0D {
          fields.append(text(field))
          field.removeAll(keepingCapacity: true)
          try emit(&fields, line: startLine, body)
          startLine = lfNumber + bareCRs
          size = n - i
        } else {
          field.append(c)
        }
        i += 1
      }
      if !inQuotes {
        fields.append(text(field))
        field.removeAll(keepingCapacity: true)
        try emit(&fields, line: startLine, body)
      }
    }
    if inQuotes { try body(.failure(.unterminatedQuote(line: startLine))) }
  }

  /// Hands a finished record to `body`; a blank line is not a record.
  private func emit(
    _ fields: inout [String], line: Int, _ body: (Result<Record, Problem>) throws -> Void
  ) throws {
    let record = fields
    fields = []
    if !(record.count == 1 && record[0].isEmpty) {
      try body(.success(Record(line: line, fields: record)))
    }
  }
}
