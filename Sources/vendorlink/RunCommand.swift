import ArgumentParser
import Foundation
import VendorLink

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "The batch job after each crawl: ingest new crawl files, link accounts, flag.",
    discussion: """
      Crawl files imported before are recognised by their SHA-256 and skipped, so
      running the job again after a new crawl only imports that crawl; linking
      re-scores the accounts whose evidence changed, and the flags are recomputed.

      Examples:
        vendorlink run datasets/sample/crawl-*.jsonl --db out/sample.sqlite
        vendorlink run new-crawl.jsonl --db study.sqlite --threshold 0.9 --on-error abort
      """)

  @Argument(help: "Crawl files or folders, in order (a folder: its crawls by date).")
  var files: [String]

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var input: InputOptions
  @OptionGroup var linking: RunLinkOptions

  func validate() throws {
    try input.validate()
    try linking.validate()
  }

  func run() throws {
    let plans = try input.plans(for: files)
    let db = try Schema.open(database.db)
    let ingester = Ingester(db: db)
    try input.loadRates(into: ingester)
    for plan in plans {
      if let note = plan.dateNote { print("\(plan.path): \(note)") }
      let summary = try ProgressLine.around(label: plan.path) { progress in
        ingester.progress = progress
        return try ingester.ingest(path: plan.path, options: plan.options)
      }
      try IngestReport.show(summary, db: db, warnings: input.warnings)
    }
    try linking.link(db: db)
    let flags = try Flagger.run(db: db)
    for note in flags.notes { FileHandle.standardError.write(Data("vendorlink: \(note)\n".utf8)) }
    let counts = flags.counts.keys.sorted().map { "\($0.rawValue) \(flags.counts[$0] ?? 0)" }
    print("flags: " + counts.joined(separator: ", "))
  }
}
