/// Vendor handles: fresh ones from the word lists, and the mutations that aliases and
/// lookalikes use ("DutchMagic" → "dutch_magic", "DutchMagic420", "Dutch-Magic-NL", "DutchMagik").
enum SynthNames {
  static func fresh(_ rng: inout SynthRandom) -> String {
    let v = SynthVocabulary.self
    let a = rng.pick(v.namePrefixes)
    var b = rng.pick(v.nameSuffixes)
    while b == a { b = rng.pick(v.nameSuffixes) }
    switch rng.weightedIndex([60, 10, 10, 10, 5, 5]) {
    case 0: return a + b
    case 1: return (a + b).lowercased()
    case 2: return a.lowercased() + "_" + b.lowercased()
    case 3: return a + b + String(rng.pick([1, 7, 22, 23, 69, 88, 420, 2018]))
    case 4: return a + "-" + b
    default: return (a + b).uppercased()
    }
  }

  /// A near variant of `name`, never equal to it byte for byte. The kinds are the ones seen
  /// when vendors re-register, and the ones scammers pick to pass for a known vendor.
  static func mutate(_ name: String, _ rng: inout SynthRandom) -> String {
    for _ in 0..<8 {
      let m = mutateOnce(name, &rng)
      if m != name && !m.isEmpty { return m }
    }
    return name + "_"
  }

  private static func mutateOnce(_ name: String, _ rng: inout SynthRandom) -> String {
    let parts = camelParts(name)
    switch rng.below(7) {
    case 0:  // case
      return rng.chance(0.5) ? name.lowercased() : name.uppercased()
    case 1:  // separators
      if parts.count > 1 { return parts.joined(separator: rng.pick(["_", "-", ".", ""])) }
      return name.filter { $0 != "_" && $0 != "-" && $0 != "." }
    case 2:  // digits
      return name + String(rng.pick([1, 2, 3, 7, 11, 24, 88, 420, 2019]))
    case 3:  // leet
      let map: [Character: Character] = ["o": "0", "e": "3", "a": "4", "i": "1", "s": "5"]
      var chars = Array(name)
      let spots = chars.indices.filter { map[chars[$0]] != nil }
      if let i = spots.isEmpty ? nil : rng.pick(spots) { chars[i] = map[chars[i]]! }
      return String(chars)
    case 4:  // affix
      let affix = rng.pick(SynthVocabulary.nameAffixes)
      switch rng.below(3) {
      case 0: return name + affix
      case 1: return parts.joined(separator: "-") + "-" + affix
      default: return affix + name
      }
    case 5:  // typo: drop, double or swap a letter inside
      var chars = Array(name)
      guard chars.count > 3 else { return name + "x" }
      let i = rng.int(1...(chars.count - 2))
      switch rng.below(3) {
      case 0: chars.remove(at: i)
      case 1: chars.insert(chars[i], at: i)
      default: chars.swapAt(i, i + 1)
      }
      return String(chars)
    default:  // c → k, s → z (phonetic respelling)
      if name.contains("c") { return name.replacingFirst("c", with: "k") }
      if name.contains("s") { return name.replacingFirst("s", with: "z") }
      return name + "_"
    }
  }

  /// "DutchMagic420" → ["Dutch", "Magic420"]; "dutch_magic" → ["dutch", "magic"].
  static func camelParts(_ name: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var previous: Character?
    for c in name {
      if c == "_" || c == "-" || c == "." {
        if !current.isEmpty { parts.append(current) }
        current = ""
      } else if c.isUppercase, let p = previous, p.isLowercase, !current.isEmpty {
        parts.append(current)
        current = String(c)
      } else {
        current.append(c)
      }
      previous = c
    }
    if !current.isEmpty { parts.append(current) }
    return parts
  }
}

extension String {
  func replacingFirst(_ target: Character, with replacement: Character) -> String {
    guard let i = firstIndex(of: target) else { return self }
    var s = self
    s.replaceSubrange(i...i, with: String(replacement))
    return s
  }
}
