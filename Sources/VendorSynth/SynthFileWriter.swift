import Foundation
import VendorLink

/// Streams bytes to a file through a fixed-size buffer, so the generator's memory does not
/// grow with the size of its output. Files are created private to the user (0600): crawl-like
/// data is sensitive by default, even when synthetic, so the habit stays uniform.
final class SynthFileWriter {
  private let file: UnsafeMutablePointer<FILE>
  let path: String
  /// Flush threshold: 1 MiB amortises the write call and stays small.
  private static let flushBytes = 1 << 20
  private var buffer: [UInt8] = []
  private var closed = false

  init(path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0, let f = fdopen(fd, "wb") else {
      throw RuntimeFailure("cannot create \(path): \(String(cString: strerror(errno)))")
    }
    self.file = f
    self.path = path
    buffer.reserveCapacity(SynthFileWriter.flushBytes * 2)
  }

  func write(_ bytes: [UInt8]) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= SynthFileWriter.flushBytes { try flush() }
  }

  func write(_ text: String) throws { try write(Array(text.utf8)) }

  func flush() throws {
    guard !buffer.isEmpty else { return }
    let n = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    guard n == buffer.count else {
      throw RuntimeFailure("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    buffer.removeAll(keepingCapacity: true)
  }

  func close() throws {
    try flush()
    closed = true
    guard fclose(file) == 0 else { throw RuntimeFailure("cannot close \(path)") }
  }

  deinit { if !closed { fclose(file) } }
}
