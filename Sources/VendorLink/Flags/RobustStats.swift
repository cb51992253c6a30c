/// Median and median absolute deviation: location and scale that a few extreme prices (the
/// very thing we look for) cannot drag, unlike the mean and standard deviation.
public enum RobustStats {
  /// The median of `values` (mean of the two middle values for an even count); nil if empty.
  public static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let s = values.sorted()
    let m = s.count / 2
    return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
  }

  /// The median absolute deviation from the median; nil if empty.
  public static func mad(_ values: [Double], median m: Double) -> Double? {
    median(values.map { abs($0 - m) })
  }

  /// 1 / Φ⁻¹(3/4): scales the MAD to estimate the standard deviation of normal data, so that
  /// robust z-scores read like ordinary ones (Iglewicz & Hoaglin 1993).
  public static let madToSigma = 1.482_602_218_505_602

  /// Robust z-scores of `values` against their own median and MAD. When more than half the
  /// values are identical the MAD is 0; the mean absolute deviation (scaled by √(π/2), its
  /// normal-consistency factor) is used instead, and if that is 0 too every score is 0.
  public static func zScores(_ values: [Double]) -> (median: Double, scale: Double, z: [Double])? {
    guard let m = median(values), let d = mad(values, median: m) else { return nil }
    var scale = d * madToSigma
    if scale == 0 {
      let meanAD = values.reduce(0) { $0 + abs($1 - m) } / Double(values.count)
      scale = meanAD * 1.253_314_137_315_500
    }
    guard scale > 0 else { return (m, 0, values.map { _ in 0 }) }
    return (m, scale, values.map { ($0 - m) / scale })
  }
}
