import Foundation

/// Splits `0..<count` into consecutive chunks, runs `body` on each on all cores, and returns
/// the results in chunk order, so a result never depends on scheduling.
///
/// 8 chunks per core balance uneven items (accounts differ a hundredfold in text); at least
/// `minimumChunk` items a chunk keep the per-chunk overhead negligible.
func parallelChunks<T>(
  count: Int, minimumChunk: Int = 256, _ body: (Range<Int>) -> T
) -> [T] {
  let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 8, count / minimumChunk))
  var results = [T?](repeating: nil, count: chunks)
  results.withUnsafeMutableBufferPointer { buffer in
    withoutActuallyEscaping(body) { body in
      let job = ChunkJob(results: buffer.baseAddress!, body: body)
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        job.results[chunk] = job.body((count * chunk / chunks)..<(count * (chunk + 1) / chunks))
      }
    }
  }
  return results.map { $0! }
}

/// The work and where chunks store their results: chunks only read shared data and each
/// writes its own slot, which the type system cannot see.
private struct ChunkJob<T>: @unchecked Sendable {
  let results: UnsafeMutablePointer<T?>
  let body: (Range<Int>) -> T
}

/// `parts` joined into one array, part `p` at `starts[p]` (`starts` has one more entry than
/// `parts`, the total last), copied in parallel: the copy is mostly the kernel's first touch
/// of fresh pages (hundreds of MB on a large crawl), which one thread did slowly.
func concatenatedInParallel<T>(_ parts: [[T]], starts: [Int]) -> [T] {
  let total = starts.last ?? 0
  return [T](unsafeUninitializedCapacity: total) { buffer, count in
    let out = UncheckedPointer(base: buffer.baseAddress)
    _ = parallelChunks(count: parts.count, minimumChunk: 1) { range in
      for p in range {
        parts[p].withUnsafeBufferPointer {
          guard let src = $0.baseAddress else { return }
          (out.base! + starts[p]).initialize(from: src, count: $0.count)
        }
      }
    }
    count = total
  }
}

/// An output buffer shared by parallel chunks that write disjoint ranges of it.
struct UncheckedPointer<T>: @unchecked Sendable {
  let base: UnsafeMutablePointer<T>?
}

/// The most frequent element of a sorted collection, the smallest among equally frequent
/// ones (the first of the longest runs); nil when empty. Shared by ships-from (the dominant
/// place) and clustering (the identity most members voted for).
func mostFrequent<C: Collection>(inSorted sorted: C) -> C.Element? where C.Element: Equatable {
  var best: C.Element?
  var bestCount = 0
  var start = sorted.startIndex
  while start < sorted.endIndex {
    var end = sorted.index(after: start)
    var length = 1
    while end < sorted.endIndex && sorted[end] == sorted[start] {
      end = sorted.index(after: end)
      length += 1
    }
    if length > bestCount {
      best = sorted[start]
      bestCount = length
    }
    start = end
  }
  return best
}

/// Runs `first` and `second` at the same time on two threads (with one core, one after the
/// other), and returns both results; an error
/// thrown by either is rethrown after both have finished. For two independent jobs that are
/// each single-threaded, such as scans on two database connections.
func concurrently<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
  var a: Result<A, any Error>?
  var b: Result<B, any Error>?
  withoutActuallyEscaping(first) { first in
    withoutActuallyEscaping(second) { second in
      withUnsafeMutablePointer(to: &a) { a in
        withUnsafeMutablePointer(to: &b) { b in
          let job = PairJob(first: first, second: second, a: a, b: b)
          DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 {
              job.a.pointee = Result { try job.first() }
            } else {
              job.b.pointee = Result { try job.second() }
            }
          }
        }
      }
    }
  }
  return (try a!.get(), try b!.get())
}

/// The two jobs of `concurrently` and where each stores its result: each job writes only
/// its own slot, which the type system cannot see.
private struct PairJob<A, B>: @unchecked Sendable {
  let first: () throws -> A
  let second: () throws -> B
  let a: UnsafeMutablePointer<Result<A, any Error>?>
  let b: UnsafeMutablePointer<Result<B, any Error>?>
}
