/// Caps that keep untrusted input from costing unbounded memory or time.
public enum ExtractionLimits {
  /// Texts are read up to 256 MiB: about seven times Debian's whole keyring armored (≈ 38 MB),
  /// and far beyond any profile page, while bounding the decoded copy a text can cause.
  public static let maxTextBytes = 256 << 20
  /// A key packet larger than 65,535 bytes is not read: v4 fingerprints hash a two-octet
  /// length, the largest keys seen in practice (RSA-16384) take about 2 KiB, and the cap stops
  /// a forged length from allocating gigabytes when a partial-length body has to be joined.
  public static let maxKeyPacketBytes = 0xFFFF
  /// A user ID longer than 8 KiB is not kept: real ones are a name and an address (< 200 bytes).
  public static let maxUserIDBytes = 8 << 10
  /// At most 1,000 user IDs and 1,000 subkeys are kept per key: Debian's busiest keys have a few
  /// dozen; the cap bounds memory when a stream repeats the same packet.
  public static let maxPartsPerKey = 1_000
  /// At most 100,000 keys per text: Debian's keyring has about 1,200 primaries, so this only
  /// stops a degenerate stream of tiny key packets.
  public static let maxKeys = 100_000
  /// At most 1,000 defects are recorded: enough to diagnose, bounded for garbage input.
  public static let maxDefects = 1_000
  /// At most 1,000 bare identifiers are kept per text, for the same reason.
  public static let maxIdentifiers = 1_000
}

/// Collects defects up to the cap.
struct DefectSink {
  private(set) var defects: [ExtractionDefect] = []

  mutating func add(_ kind: ExtractionDefect.Kind, _ block: Int?, _ detail: String) {
    guard defects.count < ExtractionLimits.maxDefects else { return }
    defects.append(ExtractionDefect(kind: kind, block: block, detail: detail))
  }
}
