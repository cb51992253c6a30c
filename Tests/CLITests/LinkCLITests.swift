import Foundation
import Testing

/// `link`, `train`, `explain` and `export` as a user runs them, on a small two-market crawl.
@Suite struct LinkCLITests {
  /// Twelve operators on dream, the first six with an alias on wsm (same key and style, some
  /// renamed); the rest of wsm are strangers.
  /// A fingerprint-looking 40-hex string per operator (ingest ignores degenerate ones).
  static func fingerprint(_ op: Int) -> String {
    var z = UInt64(op + 1) &* 0x9e37_79b9_7f4a_7c15
    var hex = ""
    for _ in 0..<3 {
      z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
      z ^= z >> 27
      hex += String(format: "%016llX", z)
    }
    return String(hex.prefix(40))
  }

  static func crawl() -> String {
    let claims = [
      "vacuum sealed", "ships in 24h", "reship once", "no FE", "leave feedback", "encrypt",
      "bulk discount", "weekend break", "lab tested", "since 2015", "stealth first", "top stuff",
    ]
    let products = ["Cocaine", "Speed", "Ketamine", "MDMA", "Hash", "LSD"]
    var lines = [
      #"{"kind":"market","market":"dream","name":"Dream Market","closed":"2019-04-30"}"#,
      #"{"kind":"market","market":"wsm","name":"Wall Street Market"}"#,
    ]
    func vendor(_ m: String, _ v: String, _ op: Int, key: Bool) {
      var text = (0..<4).map { claims[(op * 5 + $0 * 7) % claims.count] }.joined(separator: ". ")
      if op >= 20 { text = "new shop \(op), open \(op) days, prices \(op * 3) off, ask \(op)" }
      let pgp = key ? #","pgp":"\#(fingerprint(op))""# : ""
      lines.append(
        #"{"kind":"vendor","market":"\#(m)","observed":"2019-03-01","vendor":"\#(v)","profile":"Hi from \#(v). \#(text)"\#(pgp)}"#
      )
      for i in 0..<4 {
        let p = products[(op + i * (op % 3 + 1)) % products.count]
        let price = Double((i + 1) * 10) * (1 + Double(op) / 7)
        lines.append(
          #"{"kind":"listing","market":"\#(m)","observed":"2019-03-01","listing":"\#(v)-\#(i)","vendor":"\#(v)","title":"\#((i + 1) * 5)g \#(p)","price":{"amount":\#(price),"currency":"EUR"},"ships_from":"\#(["Netherlands", "Germany", "Belgium"][op % 3])"}"#
        )
      }
    }
    for op in 0..<12 { vendor("dream", "Vendor\(op)", op, key: true) }
    for op in 0..<6 {
      vendor("wsm", op % 2 == 0 ? "vendor\(op)_nl" : "Renamed\(op)", op, key: true)
    }
    for op in 20..<26 { vendor("wsm", "Stranger\(op)", op, key: true) }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test func linkExplainExportAndTrain() throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    let db = dir.path("db.sqlite")
    let file = try dir.write("crawl.jsonl", Self.crawl())
    #expect(try CLI.run(["ingest", file, "--db", db]).status == 0)

    let link = try CLI.run(["link", "--db", db])
    #expect(link.status == 0)
    #expect(link.stdout.contains("accounts 24"))
    #expect(link.stdout.contains("shared PGP key 6"))

    let csv = try CLI.run(["export", "matches", "--db", db])
    #expect(csv.status == 0)
    let rows = csv.stdout.split(separator: "\n")
    #expect(
      rows[0].hasPrefix("market_a,vendor_a,market_b,vendor_b,probability,match_weight,decision"))
    let matched = rows.dropFirst().filter { $0.contains(",match,") }
    #expect(matched.contains { $0.hasPrefix("dream,Vendor1,wsm,Renamed1,") })
    #expect(!matched.contains { $0.contains("Stranger") })

    let ids = try CLI.run(["export", "identities", "--db", db, "--format", "json"])
    let parsed = try JSONSerialization.jsonObject(with: Data(ids.stdout.utf8)) as! [[String: Any]]
    #expect(parsed.count == 24)
    let idOf = Dictionary(
      uniqueKeysWithValues: parsed.map {
        ("\($0["market"]!):\($0["vendor"]!)", $0["identity_id"] as! Int)
      })
    #expect(idOf["dream:Vendor1"] == idOf["wsm:Renamed1"])
    #expect(idOf["dream:Vendor1"] != idOf["dream:Vendor2"])

    let explain = try CLI.run(["explain", "--db", db, "dream:Vendor1", "wsm:Renamed1"])
    #expect(explain.status == 0)
    for c in [
      "prior", "name", "pgp", "text", "text_rank", "shipping", "products", "prices", "exclusivity",
    ] {
      #expect(explain.stdout.contains(c))
    }
    #expect(explain.stdout.contains("total match weight"))

    // The exhaustive text search gives the same matches on a market this small (the inverted
    // file only starts at 2,048 accounts), and a re-run with --full rewrites the same rows.
    let exact = try CLI.run(["link", "--db", db, "--full", "--exact-text"])
    #expect(exact.status == 0)
    #expect(try CLI.run(["export", "matches", "--db", db]).stdout == csv.stdout)

    let flags = try CLI.run(["export", "flags", "--db", db])
    #expect(flags.status == 0 && flags.stdout.hasPrefix("kind,market,vendor,listing,score,details"))

    let model = dir.path("m.json")
    let train = try CLI.run(["train", "--db", db, "--out", model])
    #expect(train.status == 0)
    // Six key-sharing pairs are too few to learn from: the model is written, with a warning.
    #expect(train.stderr.contains("warning: 6 candidate pairs share a PGP key"), "\(train.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model)))
    #expect((json as? [String: Any])?["format"] as? String == "vendorlink-model")
    #expect(try CLI.run(["link", "--db", db, "--model", model]).status == 0)
  }

  @Test func usageAndInputErrors() throws {
    let dir = try Scratch()
    defer { dir.cleanup() }
    let db = dir.path("db.sqlite")
    let file = try dir.write("crawl.jsonl", Self.crawl())
    #expect(try CLI.run(["ingest", file, "--db", db]).status == 0)
    #expect(try CLI.run(["link", "--db", db, "--threshold", "1.5"]).status == 2)
    #expect(try CLI.run(["explain", "--db", db, "nocolon", "wsm:x"]).status == 2)
    #expect(try CLI.run(["export", "everything", "--db", db]).status == 2)
    let unknown = try CLI.run(["explain", "--db", db, "dream:Vendor1", "wsm:SecretName"])
    #expect(unknown.status == 3)
    #expect(!unknown.stderr.contains("SecretName"))
    // Names match ignoring case; an unknown one lists the closest accounts.
    #expect(unknown.stderr.contains("closest: wsm:"))
    let folded = try CLI.run(["explain", "--db", db, "DREAM:vendor1", "wsm:renamed1"])
    #expect(folded.status == 0, "\(folded.stderr)")
    #expect(try CLI.run(["link", "--db", db, "--model", dir.path("none.json")]).status == 1)
    let bad = try dir.write("bad.json", #"{"format":"vendorlink-model"}"#)
    #expect(try CLI.run(["link", "--db", db, "--model", bad]).status == 1)
    #expect(try CLI.run(["export", "matches", "--db", dir.path("missing.sqlite")]).status == 1)
  }
}
