import Foundation

/// A report as data: sections of prose, tables and charts, rendered by `TextReport`,
/// `CSVReport` and `HTMLReport`. Keeping the numbers in one model means the terminal, the
/// CSV files and the HTML page can never disagree.
public struct Report: @unchecked Sendable {
  public var title: String
  public var country: String?
  public var generated: String
  public var sections: [ReportSection]
  /// Wall-clock seconds per stage of building it (for `--timings` and the benchmark).
  public var timings: [(String, Double)] = []

  /// Every table of every section, in order (for CSV export and tests).
  public var tables: [ReportTable] { sections.flatMap(\.tables) }

  public func table(_ id: String) -> ReportTable? { tables.first { $0.id == id } }
}

public struct ReportSection: Sendable {
  public var title: String
  /// Short findings in plain words, one per line.
  public var findings: [String]
  public var charts: [ReportChart]
  public var tables: [ReportTable]
}

/// A value in a report table. Shares are fractions (0.45), shown as percentages.
public enum ReportCell: Sendable, Equatable {
  case text(String)
  case int(Int)
  case number(Double, decimals: Int)
  case euro(Double)
  case share(Double)
  case empty

  public var plain: String {
    switch self {
    case .text(let s): return s
    case .int(let i): return String(i)
    case .number(let d, let n): return format(d, decimals: n)
    case .euro(let d): return format(d, decimals: 2)
    case .share(let d): return format(d, decimals: 4)
    case .empty: return ""
    }
  }

  /// For people: thousands separated, euros with the sign, shares as percentages.
  public var display: String {
    switch self {
    case .text(let s): return s
    case .int(let i): return grouped(String(i))
    case .number(let d, let n): return format(d, decimals: n)
    case .euro(let d): return "€" + grouped(format(d, decimals: d >= 1000 ? 0 : 2))
    case .share(let d): return format(d * 100, decimals: d < 0.01 && d > 0 ? 2 : 1) + "%"
    case .empty: return "–"
    }
  }

  public var number: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .number(let d, _), .euro(let d), .share(let d): return d
    default: return nil
    }
  }
}

public struct ReportTable: Sendable {
  /// File stem of its CSV and anchor in the HTML page ("country_share").
  public var id: String
  public var title: String
  public var columns: [String]
  public var rows: [[ReportCell]]
  /// How to read it, or why it is empty.
  public var note: String?

  public init(
    id: String, title: String, columns: [String], rows: [[ReportCell]], note: String? = nil
  ) {
    self.id = id
    self.title = title
    self.columns = columns
    self.rows = rows
    self.note = note
  }

  public func column(_ name: String) -> [ReportCell] {
    guard let i = columns.firstIndex(of: name) else { return [] }
    return rows.map { $0[i] }
  }
}

/// A chart: lines over crawl dates (with closures marked) or horizontal bars.
public enum ReportChart: Sendable {
  case lines(LineChart)
  case bars(BarChart)
}

public struct LineChart: Sendable {
  public struct Series: Sendable {
    public var name: String
    /// (ISO day, value), ordered by day.
    public var points: [(String, Double)]
  }
  public struct Marker: Sendable {
    public var day: String
    public var label: String
  }
  public var title: String
  public var yLabel: String
  public var percent: Bool
  public var series: [Series]
  public var markers: [Marker]
}

public struct BarChart: Sendable {
  public struct Group: Sendable {
    public var label: String
    public var values: [Double]
  }
  public var title: String
  /// One name per bar within a group (e.g. "BE vendors", "whole market").
  public var seriesNames: [String]
  public var percent: Bool
  public var groups: [Group]
}

func format(_ d: Double, decimals: Int) -> String {
  guard d.isFinite else { return "" }
  var s = String(format: "%.\(decimals)f", d)
  if s.hasPrefix("-") && Double(s) == 0 { s.removeFirst() }
  return s
}

func grouped(_ s: String) -> String {
  let negative = s.hasPrefix("-")
  let body = negative ? String(s.dropFirst()) : s
  let parts = body.split(separator: ".", maxSplits: 1)
  var digits = Array(parts[0])
  var out: [Character] = []
  while digits.count > 3 {
    out.insert(contentsOf: [","] + digits.suffix(3), at: 0)
    digits.removeLast(3)
  }
  out.insert(contentsOf: digits, at: 0)
  let tail = parts.count > 1 ? "." + parts[1] : ""
  return (negative ? "-" : "") + String(out) + tail
}
