import Foundation

/// Real OpenPGP public keys, so that a minority of synthetic vendors show a genuine armored
/// block whose fingerprint a parser can compute and check: the public Debian archive signing
/// keys from `/etc/apt/trusted.gpg.d/` (Debian bookworm), public by design and freely
/// redistributable. Each key belongs to one synthetic operator only (an impersonator may paste
/// it).
///
/// The key material is data, not code: `Resources/RealPublicKeys.asc` holds the armored
/// blocks in order, each after a line `# <source file> <fingerprint>` (the fingerprint as
/// `gpg --show-keys` prints it: primary key, v4). The order matters: the i-th key goes to the
/// i-th operator of a seeded order, so reordering the file changes the generated worlds.
enum RealPublicKeys {
  struct Key: Sendable {
    let source: String
    let fingerprint: String
    let armored: String
  }

  /// Loaded once from the package's resource bundle. A missing or malformed file is a
  /// packaging error, not a user error, hence the trap with its reason.
  static let all: [Key] = {
    guard let url = Bundle.module.url(forResource: "RealPublicKeys", withExtension: "asc"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else { fatalError("VendorSynth resource RealPublicKeys.asc is missing from the bundle") }
    let keys = parse(text)
    precondition(!keys.isEmpty, "RealPublicKeys.asc holds no key")
    return keys
  }()

  /// Splits the file at its `# source fingerprint` lines; each armored block keeps its lines
  /// exactly (the blank line after the header included), without a trailing newline.
  static func parse(_ text: String) -> [Key] {
    var keys: [Key] = []
    var header: [Substring]?
    var lines: [Substring] = []
    func finish() {
      guard let h = header, h.count == 3 else { return }
      while lines.last?.isEmpty == true { lines.removeLast() }
      keys.append(
        Key(
          source: String(h[1]), fingerprint: String(h[2]),
          armored: lines.joined(separator: "\n")))
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("# ") {
        finish()
        header = line.split(separator: " ")
        lines = []
      } else if header != nil {
        lines.append(line)
      }
    }
    finish()
    return keys
  }
}
