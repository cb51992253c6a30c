import ArgumentParser
import VendorLink

struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Counts per market and crawl date: vendors, listings, feedback (sales).",
    discussion: """
      Example:
        vendorlink stats --db study.sqlite
      """)

  @OptionGroup var database: DatabaseOptions

  func run() throws {
    let db = try Schema.open(database.db)
    let table = try Stats.perMarketAndDay(db)
    print(table.render())
    let crawls = try db.scalarInt("SELECT COUNT(*) FROM crawls") ?? 0
    let rejects = try db.scalarInt("SELECT COUNT(*) FROM rejects") ?? 0
    let warnings = try db.scalarInt("SELECT COUNT(*) FROM warnings") ?? 0
    print("\(crawls) crawls imported, \(rejects) records rejected, \(warnings) warnings")
  }
}
