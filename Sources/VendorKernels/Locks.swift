import Foundation

/// NSLock with a closure helper (kept in one place so kernels do not import Foundation).
struct NSLockShim: @unchecked Sendable {
  private let lock = NSLock()

  func withLock<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }
}
