import Testing

@testable import VendorLink

@Suite struct FeaturesHandleTests {
  @Test(arguments: [
    ("DutchMagic", "dutchmagic"),
    ("Dutch_Magic", "dutchmagic"),
    ("D-u.t c h", "dutch"),
    ("M4gicDr4gon", "magicdragon"),
    ("DutchMagic420", "dutchmagic420"),
    ("0ldSch00l", "0ldschool"),
    ("", ""),
  ])
  func folded(_ raw: String, _ expected: String) {
    #expect(HandleNormaliser.folded(raw) == expected)
  }

  @Test(arguments: [
    ("DutchMagic", "dutchmagic"),
    ("TheDutchMagic_official", "dutchmagic"),
    ("DutchMagicNL", "dutchmagic"),
    ("dutch_magic_420", "dutchmagic"),
    ("RealDutchMagic_backup2", "dutchmagic"),
    ("shop", "shop"),
    ("the", "the"),
  ])
  func core(_ raw: String, _ expected: String) {
    #expect(HandleNormaliser.core(raw) == expected)
  }

  /// Reference values from Winkler (1990) as used by Splink and rapidfuzz.
  @Test(arguments: [
    ("MARTHA", "MARHTA", 0.961), ("DWAYNE", "DUANE", 0.840), ("DIXON", "DICKSONX", 0.813),
    ("abc", "abc", 1.0), ("abc", "xyz", 0.0),
  ])
  func jaroWinkler(_ a: String, _ b: String, _ expected: Double) {
    let jw = StringSimilarity.jaroWinkler(Array(a.utf8), Array(b.utf8))
    #expect(abs(jw - expected) < 0.001)
  }

  @Test func similaritiesAreSymmetricAndBounded() {
    var rng = SplitMix64(seed: 7)
    let alphabet = Array("abcde_1".utf8)
    for _ in 0..<500 {
      let a = (0..<rng.int(9)).map { _ in rng.pick(alphabet) }
      let b = (0..<rng.int(9)).map { _ in rng.pick(alphabet) }
      let jw = StringSimilarity.jaroWinkler(a, b)
      let jwBack = StringSimilarity.jaroWinkler(b, a)
      #expect(jw >= 0 && jw <= 1)
      #expect(abs(jw - jwBack) < 1e-12)
      let r = StringSimilarity.indelRatio(a, b)
      #expect(abs(r - StringSimilarity.indelRatio(b, a)) < 1e-12)
      #expect((r == 1) == (a == b))
    }
  }
}
