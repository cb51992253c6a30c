/// Linking's part of the schema, registered with Store (`Schema.parts`, `Schema.addedColumns`):
/// Store knows the SQL, not the comparisons; the `matches` columns follow the registry.
extension Schema {
  /// Tables written by linking (issue 5). Owned by Sources/VendorLink/Linking.
  ///
  /// - `matches`: one row per scored candidate pair (`account_a < account_b`), with the total
  ///   match weight (bits, prior included), the probability, the decision at the run's
  ///   threshold, the blocking rules that proposed it, and for every comparison its level
  ///   (0 = strongest agreement, NULL = evidence missing) and weight (bits; 0 when NULL).
  /// - `identities`: every account's operator cluster; ids are stable between runs.
  /// - `link_state`: each account's evidence hash at the last link run, so that the next run
  ///   re-computes comparisons only for accounts whose evidence changed.
  /// A comparison added to the registry gets its columns here, and in databases made before
  /// it through `linkingAddedColumns`.
  static var linking: String {
    let perComparison = Comparison.allCases.map {
      "  \($0.key)_level INTEGER,\n  \($0.key)_weight REAL,"
    }.joined(separator: "\n")
    return """
      CREATE TABLE IF NOT EXISTS matches (
        run_id         INTEGER NOT NULL REFERENCES runs(run_id),
        account_a      INTEGER NOT NULL REFERENCES accounts(account_id),
        account_b      INTEGER NOT NULL REFERENCES accounts(account_id),
        match_weight   REAL NOT NULL,
        probability    REAL NOT NULL,
        decision       TEXT NOT NULL CHECK (decision IN ('match', 'non-match', 'contested')),
        blocking       TEXT NOT NULL DEFAULT '',
        contest_reasons TEXT,
      \(perComparison)
        PRIMARY KEY (account_a, account_b)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS matches_b ON matches(account_b);
      CREATE TABLE IF NOT EXISTS identities (
        identity_id INTEGER NOT NULL,
        account_id  INTEGER NOT NULL UNIQUE REFERENCES accounts(account_id),
        run_id      INTEGER REFERENCES runs(run_id)
      );
      CREATE INDEX IF NOT EXISTS identities_identity ON identities(identity_id);
      CREATE TABLE IF NOT EXISTS link_state (
        account_id    INTEGER PRIMARY KEY REFERENCES accounts(account_id),
        evidence_hash INTEGER NOT NULL,
        run_id        INTEGER REFERENCES runs(run_id)
      );
      """
  }

  /// Drops a `matches` table made before the `contested` decision existed: its CHECK
  /// constraint would refuse the new decision, and SQLite cannot alter a constraint. The table
  /// is derived data (every link run rewrites it), so the next run only re-computes every pair
  /// instead of reusing stored levels.
  static func dropOutdatedMatches(_ db: Database) throws {
    guard
      let sql = try db.query(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'matches'"
      ).first?[0].stringValue
    else { return }
    if !sql.contains("'contested'") { try db.execute("DROP TABLE matches") }
  }

  /// The `matches` columns of every comparison, which a database made by an earlier version
  /// may lack (`Schema.addMissingColumns` adds them: `matches` is derived data, rewritten by
  /// every link run, so new columns start NULL).
  static var linkingAddedColumns: [AddedColumn] {
    [AddedColumn(table: "matches", name: "contest_reasons", type: "TEXT")]
      + Comparison.allCases.flatMap { c in
        [
          AddedColumn(table: "matches", name: "\(c.key)_level", type: "INTEGER"),
          AddedColumn(table: "matches", name: "\(c.key)_weight", type: "REAL"),
        ]
      }
  }
}
