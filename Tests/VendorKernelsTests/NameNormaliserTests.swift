import Testing

@testable import VendorKernels

@Suite struct NameNormaliserTests {
  @Test(arguments: [
    ("Little_Shop", "littleshop"),
    ("little-shop", "littleshop"),
    ("L1ttle.Sh0p", "littleshop"),
    ("h3ll0w0rld", "helloworld"),
    ("shop420", "shop"),
    ("DarkKing_88", "darkking"),
    ("4ever", "aever"),
    ("b@d $tuff!", "badstuffi"),
    ("Crystal Lab 2021", "crystallab"),
    ("  ", ""),
    ("", ""),
    ("MÜLLER~shop", "müllershop"),
    ("東京 Store", "東京store"),
    ("🙂smile🙂", "smile"),
    ("420", ""),
  ])
  func standardNormalisation(input: String, expected: String) {
    #expect(NameNormaliser().normalise(input) == expected)
  }

  static let stepCases: [(NameNormaliser.Options, String, String)] = [
    (.lowercase, "L1ttle.Sh0p", "l1ttle.sh0p"),
    ([.lowercase, .dropSeparators], "L1ttle.Sh0p_7", "l1ttlesh0p7"),
    ([.unleet], "L1ttle.Sh0p7", "Little.Shop7"),
    ([.dropDigits], "a1b2", "ab"),
    ([], "A_1", "A_1"),
  ]

  @Test(arguments: stepCases)
  func eachStepAlone(options: NameNormaliser.Options, input: String, expected: String) {
    #expect(NameNormaliser(options: options).normalise(input) == expected)
  }

  @Test func idempotent() {
    var rng = SplitMix64(seed: 31)
    let alphabet = Array("aB3_ 0-x7@!$É漢🙂")
    let n = NameNormaliser()
    for _ in 0..<300 {
      let s = rng.string(from: alphabet, maxLength: 15)
      #expect(n.normalise(n.normalise(s)) == n.normalise(s), "\(s)")
    }
  }
}
