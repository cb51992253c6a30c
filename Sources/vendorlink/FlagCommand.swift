import ArgumentParser
import Foundation
import VendorLink

struct FlagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "flag",
    abstract: "Flag multi-location shippers, moves, restrictions, wholesale, outliers, migrants.",
    discussion: """
      Replaces the flags table with this run's flags, in one transaction, and
      records the run in `runs`. Running it twice on the same data writes the same
      flags. Migrants need identities: run `vendorlink link` first, or the run says
      so.

      Examples:
        vendorlink flag --db out/sample.sqlite
        vendorlink flag --db out/sample.sqlite --wholesale-usd 500 --kinds wholesale,moved
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Comma-separated kinds to compute (default: all): \(kindNames).")
  var kinds: String?

  @Option(help: "Wholesale line in USD at the date's rate (Aldridge & Décary-Hétu 2016).")
  var wholesaleUsd: Double = 1_000

  @Option(help: "|robust z| of log unit price above which a listing is a price outlier.")
  var outlierCutoff: Double = 3.5

  @Option(help: "Smallest category×unit group tested for price outliers.")
  var outlierMinGroup: Int = 20

  @Option(help: "Days after a market closure in which a linked new account is a migrant.")
  var migrantWindowDays: Int = 84

  @ArgumentParser.Flag(help: "Print each stage's wall-clock seconds on stderr.")
  var timings = false

  static var kindNames: String { FlagKind.allCases.map(\.rawValue).joined(separator: ", ") }

  func validate() throws {
    guard wholesaleUsd > 0 else { throw ValidationError("--wholesale-usd must be positive") }
    guard outlierCutoff > 0 else { throw ValidationError("--outlier-cutoff must be positive") }
    guard outlierMinGroup >= 3 else { throw ValidationError("--outlier-min-group must be ≥ 3") }
    guard migrantWindowDays >= 0 else {
      throw ValidationError("--migrant-window-days must be ≥ 0")
    }
    _ = try parsedKinds()
  }

  func parsedKinds() throws -> Set<FlagKind> {
    guard let kinds else { return Set(FlagKind.allCases) }
    var out = Set<FlagKind>()
    for name in kinds.split(separator: ",") {
      let trimmed = name.trimmingCharacters(in: .whitespaces)
      guard let k = FlagKind(rawValue: trimmed) else {
        throw ValidationError("unknown flag kind '\(trimmed)'; kinds are: \(Self.kindNames)")
      }
      out.insert(k)
    }
    return out
  }

  func run() throws {
    guard FileManager.default.fileExists(atPath: database.db) else {
      throw RuntimeFailure("no database at \(database.db); run `vendorlink ingest` first")
    }
    var options = FlagOptions()
    options.kinds = try parsedKinds()
    options.wholesaleThresholdUSD = wholesaleUsd
    options.outlierCutoff = outlierCutoff
    options.outlierMinGroupSize = outlierMinGroup
    options.migrantWindowDays = migrantWindowDays
    let db = try Schema.open(database.db)
    let summary = try Flagger.run(db: db, options: options)
    for note in summary.notes {
      FileHandle.standardError.write(Data("vendorlink flag: \(note)\n".utf8))
    }
    var lines = ["run \(summary.runID): \(summary.total) flags"]
    for kind in summary.counts.keys.sorted() {
      lines.append("  \(kind.rawValue)\t\(summary.counts[kind] ?? 0)")
    }
    print(lines.joined(separator: "\n"))
    if timings {
      for (stage, seconds) in summary.timings.sorted(by: { $0.key < $1.key }) {
        FileHandle.standardError.write(
          Data("  \(stage)\t\(String(format: "%.2f", seconds)) s\n".utf8))
      }
    }
  }
}
