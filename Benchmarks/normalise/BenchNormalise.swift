// Throughput of the normalisers on real scraped text (see bench-normalise.sh).
// Usage: bench-normalise TITLES.txt PLACES.txt ROUNDS  (one value per line)
import Foundation

@main
struct BenchNormalise {
  static func main() throws {
    let args = CommandLine.arguments
    let titles = try String(contentsOfFile: args[1], encoding: .utf8).split(separator: "\n")
      .map(String.init)
    let places = try String(contentsOfFile: args[2], encoding: .utf8).split(separator: "\n")
      .map(String.init)
    let rounds = Int(args[3]) ?? 10
    var parsedTitles = 0
    var placesFound = 0
    // CPU time of this process, not wall time: the machine is shared, so wall time mostly
    // measures the neighbours.
    func cpuSeconds() -> Double {
      var ts = timespec()
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
      return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
    _ = QuantityParser.parse(title: "warm up 1g")
    _ = PlaceNormalizer.parse("warm up")
    let start = cpuSeconds()
    for _ in 0..<rounds {
      for t in titles where QuantityParser.parse(title: t) != nil { parsedTitles += 1 }
    }
    let titleTime = cpuSeconds() - start
    let start2 = cpuSeconds()
    for _ in 0..<rounds {
      for p in places { placesFound += PlaceNormalizer.parse(p).places.count }
    }
    let placeTime = cpuSeconds() - start2
    print("swift titles \(titles.count * rounds) \(titleTime) parsed \(parsedTitles / rounds)")
    print("swift places \(places.count * rounds) \(placeTime) found \(placesFound / rounds)")
  }
}
