import Dispatch
import Foundation

/// The one parallel-for of the package. Every kernel takes a `threads` count so that
/// benchmarks can give the engine the same number of threads as a peer; `nil` means one per
/// active CPU.
public enum Parallel {
  public static func threadCount(_ requested: Int?) -> Int {
    max(1, requested ?? ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Runs `body(chunk)` for chunk in 0..<chunks, on up to `threads` threads (nil: one per
  /// CPU). Chunks are handed out dynamically so that uneven chunks do not leave a thread
  /// idle. The chunks must touch disjoint data.
  public static func forEach(chunks: Int, threads: Int? = nil, _ body: (Int) -> Void) {
    if chunks <= 0 { return }
    let workers = min(threadCount(threads), chunks)
    if workers <= 1 {
      for c in 0..<chunks { body(c) }
      return
    }
    let next = Counter()
    withoutActuallyEscaping(body) { body in
      // The chunks touch disjoint data by construction (callers split rows or pairs), which
      // the type system cannot see; the box says so once, here.
      let shared = UncheckedSendable(value: body)
      DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
          let c = next.increment()
          if c >= chunks { break }
          shared.value(c)
        }
      }
    }
  }

  /// Splits `0..<count` into consecutive chunks, runs `body` on each on all cores, and
  /// returns the results in chunk order, so a result never depends on scheduling.
  ///
  /// 8 chunks per core balance uneven items (in linking, accounts differ a hundredfold in
  /// text); at least `minimumChunk` items a chunk keep the per-chunk overhead negligible.
  public static func chunks<T>(
    count: Int, minimumChunk: Int = 256, _ body: (Range<Int>) -> T
  ) -> [T] {
    let cores = threadCount(nil)
    let chunks = max(1, min(cores * 8, count / max(1, minimumChunk)))
    var results = [T?](repeating: nil, count: chunks)
    results.withUnsafeMutableBufferPointer { buffer in
      let slots = UncheckedSendable(value: buffer.baseAddress!)
      forEach(chunks: chunks, threads: cores) { chunk in
        slots.value[chunk] = body((count * chunk / chunks)..<(count * (chunk + 1) / chunks))
      }
    }
    return results.map { $0! }
  }

  /// `parts` joined into one array, part `p` at `starts[p]` (`starts` has one more entry than
  /// `parts`, the total last), copied in parallel: such a copy is mostly the kernel's first
  /// touch of fresh pages (hundreds of MB for a large input), which one thread does slowly.
  public static func concatenated<T>(_ parts: [[T]], starts: [Int]) -> [T] {
    let total = starts.last ?? 0
    return [T](unsafeUninitializedCapacity: total) { buffer, count in
      let out = UncheckedSendable(buffer.baseAddress)
      _ = chunks(count: parts.count, minimumChunk: 1) { range in
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

  /// Runs `first` and `second` at the same time on two threads (with one core, one after the
  /// other) and returns both results; an error thrown by either is rethrown after both have
  /// finished. For two independent jobs that are each single-threaded.
  public static func both<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (
    A, B
  ) {
    var a: Result<A, any Error>?
    var b: Result<B, any Error>?
    withUnsafeMutablePointer(to: &a) { a in
      withUnsafeMutablePointer(to: &b) { b in
        // Each job writes only its own slot.
        let slots = UncheckedSendable((a, b))
        forEach(chunks: 2, threads: 2) { k in
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

  /// A shared counter (a lock is cheap next to a chunk of kernel work).
  final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int {
      lock.lock()
      defer { lock.unlock() }
      let v = value
      value += 1
      return v
    }
  }
}

/// The one box of the package for carrying a value (typically a pointer into a buffer that
/// parallel chunks write in disjoint parts, or a closure over such data) across threads where
/// the caller guarantees there is no data race, which the type system cannot see.
public struct UncheckedSendable<T>: @unchecked Sendable {
  public let value: T

  public init(value: T) {
    self.value = value
  }

  public init(_ value: T) {
    self.value = value
  }
}
