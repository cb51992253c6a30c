import Foundation

/// Reads, parses and decodes a JSONL crawl on a second thread while the caller stores the
/// records: on two cores the decoding (JSON, field checks, place and quantity reading, key
/// blocks, feedback digests: a third of ingest time) overlaps with SQLite's work.
///
/// Lines come back in file order, in batches, with everything the single-threaded reading
/// gave: records with their line numbers, rejected lines with their file:line:field defect
/// and text. At most `capacity` batches wait, so memory stays bounded whatever the file size.
/// `stop()` ends the reading thread early (a crawl aborted on its first bad record).
final class DecodePipeline {
  /// One line's outcome.
  enum Line: Sendable {
    /// A record; `raw` is where its text sits in the batch's `bytes` (kept for a record the
    /// store refuses, which is rejected with its text).
    case record(CrawlRecord, PreparedRecord?, line: Int, raw: Range<Int>)
    case rejected(line: Int, field: String?, message: String, raw: String?)
  }

  struct Batch: Sendable {
    var lines: [Line] = []
    var bytes: [UInt8] = []
    /// Bytes of the file read when the batch was handed over (for progress).
    var bytesRead = 0

    /// The text of a record's line as it is kept in `rejects` (the first 64 KiB).
    func raw(_ range: Range<Int>) -> String {
      String(decoding: bytes[range].prefix(65_536), as: UTF8.self)
    }
  }

  /// Four batches of about 256 KB: enough slack for the two threads' uneven pace.
  static let capacity = 4
  static let batchBytes = 256 << 10
  static let batchLines = 1024

  private let channel = Channel()
  private(set) var bytesRead = 0

  init(path: String) {
    let channel = self.channel
    let thread = Thread {
      DecodePipeline.produce(path: path, into: channel)
      channel.producerExited()
    }
    // The decoder's recursion is bounded (JSONParser.maxDepth) but the default secondary
    // thread stack is small; 8 MiB is the main thread's.
    thread.stackSize = 8 << 20
    thread.start()
  }

  deinit { stop() }

  /// The next batch in file order; nil at the end of the file. Throws what reading threw
  /// (after the batches read before it).
  func next() throws -> Batch? {
    let batch = try channel.take()
    if let batch { bytesRead = batch.bytesRead }
    return batch
  }

  /// Ends the reading thread and waits for it (its file is closed when this returns).
  func stop() { channel.cancelAndWait() }

  private struct Cancelled: Error {}

  private static func produce(path: String, into channel: Channel) {
    do {
      let reader = try LineReader(path: path)
      let normaliser = ListingNormaliser()
      let identity = FeedbackIdentity()
      var batch = Batch()
      batch.bytes.reserveCapacity(batchBytes + 4096)
      try reader.forEachLine { number, line in
        switch line {
        case .tooLong(let bytes):
          batch.lines.append(
            .rejected(
              line: number, field: nil, message: "line of \(bytes) bytes is longer than the limit",
              raw: nil))
        case .text(let bytes):
          if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
          batch.lines.append(
            decode(bytes, line: number, normaliser: normaliser, identity: identity, into: &batch))
        }
        if batch.lines.count >= batchLines || batch.bytes.count >= batchBytes {
          batch.bytesRead = reader.bytesRead
          guard channel.put(batch) else { throw Cancelled() }
          batch = Batch()
          batch.bytes.reserveCapacity(batchBytes + 4096)
        }
      }
      batch.bytesRead = reader.bytesRead
      if channel.put(batch) { channel.finish(nil) }
    } catch is Cancelled {
      return
    } catch {
      channel.finish(error)
    }
  }

  /// One line, decoded as the single-threaded ingest did.
  private static func decode(
    _ bytes: UnsafeBufferPointer<UInt8>, line: Int, normaliser: ListingNormaliser,
    identity: FeedbackIdentity, into batch: inout Batch
  ) -> Line {
    let raw = { String(decoding: bytes.prefix(65_536), as: UTF8.self) }
    let record: CrawlRecord
    do {
      record = try RecordDecoder.decode(try JSONParser.parse(bytes))
    } catch let e as JSONSyntaxError {
      return .rejected(line: line, field: nil, message: e.description, raw: raw())
    } catch let e as FieldError {
      return .rejected(line: line, field: e.field, message: e.message, raw: raw())
    } catch {
      return .rejected(line: line, field: nil, message: "\(error)", raw: raw())
    }
    let start = batch.bytes.count
    batch.bytes.append(contentsOf: bytes)
    let prepared = PreparedRecord.make(record, normaliser: normaliser, identity: identity)
    return .record(record, prepared, line: line, raw: start..<batch.bytes.count)
  }

  /// The hand-over between the two threads: a bounded FIFO of batches under one lock.
  private final class Channel: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [Batch] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private var exited = false

    /// Waits for room; false when the consumer has stopped.
    func put(_ batch: Batch) -> Bool {
      condition.lock()
      defer { condition.unlock() }
      while batches.count >= DecodePipeline.capacity && !cancelled { condition.wait() }
      if cancelled { return false }
      batches.append(batch)
      condition.broadcast()
      return true
    }

    func finish(_ error: (any Error)?) {
      condition.lock()
      finished = true
      failure = error
      condition.broadcast()
      condition.unlock()
    }

    func take() throws -> Batch? {
      condition.lock()
      defer { condition.unlock() }
      while batches.isEmpty && !finished && !exited { condition.wait() }
      if !batches.isEmpty {
        condition.broadcast()
        return batches.removeFirst()
      }
      if let failure { throw failure }
      return nil
    }

    func producerExited() {
      condition.lock()
      exited = true
      condition.broadcast()
      condition.unlock()
    }

    func cancelAndWait() {
      condition.lock()
      cancelled = true
      condition.broadcast()
      while !exited { condition.wait() }
      batches.removeAll()
      condition.unlock()
    }
  }
}
