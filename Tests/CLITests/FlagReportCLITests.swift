import Foundation
import Testing

@Suite struct FlagReportCLITests {
  /// Two monthly crawls of Wall Street Market: `benl` ships from Belgium and the
  /// Netherlands, `mover` moves from the Netherlands to Belgium, one listing is wholesale.
  static let crawl = """
    {"kind":"market","market":"dream","name":"Dream Market","closed":"2019-04-30","closure":"voluntary"}
    {"kind":"market","market":"wsm","name":"Wall Street Market"}
    {"kind":"rate","date":"2019-01-15","currency":"BTC","usd":3600,"eur":3150}
    {"kind":"rate","date":"2019-02-15","currency":"BTC","usd":3600,"eur":3150}
    {"kind":"listing","market":"wsm","observed":"2019-01-15","listing":"a","vendor":"benl","title":"MDMA 1g","category":"Drugs/Ecstasy/MDMA","price":{"amount":0.01,"currency":"BTC"},"ships_from":"Belgium","ships_to":["Europe"],"excludes":["USA"]}
    {"kind":"listing","market":"wsm","observed":"2019-01-15","listing":"b","vendor":"benl","title":"MDMA 1kg","description":"No Anglo countries","category":"Drugs/Ecstasy/MDMA","price":{"amount":1,"currency":"BTC"},"ships_from":"Holland","ships_to":["Europe"]}
    {"kind":"listing","market":"wsm","observed":"2019-01-15","listing":"m","vendor":"mover","title":"Weed 5g","category":"Drugs/Cannabis/Weed","price":{"amount":0.01,"currency":"BTC"},"ships_from":"Netherlands","ships_to":["Worldwide"]}
    {"kind":"listing","market":"wsm","observed":"2019-02-15","listing":"m","vendor":"mover","title":"Weed 5g","category":"Drugs/Cannabis/Weed","price":{"amount":0.01,"currency":"BTC"},"ships_from":"Belgium","ships_to":["Worldwide"]}
    {"kind":"feedback","market":"wsm","observed":"2019-02-15","listing":"m","vendor":"mover","date":"2019-02-10","rating":5,"text":"ok"}

    """

  func database(_ dir: Scratch) throws -> String {
    let db = dir.path("study.sqlite")
    let file = try dir.write("crawl.jsonl", Self.crawl)
    let r = try CLI.run(["ingest", file, "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    return db
  }

  @Test func flagCountsEachKindAndSaysLinkingHasNotRun() throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    let db = try database(dir)
    let first = try CLI.run(["flag", "--db", db])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("multi-location\t1"))
    #expect(first.stdout.contains("moved\t1"))
    #expect(first.stdout.contains("wholesale\t1"))
    #expect(first.stdout.contains("restriction\t1"))
    #expect(first.stderr.contains("linking has not run"))
    // Again: the same flags (the run number moves on).
    let again = try CLI.run(["flag", "--db", db])
    #expect(again.status == 0)
    #expect(
      again.stdout.split(separator: "\n").dropFirst()
        == first.stdout.split(separator: "\n")
        .dropFirst())
  }

  @Test func flagUsageAndRuntimeErrors() throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    #expect(try CLI.run(["flag", "--db", dir.path("missing.sqlite")]).status == 1)
    #expect(!FileManager.default.fileExists(atPath: dir.path("missing.sqlite")))
    let db = try database(dir)
    #expect(try CLI.run(["flag", "--db", db, "--kinds", "bogus"]).status == 2)
    #expect(try CLI.run(["flag", "--db", db, "--wholesale-usd", "-5"]).status == 2)
    let only = try CLI.run(["flag", "--db", db, "--kinds", "moved"])
    #expect(only.status == 0 && only.stdout.contains("1 flags"))
  }

  @Test func reportWritesTextCSVAndHTML() throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    let db = try database(dir)
    let html = dir.path("report.html")
    let csv = dir.path("csv")
    let r = try CLI.run([
      "report", "--db", db, "--country", "be", "--html", html, "--csv-dir", csv,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("BE share of each market"))
    #expect(r.stdout.contains("NL → BE"))
    let pairs = try String(contentsOfFile: csv + "/multi_location_pairs.csv", encoding: .utf8)
    #expect(pairs.contains("wsm,1,BE+NL,1,1.0000"))
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(page.contains("<svg") && !page.lowercased().contains("<script"))
    let attrs = try FileManager.default.attributesOfItem(atPath: html)
    #expect(((attrs[.posixPermissions] as? NSNumber)?.intValue ?? 0) & 0o077 == 0)
  }

  @Test func reportRejectsABadCountry() throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    let db = try database(dir)
    #expect(try CLI.run(["report", "--db", db, "--country", "Belgium"]).status == 2)
    #expect(try CLI.run(["report", "--db", dir.path("none.sqlite")]).status == 1)
  }
}
