import Testing

@testable import VendorLink

/// The titles issue 16 quotes (real Hansa and AlphaBay listings misread before) and the
/// shapes it names, read by `QuantityReader`.
@Suite struct QuantityReaderTests {
  typealias Row = (
    title: String, units: Int?, dose: Double?, total: Double?, form: QuantityForm?,
    kind: ListingQuantity.Kind
  )
  static let ug = 1e-6
  static let mg = 1e-3

  static let table: [Row] = [
    ("500 ★★ LSD BLOTTERS 100 UG", 500, 100 * ug, 0.05, .blotter, .drug),
    ("0.22ug PVDF Filter Wheel Kit", nil, nil, nil, nil, .nonDrug),
    ("TEVA Fentanyl Transdermal Gel Patch 100mcg", nil, 100 * ug, nil, .patch, .drug),
    ("Norspan 15 micrograms per hour", nil, nil, nil, .pill, .drug),
    ("Fentanyl patch 100mcg/hr x 5", 5, nil, nil, .patch, .drug),
    ("Scales G-20 Portable MilliGram Scale, 20 by 0.001 G", nil, nil, nil, nil, .nonDrug),
    ("XTC - 10000 - WHITE - TURTLES - 240 MG", 10000, 240 * mg, 2400, .pill, .drug),
    ("250 Tesla 220mg Ecstasy Pills", 250, 220 * mg, 55, .pill, .drug),
    ("5 Honey Vape Cartridges 500mg", 5, 500 * mg, 2.5, .cart, .drug),
    ("THC Suckers 10mg each 60x", 60, 10 * mg, 0.6, .edible, .drug),
    ("Xanax 2mg (G 372 2) x 100", 100, 2 * mg, 0.2, .pill, .drug),
    ("Xanax 2mg G 372 2 White Bars", nil, 2 * mg, nil, .pill, .drug),
    ("LEAKED DATABSE WOW - UPDATED 2017", nil, nil, nil, nil, .nonDrug),
    ("5+1FREE Amnesia Haze feminized SEEDS", 6, nil, nil, .seed, .drug),
    ("100 x 0.25mg Halcion", 100, 0.25 * mg, 0.025, .pill, .drug),
    ("3x200ug LSD", 3, 200 * ug, 600 * ug, .blotter, .drug),
    ("1-20x Blue Punisher 250mg", nil, 250 * mg, nil, nil, .drug),
    ("AK-47 1/2 oz", nil, nil, 28.349523125 / 2, .bulk, .drug),
    ("OG 18 7g", nil, nil, 7, .bulk, .drug),
    ("Distillate 46.5 % THC 1g cart", nil, 1, nil, .cart, .drug),
    ("Fentanyl solution .025MG/ML 10ml", nil, nil, 10, .bulk, .drug),
    ("24/7 support, 1g Cocaine", nil, nil, 1, .bulk, .drug),
    ("M30 x 10", 10, nil, nil, nil, .unknown),
    ("16 fl oz promethazine syrup", nil, 16 * 29.5735295625, nil, .bottle, .drug),
    ("16oz. (480ml) GHB", nil, nil, 480, .bulk, .drug),
    ("1 ounce of silver", nil, nil, 31.1034768, .bulk, .nonDrug),
    ("1G/2G/3.5G/7G/14G/28G White MDMA", nil, nil, nil, nil, .drug),
    ("PARTYPACK - 1G - METHBLUE + 1BOTTLE - XANAX", nil, nil, nil, nil, .drug),
    ("1 QP Kush + 1 FREE Gummy pack", nil, nil, 453.59237 / 4, .bulk, .drug),
    ("KSALOL XANAX 1mg *5x BOX*", 5, 1 * mg, nil, .pill, .drug),
    ("PERCOCET 5mg/325mg X 50 Pills", 50, 5 * mg, 0.25, .pill, .drug),
    ("Bromazepam, 6mg/tab, 50 tabs - $85", 50, 6 * mg, 0.3, .pill, .drug),
    ("Live cannabis plants in 16oz containers", nil, nil, nil, nil, .drug),
    ("Salvia Divinorum, 10x Dry Extract, 0.5g", nil, nil, 0.5, .bulk, .drug),
    ("Fentanyl Test Strip (2x)", 2, nil, nil, nil, .nonDrug),
    ("2C-B pills Gold Wolf 18mg", nil, 18 * mg, nil, .pill, .drug),
  ]

  @Test(arguments: table) func readsTitle(_ row: Row) {
    let q = QuantityReader.read(title: row.title)
    #expect(q.units == row.units, "\(row.title): units \(String(describing: q.units))")
    #expect(Self.same(q.dose, row.dose), "\(row.title): dose \(String(describing: q.dose))")
    #expect(Self.same(q.total, row.total), "\(row.title): total \(String(describing: q.total))")
    #expect(q.form == row.form, "\(row.title): form \(String(describing: q.form))")
    #expect(q.kind == row.kind, "\(row.title): kind \(q.kind)")
  }

  static func same(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let a?, let b?): return abs(a - b) <= 1e-9 * max(1, abs(b))
    default: return false
    }
  }

  /// Undetermined parts say why; the evidence quotes the title's words.
  @Test func reasonsAndWords() {
    #expect(QuantityReader.read(title: "Xanax 2mg").reason == .unitsNotStated)
    #expect(QuantityReader.read(title: "1G - 50G Haze").reason == .menu)
    #expect(QuantityReader.read(title: "10X - 5.000X LSD 300UG").reason == .menu)
    #expect(QuantityReader.read(title: "1G METH + 1BOTTLE XANAX").reason == .bundle)
    #expect(QuantityReader.read(title: "KSALOL 1mg *5x BOX*").reason == .package)
    #expect(QuantityReader.read(title: "How to get ideas").reason == .noQuantity)
    let q = QuantityReader.read(title: "500 ★★ LSD BLOTTERS 100 UG")
    #expect(q.words == "500 ★★ lsd blotters | 100 ug")
    #expect(q.pricing?.amount == 500 && q.pricing?.per == "blotter")
    #expect(QuantityReader.read(title: "2 x 1g Cocaine").pricing?.per == "g")
    #expect(QuantityReader.read(title: "Xanax 2mg x 100").activeGrams == 0.2)
  }

  /// Property: a number glued to letters before it ("M30", "GG249") or a year is never a
  /// quantity, whatever surrounds it.
  @Test func imprintsAndYearsAreNeverQuantities() {
    var rng = SplitMix64(seed: 16)
    let names = ["M", "GG", "V", "A", "R0", "S", "T"]
    for _ in 0..<300 {
      let name = names.randomElement(using: &rng)! + "\(Int.random(in: 1...9999, using: &rng))"
      let year = Int.random(in: 1995...2030, using: &rng)
      let title = "Oxycodone \(name) pressed \(year) edition"
      let q = QuantityReader.read(title: title)
      #expect(q.units == nil && q.dose == nil && q.total == nil, "\(title)")
    }
  }
}
