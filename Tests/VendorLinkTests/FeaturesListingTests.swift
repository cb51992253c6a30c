import Testing

@testable import VendorLink

@Suite struct FeaturesListingTests {
  @Test(
    arguments: [
      ("10g Cocaine 85% - free shipping EU", nil, "cocaine"),
      ("100x MDMA pills - stealth", nil, "mdma pills"),
      ("3.5g Cannabis OG Kush - FE only", nil, "cannabis og kush"),
      ("1x Fake passport scan", nil, "fake passport scan"),
      // Market-independent: the category (each market's own taxonomy) is left out...
      ("LSD tabs 150ug | next day", "Drugs/Psychedelics", "lsd tabs"),
      // ...unless the title names nothing.
      ("100 % 50", "Drugs/Psychedelics", "drugs/psychedelics"),
      ("100 % 50", nil, nil),
    ] as [(String, String?, String?)])
  func productKey(_ title: String, _ category: String?, _ expected: String?) {
    #expect(ListingProducts.key(title: title, category: category) == expected)
  }

  @Test func quantities() {
    #expect(ListingProducts.leadingQuantity("3.5g Speed")! == (3.5, "g"))
    #expect(ListingProducts.leadingQuantity("2 kg weed")! == (2000, "g"))
    #expect(ListingProducts.leadingQuantity("100x Xanax")! == (100, "x"))
    #expect(ListingProducts.leadingQuantity("Speed 3.5g") == nil)
    #expect(ListingProducts.leadingQuantity("5 euros") == nil)
    #expect(ListingProducts.leadingQuantity("0g x") == nil)
  }

  @Test(
    arguments: [
      ("2019-06-01", 18048), ("1970-01-01", 0), ("2000-03-01T12:00:00Z", 11017),
      ("2019-13-01", nil),
      ("junk", nil),
    ] as [(String, Int32?)])
  func days(_ s: String, _ expected: Int32?) { #expect(Days.parse(s) == expected) }

  /// The byte-level path for ASCII titles must find the same first three product words as
  /// the Character-level path, on random ASCII segments (letters, digits, unit words,
  /// punctuation, spaces).
  @Test func asciiFastPathMatchesTheGeneralPath() {
    var rng = SplitMix64(seed: 99)
    let pieces = [
      "g", "G", "x", "mg", "Speed", "MDMA", "kush", "2C-B", "3.5", "100", "85%", "A", "b", " ",
      " ", "-", ".", "/", "(", ")", "!", "#4", "oz", "pack", "Pills", "lsd",
    ]
    for _ in 0..<2000 {
      let s = (0..<rng.int(12)).map { _ in rng.pick(pieces) }.joined(
        separator: rng.int(3) == 0 ? "" : " ")
      let seg = Substring(s)
      #expect(
        ListingProducts.asciiProductWords(seg).map { Array($0.prefix(3)) }
          == Array(ListingProducts.productWords(seg).prefix(3)), "\(s)")
    }
    #expect(ListingProducts.asciiProductWords("Café crème") == nil)
  }
}
