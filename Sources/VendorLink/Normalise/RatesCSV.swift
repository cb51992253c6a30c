import Foundation

extension RateTable {
  /// Rows of a rates file, validated. Two layouts, told apart by the header:
  /// - CoinDesk BPI export: `Date,"Close Price"` (USD per unit of `currency`); dates may
  ///   carry a time ("2010-07-18 00:00:00"). The export ends with a blank line and
  ///   attribution lines, so a blank line ends the data and what follows is ignored.
  /// - generic: `date,currency,usd,eur` in any order (`usd` or `eur` may be absent or
  ///   empty, not both).
  /// A bad row throws an ``InputError`` naming the file, line and field.
  public static func loadCSV(path: String, currency: String = "BTC") throws
    -> [(date: String, currency: String, usd: Double?, eur: Double?)]
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: path, line: 0, field: nil, message: "cannot read the file")
    }
    let text = String(decoding: data, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
    guard let headerLine = lines.first else {
      throw InputError(file: path, line: 1, field: nil, message: "empty file")
    }
    let header = try fields(headerLine, file: path, line: 1).map {
      ScrapedText.clean($0).lowercased()
    }
    let layout = try Layout(header: header, file: path)
    var rows: [(date: String, currency: String, usd: Double?, eur: Double?)] = []
    for (offset, line) in lines.enumerated().dropFirst() {
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { break }
      let lineNumber = offset + 1
      let values = try fields(line, file: path, line: lineNumber)
      func field(_ index: Int?, _ name: String) throws -> String? {
        guard let index else { return nil }
        guard index < values.count else {
          throw InputError(file: path, line: lineNumber, field: name, message: "missing column")
        }
        return ScrapedText.clean(values[index])
      }
      func rate(_ index: Int?, _ name: String) throws -> Double? {
        guard let raw = try field(index, name), !raw.isEmpty else { return nil }
        guard let value = Double(raw), value.isFinite, value > 0 else {
          throw InputError(
            file: path, line: lineNumber, field: name, message: "not a positive number")
        }
        return value
      }
      guard let rawDate = try field(layout.date, header[layout.date]),
        let date = DateNormalizer.isoDay(rawDate)
      else {
        throw InputError(
          file: path, line: lineNumber, field: header[layout.date],
          message: "not a YYYY-MM-DD date")
      }
      let code = try field(layout.currency, "currency").map(currencyCode) ?? currencyCode(currency)
      guard !code.isEmpty else {
        throw InputError(file: path, line: lineNumber, field: "currency", message: "empty")
      }
      let usd = try rate(layout.usd, layout.usdName)
      let eur = try rate(layout.eur, "eur")
      guard usd != nil || eur != nil else {
        throw InputError(file: path, line: lineNumber, field: layout.usdName, message: "no rate")
      }
      rows.append((date, code, usd, eur))
    }
    return rows
  }

  /// Column positions of a rates file.
  private struct Layout {
    var date: Int
    var currency: Int?
    var usd: Int?
    var usdName: String
    var eur: Int?

    init(header: [String], file: String) throws {
      if let date = header.firstIndex(of: "date"), let close = header.firstIndex(of: "close price")
      {
        (self.date, currency, usd, usdName, eur) = (date, nil, close, "close price", nil)
      } else if let date = header.firstIndex(of: "date"),
        let currency = header.firstIndex(of: "currency"),
        header.contains("usd") || header.contains("eur")
      {
        self.date = date
        self.currency = currency
        usd = header.firstIndex(of: "usd")
        usdName = "usd"
        eur = header.firstIndex(of: "eur")
      } else {
        throw InputError(
          file: file, line: 1, field: nil,
          message: "header must be Date,\"Close Price\" or date,currency,usd,eur")
      }
    }
  }

  /// Splits one CSV line (RFC 4180 quoting, `""` for a quote inside quotes). Rates files
  /// never have line breaks inside fields, so an unclosed quote is an error.
  static func fields(_ line: Substring, file: String, line number: Int) throws -> [String] {
    var out: [String] = []
    var current = ""
    var inQuotes = false
    var iterator = line.makeIterator()
    var pending: Character? = nil
    while let ch = pending ?? iterator.next() {
      pending = nil
      if inQuotes {
        if ch == "\"" {
          let next = iterator.next()
          if next == "\"" { current.append("\"") } else { inQuotes = false; pending = next }
          if next == nil { break }
        } else {
          current.append(ch)
        }
      } else if ch == "\"" {
        inQuotes = true
      } else if ch == "," {
        out.append(current)
        current = ""
      } else {
        current.append(ch)
      }
    }
    if inQuotes {
      throw InputError(file: file, line: number, field: nil, message: "unterminated quote")
    }
    out.append(current)
    return out
  }
}
