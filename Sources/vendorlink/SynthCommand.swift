import ArgumentParser
import Foundation
import VendorLink
import VendorSynth

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
      impersonators, resellers and lookalike handles. The same seed, operator count
      and settings always give byte-identical files.

      --difficulty hard plants what issue 13 lists, each switchable by name:
        evasion             name-and-key changers rewrite their style (one habit may
                            persist), show ships-from as a region, keep ~half of
                            their products and reprice by 10-25 %
        shared-vocabulary   regional slang, niche boilerplate, copied terms, short
                            generic profiles; personal tics rare
        vocabulary-drift    a phrase of the month in descriptions and profiles
        siblings            two live accounts of one operator on one market
        impersonators       a closed market's popular vendors imitated after the
                            closure (name, profile, some listings, sometimes the key)
        copycats            a popular profile copied under another name
        resellers           a supplier's listings copied at a mark-up
        common-handles      generic handles ("accept") of unrelated vendors
        lookalikes          near-variant handles of unrelated vendors
      The hard truth adds evasion and pair_type to truth_pairs.csv, kinds and details
      to truth_hard_negatives.csv, details to truth_accounts.csv, and
      truth_world.csv; both worlds write truth_pairs_typed.csv.

      Examples:
        vendorlink synth --out datasets/sample --seed 20181115 --operators 400
        vendorlink synth --out out/hard --difficulty hard --seed 7 --operators 1500
        vendorlink synth --out out/h2 --difficulty hard --without siblings,copycats
        vendorlink run datasets/sample/crawl-*.jsonl --db out/sample.sqlite
      """)

  @Option(name: .long, help: "Directory to write into (created if missing; files are overwritten).")
  var out: String

  @Option(name: .long, help: "Seed of the generator (same seed, same bytes).")
  var seed: UInt64 = SyntheticCrawl.defaultSeed

  @Option(name: .long, help: "Number of operators (people behind accounts); 400 gives a few MB.")
  var operators: Int = SyntheticCrawl.defaultOperators

  @Option(name: .long, help: "World: standard (the committed sample's) or hard.")
  var difficulty: String = SynthDifficulty.standard.rawValue

  @Option(
    name: .long,
    help: "Hard world: plant only these phenomena (comma-separated; default all).")
  var phenomena: String?

  @Option(name: .long, help: "Hard world: phenomena to leave out (comma-separated, repeatable).")
  var without: [String] = []

  /// The settings the options name; a usage error for an unknown name.
  func settings() throws -> SynthSettings {
    guard let d = SynthDifficulty(rawValue: difficulty) else {
      throw ValidationError("--difficulty must be standard or hard")
    }
    do {
      return try SynthSettings.parse(
        difficulty: d, only: phenomena.map { [$0] }, without: without)
    } catch {
      throw ValidationError("\(error)")
    }
  }

  func validate() throws {
    _ = try settings()
    guard operators >= 10 else { throw ValidationError("--operators must be at least 10") }
    guard operators <= 10_000_000 else {
      throw ValidationError("--operators must be at most 10000000")
    }
  }

  func run() throws {
    let start = Date()
    let interactive = isatty(STDERR_FILENO) != 0
    let summary = try SyntheticCrawl.generate(
      to: out, seed: seed, operators: operators, settings: try settings()
    ) {
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
    let pairs = summary.pairsBy.keys.sorted().map { "\($0)=\(summary.pairsBy[$0]!)" }
    let negatives = summary.hardNegativesBy.keys.sorted().map {
      "\($0)=\(summary.hardNegativesBy[$0]!)"
    }
    print("true pairs: " + pairs.joined(separator: " "))
    print("hard negatives: " + negatives.joined(separator: " "))
  }
}
