import Foundation

/// The European Central Bank's euro reference rates, bundled (`Resources/rates/
/// eurofxref-hist.csv`: every currency the ECB quotes, every business day from 1999-01-04;
/// provenance and refresh in `datasets/rates/README.md`). The ECB allows reuse with
/// attribution; the `source` of every row it adds to `rates` says where it came from.
///
/// The file quotes 1 EUR in each currency. A row stored for currency C on day d carries
/// C's value in EUR (1 / quote) and in USD through the euro on the same day
/// (USD quote / C quote): a cross rate by date, never mixing two days' quotes.
public enum RatesECB {
  /// The `rates.source` of bundled rows (user rows loaded with `--rates` replace them).
  public static let source = "ECB eurofxref-hist (bundled)"

  /// One parsed file: the days, and per currency its quote (1 EUR in it) on each day.
  public struct Table: Sendable {
    public var days: [String] = []
    public var quotes: [String: [Double?]] = [:]

    /// Rows for `currency` as (date, usd, eur); empty when the ECB does not quote it.
    /// EUR's rows carry its USD value; USD's its EUR value.
    public func rows(for currency: String) -> [(date: String, usd: Double?, eur: Double?)] {
      guard let usd = quotes["USD"] else { return [] }
      var out: [(date: String, usd: Double?, eur: Double?)] = []
      if currency == "EUR" {
        for (i, d) in days.enumerated() { if let u = usd[i] { out.append((d, u, 1)) } }
        return out
      }
      guard let own = quotes[currency] else { return [] }
      for (i, d) in days.enumerated() {
        guard let q = own[i], q > 0 else { continue }
        out.append((d, usd[i].map { $0 / q }, 1 / q))
      }
      return out
    }

    /// The latest day the table quotes.
    public var latest: String? { days.max() }
  }

  /// The bundled table, parsed once per process; nil when the resource is missing.
  public static let bundled: Table? = {
    guard
      let url = Bundle.module.url(
        forResource: "eurofxref-hist", withExtension: "csv", subdirectory: "rates")
        ?? Bundle.module.url(forResource: "eurofxref-hist", withExtension: "csv"),
      let data = try? Data(contentsOf: url)
    else { return nil }
    return parse(String(decoding: data, as: UTF8.self))
  }()

  /// Parses the ECB's wide layout: `Date,USD,JPY,...` then one line per day, `N/A` for a
  /// currency not quoted that day (a trailing comma ends every line).
  public static func parse(_ text: String) -> Table {
    var table = Table()
    var lines = text.split(whereSeparator: \.isNewline)
    guard !lines.isEmpty else { return table }
    let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false)
      .map { String($0).trimmingWhitespace.uppercased() }
    var columns: [[Double?]] = Array(repeating: [], count: header.count)
    for line in lines {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      guard let day = cells.first, CivilDate.dayNumber(day) != nil else { continue }
      table.days.append(String(day))
      for c in 1..<header.count {
        let v = c < cells.count ? Double(cells[c]) : nil
        columns[c].append(v.flatMap { $0.isFinite && $0 > 0 ? $0 : nil })
      }
    }
    for c in 1..<header.count where !header[c].isEmpty { table.quotes[header[c]] = columns[c] }
    return table
  }
}
