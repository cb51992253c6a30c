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
  ///
  /// Words (letters, digits, non-ASCII bytes) and punctuation runs are maximal runs of the
  /// text's bytes, hashed where they lie: no copy per word (the tokeniser reads every
  /// profile, title and description of the crawl).
  static func append(_ text: String, skipping skip: [UInt8], to out: inout [UInt64]) {
    var text = text
    text.withUTF8 { buf in
      var previousWord: UInt64 = 0
      var k = 0
      while k < buf.count {
        let start = k
        switch byteClass(buf[k]) {
        case .space:
          k += 1
        case .word:
          var h: UInt64 = 0xcbf2_9ce4_8422_2325
          while k < buf.count, byteClass(buf[k]) == .word {
            h ^= UInt64(lowered(buf[k]))
            h &*= 0x100_0000_01b3
            k += 1
          }
          if k - start >= 3 && containsLowered(skip, buf, start..<k) { continue }
          out.append(h)
          if previousWord != 0 { out.append(mix(previousWord &* 31 &+ h)) }
          previousWord = h
        case .punctuation:
          while k < buf.count, byteClass(buf[k]) == .punctuation { k += 1 }
          // A lone full stop, comma, hyphen or apostrophe says nothing about style.
          if k - start == 1 && ".,-'/".utf8.contains(buf[start]) { continue }
          out.append(fnv1a(UnsafeBufferPointer(rebasing: buf[start..<k]), seed: 0x5054))
        }
      }
    }
  }

  enum ByteClass { case word, space, punctuation }

  /// Letters, digits and every byte of a non-ASCII character make words; blanks separate;
  /// anything else is punctuation.
  @inline(__always) static func byteClass(_ b: UInt8) -> ByteClass {
    switch b {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...:
      return .word
    case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
      return .space
    default: return .punctuation
    }
  }

  /// ASCII capitals lower-cased, every other byte as it is.
  @inline(__always) static func lowered(_ b: UInt8) -> UInt8 {
    b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
  }

  /// Whether the lower-cased bytes `text[word]` occur in `haystack`.
  static func containsLowered(
    _ haystack: [UInt8], _ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>
  ) -> Bool {
    guard word.count <= haystack.count else { return false }
    for start in 0...(haystack.count - word.count) {
      var ok = true
      for k in word.indices where haystack[start + k - word.lowerBound] != lowered(text[k]) {
        ok = false
        break
      }
      if ok { return true }
    }
    return false
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
      var text = text
      text.withUTF8 { count($0) }
    }

    mutating func count(_ bytes: UnsafeBufferPointer<UInt8>) {
      for b in bytes {
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

  /// Sorts token hashes ascending, several times faster than the standard sort on an
  /// account's thousands of tokens: hashes are uniform, so one counting pass on their top
  /// bits splits them into buckets of about 8, each then sorted by insertion (or by the
  /// standard sort when one is large: many repeats of one token).
  static func sortHashes(_ a: inout [UInt64]) {
    // Below 256 hashes a counting pass does not pay: the standard sort is as fast.
    guard a.count >= 256 else { return a.sort() }
    // 2^bits buckets, about 8 hashes each, at most 65536 (a counting array that fits in L2).
    let bits = min(16, (a.count / 8).bitWidth - (a.count / 8).leadingZeroBitCount)
    let shift = UInt64(64 - bits)
    var start = [Int](repeating: 0, count: (1 << bits) + 1)
    for x in a { start[Int(x >> shift) + 1] += 1 }
    for b in 0..<(1 << bits) { start[b + 1] += start[b] }
    var next = start
    var out = [UInt64](repeating: 0, count: a.count)
    for x in a {
      out[next[Int(x >> shift)]] = x
      next[Int(x >> shift)] += 1
    }
    out.withUnsafeMutableBufferPointer { out in
      for b in 0..<(1 << bits) {
        let bucket = start[b]..<start[b + 1]
        // 32: insertion sort's quadratic cost stays below the standard sort's overhead.
        if bucket.count > 32 {
          var slice = UnsafeMutableBufferPointer(rebasing: out[bucket])
          slice.sort()
          continue
        }
        for i in bucket.dropFirst() {
          let x = out[i]
          var j = i
          while j > bucket.lowerBound && out[j - 1] > x {
            out[j] = out[j - 1]
            j -= 1
          }
          out[j] = x
        }
      }
    }
    a = out
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
    let terms = Self.termCounts(sorted: raw)
    add(tokens: terms.tokens, counts: terms.counts)
  }

  /// Adds one account's distinct tokens, ascending, with their term counts.
  mutating func add(tokens distinct: [UInt64], counts: [Float]) {
    tokens.append(contentsOf: distinct)
    termCounts.append(contentsOf: counts)
    offsets.append(Int32(tokens.count))
  }

  /// The distinct tokens of a sorted token list and how often each occurs.
  static func termCounts(sorted raw: [UInt64]) -> (tokens: [UInt64], counts: [Float]) {
    var tokens: [UInt64] = []
    var counts: [Float] = []
    var i = 0
    while i < raw.count {
      var j = i + 1
      while j < raw.count && raw[j] == raw[i] { j += 1 }
      tokens.append(raw[i])
      counts.append(Float(j - i))
      i = j
    }
    return (tokens, counts)
  }

  /// Sublinear TF (1 + ln tf) times smoothed IDF (ln((N+1)/(df+1)) + 1, scikit-learn's
  /// default), L2-normalised per account, so that a dot product is a cosine. Tokens seen in
  /// one account only are dropped: they cannot make two accounts alike and they dominate
  /// memory.
  ///
  /// Document frequencies are counted in one table per share of the hash space, one share a
  /// core; the weights, independent per account, in parallel chunks joined in account order
  /// (the same floats in every run).
  func finish() -> (offsets: [Int32], tokens: [UInt64], weights: [Float]) {
    let n = offsets.count - 1
    let df = ShardedFrequencies(tokens)
    let logN = Float(log(Double(n + 1)))
    let parts = parallelChunks(count: n) { accounts in
      var out = (counts: [Int32](), tokens: [UInt64](), weights: [Float]())
      let most = Int(offsets[accounts.upperBound] - offsets[accounts.lowerBound])
      out.tokens.reserveCapacity(most)
      out.weights.reserveCapacity(most)
      for a in accounts {
        let start = out.tokens.count
        var norm: Float = 0
        for k in Int(offsets[a])..<Int(offsets[a + 1]) {
          let d = df.count(tokens[k])
          if d < 2 { continue }
          let w = (1 + logf(termCounts[k])) * (logN - logf(Float(d + 1)) + 1)
          out.tokens.append(tokens[k])
          out.weights.append(w)
          norm += w * w
        }
        if norm > 0 {
          let inv = 1 / norm.squareRoot()
          for k in start..<out.weights.count { out.weights[k] *= inv }
        }
        out.counts.append(Int32(out.tokens.count - start))
      }
      return out
    }
    var outOffsets: [Int32] = [0]
    outOffsets.reserveCapacity(offsets.count)
    var partStart = [0]
    for part in parts {
      for c in part.counts { outOffsets.append(outOffsets.last! + c) }
      partStart.append(partStart.last! + part.tokens.count)
    }
    let outTokens = concatenatedInParallel(parts.map { $0.tokens }, starts: partStart)
    let outWeights = concatenatedInParallel(parts.map { $0.weights }, starts: partStart)
    return (outOffsets, outTokens, outWeights)
  }
}

/// `TokenFrequencies` split by the top bits of the mixed hash into one table per core, each
/// filled by its own thread: counting the corpus's millions of (account, token) pairs was
/// the largest single-threaded step of evidence loading.
struct ShardedFrequencies {
  private var shards: [TokenFrequencies]
  private let shift: UInt64

  init(_ tokens: [UInt64]) {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let bits = cores <= 1 ? 0 : min(6, (cores - 1).bitWidth - (cores - 1).leadingZeroBitCount)
    shift = UInt64(64 - bits)
    let shift = self.shift
    let count = 1 << bits
    shards = parallelChunks(count: count, minimumChunk: 1) { range in
      range.map { shard in
        var df = TokenFrequencies(expected: max(1024, tokens.count / 8 / count))
        for t in tokens where Self.shard(t, shift) == shard { df.add(t) }
        return df
      }
    }.flatMap { $0 }
  }

  /// The shard of a token: top bits of its mixed hash (none when there is one shard).
  @inline(__always) static func shard(_ t: UInt64, _ shift: UInt64) -> Int {
    shift >= 64 ? 0 : Int(TextTokens.mix(t) >> shift)
  }

  func count(_ t: UInt64) -> Int32 { shards[Self.shard(t, shift)].count(t) }
}
