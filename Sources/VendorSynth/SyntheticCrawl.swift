import Foundation
import VendorLink

/// `vendorlink synth`: a deterministic synthetic crawl of Dream, Wall Street and Empire
/// markets, Nov 2018 – Nov 2019, with ground truth (see `datasets/README.md` for what is
/// planted and why).
public enum SyntheticCrawl {
  /// 400 operators give a committed sample of a few MB (the brief's budget) with enough
  /// aliases, migrants and Belgian vendors to exercise every flag.
  public static let defaultOperators = 400
  public static let defaultSeed: UInt64 = 20_181_115

  public struct Summary: Sendable {
    public var files: [String] = []
    public var operators = 0
    public var accounts = 0
    public var records: [String: Int] = [:]
    public var truePairs = 0
    /// True pairs by `evasion=…` and `pair_type=…`.
    public var pairsBy: [String: Int] = [:]
    public var flags: [String: Int] = [:]
    public var hardNegatives = 0
    public var hardNegativesBy: [String: Int] = [:]
    public var bytes = 0
  }

  /// Writes the crawl files and the truth files into `directory` (created if missing).
  /// The same seed and operator count always give byte-identical files.
  @discardableResult
  public static func generate(
    to directory: String, seed: UInt64 = defaultSeed, operators: Int = defaultOperators,
    settings: SynthSettings = .standard, progress: ((Int, Int) -> Void)? = nil
  ) throws -> Summary {
    guard operators >= 10 else { throw RuntimeFailure("--operators must be at least 10") }
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw RuntimeFailure("cannot create \(directory): \(error.localizedDescription)")
    }
    var plan = SynthPlanner(seed: seed, operators: operators, settings: settings)
    plan.build()
    let rates = BitcoinRates(seed: seed)
    var emitter = CrawlEmitter(seed: seed, plan: plan, rates: rates)
    var summary = Summary()
    for c in SynthTimeline.crawls.indices {
      let name = CrawlEmitter.fileName(c)
      let writer = try SynthFileWriter(path: directory + "/" + name)
      try emitter.write(crawl: c, to: writer)
      try writer.close()
      summary.files.append(name)
      progress?(c + 1, SynthTimeline.crawls.count)
    }
    let truth = try TruthWriter(plan: plan, emitter: emitter, rates: rates)
      .write(to: directory, seed: seed)
    summary.operators = operators
    summary.accounts = plan.accounts.count
    summary.records = emitter.counts
    summary.truePairs = truth.pairs
    summary.pairsBy = truth.pairsBy
    summary.flags = truth.flags
    summary.hardNegatives = truth.hardNegatives
    summary.hardNegativesBy = truth.negativesBy
    for f in try FileManager.default.contentsOfDirectory(atPath: directory) {
      let size =
        (try? FileManager.default.attributesOfItem(atPath: directory + "/" + f)[.size]) as? NSNumber
      summary.bytes += size?.intValue ?? 0
    }
    return summary
  }
}
