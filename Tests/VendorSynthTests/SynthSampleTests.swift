import Foundation
import Testing

@testable import VendorSynth

/// The committed sample (`datasets/sample/`) is exactly what the documented command writes:
/// if the generator changes, the sample must be regenerated with it (datasets/README.md).
@Suite struct SynthSampleTests {
  static let sample = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("datasets/sample").path

  @Test func committedSampleIsWhatTheDefaultSettingsGenerate() throws {
    let tmp = FileManager.default.temporaryDirectory.path + "/vl-sample-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    try SyntheticCrawl.generate(to: tmp)
    let names = try FileManager.default.contentsOfDirectory(atPath: tmp).sorted()
    let committed = try FileManager.default.contentsOfDirectory(atPath: SynthSampleTests.sample)
      .filter { $0.hasSuffix(".jsonl") || $0.hasSuffix(".csv") }.sorted()
    #expect(names == committed)
    var total = 0
    for name in names {
      let fresh = FileManager.default.contents(atPath: tmp + "/" + name)
      let kept = FileManager.default.contents(atPath: SynthSampleTests.sample + "/" + name)
      #expect(fresh == kept, "datasets/sample/\(name) is stale: regenerate it (datasets/README.md)")
      total += kept?.count ?? 0
    }
    // "A few MB": the sample is committed to git and read by the demo.
    #expect(total > 1_000_000 && total < 9_000_000)
  }

  @Test func belgianVendorsAreASmallShareOfEachMarket() throws {
    // Counted on the listing lines (the vendor's ships-from), per market over all crawls.
    var all: [String: Set<String>] = [:]
    var belgian: [String: Set<String>] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: SynthSampleTests.sample)
    where name.hasPrefix("crawl-") {
      let text = try String(contentsOfFile: SynthSampleTests.sample + "/" + name, encoding: .utf8)
      for line in text.split(separator: "\n") where line.hasPrefix("{\"kind\":\"listing\"") {
        let r = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        let key = "\(r["observed"]!)|\(r["vendor"]!)"
        all[r["market"] as! String, default: []].insert(key)
        if r["ships_from"] as? String == "Belgium" {
          belgian[r["market"] as! String, default: []].insert(key)
        }
      }
    }
    for (market, vendors) in all {
      let share = Double(belgian[market]?.count ?? 0) / Double(vendors.count)
      #expect(share > 0 && share < 0.04, "\(market): Belgian share \(share)")
    }
  }
}
