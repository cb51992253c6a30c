import Foundation
import Testing

/// Every bundled real scrape imports with one command (`ingest FOLDER --preset NAME`). The
/// counts are Python's, from the raw files (`scripts/real/count_real.py`), not vendorlink's.
/// Skipped, visibly, when ../shared/data/real is absent.
@Suite(.enabled(if: Paths.realData("README.md") != nil, "needs ../shared/data/real"))
struct RealScrapeCLITests {
  func ingest(_ arguments: [String]) throws -> (CLI.Result, Scratch) {
    let dir = try Scratch()
    let r = try CLI.run(["ingest"] + arguments + ["--db", dir.path("real.sqlite")])
    return (r, dir)
  }

  /// Hansa: 14,773 rows without a header; 15 rows have no vendor (cut short upstream), 3 lost
  /// their title (kept, by listing id). Python: 507 vendors, 14,492 listings, 2 crawl days.
  @Test func hansaFolder() throws {
    let (r, dir) = try ingest([try #require(Paths.realData("hansa-2016-12")), "--preset", "hansa"])
    defer { dir.cleanup() }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("15 rejected"))
    #expect(
      r.stdout.contains(
        "market hansa: 507 vendors, 14492 listings (14492 observations), 2 crawl days"))
    #expect(r.stderr.contains("field 'vendor': missing"))
  }

  /// AlphaBay: 69 files, latin-1 with CR record ends, dated by file name (21 days).
  /// Python: 35,485 rows, 3,954 vendors, 32,699 (vendor, title) listings, 33,822 (vendor,
  /// title, day) observations, 17 rows whose price is "null".
  @Test func alphabayFolder() throws {
    let (r, dir) = try ingest([
      try #require(Paths.realData("alphabay-2017-04")), "--preset", "alphabay",
    ])
    defer { dir.cleanup() }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.contains(
        "market alphabay: 3954 vendors, 32699 listings (33822 observations), 21 crawl days"))
    #expect(r.stdout.contains("crawl date 2017-04-25 from the file name"))
    #expect(r.stdout.components(separatedBy: ", 0 rejected,").count - 1 == 69)
    #expect(r.stdout.components(separatedBy: ": crawl date ").count - 1 == 69)
  }

  /// ToRReZ: the vendor statistics and the listings, one crawl day from the preset.
  /// Python: 668 vendors (all in both files), 14,013 listings (one URL each).
  @Test func torrezFolder() throws {
    let (r, dir) = try ingest([
      try #require(Paths.realData("torrez-2021-03")), "--preset", "torrez",
    ])
    defer { dir.cleanup() }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("crawl date 2021-03-05 from the preset"))
    #expect(
      r.stdout.contains(
        "market torrez: 668 vendors, 14013 listings (14013 observations), 1 crawl days"))
  }

  /// A file without a date column and no date in its name: one error naming the fix, exit 2,
  /// and `--observed` imports it.
  @Test func missingCrawlDateIsOneUsageError() throws {
    let src = try #require(Paths.realData("torrez-2021-03/Product_dataset_new.csv"))
    let dir = try Scratch()
    defer { dir.cleanup() }
    let copy = dir.path("products.csv")
    try FileManager.default.copyItem(atPath: src, toPath: copy)
    let map = "vendor=vendor,title=product,price=price in $"
    let db = dir.path("t.sqlite")
    let r = try CLI.run([
      "ingest", copy, "--map", map, "--market", "torrez", "--currency", "USD", "--db", db,
    ])
    #expect(r.status == 2)
    #expect(r.stderr.contains("pass --observed YYYY-MM-DD"))
    #expect(r.stderr.components(separatedBy: "\n").filter { !$0.isEmpty }.count <= 3)
    #expect(!FileManager.default.fileExists(atPath: db))
    let ok = try CLI.run([
      "ingest", copy, "--map", map, "--market", "torrez", "--currency", "USD", "--observed",
      "2021-03-05", "--db", db,
    ])
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stdout.contains("crawl date 2021-03-05 from --observed"))
    #expect(ok.stdout.contains("market torrez: 668 vendors"))
  }
}
