import Foundation

/// Imports crawl files into the store: one file is one crawl and one transaction.
///
/// - A file already imported (same SHA-256) changes nothing.
/// - `--on-error abort`: the first bad record rolls the whole crawl back and is reported as
///   file:line:field; what was stored before is untouched.
/// - `--on-error skip`: bad records go to `rejects` (with file line and field) and the rest
///   is imported.
/// - Memory is constant in the size of the file: records stream through; only the ids of
///   the accounts and listings the crawl touches are cached.
public final class Ingester {
  public let db: Database
  /// Called now and then with (bytes read, total bytes) for a progress line.
  public var progress: ((Int, Int) -> Void)?
  /// How many defects are kept in the summary for the terminal.
  static let firstErrorsShown = 20

  public init(db: Database) { self.db = db }

  public func ingest(path: String, options: IngestOptions, runID: Int64? = nil) throws
    -> IngestSummary
  {
    let start = Date()
    let sha = try FileDigest.sha256(path: path)
    var summary = IngestSummary(path: path, sha256: sha, status: .imported)
    let earlier = try db.scalarInt("SELECT crawl_id FROM crawls WHERE sha256 = ?", [.text(sha)])
    if let id = earlier, !options.replace {
      summary.status = .alreadyImported
      summary.crawlID = id
      return summary
    }
    let total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    // SQLite evaluates listing_places' CHECK (role IN ('from', 'to', 'exclude')) by building
    // a temporary b-tree of the three words for every row: 14% of ingest time in a profile.
    // The only CHECK the ingest's tables have is that one, and the roles it writes are those
    // three literals of CrawlWriter, never input, so it cannot fail here. The setting acts
    // when statements are compiled and changing it recompiles them all, so it is on for the
    // crawl only and every other writer keeps the check.
    try db.execute("PRAGMA ignore_check_constraints = ON")
    defer { try? db.execute("PRAGMA ignore_check_constraints = OFF") }
    try db.transaction {
      if let id = earlier {
        summary.replaced = try CrawlEraser(db: db).erase(id, replacedBy: path)
      }
      try db.run(
        """
        INSERT INTO crawls(sha256, path, format, market, run_id, ingested_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        [
          .text(sha), .text(path), .text(options.format.rawValue), SQLValue(options.market),
          SQLValue(runID), .text(ISO8601DateFormatter().string(from: Date())),
        ])
      let crawlID = db.lastInsertRowID
      summary.crawlID = crawlID
      let writer = try CrawlWriter(db: db, crawlID: crawlID)
      let recordSavepoint = try db.repeatedSavepoint("record")

      func reject(_ line: Int, _ field: String?, _ message: String, raw: String?) throws {
        let error = InputError(file: path, line: line, field: field, message: message)
        if options.onError == .abort {
          throw InputRejected("\(path): crawl rolled back, nothing stored", errors: [error])
        }
        summary.rejected += 1
        if summary.firstErrors.count < Ingester.firstErrorsShown {
          summary.firstErrors.append(error)
        }
        try db.run(
          "INSERT INTO rejects(crawl_id, line, field, message, record) VALUES (?,?,?,?,?)",
          [
            .integer(crawlID), .integer(Int64(line)), SQLValue(field), .text(message),
            SQLValue(raw),
          ])
      }

      var ages = RateAges()
      func store(
        _ records: [CrawlRecord], prepared: PreparedRecord? = nil, line: Int,
        raw: @autoclosure () -> String?
      ) throws {
        do {
          try recordSavepoint.run {
            for r in records { try writer.write(r, line: line, prepared: prepared) }
          }
          writer.recordStored()
          summary.records += records.count
          for r in records {
            if case .feedback = r { summary.feedback += 1 }
            ages.note(r)
          }
        } catch let e as DatabaseError {
          writer.recordRolledBack()
          // A record the store refuses (a constraint) is a bad record, not a failed run.
          guard e.isConstraintViolation else { throw e }
          try reject(line, nil, "refused by the store: \(e.message)", raw: raw())
        }
      }

      var lastReport = 0
      func tick(_ bytes: Int) {
        if let progress, bytes - lastReport >= 8 << 20 {
          lastReport = bytes
          progress(bytes, total)
        }
      }

      switch options.format {
      case .jsonl:
        let pipeline = DecodePipeline(path: path)
        defer { pipeline.stop() }
        let batchSavepoint = try db.repeatedSavepoint("batch")
        /// Stores a batch's lines; `oneByOne` puts each record in its own savepoint.
        func process(_ batch: DecodePipeline.Batch, oneByOne: Bool) throws {
          for line in batch.lines {
            switch line {
            case .rejected(let number, let field, let message, let raw):
              try reject(number, field, message, raw: raw)
            case .record(let record, let prepared, let number, let range):
              if oneByOne {
                try store([record], prepared: prepared, line: number, raw: batch.raw(range))
              } else {
                try writer.write(record, line: number, prepared: prepared)
                writer.recordStored()
                summary.records += 1
                if case .feedback = record { summary.feedback += 1 }
                ages.note(record)
              }
            }
          }
        }
        // A savepoint per batch, not per record: a per-record savepoint copied every page a
        // record touched (5-10% of ingest time in profiles). The store refuses a record (a
        // constraint) only in theory; if it does, the batch is undone and written again one
        // record at a time, each in its own savepoint, so exactly that record is rejected.
        while let batch = try pipeline.next() {
          tick(batch.bytesRead)
          let before = summary
          let mark = writer.beginBatch()
          do {
            try batchSavepoint.run { try process(batch, oneByOne: false) }
            writer.endBatch()
          } catch let e as DatabaseError where e.isConstraintViolation {
            summary = before
            writer.rollBack(to: mark)
            try process(batch, oneByOne: true)
          }
        }
        summary.bytes = pipeline.bytesRead
      case .csv:
        summary.bytes = try readCSV(
          path: path, options: options, writer: writer,
          reject: { try reject($0, $1, $2, raw: $3) },
          store: { records, line, raw in try store(records, line: line, raw: raw) },
          tick: tick)
      }

      try writer.finish()
      (summary.vendors, summary.listings) = writer.touched
      var outcome = try PricePass(db: db, crawlID: crawlID).run(
        listingNotes: writer.listingPriceNotes)
      // Rates the crawl lacked: the bundled ECB ones for those currencies, then the crawl's
      // prices converted again.
      if !outcome.missing.isEmpty {
        summary.ratesAdded = try BundledRateLoader(db: db).fill(
          BundledRateLoader.currencies(in: outcome))
        if !summary.ratesAdded.isEmpty {
          outcome = try PricePass(db: db, crawlID: crawlID).run(listingNotes: nil)
        }
      }
      var warnings = writer.warnings
      warnings += ages.warnings(try PricePass.loadRates(db))
      for (key, m) in outcome.missing.sorted(by: { $0.key < $1.key }) {
        warnings.append(
          (
            0, "price",
            "no \(key) rate on or before \(m.example.date) for \(m.count) prices: left empty"
          ))
      }
      for w in warnings {
        try db.run(
          "INSERT INTO warnings(crawl_id, line, field, message) VALUES (?,?,?,?)",
          [.integer(crawlID), .integer(Int64(w.line)), SQLValue(w.field), .text(w.message)])
      }
      summary.warnings = warnings.count
      summary.warningGroups = WarningGroup.group(warnings, path: path)
      if summary.records == 0 && summary.rejected > 0 {
        throw InputRejected(
          "\(path): no record could be imported; crawl rolled back", errors: summary.firstErrors)
      }
      try db.run(
        "UPDATE crawls SET records = ?, rejected = ? WHERE crawl_id = ?",
        [.integer(Int64(summary.records)), .integer(Int64(summary.rejected)), .integer(crawlID)])
    }
    summary.seconds = Date().timeIntervalSince(start)
    return summary
  }

  /// Reads a CSV crawl row by row: decoded records go to `store`, bad rows to `reject`
  /// (line, field, message, raw row), row warnings to the writer. Returns the bytes read.
  private func readCSV(
    path: String, options: IngestOptions, writer: CrawlWriter,
    reject: (Int, String?, String, String?) throws -> Void,
    store: ([CrawlRecord], Int, String?) throws -> Void,
    tick: (Int) -> Void
  ) throws -> Int {
    guard let mapping = options.mapping else {
      throw RuntimeFailure("CSV input needs a column mapping (--map or --preset)")
    }
    let reader = try CSVReader(path: path, encoding: options.encoding)
    func makeDecoder(_ header: [String], line: Int) throws -> CSVRowDecoder {
      do {
        return try CSVRowDecoder(
          mapping: mapping, header: header, market: options.market,
          currency: options.currency, observed: options.observed,
          marketByVendor: options.marketByVendor, rowKind: options.rowKind)
      } catch {
        throw InputRejected(
          "\(path): the header does not fit the mapping",
          errors: [InputError(file: path, line: line, field: error.field, message: error.message)])
      }
    }
    var decoder = try options.header.map { try makeDecoder($0, line: 0) }
    var rowWarnings: [(field: String, message: String)] = []
    try reader.forEachRecord { result in
      tick(reader.bytesRead)
      switch result {
      case .failure(.unterminatedQuote(let line)):
        try reject(line, nil, "a quoted field is never closed", nil)
      case .failure(.recordTooLong(let line)):
        try reject(line, nil, "record longer than the limit", nil)
      case .success(let record):
        guard let d = decoder else {
          decoder = try makeDecoder(record.fields, line: record.line)
          return
        }
        let fields = options.rowFix.map { $0(record.fields, d.header) } ?? record.fields
        do {
          rowWarnings.removeAll(keepingCapacity: true)
          let records = try d.decode(fields, warnings: &rowWarnings)
          try store(records, record.line, record.fields.joined(separator: ","))
          for w in rowWarnings { writer.warnings.append((record.line, w.field, w.message)) }
        } catch let e as FieldError {
          try reject(record.line, e.field, e.message, record.fields.joined(separator: ","))
        }
      }
    }
    return reader.bytesRead
  }

  /// Loads a rates CSV (`--rates`) into the `rates` table, returning how many rows.
  public func loadRates(path: String, currency: String = "BTC") throws -> Int {
    let rows = try RateTable.loadCSV(path: path, currency: currency)
    try db.transaction {
      for r in rows {
        try db.run(
          """
          INSERT INTO rates(date, currency, usd, eur, source) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT(date, currency) DO UPDATE SET usd = coalesce(excluded.usd, usd),
            eur = coalesce(excluded.eur, eur), source = excluded.source
          """,
          [.text(r.date), .text(r.currency), SQLValue(r.usd), SQLValue(r.eur), .text(path)])
      }
    }
    return rows.count
  }
}
