/// Normalises vendor handles for comparison (never for keying accounts: distinct accounts
/// share normalised handles, e.g. `LittleShop` and `little_shop` on one market).
///
/// Aliases mutate a handle by case, separators, digits, leetspeak, prefixes/suffixes and
/// typos, so comparison works on two forms:
/// - `folded`: lower-case letters and digits only, leetspeak digits between letters folded
///   back to letters (`Dr4g0n_420` → `dragon420`: the trailing number stays a number);
/// - `core`: `folded` without trailing digits and without common affixes (`official`,
///   `real`, country codes), the part an operator keeps across renames.
public enum HandleNormaliser {
  /// Leetspeak digits and their letters, as vendors use them (`4`→a, `3`→e, `1`→i, `0`→o,
  /// `5`→s, `7`→t). Applied only to digits that sit between letters, so that numeric
  /// suffixes such as `420` stay numbers.
  static let leet: [UInt8: UInt8] = [
    UInt8(ascii: "4"): UInt8(ascii: "a"), UInt8(ascii: "3"): UInt8(ascii: "e"),
    UInt8(ascii: "1"): UInt8(ascii: "i"), UInt8(ascii: "0"): UInt8(ascii: "o"),
    UInt8(ascii: "5"): UInt8(ascii: "s"), UInt8(ascii: "7"): UInt8(ascii: "t"),
  ]

  /// `leet` by byte, 0 for none: an array index instead of a dictionary lookup per byte
  /// (every account's handle is folded when evidence is loaded).
  static let leetTable: [UInt8] = (0...255).map { leet[UInt8($0)] ?? 0 }

  /// Affixes vendors add to a handle when they open another account; removing them lets
  /// `DutchMagic` meet `TheDutchMagic_official`. An affix is only removed when more than three
  /// characters would remain, so `shop` stays `shop`.
  static let affixes: [String] = [
    "official", "backup", "store", "shop", "team", "real", "the", "new", "mr", "dr", "og",
    "v2",
  ]
  /// Country and region codes vendors append (`NL`, `_UK`); only stripped as suffixes.
  static let countrySuffixes: [String] = ["nl", "uk", "de", "us", "eu", "au", "es", "fr"]

  /// Lower-case ASCII letters and digits of `handle`, with leetspeak digits between
  /// letters folded back to letters. Non-ASCII letters are kept as their UTF-8 bytes.
  public static func folded(_ handle: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(handle.utf8.count)
    for b in handle.utf8 {
      switch b {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(b + 32)
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        bytes.append(b)
      case 0x80...: bytes.append(b)
      default: continue
      }
    }
    // Fold a leet digit when a letter precedes it and a letter (or a leet digit) follows.
    var out = bytes
    let leet = leetTable
    for i in bytes.indices where leet[Int(bytes[i])] != 0 {
      let before = i > 0 && isLetter(out[i - 1])
      let after = i + 1 < bytes.count && (isLetter(bytes[i + 1]) || leet[Int(bytes[i + 1])] != 0)
      if before && after { out[i] = leet[Int(bytes[i])] }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The part of a handle an operator keeps: `folded` without trailing digits and without
  /// the common affixes and country suffixes. Never empty when `folded` is not.
  public static func core(_ handle: String) -> String { core(folded: folded(handle)) }

  /// `core` of a handle already folded (`folded`): evidence loading needs both forms.
  static func core(folded f: String) -> String {
    if let ascii = asciiCore(Array(f.utf8)) { return ascii }
    var s = Substring(f)
    var changed = true
    while changed {
      changed = false
      while let last = s.last, last.isASCII, last.isNumber, s.count > 3 {
        s = s.dropLast()
        changed = true
      }
      for a in affixes where s.count > a.count + 3 {
        if s.hasPrefix(a) {
          s = s.dropFirst(a.count)
          changed = true
        }
        if s.hasSuffix(a) {
          s = s.dropLast(a.count)
          changed = true
        }
      }
      for c in countrySuffixes where s.count > c.count + 3 && s.hasSuffix(c) {
        s = s.dropLast(c.count)
        changed = true
      }
    }
    return s.isEmpty ? f : String(s)
  }

  static let affixBytes = affixes.map { Array($0.utf8) }
  static let countrySuffixBytes = countrySuffixes.map { Array($0.utf8) }

  /// `core` of an all-ASCII folded handle, on bytes (there every character is one byte), or
  /// nil when `f` has other bytes. The character loop counts and compares `Substring`s,
  /// which cost more than the rest of a handle's evidence; most handles are ASCII.
  static func asciiCore(_ f: [UInt8]) -> String? {
    guard f.allSatisfy({ $0 < 0x80 }) else { return nil }
    var lo = 0
    var hi = f.count
    func hasPrefix(_ a: [UInt8]) -> Bool {
      a.count <= hi - lo && f[lo..<(lo + a.count)].elementsEqual(a)
    }
    func hasSuffix(_ a: [UInt8]) -> Bool {
      a.count <= hi - lo && f[(hi - a.count)..<hi].elementsEqual(a)
    }
    var changed = true
    while changed {
      changed = false
      while hi > lo, f[hi - 1] >= UInt8(ascii: "0"), f[hi - 1] <= UInt8(ascii: "9"), hi - lo > 3 {
        hi -= 1
        changed = true
      }
      for a in affixBytes where hi - lo > a.count + 3 {
        if hasPrefix(a) {
          lo += a.count
          changed = true
        }
        if hasSuffix(a) {
          hi -= a.count
          changed = true
        }
      }
      for c in countrySuffixBytes where hi - lo > c.count + 3 && hasSuffix(c) {
        hi -= c.count
        changed = true
      }
    }
    return String(decoding: lo == hi ? f[...] : f[lo..<hi], as: UTF8.self)
  }

  @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || b >= 0x80
  }
}
