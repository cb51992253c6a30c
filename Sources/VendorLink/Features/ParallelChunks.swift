import Foundation
import VendorKernels

/// `Parallel.chunks` (VendorKernels, the package's one parallel-for): `0..<count` in
/// consecutive chunks on all cores, results in chunk order. Kept under this name for the
/// feature builders that call it.
func parallelChunks<T>(
  count: Int, minimumChunk: Int = 256, _ body: (Range<Int>) -> T
) -> [T] {
  Parallel.chunks(count: count, minimumChunk: minimumChunk, body)
}

/// `parts` joined into one array, part `p` at `starts[p]` (`starts` has one more entry than
/// `parts`, the total last), copied in parallel: the copy is mostly the kernel's first touch
/// of fresh pages (hundreds of MB on a large crawl), which one thread did slowly.
func concatenatedInParallel<T>(_ parts: [[T]], starts: [Int]) -> [T] {
  let total = starts.last ?? 0
  return [T](unsafeUninitializedCapacity: total) { buffer, count in
    let out = UncheckedSendable(buffer.baseAddress)
    _ = parallelChunks(count: parts.count, minimumChunk: 1) { range in
      for p in range {
        parts[p].withUnsafeBufferPointer {
          guard let src = $0.baseAddress else { return }
          (out.value! + starts[p]).initialize(from: src, count: $0.count)
        }
      }
    }
    count = total
  }
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
  withUnsafeMutablePointer(to: &a) { a in
    withUnsafeMutablePointer(to: &b) { b in
      // Each job writes only its own slot.
      let slots = UncheckedSendable((a, b))
      Parallel.forEach(chunks: 2, threads: 2) { k in
        if k == 0 {
          slots.value.0.pointee = Result { try first() }
        } else {
          slots.value.1.pointee = Result { try second() }
        }
      }
    }
  }
  return (try a!.get(), try b!.get())
}
