import ArgumentParser
import Foundation
import VendorLink

struct IngestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Import crawl files (JSON Lines, or CSV with a column mapping) into the database.",
    discussion: """
      Each file is one crawl and one transaction. A file imported before (same
      SHA-256) changes nothing, unless --replace. Bad records are named by
      file:line:field; with --on-error skip they are kept in the `rejects` table and
      the rest is imported, with --on-error abort the whole crawl is rolled back.
      A folder is read in crawl-day order (the date in a file's or folder's name).
      A CSV without --map or --preset uses the columns its header names.

      Examples (every line fits 80 columns; none is wrapped):
        vendorlink ingest crawl-2019-01-15.jsonl --db study.sqlite
        vendorlink ingest ../shared/data/real/hansa-2016-12 --preset hansa \\
          --db real.sqlite
        vendorlink ingest agora.csv --market agora --currency BTC \\
          --map observed=date,vendor=vendor,title=product,price=price \\
          --rates btc-usd-daily-coindesk.csv --db study.sqlite
        vendorlink ingest products.csv --market torrez --observed 2021-03-05 \\
          --db study.sqlite
        vendorlink ingest wh.csv --preset whitehouse --replace --db wh.sqlite
      """)

  @Argument(help: "Crawl files or folders to import, in order (a folder: its crawls by date).")
  var files: [String]

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var input: InputOptions

  func validate() throws { try input.validate() }

  func run() throws {
    let plans = try input.plans(for: files)
    let existed = FileManager.default.fileExists(atPath: database.db)
    do {
      try ingest(plans)
    } catch {
      if !existed { NewDatabase.removeIfEmpty(database.db) }
      throw error
    }
  }

  private func ingest(_ plans: [IngestPlan]) throws {
    let db = try Schema.open(database.db)
    let ingester = Ingester(db: db)
    try input.loadRates(into: ingester)
    for plan in plans {
      if let note = plan.dateNote { print("\(plan.path): \(note)") }
      let summary = try ProgressLine.around(label: plan.path) { progress in
        ingester.progress = progress
        return try ingester.ingest(path: plan.path, options: plan.options)
      }
      try IngestReport.show(summary, db: db, warnings: input.warnings)
    }
    try IngestTotals.print(db: db)
  }
}

/// What one file's ingest prints: its counts, the rates it added, its first rejects and its
/// warnings grouped by kind (or every warning with `--warnings all`).
enum IngestReport {
  /// Rejects shown per file; the rest are counted and left in table `rejects`.
  static let rejectsShown = 5

  static func show(_ summary: IngestSummary, db: Database, warnings: WarningsMode) throws {
    if let removed = summary.replaced {
      let rows = removed.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      print(
        "\(summary.path): replacing the earlier import (removed: \(rows.joined(separator: ", ")))")
    }
    print(summary)
    if !summary.ratesAdded.isEmpty {
      let parts = summary.ratesAdded.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      print(
        "  rates: bundled ECB reference rates added for \(parts.joined(separator: ", ")) days"
          + " (a --rates file replaces them for its days)")
    }
    let err = FileHandle.standardError
    for e in summary.firstErrors.prefix(rejectsShown) { err.write(Data("  \(e)\n".utf8)) }
    let shown = min(rejectsShown, summary.firstErrors.count)
    if summary.rejected > shown {
      err.write(Data("  … \(summary.rejected - shown) more rejects in table rejects\n".utf8))
    }
    switch warnings {
    case .none: return
    case .summary:
      for g in summary.warningGroups {
        err.write(Data("  warning ×\(g.count): \(g.field.map { "\($0): " } ?? "")\(g.kind)\n".utf8))
        for e in g.examples { err.write(Data("      \(e)\n".utf8)) }
      }
      if summary.warnings > 0 {
        err.write(Data("  (every warning: --warnings all, or table warnings)\n".utf8))
      }
    case .all:
      guard let id = summary.crawlID, summary.status == .imported else { return }
      try db.forEach(
        "SELECT line, field, message FROM warnings WHERE crawl_id = ? ORDER BY rowid",
        [.integer(id)]
      ) { s in
        let field = s.string(1).map { ": field '\($0)'" } ?? ""
        err.write(Data("  \(summary.path):\(s.int(0) ?? 0)\(field): \(s.string(2) ?? "")\n".utf8))
      }
    }
  }
}

/// How an ingest shows its warnings.
enum WarningsMode: String, ExpressibleByArgument, CaseIterable {
  case summary, all, none
}

/// A database file this command created and filled with nothing: removed when the command
/// fails, so a failed first ingest leaves no empty database behind.
enum NewDatabase {
  static func removeIfEmpty(_ path: String) {
    if let db = try? Database(path: path),
      let n = try? db.scalarInt("SELECT COUNT(*) FROM crawls"), n > 0
    {
      return
    }
    for suffix in ["", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: path + suffix)
    }
  }
}

/// Per-market totals in the database after a multi-file ingest.
enum IngestTotals {
  static func print(db: Database) throws {
    let rows = try db.query(
      """
      SELECT a.market, COUNT(DISTINCT a.account_id),
        (SELECT COUNT(*) FROM listings l WHERE l.market = a.market),
        (SELECT COUNT(*) FROM listing_observations o JOIN listings l USING (listing_id)
          WHERE l.market = a.market),
        (SELECT COUNT(DISTINCT observed) FROM vendor_observations o
          JOIN accounts b USING (account_id) WHERE b.market = a.market)
      FROM accounts a GROUP BY a.market ORDER BY a.market
      """)
    for r in rows {
      Swift.print(
        "market \(r[0].stringValue ?? "?"): \(r[1].intValue ?? 0) vendors, "
          + "\(r[2].intValue ?? 0) listings (\(r[3].intValue ?? 0) observations), "
          + "\(r[4].intValue ?? 0) crawl days")
    }
  }
}

/// Input options shared by `ingest` and `run`.
struct InputOptions: ParsableArguments {
  @Option(help: "Input format (default: csv for .csv files, jsonl otherwise).")
  var format: IngestOptions.Format?

  @Option(
    help: ArgumentHelp(
      "CSV column mapping: FIELD=Column,... (fields: \(CSVMapping.fields.sorted().joined(separator: ", "))).",
      valueName: "FIELD=Column,..."))
  var map: String?

  @Option(
    help:
      "A named CSV mapping for the bundled real scrapes: \(CSVMapping.presets.keys.sorted().joined(separator: ", "))."
  )
  var preset: String?

  @Option(help: "Market of CSV rows without a market column.")
  var market: String?

  @Option(help: "Currency of CSV prices without a currency column (BTC, USD, EUR, AUD, ...).")
  var currency: String?

  @Option(help: "A rates CSV (date and BTC close in USD, or date,currency,usd,eur) to load first.")
  var rates: String?

  @Option(
    help: ArgumentHelp(
      "The crawl day of files without a date column (default: a date in the file's or a folder's name).",
      valueName: "YYYY-MM-DD"))
  var observed: String?

  @ArgumentParser.Flag(
    help: """
      Import a file imported before (same SHA-256) again, replacing what that import stored \
      (records, rejects, warnings) in one transaction; its history stays in table runs.
      """)
  var replace = false

  @Option(
    help: "Warnings on the terminal: summary (by kind, three examples each), all, or none.")
  var warnings: WarningsMode = .summary

  @Option(
    name: .customLong("on-error"),
    help: "skip: keep bad records in `rejects` and go on; abort: roll the crawl back.")
  var onError: IngestOptions.OnError = .skip

  func validate() throws {
    if let preset, ImportPreset.all[preset] == nil {
      throw ValidationError(
        "unknown preset '\(preset)' (one of \(ImportPreset.all.keys.sorted().joined(separator: ", ")))"
      )
    }
    if let observed, DateNormalizer.day(observed, relativeTo: nil) == nil {
      throw ValidationError("--observed: '\(observed)' is not a date (YYYY-MM-DD)")
    }
    if let map {
      do { _ = try CSVMapping(parsing: map) } catch {
        throw ValidationError("--map: \(error.message)")
      }
    }
  }

  /// Options for one file; nil when the preset does not read it.
  func options(for file: String) throws -> IngestOptions? {
    let p = preset.flatMap { ImportPreset.all[$0] }
    var o: IngestOptions
    if let p {
      guard let fromPreset = p.options(for: file) else { return nil }
      o = fromPreset
    } else {
      o = IngestOptions()
    }
    if let map { o.mapping = try CSVMapping(parsing: map) }
    o.format = format ?? (file.lowercased().hasSuffix(".csv") || o.mapping != nil ? .csv : .jsonl)
    o.onError = onError
    o.replace = replace
    if let market { o.market = market }
    if let currency { o.currency = currency }
    return o
  }

  /// What to import, in order: every file named, and each folder's crawls (those its preset
  /// reads, or its .csv/.jsonl files) by crawl day. Every CSV's crawl day is settled before
  /// anything is imported, so a file without one stops the command with the fix (exit 2).
  func plans(for paths: [String]) throws -> [IngestPlan] {
    var out: [IngestPlan] = []
    for path in paths {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
        throw RuntimeFailure("cannot open \(path): no such file or folder")
      }
      let files = isDir.boolValue ? try folderFiles(path) : [path]
      if isDir.boolValue && files.isEmpty {
        throw ValidationError(
          "\(path): no crawl files in the folder"
            + (preset == nil ? " (.csv or .jsonl; a folder of another shape needs --preset)" : ""))
      }
      for file in files {
        guard var o = try options(for: file) else { continue }
        if isEmpty(file) {
          print("\(file): empty file, skipped")
          continue
        }
        let columns = try settleMapping(file, &o)
        if o.format == .csv, let m = o.mapping, m.columns["market"] == nil, o.market == nil,
          o.marketByVendor == nil
        {
          throw ValidationError(
            "\(file): the file has no market column; pass --market NAME (or a --preset)")
        }
        let note = try settleDay(file, &o)
        let notes = [columns, note].compactMap { $0 }
        out.append(
          IngestPlan(
            path: file, options: o, dateNote: notes.isEmpty ? nil : notes.joined(separator: "; ")))
      }
    }
    return out
  }

  /// A folder's crawl files in crawl-day order (undated ones first, by name).
  private func folderFiles(_ dir: String) throws -> [String] {
    let p = preset.flatMap { ImportPreset.all[$0] }
    guard let walker = FileManager.default.enumerator(atPath: dir) else { return [] }
    var found: [(day: String, rule: Int, path: String)] = []
    while let rel = walker.nextObject() as? String {
      let path = (dir as NSString).appendingPathComponent(rel)
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
        !(rel as NSString).lastPathComponent.hasPrefix(".")
      else { continue }
      let rule: Int
      if let p {
        guard let r = p.ruleIndex(for: path) else { continue }
        rule = r
      } else {
        let ext = (path as NSString).pathExtension.lowercased()
        guard ext == "csv" || ext == "jsonl" else { continue }
        rule = 0
      }
      found.append((CrawlDay.inPath(rel)?.day ?? "", rule, path))
    }
    return found.sorted { ($0.day, $0.rule, $0.path) < ($1.day, $1.rule, $1.path) }.map(\.path)
  }

  private func isEmpty(_ file: String) -> Bool {
    ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 1) == 0
  }

  /// A CSV without `--map` or a preset's mapping: the mapping its header names (or, for a
  /// preset's headerless files, their column names); none is a usage error naming the fix.
  private func settleMapping(_ file: String, _ o: inout IngestOptions) throws -> String? {
    guard o.format == .csv, o.mapping == nil else { return nil }
    guard
      let found = try HeaderDetection.sniff(
        path: file, encoding: o.encoding, headerless: o.headerless)
    else {
      throw ValidationError(
        "\(file): no column mapping, and the first row names no vendor column; pass "
          + "--map vendor=Column,title=Column,price=Column,... or --preset (one of "
          + "\(ImportPreset.all.keys.sorted().joined(separator: ", ")))")
    }
    o.mapping = found.mapping
    o.header = found.header ?? o.header
    guard preset == nil else { return nil }
    let fields = found.mapping.columns.sorted { $0.key < $1.key }
      .map { "\($0.key)=\($0.value.joined(separator: "+"))" }
    return "columns from the header: " + fields.joined(separator: ",")
  }

  /// Sets the crawl day of a CSV without a date column; returns what to say about it.
  private func settleDay(_ file: String, _ o: inout IngestOptions) throws -> String? {
    guard o.format == .csv, let mapping = o.mapping else { return nil }
    if let observed {
      o.observed = DateNormalizer.day(observed, relativeTo: nil)
      return mapping.columns["observed"] == nil
        ? "crawl date \(o.observed ?? observed) from --observed" : nil
    }
    guard mapping.columns["observed"] == nil else { return nil }
    if let found = CrawlDay.inPath(file) {
      o.observed = found.day
      return "crawl date \(found.day) from \(found.source)"
    }
    if let d = preset.flatMap({ ImportPreset.all[$0] })?.crawlDay {
      o.observed = d.day
      return "crawl date \(d.day) from \(d.source)"
    }
    throw ValidationError(
      "\(file): the file has no date column and its name holds no date; "
        + "pass --observed YYYY-MM-DD (the day it was crawled)")
  }

  func loadRates(into ingester: Ingester) throws {
    guard let rates else { return }
    let n = try ingester.loadRates(path: rates)
    print("\(rates): \(n) rates loaded")
  }
}

extension IngestOptions.Format: ExpressibleByArgument {}
extension IngestOptions.OnError: ExpressibleByArgument {}

/// One file to import and how.
struct IngestPlan {
  var path: String
  var options: IngestOptions
  /// Where its crawl day came from, said on the terminal.
  var dateNote: String?
}
