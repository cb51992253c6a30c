extension Schema {
  /// Tables written by linking (issue 5). Owned by Sources/VendorLink/Linking.
  static let linking = """
    CREATE TABLE IF NOT EXISTS matches (
      run_id         INTEGER NOT NULL REFERENCES runs(run_id),
      account_a      INTEGER NOT NULL REFERENCES accounts(account_id),
      account_b      INTEGER NOT NULL REFERENCES accounts(account_id),
      match_weight   REAL NOT NULL,
      probability    REAL NOT NULL,
      decision       TEXT NOT NULL CHECK (decision IN ('match', 'non-match')),
      comparisons    TEXT NOT NULL DEFAULT '{}',
      PRIMARY KEY (account_a, account_b)
    );
    CREATE TABLE IF NOT EXISTS identities (
      identity_id INTEGER NOT NULL,
      account_id  INTEGER NOT NULL UNIQUE REFERENCES accounts(account_id),
      run_id      INTEGER REFERENCES runs(run_id)
    );
    """
}
