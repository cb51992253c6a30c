import Foundation

/// Tokenises vendor text into 64-bit token hashes: lower-cased words, runs of expressive
/// punctuation (`!!`, `:)`, `<3`, `***`: writing style survives renames), and word bigrams
/// (phrases such as a vendor's stock claims are more telling than their words).
enum TextTokens {
  /// FNV-1a, 64-bit: fast, stable across runs and platforms (Swift's `Hasher` is seeded per
  /// process, which would make stored evidence hashes useless).
  @inline(__always) static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0)
    -> UInt64
  {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
    for b in bytes {
      h ^= UInt64(b)
      h &*= 0x100_0000_01b3
    }
    return h
  }

  /// A strong 64-bit mix (splitmix64's finaliser) used to combine hashes.
  @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9e37_79b9_7f4a_7c15
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }

  /// Appends the tokens of `text` to `out`. Words equal to a part of `skip` (the account's
  /// own handle, lower-cased) are dropped so that text similarity does not double-count the
  /// name comparison.
  static func append(_ text: String, skipping skip: [UInt8], to out: inout [UInt64]) {
    var text = text
    text.withUTF8 { buf in
      var word: [UInt8] = []
      word.reserveCapacity(32)
      var punct: [UInt8] = []
      var previousWord: UInt64 = 0
      func flushWord() {
        guard !word.isEmpty else { return }
        defer { word.removeAll(keepingCapacity: true) }
        if word.count >= 3 && contains(skip, word) { return }
        let h = word.withUnsafeBufferPointer { fnv1a($0) }
        out.append(h)
        if previousWord != 0 { out.append(mix(previousWord &* 31 &+ h)) }
        previousWord = h
      }
      func flushPunct() {
        guard !punct.isEmpty else { return }
        defer { punct.removeAll(keepingCapacity: true) }
        // A lone full stop, comma, hyphen or apostrophe says nothing about style.
        if punct.count == 1 && ".,-'/".utf8.contains(punct[0]) { return }
        out.append(punct.withUnsafeBufferPointer { fnv1a($0, seed: 0x5054) })
      }
      for b in buf {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
          flushPunct()
          word.append(b + 32)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...:
          flushPunct()
          word.append(b)
        case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
          flushWord()
          flushPunct()
        default:
          flushWord()
          punct.append(b)
        }
      }
      flushWord()
      flushPunct()
    }
  }

  /// Capitalisation as a style token: lower-casing words (so that `STEALTH` meets `stealth`)
  /// loses how a vendor writes, and some write everything in capitals. Counts the ASCII
  /// letters of one or several texts (an account's titles); `token` is one token when at
  /// least 30 % of them are capitals ("mixed", or "capitals" from 70 %), none for ordinary
  /// text, so the usual case adds nothing to every cosine. 30 %: sentence-case prose with
  /// handles and acronyms stays under 15 %.
  struct LetterCase {
    var upper = 0
    var letters = 0

    mutating func count(_ text: String) {
      for b in text.utf8 {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
          upper += 1
          letters += 1
        case UInt8(ascii: "a")...UInt8(ascii: "z"): letters += 1
        default: break
        }
      }
    }

    /// The style token for texts of kind `kind` (profile, titles), or nil.
    func token(kind: UInt64) -> UInt64? {
      guard letters >= 20 else { return nil }
      let share = Double(upper) / Double(letters)
      if share >= 0.7 { return mix(0x4341_5053 &+ kind) }  // "CAPS"
      if share >= 0.3 { return mix(0x4D49_5845 &+ kind) }  // "MIXE"
      return nil
    }
  }

  /// Appends the capitalisation token of one text (see `LetterCase`), if any.
  static func appendCapitalisation(_ text: String, kind: UInt64, to out: inout [UInt64]) {
    var letterCase = LetterCase()
    letterCase.count(text)
    if let t = letterCase.token(kind: kind) { out.append(t) }
  }

  /// Whether `needle` occurs in `haystack`.
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    if needle.isEmpty { return true }
    for start in 0...(haystack.count - needle.count) {
      var ok = true
      for k in 0..<needle.count where haystack[start + k] != needle[k] {
        ok = false
        break
      }
      if ok { return true }
    }
    return false
  }
}

/// Document frequencies of 64-bit token hashes, in an open-addressing table (a slot is free
/// while its count is 0, so every hash value, 0 included, is a valid key): the corpus has
/// millions of (account, token) pairs, and a Swift `Dictionary` costs several times more per
/// insertion.
struct TokenFrequencies {
  private var slots: [UInt64]
  private var counts: [Int32]
  private var mask: Int
  private(set) var distinct = 0

  init(expected: Int) {
    var cap = 1024
    while cap < expected * 2 { cap <<= 1 }
    slots = [UInt64](repeating: 0, count: cap)
    counts = [Int32](repeating: 0, count: cap)
    mask = cap - 1
  }

  mutating func add(_ h: UInt64) {
    if distinct * 2 >= slots.count { grow() }
    let k = h
    var i = Int(truncatingIfNeeded: TextTokens.mix(k)) & mask
    while true {
      if counts[i] != 0 && slots[i] == k {
        counts[i] += 1
        return
      }
      if counts[i] == 0 {
        slots[i] = k
        counts[i] = 1
        distinct += 1
        return
      }
      i = (i + 1) & mask
    }
  }

  func count(_ h: UInt64) -> Int32 {
    let k = h
    var i = Int(truncatingIfNeeded: TextTokens.mix(k)) & mask
    while counts[i] != 0 {
      if slots[i] == k { return counts[i] }
      i = (i + 1) & mask
    }
    return 0
  }

  private mutating func grow() {
    let oldSlots = slots
    let oldCounts = counts
    slots = [UInt64](repeating: 0, count: oldSlots.count * 2)
    counts = [Int32](repeating: 0, count: oldSlots.count * 2)
    mask = slots.count - 1
    distinct = 0
    for (k, c) in zip(oldSlots, oldCounts) where c != 0 {
      var i = Int(truncatingIfNeeded: TextTokens.mix(k)) & mask
      while counts[i] != 0 { i = (i + 1) & mask }
      slots[i] = k
      counts[i] = c
      distinct += 1
    }
  }
}

/// Builds per-account sparse TF-IDF vectors from raw token streams.
struct TFIDFBuilder {
  var offsets: [Int32] = [0]
  var tokens: [UInt64] = []
  var termCounts: [Float] = []

  /// Adds one account's tokens (any order, repeats counted as term frequency).
  mutating func add(_ raw: inout [UInt64]) {
    raw.sort()
    var i = 0
    while i < raw.count {
      var j = i + 1
      while j < raw.count && raw[j] == raw[i] { j += 1 }
      tokens.append(raw[i])
      termCounts.append(Float(j - i))
      i = j
    }
    offsets.append(Int32(tokens.count))
  }

  /// Sublinear TF (1 + ln tf) times smoothed IDF (ln((N+1)/(df+1)) + 1, scikit-learn's
  /// default), L2-normalised per account, so that a dot product is a cosine. Tokens seen in
  /// one account only are dropped: they cannot make two accounts alike and they dominate
  /// memory.
  func finish() -> (offsets: [Int32], tokens: [UInt64], weights: [Float]) {
    let n = offsets.count - 1
    var df = TokenFrequencies(expected: max(1024, tokens.count / 8))
    for t in tokens { df.add(t) }
    var outOffsets: [Int32] = [0]
    outOffsets.reserveCapacity(offsets.count)
    var outTokens: [UInt64] = []
    var outWeights: [Float] = []
    outTokens.reserveCapacity(tokens.count)
    outWeights.reserveCapacity(tokens.count)
    let logN = Float(log(Double(n + 1)))
    for a in 0..<n {
      let start = outTokens.count
      var norm: Float = 0
      for k in Int(offsets[a])..<Int(offsets[a + 1]) {
        let d = df.count(tokens[k])
        if d < 2 { continue }
        let w = (1 + logf(termCounts[k])) * (logN - logf(Float(d + 1)) + 1)
        outTokens.append(tokens[k])
        outWeights.append(w)
        norm += w * w
      }
      if norm > 0 {
        let inv = 1 / norm.squareRoot()
        for k in start..<outWeights.count { outWeights[k] *= inv }
      }
      outOffsets.append(Int32(outTokens.count))
    }
    return (outOffsets, outTokens, outWeights)
  }
}
