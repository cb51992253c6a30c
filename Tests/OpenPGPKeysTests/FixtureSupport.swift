import Foundation
import Testing
import VendorKernels

@testable import OpenPGPKeys

/// Reading the committed fixtures and GnuPG's colon listings of them.
enum Fixture {
  static func text(_ name: String) throws -> String {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return try String(contentsOf: url, encoding: .utf8)
  }

  /// The armored fixtures that GnuPG listed (`gpg --show-keys --with-colons NAME.asc`).
  static let gnupgListed = [
    "eddsa-ed25519-cv25519", "ecdsa-nistp384", "dsa3072-elgamal4096", "rsa2048",
    "rsa4096-with-subkey",
  ]
}

/// One key line of GnuPG's colon listing (doc/DETAILS in GnuPG): pub/sub, then fpr.
struct GnuPGKey: Equatable {
  var fingerprint: String
  var primary: Bool
  var algorithmID: Int
  var bits: Int
  var curve: String?
  var created: UInt32
  var firstUserID: String?
}

enum GnuPGColons {
  static func parse(_ listing: String) -> [GnuPGKey] {
    var keys: [GnuPGKey] = []
    var pending: [Substring]? = nil
    var primaryIndex: Int? = nil
    for line in listing.split(separator: "\n") {
      let f = line.split(separator: ":", omittingEmptySubsequences: false)
      switch f.first {
      case "pub", "sub": pending = f
      case "fpr":
        guard let p = pending, f.count > 9 else { continue }
        let curve = p.count > 16 && !p[16].isEmpty ? String(p[16]) : nil
        keys.append(
          GnuPGKey(
            fingerprint: String(f[9]), primary: p[0] == "pub", algorithmID: Int(p[3]) ?? -1,
            bits: Int(p[2]) ?? -1, curve: curve, created: UInt32(p[5]) ?? 0, firstUserID: nil))
        if p[0] == "pub" { primaryIndex = keys.count - 1 }
        pending = nil
      case "uid":
        if let i = primaryIndex, keys[i].firstUserID == nil, f.count > 9 {
          keys[i].firstUserID = unescape(String(f[9]))
        }
      default: continue
      }
    }
    return keys
  }

  /// GnuPG escapes ':' and control characters in user IDs as \xHH.
  static func unescape(_ s: String) -> String {
    var bytes: [UInt8] = []
    let u = Array(s.utf8)
    var i = 0
    while i < u.count {
      if u[i] == 0x5C, i + 3 < u.count, u[i + 1] == 0x78,
        let hi = Hex.value(u[i + 2]), let lo = Hex.value(u[i + 3])
      {
        bytes.append(hi << 4 | lo)
        i += 4
      } else {
        bytes.append(u[i])
        i += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

extension KeyExtraction {
  /// Primary keys and subkeys in order, each with its primary's first user ID, in GnuPG's shape.
  var asGnuPGKeys: [GnuPGKey] {
    keys.flatMap { key in
      [(key.primary, true)] + key.subkeys.map { ($0, false) }
    }.map { info, primary in
      GnuPGKey(
        fingerprint: info.fingerprint, primary: primary, algorithmID: info.algorithmID,
        bits: info.bits ?? -1, curve: info.curve, created: info.creationTimestamp,
        firstUserID: nil)
    }
  }
}

/// The package's seeded generator, for property tests.
typealias SplitMix64 = VendorKernels.SplitMix64

/// The ways scraping mangles an armored block, applied to a whole text.
enum Mangle: String, CaseIterable, CustomStringConvertible {
  case intact, newlinesToSpaces, newlinesRemoved, crlf, indented, htmlEntities, htmlBreaks,
    jsonEscaped, inProse, noArmorHeaders, noChecksum
  var description: String { rawValue }

  func apply(_ text: String) -> String {
    switch self {
    case .intact: return text
    case .newlinesToSpaces: return text.replacingOccurrences(of: "\n", with: " ")
    case .newlinesRemoved: return text.replacingOccurrences(of: "\n", with: "")
    case .crlf: return text.replacingOccurrences(of: "\n", with: "\r\n")
    case .indented:
      return text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        .joined(separator: "\n")
    case .htmlEntities:
      return text.replacingOccurrences(of: "+", with: "&#43;")
        .replacingOccurrences(of: "/", with: "&#x2F;").replacingOccurrences(of: "=", with: "&#61;")
    case .htmlBreaks:
      return "<div class=\"pgp\"><p>"
        + text.replacingOccurrences(of: "\n", with: "<br />") + "</p></div>"
    case .jsonEscaped:
      return text.replacingOccurrences(of: "/", with: "\\/").replacingOccurrences(
        of: "\n", with: "\\n")
    case .inProse:
      return "Welcome to my shop! Always encrypt. My key: "
        + text.replacingOccurrences(of: "\n", with: " ") + " Thanks, stay safe & enjoy."
    case .noArmorHeaders:
      return text.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.contains(": ") }.joined(separator: "\n")
    case .noChecksum:
      return text.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !($0.hasPrefix("=") && $0.count == 5) }.joined(separator: "\n")
    }
  }
}
