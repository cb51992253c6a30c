import Foundation

@testable import VendorLink

/// The feature functions as they were before they were rewritten on bytes, kept as the
/// specification the fast versions must match (see `FeaturesByteMatchTests`).
enum ReferenceFeatures {
  /// `TextTokens.append` with a copy per word and per punctuation run.
  static func tokens(_ text: String, skipping skip: [UInt8], to out: inout [UInt64]) {
    var word: [UInt8] = []
    var punct: [UInt8] = []
    var previousWord: UInt64 = 0
    func flushWord() {
      guard !word.isEmpty else { return }
      defer { word.removeAll() }
      if word.count >= 3 && TextTokens.contains(skip, word) { return }
      let h = word.withUnsafeBufferPointer { TextTokens.fnv1a($0) }
      out.append(h)
      if previousWord != 0 { out.append(TextTokens.mix(previousWord &* 31 &+ h)) }
      previousWord = h
    }
    func flushPunct() {
      guard !punct.isEmpty else { return }
      defer { punct.removeAll() }
      if punct.count == 1 && ".,-'/".utf8.contains(punct[0]) { return }
      out.append(punct.withUnsafeBufferPointer { TextTokens.fnv1a($0, seed: 0x5054) })
    }
    for b in text.utf8 {
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

  /// `TFIDFBuilder.finish`, on one thread.
  static func tfidf(_ b: TFIDFBuilder) -> (offsets: [Int32], tokens: [UInt64], weights: [Float]) {
    let n = b.offsets.count - 1
    var df = TokenFrequencies(expected: max(1024, b.tokens.count / 8))
    for t in b.tokens { df.add(t) }
    var offsets: [Int32] = [0]
    var tokens: [UInt64] = []
    var weights: [Float] = []
    let logN = Float(log(Double(n + 1)))
    for a in 0..<n {
      let start = tokens.count
      var norm: Float = 0
      for k in Int(b.offsets[a])..<Int(b.offsets[a + 1]) {
        let d = df.count(b.tokens[k])
        if d < 2 { continue }
        let w = (1 + logf(b.termCounts[k])) * (logN - logf(Float(d + 1)) + 1)
        tokens.append(b.tokens[k])
        weights.append(w)
        norm += w * w
      }
      if norm > 0 {
        let inv = 1 / norm.squareRoot()
        for k in start..<weights.count { weights[k] *= inv }
      }
      offsets.append(Int32(tokens.count))
    }
    return (offsets, tokens, weights)
  }

  /// `ListingProducts.firstSegment` with a copy of the title and of every candidate window.
  static func firstSegment(_ title: String) -> Substring {
    let bytes = Array(title.utf8)
    var end = bytes.count
    for sep in ListingProducts.separators where sep.count <= bytes.count {
      var i = 0
      while i + sep.count <= min(end, bytes.count) {
        if bytes[i] == sep[0] && Array(bytes[i..<(i + sep.count)]) == sep {
          end = i
          break
        }
        i += 1
      }
    }
    let endIndex = title.utf8.index(title.utf8.startIndex, offsetBy: end)
    return title[title.startIndex..<endIndex]
  }

  /// `ListingProducts.asciiProductWords` with a `String` per word looked up in the set.
  static func asciiProductWords(_ segment: Substring) -> [String]? {
    var words: [String] = []
    var current: [UInt8] = []
    var hasDigit = false
    func flush() {
      if !current.isEmpty && !hasDigit && words.count < 3 {
        let w = String(decoding: current, as: UTF8.self)
        if !ListingProducts.unitWords.contains(w) { words.append(w) }
      }
      current.removeAll()
      hasDigit = false
    }
    for b in segment.utf8 {
      switch b {
      case 0x80...: return nil
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(b + 32)
      case UInt8(ascii: "a")...UInt8(ascii: "z"): current.append(b)
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        hasDigit = true
        current.append(b)
      default: flush()
      }
    }
    flush()
    return words
  }

  /// `HandleNormaliser.core` on characters.
  static func core(_ handle: String) -> String {
    let f = HandleNormaliser.folded(handle)
    var s = Substring(f)
    var changed = true
    while changed {
      changed = false
      while let last = s.last, last.isASCII, last.isNumber, s.count > 3 {
        s = s.dropLast()
        changed = true
      }
      for a in HandleNormaliser.affixes where s.count > a.count + 3 {
        if s.hasPrefix(a) {
          s = s.dropFirst(a.count)
          changed = true
        }
        if s.hasSuffix(a) {
          s = s.dropLast(a.count)
          changed = true
        }
      }
      for c in HandleNormaliser.countrySuffixes where s.count > c.count + 3 && s.hasSuffix(c) {
        s = s.dropLast(c.count)
        changed = true
      }
    }
    return s.isEmpty ? f : String(s)
  }

  /// `ProductPriceLevels.levels` and `.slopes` with a dictionary per account.
  static func priceLevels(_ accounts: [[ProductPriceLevels.Point]], productCount: Int) -> [[(
    Int32, Float
  )]] {
    let slope = priceSlopes(accounts, productCount: productCount)
    return accounts.map { points in
      var sums: [Int32: (Double, Int)] = [:]
      for p in points {
        let adjusted = Double(p.logUnitPrice) - slope[Int(p.product)] * log(Double(p.quantity))
        let s = sums[p.product, default: (0, 0)]
        sums[p.product] = (s.0 + adjusted, s.1 + 1)
      }
      return sums.map { ($0.key, Float($0.value.0 / Double($0.value.1))) }.sorted { $0.0 < $1.0 }
    }
  }

  /// The pooled within-account slope of each product (0 where no account lists two
  /// quantities of it).
  static func priceSlopes(_ accounts: [[ProductPriceLevels.Point]], productCount: Int) -> [Double] {
    var sxy = [Double](repeating: 0, count: productCount)
    var sxx = [Double](repeating: 0, count: productCount)
    for points in accounts {
      var groups: [Int32: [(Double, Double)]] = [:]
      for p in points {
        groups[p.product, default: []].append((log(Double(p.quantity)), Double(p.logUnitPrice)))
      }
      for (product, xy) in groups where xy.count >= 2 {
        let mx = xy.reduce(0) { $0 + $1.0 } / Double(xy.count)
        let my = xy.reduce(0) { $0 + $1.1 } / Double(xy.count)
        for (x, y) in xy {
          sxy[Int(product)] += (x - mx) * (y - my)
          sxx[Int(product)] += (x - mx) * (x - mx)
        }
      }
    }
    return (0..<productCount).map { p in
      sxx[p] > 1e-9
        ? min(
          ProductPriceLevels.slopeBounds.upperBound,
          max(ProductPriceLevels.slopeBounds.lowerBound, sxy[p] / sxx[p])) : 0
    }
  }
}
