import Testing

@testable import VendorKernels

/// The package's one parallel-for: every index visited once, results in chunk order
/// whatever the scheduling, and the two-job runner's results and errors.
@Suite struct ParallelTests {
  struct Failure: Error, Equatable {}

  @Test(arguments: [0, 1, 7, 255, 256, 10_000])
  func chunksCoverTheRangeInOrder(count: Int) {
    for minimum in [1, 64, 256] {
      let parts = Parallel.chunks(count: count, minimumChunk: minimum) { Array($0) }
      #expect(parts.flatMap { $0 } == Array(0..<count))
      #expect(parts.count >= 1)
    }
  }

  @Test func forEachVisitsEveryChunkOnce() {
    let marks = LockedMarks(count: 500)
    Parallel.forEach(chunks: 500, threads: 4) { marks.mark($0) }
    #expect(marks.values() == [Int](repeating: 1, count: 500))
  }

  @Test func concatenatedJoinsPartsAtTheirStarts() {
    var rng = SplitMix64(seed: 3)
    let parts: [[Int]] = (0..<40).map { p in
      (0..<Int.random(in: 0...30, using: &rng)).map { p * 100 + $0 }
    }
    var starts = [0]
    for part in parts { starts.append(starts.last! + part.count) }
    #expect(Parallel.concatenated(parts, starts: starts) == parts.flatMap { $0 })
    #expect(Parallel.concatenated([[Int]](), starts: [0]).isEmpty)
  }

  @Test func bothReturnsBothResultsAndRethrows() throws {
    let (a, b) = try Parallel.both({ 6 * 7 }, { "x" + "y" })
    #expect(a == 42 && b == "xy")
    #expect(throws: Failure.self) {
      try Parallel.both({ 1 }, { () throws -> Int in throw Failure() })
    }
  }
}

/// Counts per index under a lock (the test's own shared state).
final class LockedMarks: @unchecked Sendable {
  private var counts: [Int]
  private let lock = NSLockShim()
  init(count: Int) { counts = [Int](repeating: 0, count: count) }
  func mark(_ i: Int) { lock.withLock { counts[i] += 1 } }
  func values() -> [Int] { lock.withLock { counts } }
}
