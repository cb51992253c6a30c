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
    // 19 vendors joined after 5 March (up to 2021-03-14, Python): the crawl day is said to
    // be doubtful, not silently kept.
    #expect(r.stderr.contains("warning ×19: since: since #-#-# is after the crawl day #-#-#"))
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

  /// DWData: the whole tree in date order, each file's schema from its header (or the White
  /// House layout when it has none), the market from its path, the day from its folder.
  /// Python's per-market counts (vendors, listings, observations) for all 14 markets.
  @Test func dwdataTree() throws {
    let (r, dir) = try ingest([
      try #require(Paths.realData("dwdata-2020-2022")), "--preset", "dwdata",
    ])
    defer { dir.cleanup() }
    #expect(r.status == 0, "\(r.stderr)")
    let python: [(String, Int, Int, Int, Int)] = [
      ("alphabay2021", 221, 3189, 9111, 6), ("asap", 93, 7645, 40575, 8),
      ("bohemia", 49, 1014, 15117, 18), ("colombia", 9, 94, 339, 4),
      ("darkmarket", 44, 239, 239, 1), ("darkode", 189, 6939, 12687, 9),
      ("kingdom", 67, 2980, 14508, 8), ("mgmgrand", 70, 767, 4333, 7),
      ("nemesis", 386, 10079, 99020, 18), ("royal", 79, 3520, 18345, 13),
      ("tor2door", 99, 2176, 7825, 20), ("torrez", 29, 686, 686, 1),
      ("vicecity", 56, 3446, 21713, 10), ("whitehouse", 26, 439, 954, 7),
    ]
    for (m, v, l, o, d) in python {
      #expect(
        r.stdout.contains(
          "market \(m): \(v) vendors, \(l) listings (\(o) observations), \(d) crawl days"), "\(m)")
    }
    // The mislabelled darkode file is the White House scrape of 2021-09-28, byte for byte.
    #expect(r.stdout.contains("darkode-2021-12-22.csv: already imported"))
    #expect(
      r.stdout.contains("sep24whitehousemarket.csv: crawl date 2021-09-24 from the folder name"))
  }

  /// A CSV without --map: the mapping its header names; a header naming no vendor is a
  /// usage error (exit 2) that names the fix.
  @Test func mappingFromTheHeader() throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    let good = try dir.write(
      "shop-2022-06-01.csv", "vendor,price,category,name\nmadrid,30 USD,Fraud,CVV USA\n")
    let r = try CLI.run(["ingest", good, "--market", "shop", "--db", dir.path("a.sqlite")])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.contains(
        "columns from the header: category=category,price=price,title=name,vendor=vendor"))
    #expect(r.stdout.contains("market shop: 1 vendors, 1 listings (1 observations), 1 crawl days"))
    let bad = try dir.write("x-2022-06-01.csv", "seller_id,cost\n1,2\n")
    let b = try CLI.run(["ingest", bad, "--market", "shop", "--db", dir.path("b.sqlite")])
    #expect(b.status == 2)
    #expect(b.stderr.contains("pass --map vendor=Column"))
  }

  /// White House: AUD prices priced from the bundled ECB rates, the 68 "N/A" prices shown
  /// as one warning group with three examples, `--replace` and `reprice` end to end.
  @Test func whiteHouseRatesWarningsReplaceReprice() throws {
    let file = try #require(Paths.realData("whitehouse-2020-09-17-listings.csv"))
    let dir = try Scratch()
    defer { dir.cleanup() }
    let db = dir.path("w.sqlite")
    let r = try CLI.run(["ingest", file, "--preset", "whitehouse", "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("479 vendors, 1333 listings, 0 feedback"))
    #expect(r.stdout.contains("rates: bundled ECB reference rates added for AUD 7126, EUR 7126"))
    #expect(r.stderr.contains("warning ×68: price: no price shown (…): listing kept without one"))
    #expect(
      r.stderr.components(separatedBy: "field 'price': no price shown ('N/A')").count - 1 == 3)
    let all = try CLI.run([
      "ingest", file, "--preset", "whitehouse", "--replace", "--warnings", "all", "--db", db,
    ])
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.stdout.contains("replacing the earlier import (removed: accounts 479"))
    #expect(all.stderr.components(separatedBy: "field 'price': no price shown").count - 1 == 68)
    let p = try CLI.run(["reprice", "--db", db])
    #expect(p.status == 0 && p.stdout.contains("0 stored prices changed"), "\(p.stderr)")
  }

  /// Nexus/WeTheNorth: vendors (with market and about text), then products and reviews
  /// placed through the vendor file. Python: 244 + 200 vendors, 3,860 + 3,685 listings,
  /// 443 product rows and 372 reviews whose vendor is on both markets or neither, 13,592
  /// reviews stored as feedback.
  @Test func nexusFolder() throws {
    let (r, dir) = try ingest([
      try #require(Paths.realData("nexus-wethenorth-2024")), "--preset", "nexus",
    ])
    defer { dir.cleanup() }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("market nexus: 244 vendors, 3860 listings (3860 observations)"))
    #expect(r.stdout.contains("market wethenorth: 200 vendors, 3685 listings (3685 observations)"))
    #expect(r.stdout.contains("product_vendor.csv: 426 vendors, 7545 listings, 0 feedback"))
    #expect(r.stdout.contains("443 rejected"))
    #expect(r.stdout.contains("13592 feedback; 13592 records, 372 rejected"))
    #expect(r.stderr.contains("the vendor is on several markets, and this file names none"))
  }
}
