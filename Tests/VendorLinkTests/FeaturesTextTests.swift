import Testing

@testable import VendorLink

@Suite struct FeaturesTextTests {
  @Test(
    arguments: [
      ("welcome to our shop, we ship worldwide from the netherlands", 0),
      ("Welcome to Our Shop. We Ship from NL to EU, Fast and Stealthy", 0),
      ("WELCOME TO OUR SHOP, WE SHIP WORLDWIDE FROM THE NETHERLANDS", 1),
      ("WELCOME to OUR shop, WE ship WORLDWIDE from THE netherlands", 2),
      ("SHORT TEXT", 0),
    ] as [(String, Int)])
  func capitalisationStyleToken(_ text: String, _ expected: Int) {
    var tokens: [UInt64] = []
    TextTokens.appendCapitalisation(text, kind: 1, to: &tokens)
    let caps = TextTokens.mix(0x4341_5053 &+ 1)
    let mixed = TextTokens.mix(0x4D49_5845 &+ 1)
    #expect(tokens == [[], [caps], [mixed]][expected])
  }

  @Test func tokenFrequenciesMatchADictionary() {
    var rng = SplitMix64(seed: 11)
    var table = TokenFrequencies(expected: 16)
    var reference: [UInt64: Int32] = [:]
    for _ in 0..<20_000 {
      // Small key space so that keys repeat; 0 is a legal token hash too.
      let k = rng.next() % 3000
      table.add(k)
      reference[k, default: 0] += 1
    }
    for (k, v) in reference { #expect(table.count(k) == v) }
    #expect(table.count(999_999) == 0)
  }

  @Test func handleWordsAreSkippedAndStyleKept() {
    var a: [UInt64] = []
    var b: [UInt64] = []
    TextTokens.append("Welcome to DutchMagic !! fast", skipping: Array("dutchmagic".utf8), to: &a)
    TextTokens.append("Welcome to GreenKing !! fast", skipping: Array("greenking".utf8), to: &b)
    #expect(a == b)
    var c: [UInt64] = []
    TextTokens.append("Welcome to GreenKing :) fast", skipping: Array("greenking".utf8), to: &c)
    #expect(c != b)
  }

  @Test func tfidfVectorsAreUnitLengthAndSharedWordsMatter() {
    var builder = TFIDFBuilder()
    let texts = [
      "vacuum sealed stealth shipping from NL", "vacuum sealed stealth shipping from DE",
      "best coke in town call now", "cheap weed in town",
    ]
    for t in texts {
      var toks: [UInt64] = []
      TextTokens.append(t, skipping: [], to: &toks)
      builder.add(&toks)
    }
    let v = builder.finish()
    var e = AccountEvidence()
    e.textOffsets = v.offsets
    e.textTokens = v.tokens
    e.textWeights = v.weights
    let cmp = PairComparer(e)
    for i in 0..<texts.count {
      let r = e.textRange(of: i)
      let norm = r.map { e.textWeights[$0] * e.textWeights[$0] }.reduce(0, +)
      #expect(abs(norm - 1) < 1e-4)
    }
    #expect(cmp.cosine(0, 1)! > 0.8)
    #expect(cmp.cosine(0, 2)! < 0.01)
    #expect(cmp.cosine(2, 3)! > 0.1)
  }
}
