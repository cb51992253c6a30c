import Foundation
import Testing

@testable import VendorLink

/// The shipped model's file pinned to what it does: the SHA-256 of models/default.json and of
/// the bundled sample's matches and identities linked with it. A retrained default changes
/// both; update the three sums together, with the new figures in the commit message.
@Suite struct LinkingDefaultModelTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let modelSHA256 = "5a5116cd53949d7300ac11ed7db23eec1059ce60ade0f3cc67f5938213d91fe8"
  static let sampleMatchesSHA256 =
    "45f0a0c6495244aedd805d1276f1a481209439936314b8d07647f2ca24748b49"
  static let sampleIdentitiesSHA256 =
    "d8115da5c01a9e51a505e9cc6e110eae9bddfac569c29cfffcb433e5cfcc55fb"

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
