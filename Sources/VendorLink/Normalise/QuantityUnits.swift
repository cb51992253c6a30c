/// The words ``QuantityParser`` knows, with their size in the base unit.
enum QuantityUnits {
  /// One avoirdupois ounce in grams (exact by definition: 1 lb = 453.59237 g, 1 oz = 1/16 lb).
  static let ounce = 28.349523125
  /// One avoirdupois pound in grams (exact, International yard and pound agreement 1959).
  static let pound = 453.59237

  /// Mass words → grams. Drug-market slang: "QP" is a quarter pound (≈113.4 g), "HP" half a
  /// pound (≈226.8 g; as a title word it can also be a brand, e.g. HP printers, which is why
  /// it only counts as a whole word and a title's first measure wins), a "zip" an ounce, an
  /// "eighth" an eighth of an ounce (≈3.54 g, sold as "3.5g").
  static let mass: [String: Double] = {
    var table: [String: Double] = [:]
    for word in [
      "g", "gs", "gr", "grs", "gram", "grams", "gramm", "gramme", "grammes", "gms", "gm",
    ] {
      table[word] = 1
    }
    for word in ["kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme"] {
      table[word] = 1000
    }
    for word in ["mg", "mgs", "milligram", "milligrams"] { table[word] = 0.001 }
    for word in ["ug", "µg", "μg", "mcg", "microgram", "micrograms"] { table[word] = 1e-6 }
    for word in ["oz", "ozs", "ounce", "ounces", "zip", "zips"] { table[word] = ounce }
    for word in ["lb", "lbs", "pound", "pounds", "pnd", "pnds"] { table[word] = pound }
    for word in ["qp", "qps"] { table[word] = pound / 4 }
    for word in ["hp", "hps"] { table[word] = pound / 2 }
    for word in ["eighth", "eighths"] { table[word] = ounce / 8 }
    return table
  }()

  /// Volume words → millilitres. "cc" is left out: in fraud listings it means credit card.
  static let volume: [String: Double] = {
    var table: [String: Double] = [:]
    for word in ["ml", "mls", "millilitre", "millilitres", "milliliter", "milliliters"] {
      table[word] = 1
    }
    table["cl"] = 10
    for word in ["l", "ltr", "litre", "litres", "liter", "liters"] { table[word] = 1000 }
    return table
  }()

  /// Mass words that mean one of themselves with no number before them ("QP of Kush",
  /// "OZ Blue Dream", "Kilo MDMA", "Full LB"). Not "HP": alone it was more often a brand, a
  /// hollow point or a stray "H P" than half a pound (AlphaBay 2017).
  static let standalone: Set<String> = [
    "qp", "oz", "ounce", "zip", "kilo", "eighth", "lb", "lbs",
  ]

  /// Words next to which "HP" is not half a pound: ammunition (".22LR HP" is a hollow
  /// point, seen on Agora) and computers (HP the brand).
  static let hpContext: Set<String> = [
    "lr", "acp", "mm", "cal", "caliber", "calibre", "magnum", "spl", "grain", "grn", "jhp", "ammo",
    "rounds", "laptop", "printer", "pavilion", "elitebook", "probook", "notebook", "ink", "toner",
    "compaq", "envy", "spectre", "omen", "chromebook",
  ]

  /// Words that may stand between a number and a mass word ("1 Full Gram", "a whole LB").
  static let massFillers: Set<String> = ["full", "whole", "solid", "fat", "big", "fucking"]

  /// Words for countable items. Not "amp" (Dutch/Swedish slang for amphetamine) nor "e";
  /// "amps" (ampoules: "Sustanon 250 - 100 Amps") is.
  static let countWords: Set<String> = [
    "pill", "pills", "tab", "tabs", "tablet", "tablets", "cap", "caps", "capsule", "capsules",
    "blotter", "blotters", "stamp", "stamps", "hit", "hits", "pcs", "pc", "piece", "pieces",
    "unit", "units", "drop", "drops", "seed", "seeds", "bar", "bars", "patch", "patches",
    "strip", "strips", "vial", "vials", "ampoule", "ampoules", "ampule", "ampules", "softgel",
    "softgels", "gelcap", "gelcaps", "lozenge", "lozenges", "round", "rounds", "dose", "doses",
    "bean", "beans", "joint", "joints", "pack", "packs", "pk", "pks", "ct", "stck", "stk",
    "samen", "tb", "tbl", "tabl", "tablete", "count", "preroll", "prerolls", "cart", "carts",
    "cartridge", "cartridges", "box", "boxes", "blister", "blisters", "bottle", "bottles",
    "gummy", "gummies", "brownie", "brownies", "sheet", "sheets", "pieces",
    "ampul", "ampuls", "kpl", "pen", "pens", "amps", "boxs",
  ]

  /// Short words that are not imprint prefixes when a number follows ("pack of 5", "150 to
  /// 170 ug", "20 by 0.001 g", "US 2 US").
  static let shortWords: Set<String> = [
    "a", "an", "of", "by", "to", "in", "at", "or", "on", "up", "is", "it", "we", "us", "my",
    "me", "be", "do", "go", "so", "if", "as", "am", "i", "&", "eu", "uk", "nl", "de", "ca", "au",
    "fr", "es", "it", "se", "ch", "for", "and", "no",
  ]

  /// Words that make a number a price, not a quantity ("2000CHF", "40 usd").
  static let currencyWords: Set<String> = [
    "usd", "eur", "euro", "euros", "btc", "chf", "aud", "cad", "gbp", "dollar", "dollars",
    "bucks", "sek", "nok", "dkk", "pln", "bits", "mbtc",
  ]

  /// Number words used in titles ("one pill", "half oz", "an eighth", "quarter pound").
  static let numberWords: [String: Double] = [
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "dozen": 12, "twenty": 20,
    "fifty": 50, "hundred": 100, "half": 0.5, "quarter": 0.25,
  ]

  /// Largest believable total: one tonne, 10 million items. Bigger numbers in titles are
  /// serials, phone numbers or jokes, not quantities.
  static let maxGrams = 1_000_000.0
  static let maxCount = 10_000_000.0

  /// Everything known about each word, looked up once per word while tokenizing (the
  /// parser asks several questions per position; one hash lookup instead of eight).
  static let words: [String: QuantityWord] = {
    var table: [String: QuantityWord] = [:]
    func update(_ word: String, _ change: (inout QuantityWord) -> Void) {
      var entry = table[word] ?? QuantityWord()
      change(&entry)
      table[word] = entry
    }
    for (word, grams) in mass { update(word) { $0.grams = grams } }
    for (word, ml) in volume { update(word) { $0.milliliters = ml } }
    for word in standalone { update(word) { $0.isStandalone = true } }
    for word in countWords { update(word) { $0.isCount = true } }
    for word in currencyWords { update(word) { $0.isCurrency = true } }
    for (word, value) in numberWords { update(word) { $0.number = value } }
    for word in massFillers { update(word) { $0.isMassFiller = true } }
    for word in hpContext { update(word) { $0.isHPContext = true } }
    QuantityLexicon.annotate(&table)
    let names: [String: QuantityWord.Name] = [
      "hp": .hp, "th": .th, "to": .to, "qty": .qty, "a": .article, "an": .article, "no": .no,
      "per": .per, "of": .of, "or": .or, "fl": .fl, "troy": .troy, "each": .each, "ea": .each,
    ]
    for (word, name) in names { update(word) { $0.name = name } }
    return table
  }()

  static func word(_ text: String) -> QuantityWord { words[text] ?? QuantityWord() }
}

/// What ``QuantityUnits`` knows about a word of a title. Plain values only (no text), so
/// tokens copy without reference counting: the parser looks at each position several times.
struct QuantityWord: Equatable {
  var grams: Double?
  var milliliters: Double?
  var number: Double?
  var isStandalone = false
  var isCount = false
  var isCurrency = false
  var isMassFiller = false
  var isHPContext = false
  /// A one- or two-letter word that may start an imprint (set by the tokenizer).
  var isImprintPrefix = false
  /// One or two non-ASCII letters standing alone: mis-decoded punctuation.
  var isDecoration = false
  /// The dosage form the word names ("tabs" → pill, "blotter", "cart"), if any.
  var form: QuantityForm?
  /// The product the word names (an index into `QuantityLexicon.productNames`; 0: none).
  var product: UInt8 = 0
  /// What else the word says about the listing (see `QuantityTraits`).
  var traits: QuantityTraits = []
  /// The few words the parser asks about by name.
  var name: Name = .other

  enum Name: Equatable { case other, hp, th, to, qty, article, no, per, of, or, fl, troy, each }

  /// "pack", "box", "strip": "10 packs of 14" counts 140.
  var isPackWord: Bool { traits.contains(.package) || traits.contains(.pack) }

  /// The name of a pharmaceutical sold as pills ("Oxycontin", "Xanax"): a bare number after
  /// it is a strength.
  var isPillBrand: Bool {
    guard product != 0, !traits.contains(.weakProduct) else { return false }
    return QuantityLexicon.pillProducts.contains(QuantityLexicon.productNames[Int(product)])
  }

  /// A descriptive word: not a unit, currency or number word.
  var isPlain: Bool { grams == nil && milliliters == nil && !isCurrency && number == nil }
}
