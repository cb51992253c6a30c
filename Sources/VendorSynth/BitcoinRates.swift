import Foundation

/// Daily BTC→USD and BTC→EUR rates for Oct 2018 – Nov 2019 that look like the real market:
/// a path through monthly anchors close to the real closes (the late-2018 crash to ~3,400, the
/// spring 2019 rally to ~13,000 in late June, the autumn slide), log-interpolated with a small
/// deterministic daily wobble. EUR follows USD at 0.87–0.91, as EUR/USD did in that period.
public struct BitcoinRates: Sendable {
  public struct Rate: Sendable {
    public let day: SynthDay
    public let usd: Double
    public let eur: Double
  }

  /// (date, approximate real BTC close in USD). The Dec 2018 trough is lifted to 3,400, the
  /// low end the brief asks for.
  static let anchors: [(SynthDay, Double)] = [
    (SynthDay(2018, 10, 1), 6600), (SynthDay(2018, 11, 1), 6350),
    (SynthDay(2018, 11, 15), 5600), (SynthDay(2018, 11, 25), 3900),
    (SynthDay(2018, 12, 15), 3400), (SynthDay(2019, 1, 1), 3850),
    (SynthDay(2019, 2, 1), 3450), (SynthDay(2019, 3, 1), 3800),
    (SynthDay(2019, 4, 1), 4100), (SynthDay(2019, 4, 15), 5100),
    (SynthDay(2019, 5, 15), 8000), (SynthDay(2019, 6, 1), 8550),
    (SynthDay(2019, 6, 26), 12900), (SynthDay(2019, 7, 15), 10200),
    (SynthDay(2019, 8, 1), 10400), (SynthDay(2019, 9, 1), 9600),
    (SynthDay(2019, 9, 26), 8050), (SynthDay(2019, 10, 15), 8300),
    (SynthDay(2019, 10, 28), 9500), (SynthDay(2019, 11, 15), 8500),
    (SynthDay(2019, 11, 30), 7550),
  ]

  public let first: SynthDay
  public let rates: [Rate]

  public init(seed: UInt64) {
    first = BitcoinRates.anchors[0].0
    let last = BitcoinRates.anchors[BitcoinRates.anchors.count - 1].0
    var rng = SynthRandom(seed: seed, 0xB7C)
    var out: [Rate] = []
    var segment = 0
    for d in first.index...last.index {
      let day = SynthDay(index: d)
      while segment + 1 < BitcoinRates.anchors.count - 1
        && BitcoinRates.anchors[segment + 1].0 <= day
      {
        segment += 1
      }
      let (d0, v0) = BitcoinRates.anchors[segment]
      let (d1, v1) = BitcoinRates.anchors[segment + 1]
      let t = Double(day - d0) / Double(max(d1 - d0, 1))
      let base = exp(log(v0) + (log(v1) - log(v0)) * min(max(t, 0), 1))
      // ±2% daily wobble: real BTC moved about that much on an ordinary day.
      let usd = (base * (1 + 0.02 * (rng.uniform() * 2 - 1)) * 100).rounded() / 100
      let eurPerUsd = 0.89 + 0.02 * sin(Double(d) / 45) + 0.004 * (rng.uniform() * 2 - 1)
      let eur = (usd * eurPerUsd * 100).rounded() / 100
      out.append(Rate(day: day, usd: usd, eur: eur))
    }
    rates = out
  }

  public func rate(on day: SynthDay) -> Rate {
    rates[min(max(day - first, 0), rates.count - 1)]
  }
}
