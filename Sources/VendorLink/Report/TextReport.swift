import Foundation

/// The report on the terminal: findings, then each table as aligned columns, cut to
/// `maxRows` rows (the CSV files and the HTML page carry them all).
public enum TextReport {
  /// `csvDirectory`: where the CSV files are written, if they are (a cut table says where
  /// its rows are, or how to get them).
  public static func render(_ report: Report, maxRows: Int = 20, csvDirectory: String? = nil)
    -> String
  {
    var out = [report.title, "generated \(report.generated)", ""]
    for section in report.sections {
      out.append("== \(section.title)")
      for f in section.findings { out.append("  * \(f)") }
      for table in section.tables {
        out.append("")
        out.append("-- \(table.title) [\(table.id)]")
        if table.rows.isEmpty {
          out.append("   (no rows)\(table.note.map { ": \($0)" } ?? "")")
          continue
        }
        out += render(table, maxRows: maxRows, csvDirectory: csvDirectory).map { "   " + $0 }
      }
      out.append("")
    }
    return out.joined(separator: "\n")
  }

  static func render(_ table: ReportTable, maxRows: Int, csvDirectory: String? = nil)
    -> [String]
  {
    let shown = table.rows.prefix(maxRows).map { $0.map(\.display) }
    var widths = table.columns.map(\.count)
    for row in shown {
      for (i, cell) in row.enumerated() where i < widths.count {
        widths[i] = max(widths[i], cell.count)
      }
    }
    func line(_ cells: [String], numeric: [Bool]) -> String {
      cells.enumerated().map { i, c in
        let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
        return numeric[i] ? pad + c : c + pad
      }.joined(separator: "  ")
    }
    let numeric = table.columns.indices.map { i in
      table.rows.contains { $0[i].number != nil }
    }
    var out = [line(table.columns, numeric: numeric)]
    out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    out += shown.map { line($0, numeric: numeric) }
    if table.rows.count > maxRows {
      out.append(
        "… \(table.rows.count - maxRows) more rows " + ReportFiles.whereRows(table, csvDirectory))
    }
    return out
  }
}

/// Where a cut table's other rows are: its CSV file when one is written, else how to get it.
enum ReportFiles {
  static func whereRows(_ table: ReportTable, _ csvDirectory: String?) -> String {
    guard let csvDirectory else { return "(--csv-dir writes them all)" }
    return "in " + (csvDirectory as NSString).appendingPathComponent("\(table.id).csv")
  }
}
