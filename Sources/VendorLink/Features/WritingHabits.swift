/// Writing habits of an account as a fixed-length vector: how it punctuates, capitalises and
/// addresses the buyer, not what it sells.
///
/// Why habits and not words: an operator who opens a new account under a new name and key
/// often rewrites every text, so TF-IDF and copied sentences find nothing; what survives a
/// rewrite is what a writer does without thinking — "!!!" or " !" or none, "u" and "thx",
/// lower-case sentence starts, SHOUTING, emoji, lists made of dashes. And the reverse:
/// an impersonator who copies a profile word for word copies its habits in that profile
/// only, while its own titles and later texts are written its own way. Vocabulary shared by
/// a whole niche (slang, boilerplate, terms of service) moves these rates little.
///
/// Each feature is a rate (per word, per sentence or per letter), so long and short texts
/// compare; `AccountEvidence.habits` holds them standardised over all accounts (z-scores,
/// clipped) and L2-normalised, so that the inner product of two rows is a cosine.
public struct WritingHabits {
  /// Features per account: 16 punctuation, case and length rates, then one per marker word.
  public static let dimensions = 16 + markerWords.count

  /// Function words and chat forms whose rates mark a writer (each its own feature).
  static let markerWords: [String] = [
    "i", "we", "my", "our", "you", "your", "u", "ur", "the", "a", "and", "to", "of", "for",
    "with", "is", "are", "will", "can", "not", "no", "so", "very", "just", "pls", "plz",
    "please", "thx", "thanks", "ty", "im", "dont", "btw", "asap", "ok", "guys",
  ]
  /// `markerWords` by FNV-1a hash of the lower-case word.
  static let markerIndex: [UInt64: Int] = {
    var out: [UInt64: Int] = [:]
    for (k, w) in markerWords.enumerated() {
      var w = w
      out[w.withUTF8 { TextTokens.fnv1a($0) }] = k
    }
    return out
  }()

  // Raw counts, summed over every text of the account.
  var letters = 0
  var upper = 0
  var digits = 0
  var nonASCII = 0
  var emoji = 0
  var words = 0
  var allCapsWords = 0
  var sentences = 0
  var lowerStarts = 0
  var exclamations = 0
  var exclamationRuns = 0
  var ellipses = 0
  var questionMarks = 0
  var spaceBeforePunct = 0
  var commas = 0
  var listDashes = 0
  var unterminated = 0
  var marker = [Int](repeating: 0, count: WritingHabits.markerWords.count)

  public init() {}

  /// Adds one text (a profile, a title, a description).
  public mutating func add(_ text: String) {
    var text = text
    text.withUTF8 { add(bytes: $0) }
  }

  /// Adds one text as UTF-8 bytes.
  mutating func add(bytes b: UnsafeBufferPointer<UInt8>) {
    guard !b.isEmpty else { return }
    var k = 0
    var atSentenceStart = true
    var lastNonSpace: UInt8 = 0
    var wordStart = -1
    var wordUpper = 0
    var wordLetters = 0
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    func endWord() {
      guard wordStart >= 0 else { return }
      words += 1
      if wordLetters >= 2 && wordUpper == wordLetters { allCapsWords += 1 }
      if let m = WritingHabits.markerIndex[h] { marker[m] += 1 }
      wordStart = -1
      wordUpper = 0
      wordLetters = 0
      h = 0xcbf2_9ce4_8422_2325
    }
    while k < b.count {
      let c = b[k]
      let isUpper = c >= 65 && c <= 90
      let isLower = c >= 97 && c <= 122
      if isUpper || isLower {
        if wordStart < 0 {
          wordStart = k
          if atSentenceStart && isLower { lowerStarts += 1 }
          if atSentenceStart { sentences += 1 }
          atSentenceStart = false
        }
        letters += 1
        wordLetters += 1
        if isUpper {
          upper += 1
          wordUpper += 1
        }
        h = (h ^ UInt64(c | 0x20)) &* 0x100_0000_01b3
        lastNonSpace = c
        k += 1
        continue
      }
      endWord()
      switch c {
      case 48...57: digits += 1
      case UInt8(ascii: "!"):
        exclamations += 1
        if k + 1 < b.count && b[k + 1] == c && (k == 0 || b[k - 1] != c) { exclamationRuns += 1 }
        if k > 0 && b[k - 1] == 32 { spaceBeforePunct += 1 }
        atSentenceStart = true
      case UInt8(ascii: "?"):
        questionMarks += 1
        if k > 0 && b[k - 1] == 32 { spaceBeforePunct += 1 }
        atSentenceStart = true
      case UInt8(ascii: "."):
        if k + 2 < b.count && b[k + 1] == c && b[k + 2] == c && (k == 0 || b[k - 1] != c) {
          ellipses += 1
        }
        atSentenceStart = true
      case UInt8(ascii: ","):
        commas += 1
        if k > 0 && b[k - 1] == 32 { spaceBeforePunct += 1 }
      case UInt8(ascii: "-"), UInt8(ascii: "*"):
        if k == 0 || b[k - 1] == 10 || (lastNonSpace == 0) { listDashes += 1 }
      case 10:
        if isLetter(lastNonSpace) { unterminated += 1 }
        atSentenceStart = true
      case 0xF0...0xF4:
        emoji += 1
        nonASCII += 1
      case 0x80...:
        nonASCII += 1
      default: break
      }
      if c != 32 && c != 10 { lastNonSpace = c }
      k += 1
    }
    endWord()
    if isLetter(lastNonSpace) { unterminated += 1 }
  }

  @inline(__always) private func isLetter(_ c: UInt8) -> Bool {
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  }

  /// The raw rates (before standardisation), `dimensions` of them; nil without a word.
  public var rates: [Float]? {
    guard words > 0 else { return nil }
    let w = Float(words)
    let s = Float(max(sentences, 1))
    let l = Float(max(letters, 1))
    var out: [Float] = [
      Float(upper) / l, Float(allCapsWords) / w, Float(lowerStarts) / s, Float(digits) / l,
      Float(nonASCII) / l, Float(emoji) / s, Float(exclamations) / s, Float(exclamationRuns) / s,
      Float(ellipses) / s, Float(questionMarks) / s, Float(spaceBeforePunct) / s,
      Float(commas) / w,
    ]
    out.append(Float(listDashes) / s)
    out.append(Float(unterminated) / s)
    out.append(min(l / w, 12) / 12)
    out.append(min(w / s, 40) / 40)
    for m in marker { out.append(Float(m) / w) }
    return out
  }

  /// Standardises raw rate rows (`dimensions` columns; rows without text are all zero and
  /// stay zero) into unit-length rows: per column z-scores over the rows with text, clipped
  /// to ±3 so one odd text cannot dominate, then each row scaled to length 1.
  public static func standardised(_ raw: [Float], hasText: [Bool]) -> [Float] {
    let d = dimensions
    let n = hasText.count
    precondition(raw.count == n * d)
    var mean = [Double](repeating: 0, count: d)
    var sq = [Double](repeating: 0, count: d)
    let m = hasText.filter { $0 }.count
    guard m > 1 else { return [Float](repeating: 0, count: raw.count) }
    for i in 0..<n where hasText[i] {
      for c in 0..<d {
        let x = Double(raw[i * d + c])
        mean[c] += x
        sq[c] += x * x
      }
    }
    var sd = [Double](repeating: 0, count: d)
    for c in 0..<d {
      mean[c] /= Double(m)
      sd[c] = (sq[c] / Double(m) - mean[c] * mean[c]).squareRoot()
    }
    var out = [Float](repeating: 0, count: raw.count)
    for i in 0..<n where hasText[i] {
      var norm: Float = 0
      for c in 0..<d where sd[c] > 1e-9 {
        let z = Float(min(3, max(-3, (Double(raw[i * d + c]) - mean[c]) / sd[c])))
        out[i * d + c] = z
        norm += z * z
      }
      if norm > 0 {
        let scale = 1 / norm.squareRoot()
        for c in 0..<d { out[i * d + c] *= scale }
      }
    }
    return out
  }
}
