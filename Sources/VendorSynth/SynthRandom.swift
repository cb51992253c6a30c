import Foundation

/// The generator's only source of randomness: SplitMix64 (Steele, Lea & Flood 2014).
///
/// Why our own generator instead of `SystemRandomNumberGenerator` or the standard library's
/// `random(in:using:)`: the committed sample must be byte-identical for a seed on every machine
/// and every Swift release, so every draw (integers, doubles, picks) is defined here.
/// SplitMix64 is tiny, fast, passes BigCrush, and splits cleanly into independent streams.
public struct SynthRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  /// An independent stream for one entity (an operator, an account, a crawl), so that what
  /// one entity draws never shifts what another draws: adding a feature to listings does not
  /// reshuffle every vendor name.
  public init(seed: UInt64, _ keys: UInt64...) {
    var h = SynthRandom.mix(seed ^ 0x5851_F42D_4C95_7F2D)
    for k in keys { h = SynthRandom.mix(h ^ SynthRandom.mix(k &+ 0x9E37_79B9_7F4A_7C15)) }
    state = h
  }

  /// The SplitMix64 finaliser: a bijective avalanche of 64 bits.
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SynthRandom.mix(state)
  }

  /// Uniform in [0, 1) with 53 random bits.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
  }

  /// Uniform in 0..<bound (Lemire's multiply-shift; the tiny bias is irrelevant here and keeps
  /// the draw count fixed, which keeps streams aligned).
  public mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0)
    return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// Uniform in the closed range.
  public mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.upperBound - range.lowerBound + 1)
  }

  public mutating func chance(_ probability: Double) -> Bool { uniform() < probability }

  public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  /// Index drawn with the given (unnormalised, non-negative) weights.
  public mutating func weightedIndex(_ weights: [Double]) -> Int {
    let total = weights.reduce(0, +)
    var x = uniform() * total
    for (i, w) in weights.enumerated() {
      if x < w { return i }
      x -= w
    }
    return weights.count - 1
  }

  public mutating func weighted<T>(_ items: [(T, Double)]) -> T {
    items[weightedIndex(items.map(\.1))].0
  }

  /// Standard normal by Box–Muller (one value per call; simple and deterministic).
  public mutating func normal() -> Double {
    let u1 = max(uniform(), 1e-12)
    let u2 = uniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// Log-normal multiplier with median 1.
  public mutating func logNormalFactor(sigma: Double) -> Double { exp(sigma * normal()) }

  /// Geometric-like count in `range`, each further unit kept with probability `p`.
  public mutating func geometric(_ range: ClosedRange<Int>, keep p: Double) -> Int {
    var n = range.lowerBound
    while n < range.upperBound && chance(p) { n += 1 }
    return n
  }

  /// `count` distinct indices below `bound`, in draw order.
  public mutating func distinct(_ count: Int, below bound: Int) -> [Int] {
    var out: [Int] = []
    while out.count < min(count, bound) {
      let i = below(bound)
      if !out.contains(i) { out.append(i) }
    }
    return out
  }

  public mutating func shuffle<T>(_ items: inout [T]) {
    guard items.count > 1 else { return }
    for i in stride(from: items.count - 1, to: 0, by: -1) {
      items.swapAt(i, below(i + 1))
    }
  }
}
