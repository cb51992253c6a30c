import Foundation

@testable import VendorLink

/// A fresh temporary directory, removed by `cleanup()`.
struct TempDir {
  let url: URL
  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vendorlink-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let p = path(name)
    try text.write(toFile: p, atomically: true, encoding: .utf8)
    return p
  }
  func cleanup() { try? FileManager.default.removeItem(at: url) }
}

/// The shared data folder (../shared/data/real next to the repository), when present.
enum RealData {
  static var directory: String? {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, VendorLinkTests, Tests, repo
    let dir = url.deletingLastPathComponent().appendingPathComponent("shared/data/real").path
    return FileManager.default.fileExists(atPath: dir) ? dir : nil
  }
  static func file(_ name: String) -> String? { directory.map { $0 + "/" + name } }
}
