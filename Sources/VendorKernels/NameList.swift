/// A list of names flattened to Unicode scalars, struct-of-arrays: name `i` is
/// `units[offsets[i] ..< offsets[i+1]]`. Scores are defined on Unicode scalars, as Python's
/// `str` (and so rapidfuzz) sees them.
public struct NameList: Sendable, Equatable {
  public private(set) var units: [UInt32]
  /// count + 1 entries, starting at 0.
  public private(set) var offsets: [Int]

  public init<S: Sequence>(_ names: S) where S.Element: StringProtocol {
    units = []
    offsets = [0]
    for name in names {
      for scalar in name.unicodeScalars { units.append(scalar.value) }
      offsets.append(units.count)
    }
  }

  public var count: Int { offsets.count - 1 }

  /// Name `i` as a String.
  public func name(_ i: Int) -> String {
    var s = String.UnicodeScalarView()
    for u in units[offsets[i]..<offsets[i + 1]] { s.append(Unicode.Scalar(u)!) }
    return String(s)
  }

  /// Length of name `i` in Unicode scalars.
  public func length(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }
}
