import Dispatch
import Foundation

/// Splits work over threads. Every kernel takes a `threads` count so that benchmarks can give
/// the engine the same number of threads as a peer; `nil` means one per active CPU.
enum Parallel {
  static func threadCount(_ requested: Int?) -> Int {
    max(1, requested ?? ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Runs `body(chunk)` for chunk in 0..<chunks, on up to `threads` threads. Chunks are handed
  /// out dynamically so that uneven chunks do not leave a thread idle.
  static func forEach(chunks: Int, threads: Int, _ body: (Int) -> Void) {
    if chunks <= 0 { return }
    let workers = min(threads, chunks)
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

/// Carries a value across threads where the caller guarantees there is no data race.
struct UncheckedSendable<T>: @unchecked Sendable {
  let value: T
}
