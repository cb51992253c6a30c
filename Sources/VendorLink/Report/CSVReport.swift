import Foundation

/// One CSV file per report table (`<id>.csv`), raw values (shares as fractions, money
/// unrounded to cents), RFC 4180 quoting, for R, Python or a spreadsheet.
public enum CSVReport {
  public static func csv(_ table: ReportTable) -> String {
    var lines = [table.columns.map(field).joined(separator: ",")]
    for row in table.rows { lines.append(row.map { field($0.plain) }.joined(separator: ",")) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Writes every table into `directory` (created if missing); returns the paths written.
  @discardableResult
  public static func write(_ report: Report, to directory: String) throws -> [String] {
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true,
      attributes: [.posixPermissions: 0o700])
    var paths: [String] = []
    for table in report.tables {
      let path = (directory as NSString).appendingPathComponent("\(table.id).csv")
      try ReportFile.writePrivate(csv(table), to: path)
      paths.append(path)
    }
    return paths
  }

  static func field(_ s: String) -> String {
    // A leading = + - @ would be run as a formula by spreadsheets; vendor names are untrusted.
    var v = s
    if let c = v.first, "=+@".contains(c) || (c == "-" && Double(v) == nil) { v = "'" + v }
    guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return v
    }
    return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// Report files hold vendor names: created private to the user, like the database.
enum ReportFile {
  static func writePrivate(_ text: String, to path: String) throws {
    let created = FileManager.default.createFile(
      atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    if !created { throw RuntimeFailure("cannot write \(path)") }
  }
}
