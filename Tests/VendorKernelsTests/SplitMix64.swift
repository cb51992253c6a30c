import Foundation
import VendorKernels

/// A tiny seeded generator so that property tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

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
