import Foundation
import Testing

@Suite struct IngestCLITests {
  static let good = """
    {"kind":"market","market":"dream","name":"Dream Market","closed":"2019-04-30"}
    {"kind":"vendor","market":"dream","observed":"2019-01-15","vendor":"DutchMagic","pgp":"0123456789ABCDEF0123456789ABCDEF01234567"}
    {"kind":"listing","market":"dream","observed":"2019-01-15","listing":"dm-1","vendor":"DutchMagic","title":"100g MDMA","price":{"amount":10,"currency":"USD"},"ships_from":"Netherlands"}
    """

  @Test func exitCodesFollowTheContract() throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    let db = dir.path("db.sqlite")
    let file = try dir.write("c.jsonl", Self.good)
    // 0: success, and again (nothing changes).
    let first = try CLI.run(["ingest", file, "--db", db])
    #expect(first.status == 0)
    #expect(first.stdout.contains("3 records, 0 rejected"))
    let again = try CLI.run(["ingest", file, "--db", db])
    #expect(again.status == 0 && again.stdout.contains("already imported"))
    // 2: usage errors.
    #expect(try CLI.run(["ingest", file]).status == 2)
    #expect(try CLI.run(["ingest", file, "--db", db, "--on-error", "maybe"]).status == 2)
    #expect(try CLI.run(["no-such-command"]).status == 2)
    // 3: input rejected (abort at the bad line, naming file:line:field).
    let bad = try dir.write(
      "bad.jsonl",
      Self.good.replacingOccurrences(of: "2019-01-15\",\"listing", with: "2019-13-45\",\"listing")
        + "\n")
    let rejected = try CLI.run(["ingest", bad, "--db", db, "--on-error", "abort"])
    #expect(rejected.status == 3)
    #expect(rejected.stderr.contains("bad.jsonl:3: field 'observed'"))
    // The rejected crawl left the database as it was.
    let stats = try CLI.run(["stats", "--db", db])
    #expect(stats.status == 0 && stats.stdout.contains("1 crawls imported"))
    // 1: runtime failure (a file that does not exist).
    #expect(try CLI.run(["ingest", dir.path("missing.jsonl"), "--db", db]).status == 1)
  }

  @Test func errorsDoNotEchoVendorText() throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    let secret = "SECRET-PROFILE-TEXT"
    let file = try dir.write(
      "s.jsonl",
      #"{"kind":"vendor","market":"m","observed":"not a date","vendor":"v","profile":"\#(secret)"}"#
    )
    let r = try CLI.run(["ingest", file, "--db", dir.path("db.sqlite"), "--on-error", "abort"])
    #expect(r.status == 3)
    #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret))
  }

  @Test func helpShowsExamplesForEachCommand() throws {
    for command in ["ingest", "run", "stats", "synth", "keys", "link", "flag", "report", "export"] {
      let r = try CLI.run([command, "--help"])
      #expect(r.status == 0, "\(command)")
      #expect(
        r.stdout.contains("vendorlink \(command)") || r.stdout.contains("Example"), "\(command)")
    }
  }
}

/// Issue 14's first-run papercuts: a failed first ingest leaves no database; `--help`
/// examples are printed unwrapped; usage errors exit 2 with the fix.
@Suite struct IngestFirstRunTests {
  @Test func failedFirstIngestLeavesNoDatabase() throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    let bad = try dir.write(
      "bad.jsonl", #"{"kind":"vendor","market":"m","observed":"x","vendor":"v"}"# + "\n")
    let db = dir.path("new.sqlite")
    let r = try CLI.run(["ingest", bad, "--db", db])
    #expect(r.status == 3)
    #expect(!FileManager.default.fileExists(atPath: db))
  }

  @Test func helpExamplesAreNotWrapped() throws {
    let r = try CLI.run(["ingest", "--help"])
    let examples = r.stdout.components(separatedBy: "Examples").last ?? ""
    for line in examples.split(separator: "\n") where line.hasPrefix("  vendorlink ingest") {
      #expect(line.count <= 80, "\(line)")
    }
    #expect(r.stdout.contains("--map observed=date,vendor=vendor,title=product,price=price \\"))
  }

  @Test(arguments: [
    (["--preset", "nope"], "unknown preset 'nope' (one of"),
    (["--map", "colour=x"], "unknown field 'colour'"),
    (["--observed", "yesterdayish"], "--observed: 'yesterdayish' is not a date"),
    (["--map", "vendor=seller"], "no market column; pass --market NAME"),
  ])
  func usageErrorsExit2WithTheFix(arguments: [String], message: String) throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    let file = try dir.write("a-2020-01-01.csv", "seller,cost\nx,1\n")
    let r = try CLI.run(["ingest", file, "--db", dir.path("db.sqlite")] + arguments)
    #expect(r.status == 2)
    #expect(r.stderr.contains(message), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path("db.sqlite")))
  }
}
