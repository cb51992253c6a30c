import ArgumentParser
import Foundation
import VendorLink

/// `vendorlink synth`: writes a synthetic three-market crawl with ground truth.
struct SynthCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "synth",
    abstract:
      "Write a synthetic Dream / Wall Street / Empire crawl (Nov 2018 – Nov 2019) with ground truth.",
    discussion: """
      Writes one crawl-YYYY-MM-DD.jsonl per monthly crawl (market, rate, vendor,
      listing and feedback records per DESIGN.md) and the truth: truth_accounts.csv,
      truth_pairs.csv (also as truth_pairs_by_name.csv for
      shared/peers/score_matches.py), truth_flags.csv and truth_hard_negatives.csv.
      Planted: Dream's closure on 2019-04-30 and migrants, aliases that change name
      and/or key, multi-location shippers and moves, wholesale lots, price outliers,
      impersonators, resellers and lookalike handles. The same seed and operator
      count always give byte-identical files.

      Example:
        vendorlink synth --out datasets/sample --seed 20181115 --operators 400
        vendorlink run datasets/sample/crawl-*.jsonl --db out/sample.sqlite
      """)

  @Option(name: .long, help: "Directory to write into (created if missing; files are overwritten).")
  var out: String

  @Option(name: .long, help: "Seed of the generator (same seed, same bytes).")
  var seed: UInt64 = SyntheticCrawl.defaultSeed

  @Option(name: .long, help: "Number of operators (people behind accounts); 400 gives a few MB.")
  var operators: Int = SyntheticCrawl.defaultOperators

  func validate() throws {
    guard operators >= 10 else { throw ValidationError("--operators must be at least 10") }
    guard operators <= 10_000_000 else {
      throw ValidationError("--operators must be at most 10000000")
    }
  }

  func run() throws {
    let start = Date()
    let interactive = isatty(STDERR_FILENO) != 0
    let summary = try SyntheticCrawl.generate(to: out, seed: seed, operators: operators) {
      done, total in
      guard interactive else { return }
      FileHandle.standardError.write(Data("\rsynth: crawl \(done)/\(total)".utf8))
    }
    if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    let records = summary.records.keys.sorted().map { "\($0)=\(summary.records[$0]!)" }
    let flags = summary.flags.keys.sorted().map { "\($0)=\(summary.flags[$0]!)" }
    print(
      "wrote \(summary.files.count) crawl files to \(out) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s (\(summary.bytes / 1024) KiB)"
    )
    print(
      "operators \(summary.operators), accounts \(summary.accounts), true pairs \(summary.truePairs), hard negatives \(summary.hardNegatives)"
    )
    print("records: " + records.joined(separator: " "))
    print("flags: " + flags.joined(separator: " "))
  }
}
