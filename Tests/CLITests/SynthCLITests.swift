import Foundation
import Testing

/// `vendorlink synth` as a user runs it: files written, a summary printed, usage errors exit 2,
/// and the output ingests cleanly with `vendorlink ingest`.
@Suite struct SynthCLITests {
  @Test func writesCrawlsAndTruthThatIngestWithoutRejects() throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    let out = dir.path("synth")
    let r = try CLI.run(["synth", "--out", out, "--seed", "3", "--operators", "40"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("wrote 13 crawl files"))
    let files = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(files.filter { $0.hasPrefix("crawl-") && $0.hasSuffix(".jsonl") }.count == 13)
    for truth in [
      "truth_accounts.csv", "truth_pairs.csv", "truth_pairs_by_name.csv", "truth_flags.csv",
      "truth_hard_negatives.csv",
    ] {
      #expect(files.contains(truth))
    }
    let crawls = files.filter { $0.hasPrefix("crawl-") }.sorted().map { out + "/" + $0 }
    let ingest = try CLI.run(["ingest"] + crawls + ["--db", dir.path("s.sqlite")])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let summaries = (ingest.stdout + ingest.stderr).split(separator: "\n")
      .filter { $0.contains("rejected") }
    #expect(summaries.count == 13)
    #expect(summaries.allSatisfy { $0.contains(" 0 rejected, 0 warnings") }, "\(summaries)")
  }

  @Test func hardWorldWithAPhenomenonLeftOutSaysSoAndIngestsCleanly() throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    let out = dir.path("hard")
    let r = try CLI.run([
      "synth", "--out", out, "--seed", "5", "--operators", "60", "--difficulty", "hard",
      "--without", "copycats",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("true pairs: evasion=") && r.stdout.contains("hard negatives: "))
    let world = try String(contentsOfFile: out + "/truth_world.csv", encoding: .utf8)
    #expect(world.contains("copycats,off\n") && world.contains("siblings,on\n"))
    let crawls = try FileManager.default.contentsOfDirectory(atPath: out)
      .filter { $0.hasPrefix("crawl-") }.sorted().map { out + "/" + $0 }
    let ingest = try CLI.run(["ingest"] + crawls + ["--db", dir.path("h.sqlite")])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let summaries = (ingest.stdout + ingest.stderr).split(separator: "\n")
      .filter { $0.contains("rejected") }
    #expect(summaries.allSatisfy { $0.contains(" 0 rejected, 0 warnings") }, "\(summaries)")
  }

  @Test func usageErrorsExitWithTwo() throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    #expect(try CLI.run(["synth", "--out", dir.path("x"), "--operators", "3"]).status == 2)
    #expect(try CLI.run(["synth", "--out", dir.path("x"), "--seed", "-1"]).status == 2)
    #expect(try CLI.run(["synth"]).status == 2)
    #expect(try CLI.run(["synth", "--out", dir.path("x"), "--difficulty", "medium"]).status == 2)
    #expect(
      try CLI.run(["synth", "--out", dir.path("x"), "--difficulty", "hard", "--without", "x"])
        .status == 2)
    #expect(try CLI.run(["synth", "--out", dir.path("x"), "--without", "siblings"]).status == 2)
    let help = try CLI.run(["synth", "--help"])
    #expect(help.status == 0 && help.stdout.contains("vendorlink synth --out"))
  }
}
