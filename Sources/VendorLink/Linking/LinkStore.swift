import Foundation

/// Reads and writes linking's tables (`matches`, `identities`, `link_state`, `runs`).
enum LinkStore {
  /// Parameters of the last successful link run, to decide whether a partial re-score is
  /// valid (same model and threshold).
  struct PreviousRun {
    var modelVersion: String
    var toolVersion: String
    var threshold: Double
  }

  static func previousRun(_ db: Database) throws -> PreviousRun? {
    let rows = try db.query(
      """
      SELECT model_version, parameters, tool_version FROM runs
      WHERE command = 'link' AND status = 'ok' ORDER BY run_id DESC LIMIT 1
      """)
    guard let row = rows.first, let version = row[0].stringValue,
      let params = row[1].stringValue?.data(using: .utf8),
      let obj = try? JSONSerialization.jsonObject(with: params) as? [String: Any],
      let threshold = obj["threshold"] as? Double
    else { return nil }
    return PreviousRun(
      modelVersion: version, toolVersion: row[2].stringValue ?? "", threshold: threshold)
  }

  static func evidenceHashes(_ db: Database) throws -> [Int64: UInt64] {
    var out: [Int64: UInt64] = [:]
    try db.forEach("SELECT account_id, evidence_hash FROM link_state") { s in
      if let id = s.int(0), let h = s.int(1) { out[id] = UInt64(bitPattern: h) }
    }
    return out
  }

  static func identities(_ db: Database) throws -> [Int64: Int64] {
    var out: [Int64: Int64] = [:]
    try db.forEach("SELECT account_id, identity_id FROM identities") { s in
      if let a = s.int(0), let i = s.int(1) { out[a] = i }
    }
    return out
  }

  /// Stored levels of previously scored pairs, keyed by (account_a, account_b).
  static func storedLevels(_ db: Database) throws -> [UInt64: [Int8]] {
    let cols = Comparison.allCases.map { "\($0.key)_level" }.joined(separator: ", ")
    var out: [UInt64: [Int8]] = [:]
    try db.forEach("SELECT account_a, account_b, \(cols) FROM matches") { s in
      guard let a = s.int(0), let b = s.int(1) else { return }
      out[pairKey(a, b)] = (0..<Comparison.count).map { c in
        s.int(2 + c).map { Int8($0) } ?? nullLevel
      }
    }
    return out
  }

  @inline(__always) static func pairKey(_ a: Int64, _ b: Int64) -> UInt64 {
    UInt64(UInt32(truncatingIfNeeded: min(a, b))) << 32
      | UInt64(UInt32(truncatingIfNeeded: max(a, b)))
  }

  static func beginRun(_ db: Database, parameters: LinkRunParameters, modelVersion: String)
    throws -> Int64
  {
    let params = try json(parameters)
    try db.run(
      """
      INSERT INTO runs(command, parameters, model_version, tool_version, started_at, status)
      VALUES ('link', ?, ?, ?, ?, 'running')
      """,
      [
        .text(String(decoding: params, as: UTF8.self)), .text(modelVersion),
        .text(VendorLinkVersion.string), .text(ISO8601DateFormatter().string(from: Date())),
      ])
    return db.lastInsertRowID
  }

  static func finishRun(_ db: Database, runID: Int64, parameters: LinkRunParameters) throws {
    let params = try json(parameters)
    try db.run(
      "UPDATE runs SET finished_at = ?, status = 'ok', parameters = ? WHERE run_id = ?",
      [
        .text(ISO8601DateFormatter().string(from: Date())),
        .text(String(decoding: params, as: UTF8.self)), .integer(runID),
      ])
  }

  /// Run parameters as compact JSON with sorted keys.
  static func json(_ parameters: LinkRunParameters) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(parameters)
  }

  static func writeMatches(
    _ db: Database, runID: Int64, _ e: AccountEvidence, _ s: ScoredPairs, model: LinkModel,
    threshold: Double, floor: Double
  ) throws {
    try db.execute("DELETE FROM matches")
    let cols = Comparison.allCases.map { "\($0.key)_level, \($0.key)_weight" }.joined(
      separator: ", ")
    let marks = Array(repeating: "?", count: 8 + 2 * Comparison.count).joined(separator: ", ")
    let stmt = try db.prepare(
      """
      INSERT INTO matches(run_id, account_a, account_b, match_weight, probability, decision,
        blocking, contest_reasons, \(cols)) VALUES (\(marks))
      """)
    // The label list of every rule bit set, built once (not per row).
    let ruleLabels: [String] = (0...255).map { bits in
      BlockingRule.allCases.filter { UInt8(bits) & $0.rawValue != 0 }.map(\.label).joined(
        separator: ",")
    }
    for k in 0..<s.count where s.probability[k] >= floor {
      let a = e.accountIDs[Int(s.pairs.a[k])]
      let b = e.accountIDs[Int(s.pairs.b[k])]
      let rules = ruleLabels[Int(s.pairs.rules[k])]
      try stmt.bind(.integer(runID), at: 1)
      try stmt.bind(.integer(min(a, b)), at: 2)
      try stmt.bind(.integer(max(a, b)), at: 3)
      try stmt.bind(.real(s.matchWeight[k]), at: 4)
      try stmt.bind(.real(s.probability[k]), at: 5)
      try stmt.bind(.text(s.decision(k, threshold: threshold).rawValue), at: 6)
      try stmt.bind(.text(rules), at: 7)
      let reasons = k < s.contested.count ? Contest.Reasons(rawValue: s.contested[k]) : []
      try stmt.bind(reasons.isEmpty ? .null : .text(reasons.labels.joined(separator: ";")), at: 8)
      let stratum = s.level(k, .exclusivity)
      for c in Comparison.allCases {
        let l = s.level(k, c)
        try stmt.bind(l >= 0 ? .integer(Int64(l)) : .null, at: Int32(9 + 2 * c.rawValue))
        let tf = c == .name && k < s.nameTermFrequency.count ? s.nameTermFrequency[k] : 0
        try stmt.bind(
          .real(model.weight(c, level: l, exclusivity: stratum) + tf),
          at: Int32(10 + 2 * c.rawValue))
      }
      while try stmt.step() {}
    }
  }

  static func writeIdentities(_ db: Database, runID: Int64, _ e: AccountEvidence, ids: [Int64])
    throws
  {
    try db.execute("DELETE FROM identities")
    let stmt = try db.prepare(
      "INSERT INTO identities(identity_id, account_id, run_id) VALUES (?, ?, ?)")
    for r in 0..<e.count {
      try stmt.bind([.integer(ids[r]), .integer(e.accountIDs[r]), .integer(runID)])
      while try stmt.step() {}
    }
  }

  static func writeState(_ db: Database, runID: Int64, _ e: AccountEvidence) throws {
    try db.execute("DELETE FROM link_state")
    let stmt = try db.prepare(
      "INSERT INTO link_state(account_id, evidence_hash, run_id) VALUES (?, ?, ?)")
    for r in 0..<e.count {
      try stmt.bind([
        .integer(e.accountIDs[r]), .integer(Int64(bitPattern: e.evidenceHash[r])),
        .integer(runID),
      ])
      while try stmt.step() {}
    }
  }
}
