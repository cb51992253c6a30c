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
    var letterCase = LetterCase()
    append(text, skipping: skip, to: &out, letterCase: &letterCase)
  }

  /// `append`, also counting the text's letters into `letterCase` (letters only occur in
  /// words, so the word loop counts them: no second pass over the text).
  static func append(
    _ text: String, skipping skip: [UInt8], to out: inout [UInt64],
    letterCase: inout LetterCase
  ) {
    var upper = 0
    var letters = 0
    defer {
      letterCase.upper += upper
      letterCase.letters += letters
    }
    // Which ASCII bytes `skip` has: a word whose first byte it lacks cannot occur in it,
    // which rules most words out without searching (bit b of `skipLow` for byte b < 64, of
    // `skipHigh` for 64 + b; non-ASCII first bytes are always searched).
    var skipLow: UInt64 = 0
    var skipHigh: UInt64 = 0
    for b in skip where b < 128 {
      if b < 64 { skipLow |= 1 << UInt64(b) } else { skipHigh |= 1 << UInt64(b - 64) }
    }
    @inline(__always) func mayBeInSkip(_ b: UInt8) -> Bool {
      b >= 128 || (b < 64 ? skipLow >> UInt64(b) : skipHigh >> UInt64(b - 64)) & 1 != 0
    }
    var text = text
    // Byte classes looked up in a table (one load per byte instead of four range tests).
    let classes = byteClasses
    classes.withUnsafeBufferPointer { cls in
      text.withUTF8 { buf in
        var previousWord: UInt64 = 0
        var k = 0
        while k < buf.count {
          let start = k
          switch cls[Int(buf[k])] {
          case .space:
            k += 1
          case .word:
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            while k < buf.count, cls[Int(buf[k])] == .word {
              upper &+= buf[k] &- UInt8(ascii: "A") < 26 ? 1 : 0
              letters &+= (buf[k] | 0x20) &- UInt8(ascii: "a") < 26 ? 1 : 0
              h ^= UInt64(lowered(buf[k]))
              h &*= 0x100_0000_01b3
              k += 1
            }
            if k - start >= 3 && mayBeInSkip(lowered(buf[start]))
              && containsLowered(skip, buf, start..<k)
            {
              continue
            }
            out.append(h)
            if previousWord != 0 { out.append(mix(previousWord &* 31 &+ h)) }
            previousWord = h
          case .punctuation:
            while k < buf.count, cls[Int(buf[k])] == .punctuation { k += 1 }
            // A lone full stop, comma, hyphen, apostrophe or slash says nothing about style.
            if k - start == 1 && isQuietPunctuation(buf[start]) { continue }
            out.append(fnv1a(UnsafeBufferPointer(rebasing: buf[start..<k]), seed: 0x5054))
          }
        }
      }
    }
  }

  /// `.`, `,`, `-`, `'` and `/`: punctuation that alone is not a style token.
  @inline(__always) static func isQuietPunctuation(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "'"),
      UInt8(ascii: "/"):
      return true
    default: return false
    }
  }

  /// `byteClass` of every byte value.
  static let byteClasses: [ByteClass] = (0...255).map { byteClass(UInt8($0)) }

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

  /// Whether the lower-cased bytes `text[word]` occur in `haystack`. Called for most words of
  /// every text with the account's handle as haystack, so it compares first bytes in the
  /// array's storage before anything else (most words share no byte position with it).
  static func containsLowered(
    _ haystack: [UInt8], _ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>
  ) -> Bool {
    guard !word.isEmpty else { return true }
    guard word.count <= haystack.count else { return false }
    let first = lowered(text[word.lowerBound])
    return haystack.withUnsafeBufferPointer { h in
      for start in 0...(h.count - word.count) where h[start] == first {
        var k = 1
        while k < word.count && h[start + k] == lowered(text[word.lowerBound + k]) { k += 1 }
        if k == word.count { return true }
      }
      return false
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
      var text = text
      text.withUTF8 { count($0) }
    }

    /// Branch-free (one unsigned compare per range), which the compiler can vectorise.
    mutating func count(_ bytes: UnsafeBufferPointer<UInt8>) {
      var u = 0
      var l = 0
      for b in bytes {
        let isUpper = b &- UInt8(ascii: "A") < 26
        let isLower = b &- UInt8(ascii: "a") < 26
        u &+= isUpper ? 1 : 0
        l &+= isUpper || isLower ? 1 : 0
      }
      upper += u
      letters += l
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
      for b in 0..<(1 << bits) { sortBucket(out, start[b]..<start[b + 1]) }
    }
    a = out
  }

  /// Sorts `a[range]`, one bucket of a hash sort (`sortHashes`, `TokenCounter`): by insertion
  /// up to 32 hashes, where its quadratic cost stays below the standard sort's overhead, and
  /// by the standard sort past it (many repeats of one token share their top bits).
  static func sortBucket(_ a: UnsafeMutableBufferPointer<UInt64>, _ range: Range<Int>) {
    if range.count > 32 {
      var slice = UnsafeMutableBufferPointer(rebasing: a[range])
      slice.sort()
      return
    }
    for i in range.dropFirst() {
      let x = a[i]
      var j = i
      while j > range.lowerBound && a[j - 1] > x {
        a[j] = a[j - 1]
        j -= 1
      }
      a[j] = x
    }
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
///
/// A slot's key and count are side by side (`table[2s]`, `table[2s + 1]`): the table can be far
/// larger than the caches, and two arrays made every probe two cache misses.
struct TokenFrequencies {
  private var table: [UInt64]
  private var mask: Int
  private(set) var distinct = 0

  init(expected: Int) {
    var cap = 1024
    while cap < expected * 2 { cap <<= 1 }
    table = [UInt64](repeating: 0, count: 2 * cap)
    mask = cap - 1
  }

  /// The slot probing starts at; `mixed` is `TextTokens.mix(h)`.
  @inline(__always) private func start(_ mixed: UInt64) -> Int {
    Int(truncatingIfNeeded: mixed) & mask
  }

  mutating func add(_ h: UInt64) { add(h, mixed: TextTokens.mix(h)) }

  mutating func add(_ h: UInt64, mixed: UInt64, count: UInt64 = 1) {
    if distinct * 2 >= mask + 1 { grow() }
    var i = start(mixed)
    let mask = mask
    table.withUnsafeMutableBufferPointer { t in
      while t[2 * i + 1] != 0 && t[2 * i] != h { i = (i + 1) & mask }
      if t[2 * i + 1] == 0 {
        t[2 * i] = h
        distinct += 1
      }
      t[2 * i + 1] += count
    }
  }

  func count(_ h: UInt64) -> Int32 { count(h, mixed: TextTokens.mix(h)) }

  /// Adds the counts of `other` (tables counted over disjoint sets of documents).
  mutating func add(_ other: TokenFrequencies) {
    for s in 0...other.mask where other.table[2 * s + 1] != 0 {
      let h = other.table[2 * s]
      add(h, mixed: TextTokens.mix(h), count: other.table[2 * s + 1])
    }
  }

  func count(_ h: UInt64, mixed: UInt64) -> Int32 {
    var i = start(mixed)
    return table.withUnsafeBufferPointer { t in
      while t[2 * i + 1] != 0 {
        if t[2 * i] == h { return Int32(truncatingIfNeeded: t[2 * i + 1]) }
        i = (i + 1) & mask
      }
      return 0
    }
  }

  private mutating func grow() {
    let old = table
    table = [UInt64](repeating: 0, count: 2 * old.count)
    mask = old.count - 1
    for s in 0..<(old.count / 2) where old[2 * s + 1] != 0 {
      var i = start(TextTokens.mix(old[2 * s]))
      while table[2 * i + 1] != 0 { i = (i + 1) & mask }
      table[2 * i] = old[2 * s]
      table[2 * i + 1] = old[2 * s + 1]
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
  /// Document frequencies are `documentFrequencies` when the caller counted them (evidence
  /// loading does, per chunk of accounts, while it tokenises), otherwise counted here in one
  /// table per share of the hash space, one share a core; the weights, independent per
  /// account, in parallel chunks joined in account order (the same floats in every run).
  func finish(documentFrequencies: TokenFrequencies? = nil)
    -> (offsets: [Int32], tokens: [UInt64], weights: [Float])
  {
    let n = offsets.count - 1
    let df =
      documentFrequencies.map { ShardedFrequencies(single: $0) } ?? ShardedFrequencies(tokens)
    let logN = Float(log(Double(n + 1)))
    // logf of the small integers that term and document counts are, looked up rather than
    // computed per (account, token) pair (the same floats: the table is made by logf).
    // Document counts are at most the accounts; term counts past 64 are rare.
    let logDF = (0...(n + 1)).map { logf(Float($0)) }
    let logTF = (0..<64).map { logf(Float($0)) }
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
          let tf = termCounts[k]
          let logTFk: Float
          if tf >= 0 && tf < Float(logTF.count), let i = Int(exactly: tf) {
            logTFk = logTF[i]
          } else {
            logTFk = logf(tf)
          }
          let logDFk = Int(d) + 1 < logDF.count ? logDF[Int(d) + 1] : logf(Float(d + 1))
          let w = (1 + logTFk) * (logN - logDFk + 1)
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

  /// One table counted elsewhere.
  init(single: TokenFrequencies) {
    shards = [single]
    shift = 64
  }

  init(_ tokens: [UInt64]) {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let bits = cores <= 1 ? 0 : min(6, (cores - 1).bitWidth - (cores - 1).leadingZeroBitCount)
    shift = UInt64(64 - bits)
    let shift = self.shift
    let count = 1 << bits
    shards = parallelChunks(count: count, minimumChunk: 1) { range in
      range.map { shard in
        // Small at first and grown as needed: distinct tokens are far fewer than (account,
        // token) pairs (75k of 7.5M on gen.py 3×20k), and a table sized by the pairs is
        // mostly empty slots, each probe a cache miss. 16k keys: 512 KiB, within L2.
        var df = TokenFrequencies(expected: 1 << 14)
        for t in tokens {
          let mixed = TextTokens.mix(t)
          if Self.shard(mixed: mixed, shift) == shard { df.add(t, mixed: mixed) }
        }
        return df
      }
    }.flatMap { $0 }
  }

  /// The shard of a token: top bits of its mixed hash (none when there is one shard); the
  /// tables' slots come from the low bits, so the bits a shard shares do not crowd it.
  @inline(__always) static func shard(mixed: UInt64, _ shift: UInt64) -> Int {
    shift >= 64 ? 0 : Int(mixed >> shift)
  }

  func count(_ t: UInt64) -> Int32 {
    let mixed = TextTokens.mix(t)
    return shards[Self.shard(mixed: mixed, shift)].count(t, mixed: mixed)
  }
}
