/// The report as one self-contained HTML page: inline CSS and inline SVG charts, no script
/// and no external resource (it must open offline, and a report about vendors must not
/// call anywhere). Every vendor-supplied string is escaped.
public enum HTMLReport {
  /// Tables longer than this are cut in the page (the CSV files carry every row).
  public static let maxRows = 300

  public static func render(_ report: Report, csvDirectory: String? = nil) -> String {
    var h = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(report.title))</title>
      <style>
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;
        margin:24px auto;max-width:1160px;padding:0 16px}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;
        border-bottom:2px solid #0072B2;padding-bottom:4px}h3{font-size:14px;margin:16px 0 4px}
      .meta{color:#666;font-size:12px}nav a{margin-right:12px}
      ul.findings{background:#f5f8fb;border-left:3px solid #0072B2;padding:8px 8px 8px 28px}
      .charts{display:flex;flex-wrap:wrap;gap:16px}.charts svg{border:1px solid #e3e3e3;
        background:#fff}
      table{border-collapse:collapse;font-size:12px;margin:4px 0 4px}
      th,td{padding:2px 8px;border-bottom:1px solid #eee;text-align:left;white-space:nowrap}
      th{background:#f0f0f0;position:sticky;top:0}td.n{text-align:right;
        font-variant-numeric:tabular-nums}
      .note{color:#666;font-size:12px;margin:2px 0 12px}
      .scroll{max-height:420px;overflow:auto;display:inline-block;border:1px solid #eee}
      </style></head><body>
      <h1>\(escape(report.title))</h1>
      <p class="meta">Generated \(escape(report.generated)) by vendorlink. Self-contained: no \
      script, no network. Tables are in CSV too.</p>
      <nav>
      """
    for (i, s) in report.sections.enumerated() {
      h += "<a href=\"#s\(i)\">\(escape(s.title))</a>"
    }
    h += "</nav>\n"
    for (i, s) in report.sections.enumerated() {
      h += "<section id=\"s\(i)\"><h2>\(escape(s.title))</h2>\n"
      if !s.findings.isEmpty {
        h += "<ul class=\"findings\">"
        for f in s.findings { h += "<li>\(escape(f))</li>" }
        h += "</ul>\n"
      }
      if !s.charts.isEmpty {
        h += "<div class=\"charts\">" + s.charts.map(SVGChart.render).joined() + "</div>\n"
      }
      for t in s.tables { h += table(t, csvDirectory: csvDirectory) }
      h += "</section>\n"
    }
    return h + "</body></html>\n"
  }

  static func table(_ t: ReportTable, csvDirectory: String? = nil) -> String {
    var h = "<h3 id=\"\(escape(t.id))\">\(escape(t.title))</h3>\n"
    if t.rows.isEmpty {
      return h + "<p class=\"note\">No rows. \(escape(t.note ?? ""))</p>\n"
    }
    let numeric = t.columns.indices.map { i in t.rows.contains { $0[i].number != nil } }
    h += "<div class=\"scroll\"><table><thead><tr>"
    h += t.columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
    for row in t.rows.prefix(maxRows) {
      h += "<tr>"
      for (i, c) in row.enumerated() {
        h += numeric[i] ? "<td class=\"n\">" : "<td>"
        h += escape(c.display) + "</td>"
      }
      h += "</tr>\n"
    }
    h += "</tbody></table></div>\n"
    var note = t.note ?? ""
    if t.rows.count > maxRows {
      note +=
        " Showing \(maxRows) of \(t.rows.count) rows; the others "
        + (csvDirectory == nil
          ? "are written by --csv-dir." : "are \(ReportFiles.whereRows(t, csvDirectory)).")
    }
    if !note.isEmpty { h += "<p class=\"note\">\(escape(note))</p>\n" }
    return h
  }

  /// Escapes text for HTML content and attribute values.
  public static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(c)
      }
    }
    return out
  }
}

extension HTMLReport {
  /// Writes the page, private to the user (it names vendors).
  public static func write(_ report: Report, to path: String, csvDirectory: String? = nil)
    throws
  {
    try ReportFile.writePrivate(render(report, csvDirectory: csvDirectory), to: path)
  }
}
