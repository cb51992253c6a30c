/// Scratch buffers shared by the threads of one kernel call: a thread takes one for a chunk of
/// work and gives it back. (Dispatch threads have no stable index to key buffers on.) Memory:
/// `buffers` × `width` elements, allocated once per call.
final class BufferPool<Element>: @unchecked Sendable {
  private var free: [UnsafeMutablePointer<Element>]
  private let all: [UnsafeMutablePointer<Element>]
  private let lock = NSLockShim()
  private let width: Int

  init(buffers: Int, width: Int, initialValue: Element? = nil) {
    self.width = max(1, width)
    all = (0..<max(1, buffers)).map { _ in
      UnsafeMutablePointer<Element>.allocate(capacity: max(1, width))
    }
    if let v = initialValue {
      for p in all { p.initialize(repeating: v, count: max(1, width)) }
    }
    free = all
  }

  deinit {
    for p in all { p.deallocate() }
  }

  /// A buffer for the current chunk; more threads than buffers get a fresh one.
  func acquire() -> UnsafeMutablePointer<Element> {
    let p = lock.withLock { free.popLast() }
    precondition(p != nil, "more concurrent users than buffers")
    return p!
  }

  func release(_ p: UnsafeMutablePointer<Element>) {
    lock.withLock { free.append(p) }
  }
}
