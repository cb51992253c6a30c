extension Schema {
  /// Tables written by `vendorlink flag` (issue 6). Owned by Sources/VendorLink/Flags.
  static let flags = """
    CREATE TABLE IF NOT EXISTS flags (
      flag_id    INTEGER PRIMARY KEY,
      run_id     INTEGER REFERENCES runs(run_id),
      kind       TEXT NOT NULL,
      account_id INTEGER REFERENCES accounts(account_id),
      listing_id INTEGER REFERENCES listings(listing_id),
      score      REAL,
      details    TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX IF NOT EXISTS flags_kind ON flags(kind);
    """
}
