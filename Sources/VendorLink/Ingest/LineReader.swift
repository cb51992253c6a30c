import Foundation

/// Reads a file line by line in constant memory: a fixed read buffer plus one line.
///
/// Lines end at LF; a CR before it is dropped. A line longer than `maxLineBytes` is reported
/// (not buffered without bound) and skipped to its end.
public final class LineReader {
  /// 1 MiB reads amortise system calls; larger buffers gave nothing measurable.
  static let chunkSize = 1 << 20
  /// A crawl record with an embedded PGP key block and a long description is a few tens of
  /// KB; 16 MiB is far beyond any real record while bounding memory on hostile input.
  public static let defaultMaxLineBytes = 16 << 20

  public enum Line {
    case text(UnsafeBufferPointer<UInt8>)
    case tooLong(bytes: Int)
  }

  let fd: Int32
  public let path: String
  let maxLineBytes: Int
  /// Bytes consumed so far (for progress).
  public private(set) var bytesRead: Int = 0

  public init(path: String, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw RuntimeFailure("cannot open \(path): \(String(cString: strerror(errno)))")
    }
    self.fd = fd
    self.path = path
    self.maxLineBytes = maxLineBytes
  }

  /// Calls `body(lineNumber, line)` for every line (1-based numbers). The buffer is only
  /// valid during the call. Closes the file at the end.
  public func forEachLine(_ body: (Int, Line) throws -> Void) throws {
    defer { close(fd) }
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: LineReader.chunkSize)
    defer { buffer.deallocate() }
    var carry: [UInt8] = []
    var overflow = 0  // bytes of a too-long line being skipped
    var lineNumber = 0

    func emit(_ slice: UnsafeBufferPointer<UInt8>) throws {
      lineNumber += 1
      var s = slice
      if let last = s.last, last == 0x0D { s = UnsafeBufferPointer(rebasing: s.dropLast()) }
      try body(lineNumber, .text(s))
    }

    while true {
      let n = read(fd, buffer.baseAddress, LineReader.chunkSize)
      if n < 0 {
        if errno == EINTR { continue }
        throw RuntimeFailure("cannot read \(path): \(String(cString: strerror(errno)))")
      }
      if n == 0 { break }
      bytesRead += n
      var start = 0
      while start < n {
        guard let nl = UnsafeBufferPointer(rebasing: buffer[start..<n]).firstIndex(of: 0x0A)
        else {
          // No newline in the rest of this chunk: keep it for the next read.
          if overflow > 0 || carry.count + (n - start) > maxLineBytes {
            overflow += carry.count + (n - start)
            carry.removeAll(keepingCapacity: false)
          } else {
            carry.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<n]))
          }
          break
        }
        let end = start + nl
        if overflow > 0 {
          lineNumber += 1
          try body(lineNumber, .tooLong(bytes: overflow + nl))
          overflow = 0
        } else if carry.count + nl > maxLineBytes {
          lineNumber += 1
          try body(lineNumber, .tooLong(bytes: carry.count + nl))
          carry.removeAll(keepingCapacity: false)
        } else if carry.isEmpty {
          try emit(UnsafeBufferPointer(rebasing: buffer[start..<end]))
        } else {
          carry.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<end]))
          try carry.withUnsafeBufferPointer { try emit($0) }
          carry.removeAll(keepingCapacity: true)
        }
        start = end + 1
      }
    }
    if overflow > 0 {
      lineNumber += 1
      try body(lineNumber, .tooLong(bytes: overflow))
    } else if !carry.isEmpty {
      try carry.withUnsafeBufferPointer { try emit($0) }
    }
  }
}
