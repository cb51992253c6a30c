import Foundation

/// Wall-clock times of the sub-stages of a stage, written to standard error only when the
/// environment variable `VENDORLINK_STAGE_TIMES` is `1`: the `seconds:` line of `link` says
/// how long evidence loading took, this says where, without a profiler and without changing
/// any command's normal output.
struct StageTimes {
  /// Read once per process: whether anything is recorded and printed.
  static let enabled = ProcessInfo.processInfo.environment["VENDORLINK_STAGE_TIMES"] == "1"

  private var clock = DispatchTime.now().uptimeNanoseconds
  private(set) var laps: [(name: String, seconds: Double)] = []

  /// Records the time since the previous lap (or since creation) under `name`.
  mutating func lap(_ name: String) {
    guard Self.enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    laps.append((name, Double(now - clock) / 1e9))
    clock = now
  }

  /// Adds laps timed elsewhere (work that ran concurrently on another thread), prefixed.
  mutating func add(_ other: StageTimes, prefix: String) {
    laps += other.laps.map { (prefix + $0.name, $0.seconds) }
  }

  /// `title: a 0.12, b 1.05` on standard error, when enabled.
  func report(_ title: String) {
    guard Self.enabled else { return }
    let parts = laps.map { "\($0.name) " + String(format: "%.3f", $0.seconds) }
    FileHandle.standardError.write(Data("\(title): \(parts.joined(separator: ", "))\n".utf8))
  }
}
