import Foundation
import VendorKernels

extension SplitMix64 {
  /// A random string of `0...maxLength` scalars drawn from `alphabet`.
  mutating func string(from alphabet: [Character], maxLength: Int) -> String {
    let n = Int.random(in: 0...maxLength, using: &self)
    return String((0..<n).map { _ in alphabet.randomElement(using: &self)! })
  }
}

/// Runs `body` once with the automatic kernel choice and once forced to the baseline (SSE2)
/// variants, so both compiled variants are checked on an AVX2 machine.
func withBothKernelVariants(_ body: (String) throws -> Void) rethrows {
  try body("auto")
  VendorKernelsTestLock.lock.lock()
  defer { VendorKernelsTestLock.lock.unlock() }
  KernelCPU.forceBaseline(true)
  defer { KernelCPU.forceBaseline(false) }
  try body("baseline")
}

enum VendorKernelsTestLock {
  static let lock = NSLock()
}
