// Times OpenPGPKeys.extractKeys on one armored file: every key found and fingerprinted.
// Built with swiftc -O by bench-keys.sh (no SwiftPM, so the main build does not pay for it).
// Usage: bench-keys FILE [RUNS]
import Foundation

@main
enum BenchKeys {
  static func main() {
    let args = CommandLine.arguments
    guard args.count >= 2, let data = FileManager.default.contents(atPath: args[1]) else {
      FileHandle.standardError.write(Data("usage: bench-keys FILE [RUNS]\n".utf8))
      exit(2)
    }
    let runs = args.count > 2 ? max(1, Int(args[2]) ?? 5) : 5
    var times: [Double] = []
    var cpuTimes: [Double] = []
    var keys = 0
    var subkeys = 0
    var checksum = 0
    for _ in 0..<runs {
      let cpuStart = cpuSeconds()
      let start = DispatchTime.now().uptimeNanoseconds
      let extraction = data.withUnsafeBytes { extractKeys(fromUTF8: $0.bindMemory(to: UInt8.self)) }
      let end = DispatchTime.now().uptimeNanoseconds
      times.append(Double(end - start) / 1e9)
      cpuTimes.append(cpuSeconds() - cpuStart)
      keys = extraction.keys.count
      subkeys = extraction.keys.reduce(0) { $0 + $1.subkeys.count }
      // Use the results so nothing is optimised away.
      checksum &+= extraction.keys.reduce(0) { $0 &+ $1.fingerprint.utf8.count }
    }
    times.sort()
    cpuTimes.sort()
    let best = times[0]
    let median = times[times.count / 2]
    let cpu = cpuTimes[cpuTimes.count / 2]
    let megabytes = Double(data.count) / 1e6
    let all = keys + subkeys
    print(
      "ours\tfile_mb=\(fmt(megabytes))\tprimaries=\(keys)\tsubkeys=\(subkeys)"
        + "\tbest_s=\(fmt(best, 4))\tmedian_s=\(fmt(median, 4))"
        + "\tcpu_s=\(fmt(cpu, 4))"
        + "\tkeys_per_s=\(fmt(Double(all) / median, 0))\tmb_per_s=\(fmt(megabytes / median, 1))"
        + "\tkeys_per_cpu_s=\(fmt(Double(all) / cpu, 0))\tmb_per_cpu_s=\(fmt(megabytes / cpu, 1))"
        + "\t(check \(checksum % 10))")
  }

  /// CPU time of this process: the machine is shared, so wall time varies with the load.
  static func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  static func fmt(_ v: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", v) }
}
