import Foundation
import Testing

@testable import VendorLink

/// The shipped model's file pinned to what it does: the SHA-256 of models/default.json and of
/// the bundled sample's matches and identities linked with it. A retrained default changes
/// both; update the three sums together, with the new figures in the commit message.
@Suite struct LinkingDefaultModelTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let modelSHA256 = "ad88669c4ba2af10cd87db46c3f8da38f8e8fafe996bf3ec8dcc561b4fbf3f6b"
  static let sampleMatchesSHA256 =
    "4c783a931ff28c590cc7d0f5d62cc18c2fc4b37bb0cba3b8b24e65021fc0fe11"
  static let sampleIdentitiesSHA256 =
    "24c5a1719012d34335bbcf67f6a02ed20116398a9bfb6733e0fc17261bd0e01c"

  @Test func defaultModelChecksumPinsTheSampleMatches() throws {
    let file = Self.root.appendingPathComponent("models/default.json").path
    let bytes = try #require(FileManager.default.contents(atPath: file))
    #expect(
      FileDigest.sha256(bytes) == Self.modelSHA256,
      "models/default.json changed: update the pinned sums with the sample's new matches")
    let dir = try TempDir()
    defer { dir.cleanup() }
    let db = try Schema.open(dir.path("sample.sqlite"))
    let sample = Self.root.appendingPathComponent("datasets/sample")
    let crawls = try FileManager.default.contentsOfDirectory(atPath: sample.path)
      .filter { $0.hasSuffix(".jsonl") }.sorted()
    #expect(crawls.count == 13)
    for crawl in crawls {
      _ = try Ingester(db: db).ingest(
        path: sample.appendingPathComponent(crawl).path, options: IngestOptions())
    }
    _ = try Linker.run(db: db, model: try LinkModel.shipped())
    for (kind, sum) in [
      (Export.Kind.matches, Self.sampleMatchesSHA256),
      (.identities, Self.sampleIdentitiesSHA256),
    ] {
      var csv = Data()
      try Export.run(db: db, kind: kind, format: .csv) { csv.append(Data($0.utf8)) }
      #expect(FileDigest.sha256(csv) == sum, "the sample's \(kind) changed")
    }
  }
}
