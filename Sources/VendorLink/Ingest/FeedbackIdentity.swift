/// The de-duplication key of a feedback (one sale): the same feedback shown by two crawls is
/// one sale. Its identity is what it says, plus its rank among identical ones on that listing
/// and day within one crawl, so one instance is used per crawl, over its records in file order.
final class FeedbackIdentity {
  /// How often each feedback (by the digest of its content) was seen in this crawl; keyed by
  /// 16 bytes rather than the text so memory stays small on crawls with millions of sales
  /// (two words inline, not an array on the heap: a third of the memory per entry).
  private var occurrences: [Digest: Int] = [:]

  struct Digest: Hashable {
    let high: UInt64
    let low: UInt64

    init(_ bytes: [UInt8]) {
      var h: UInt64 = 0
      var l: UInt64 = 0
      for i in 0..<8 { h = h << 8 | UInt64(bytes[i]) }
      for i in 8..<16 { l = l << 8 | UInt64(bytes[i]) }
      (high, low) = (h, l)
    }
  }

  func key(for f: CrawlRecord.Feedback) -> [UInt8] {
    let base = [
      f.market, f.listing ?? "", f.vendor, f.date, f.rating.map { "\($0)" } ?? "",
      f.text ?? "",
    ].joined(separator: "\u{1F}")
    // 128 bits of SHA-256: collisions are out of reach (2^-64 at ten billion sales) and the
    // unique index stays half the size of a hex key.
    let content = FileDigest.sha256Prefix16(Array(base.utf8))
    let occurrence = occurrences[Digest(content), default: 0]
    occurrences[Digest(content)] = occurrence + 1
    return occurrence == 0
      ? content : FileDigest.sha256Prefix16(content + Array("#\(occurrence)".utf8))
  }
}

/// What the decoding thread works out for a record ahead of the store (`DecodePipeline`):
/// the pure, CPU-heavy part of writing it, so the thread that writes does SQLite work only.
enum PreparedRecord: Sendable {
  case listing(NormalisedListing)
  case feedback(dedupeKey: [UInt8])
  /// The keys found in the vendor's pgp and profile texts (nil for an empty text).
  case vendor(pgp: KeyFinder.Found?, profile: KeyFinder.Found?)

  /// Prepares `record`; `identity` must see every feedback of the crawl in file order.
  static func make(
    _ record: CrawlRecord, normaliser: ListingNormaliser, identity: FeedbackIdentity
  ) -> PreparedRecord? {
    switch record {
    case .listing(let l): return .listing(normaliser.normalise(l))
    case .feedback(let f): return .feedback(dedupeKey: identity.key(for: f))
    case .vendor(let v):
      return .vendor(pgp: CrawlWriter.keys(in: v.pgp), profile: CrawlWriter.keys(in: v.profile))
    default: return nil
    }
  }
}
