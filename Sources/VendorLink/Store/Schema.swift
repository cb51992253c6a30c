/// The SQLite schema, in parts owned by the module that writes them. Every statement is
/// idempotent (`IF NOT EXISTS`), so opening a database applies what is missing and nothing
/// else. Documented table by table in docs/SCHEMA.md; keep the two in step.
public enum Schema {
  /// Bumped when a table changes shape; stored in `PRAGMA user_version`.
  /// 2: `matches` gained the `text_rank` comparison's columns (added in place on open).
  /// 3: and those of `sentences` and `pitches`.
  /// 4: `matches` gained the `contested` decision, `contest_reasons` and the `habits`
  /// comparison (an older `matches` is dropped and rewritten by the next link run).
  public static let version = 4

  /// Opens `path` and applies the schema (`parts`: every module's tables and views, listed
  /// in Sources/VendorLink/SchemaParts.swift).
  public static func open(_ path: String, readOnly: Bool = false) throws -> Database {
    let db = try Database(path: path, readOnly: readOnly)
    if !readOnly {
      try db.transaction {
        try dropOutdatedMatches(db)
        for part in parts { try db.execute(part) }
        try addMissingColumns(db, addedColumns)
        try db.execute("PRAGMA user_version = \(version)")
      }
    }
    return db
  }

  /// A column a table gained after databases were made without it, declared by the module
  /// that owns the table (the list: `addedColumns`, in SchemaParts.swift).
  struct AddedColumn {
    let table: String
    let name: String
    let type: String
  }

  /// Adds the columns a database made by an earlier version lacks; `ALTER TABLE … ADD COLUMN`
  /// keeps every row, and new columns start NULL.
  static func addMissingColumns(_ db: Database, _ columns: [AddedColumn]) throws {
    var have: [String: Set<String>] = [:]
    for table in Set(columns.map(\.table)) {
      try db.forEach("PRAGMA table_info(\(table))") { s in
        if let name = s.string(1) { have[table, default: []].insert(name) }
      }
    }
    for c in columns where !(have[c.table]?.contains(c.name) ?? false) {
      try db.execute("ALTER TABLE \(c.table) ADD COLUMN \(c.name) \(c.type)")
      have[c.table, default: []].insert(c.name)
    }
  }

  static let core = """
    CREATE TABLE IF NOT EXISTS runs (
      run_id        INTEGER PRIMARY KEY,
      command       TEXT NOT NULL,
      parameters    TEXT NOT NULL DEFAULT '{}',
      model_version TEXT,
      tool_version  TEXT NOT NULL,
      started_at    TEXT NOT NULL,
      finished_at   TEXT,
      status        TEXT NOT NULL DEFAULT 'running'
    );
    CREATE TABLE IF NOT EXISTS markets (
      market  TEXT PRIMARY KEY,
      name    TEXT,
      closed  TEXT,
      closure TEXT
    );
    CREATE TABLE IF NOT EXISTS rates (
      date     TEXT NOT NULL,
      currency TEXT NOT NULL,
      usd      REAL,
      eur      REAL,
      source   TEXT,
      PRIMARY KEY (date, currency)
    ) WITHOUT ROWID;
    """

  static let ingest = """
    CREATE TABLE IF NOT EXISTS crawls (
      crawl_id    INTEGER PRIMARY KEY,
      sha256      TEXT NOT NULL UNIQUE,
      path        TEXT NOT NULL,
      format      TEXT NOT NULL,
      market      TEXT,
      records     INTEGER NOT NULL DEFAULT 0,
      rejected    INTEGER NOT NULL DEFAULT 0,
      run_id      INTEGER REFERENCES runs(run_id),
      ingested_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS accounts (
      account_id INTEGER PRIMARY KEY,
      market     TEXT NOT NULL REFERENCES markets(market),
      vendor     TEXT NOT NULL,
      first_seen TEXT,
      last_seen  TEXT,
      UNIQUE (market, vendor)
    );
    CREATE TABLE IF NOT EXISTS vendor_observations (
      account_id INTEGER NOT NULL REFERENCES accounts(account_id),
      observed   TEXT NOT NULL,
      crawl_id   INTEGER NOT NULL REFERENCES crawls(crawl_id),
      line       INTEGER NOT NULL,
      profile    TEXT,
      pgp        TEXT,
      since      TEXT,
      sales      INTEGER,
      rating     REAL,
      extra      TEXT,
      PRIMARY KEY (account_id, observed)
    );
    CREATE TABLE IF NOT EXISTS pgp_keys (
      fingerprint         TEXT PRIMARY KEY,
      key_id              TEXT NOT NULL,
      version             INTEGER,
      algorithm           TEXT,
      bits                INTEGER,
      curve               TEXT,
      created             TEXT,
      user_id             TEXT,
      primary_fingerprint TEXT
    );
    CREATE TABLE IF NOT EXISTS account_keys (
      account_id  INTEGER NOT NULL REFERENCES accounts(account_id),
      fingerprint TEXT NOT NULL,
      source      TEXT NOT NULL,
      first_seen  TEXT NOT NULL,
      last_seen   TEXT NOT NULL,
      PRIMARY KEY (account_id, fingerprint)
    );
    CREATE INDEX IF NOT EXISTS account_keys_fpr ON account_keys(fingerprint);
    CREATE INDEX IF NOT EXISTS account_keys_key_id ON account_keys(substr(fingerprint, -16));
    CREATE TABLE IF NOT EXISTS listings (
      listing_id INTEGER PRIMARY KEY,
      market     TEXT NOT NULL,
      listing    TEXT NOT NULL,
      account_id INTEGER NOT NULL REFERENCES accounts(account_id),
      first_seen TEXT,
      last_seen  TEXT,
      UNIQUE (market, listing)
    );
    CREATE INDEX IF NOT EXISTS listings_account ON listings(account_id);
    CREATE TABLE IF NOT EXISTS listing_observations (
      listing_id      INTEGER NOT NULL REFERENCES listings(listing_id),
      observed        TEXT NOT NULL,
      crawl_id        INTEGER NOT NULL REFERENCES crawls(crawl_id),
      line            INTEGER NOT NULL,
      title           TEXT,
      description     TEXT,
      category        TEXT,
      price_amount    REAL,
      price_currency  TEXT,
      price_usd       REAL,
      price_eur       REAL,
      quantity        REAL,
      unit            TEXT,
      count           INTEGER,
      unit_price_eur  REAL,
      ships_from_raw  TEXT,
      ships_from      TEXT,
      ships_to        TEXT,
      excludes        TEXT,
      extra           TEXT,
      PRIMARY KEY (listing_id, observed)
    );
    CREATE TABLE IF NOT EXISTS listing_places (
      listing_id INTEGER NOT NULL,
      observed   TEXT NOT NULL,
      role       TEXT NOT NULL CHECK (role IN ('from', 'to', 'exclude')),
      place      TEXT NOT NULL,
      PRIMARY KEY (listing_id, observed, role, place)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS listing_places_place ON listing_places(role, place);
    CREATE TABLE IF NOT EXISTS feedback (
      feedback_id INTEGER PRIMARY KEY,
      listing_id  INTEGER REFERENCES listings(listing_id),
      account_id  INTEGER NOT NULL REFERENCES accounts(account_id),
      observed    TEXT NOT NULL,
      date        TEXT NOT NULL,
      rating      REAL,
      text        TEXT,
      dedupe_key  BLOB NOT NULL UNIQUE,
      price_usd   REAL,
      price_eur   REAL,
      crawl_id    INTEGER NOT NULL REFERENCES crawls(crawl_id),
      line        INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS feedback_listing ON feedback(listing_id);
    CREATE TABLE IF NOT EXISTS rejects (
      crawl_id INTEGER NOT NULL REFERENCES crawls(crawl_id),
      line     INTEGER NOT NULL,
      field    TEXT,
      message  TEXT NOT NULL,
      record   TEXT
    );
    CREATE TABLE IF NOT EXISTS warnings (
      crawl_id INTEGER NOT NULL REFERENCES crawls(crawl_id),
      line     INTEGER NOT NULL,
      field    TEXT,
      message  TEXT NOT NULL
    );
    """
}
