import Foundation

/// A progress line with rate and ETA on stderr, only when stderr is a terminal (logs and
/// pipes stay clean). Redrawn in place; cleared at the end.
enum ProgressLine {
  static func around<T>(label: String, _ body: (((Int, Int) -> Void)?) throws -> T) rethrows -> T {
    guard isatty(STDERR_FILENO) == 1 else { return try body(nil) }
    let start = Date()
    let name = (label as NSString).lastPathComponent
    let draw: (Int, Int) -> Void = { done, total in
      let elapsed = Date().timeIntervalSince(start)
      let rate = elapsed > 0 ? Double(done) / elapsed : 0
      var line = name + String(format: " %.0f MB  %.1f MB/s", Double(done) / 1e6, rate / 1e6)
      if total > 0, rate > 0 {
        let eta = Double(total - done) / rate
        line += String(format: "  %.0f%%  ETA %.0fs", 100 * Double(done) / Double(total), eta)
      }
      FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }
    defer { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    return try body(draw)
  }
}
