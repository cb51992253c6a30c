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

/// `Parallel.concatenated`: `parts` joined into one array, part `p` at `starts[p]`, copied
/// in parallel.
func concatenatedInParallel<T>(_ parts: [[T]], starts: [Int]) -> [T] {
  Parallel.concatenated(parts, starts: starts)
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

/// `Parallel.both`: `first` and `second` at the same time on two threads, both results
/// returned; an error thrown by either is rethrown after both have finished. For two
/// independent single-threaded jobs, such as scans on two database connections.
func concurrently<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
  try Parallel.both(first, second)
}
