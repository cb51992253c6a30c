/// Streams RFC 4180 CSV records from a file: quoted fields may hold commas, doubled quotes
/// and newlines (real scrapes put whole HTML fragments in one field).
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

  public init(path: String) throws { lines = try LineReader(path: path) }

  public var bytesRead: Int { lines.bytesRead }

  /// Calls `body` with each record or each problem, in file order.
  public func forEachRecord(_ body: (Result<Record, Problem>) throws -> Void) throws {
    var fields: [String] = []
    var field: [UInt8] = []
    var inQuotes = false
    var startLine = 0
    var size = 0
    var skipping = false

    try lines.forEachLine { number, line in
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
          fields.append(String(decoding: field, as: UTF8.self))
          field.removeAll(keepingCapacity: true)
        } else {
          field.append(c)
        }
        i += 1
      }
      if !inQuotes {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        let record = fields
        fields = []
        // A blank line is not a record.
        if !(record.count == 1 && record[0].isEmpty) {
          try body(.success(Record(line: startLine, fields: record)))
        }
      }
    }
    if inQuotes { try body(.failure(.unterminatedQuote(line: startLine))) }
  }
}
