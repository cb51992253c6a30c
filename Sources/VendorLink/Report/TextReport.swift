/// The report on the terminal: findings, then each table as aligned columns, cut to
/// `maxRows` rows (the CSV files and the HTML page carry them all).
public enum TextReport {
  public static func render(_ report: Report, maxRows: Int = 20) -> String {
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
        out += render(table, maxRows: maxRows).map { "   " + $0 }
      }
      out.append("")
    }
    return out.joined(separator: "\n")
  }

  static func render(_ table: ReportTable, maxRows: Int) -> [String] {
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
      out.append("… \(table.rows.count - maxRows) more rows in \(table.id).csv")
    }
    return out
  }
}
