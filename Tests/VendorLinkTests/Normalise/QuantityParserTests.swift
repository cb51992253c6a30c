import Testing

@testable import VendorLink

@Suite struct QuantityParserTests {
  static let oz = 28.349523125
  static let lb = 453.59237

  /// Title → (total amount, unit, count, per item).
  static let table:
    [(title: String, amount: Double, unit: QuantityUnit, count: Int, per: Double?)] = [
      ("100g", 100, .gram, 1, nil), ("1 kg", 1000, .gram, 1, nil), ("3.5g", 3.5, .gram, 1, nil),
      ("1/2 oz", oz / 2, .gram, 1, nil), ("QP", lb / 4, .gram, 1, nil),
      ("1 kilo", 1000, .gram, 1, nil), ("10 x 120mg", 1.2, .gram, 10, 0.12),
      ("50 pills", 50, .unit, 50, nil), ("100x", 100, .unit, 100, nil),
      ("10 tabs", 10, .unit, 10, nil), ("1 blotter", 1, .unit, 1, nil),
      ("1 oz", oz, .gram, 1, nil), ("1 HP", lb / 2, .gram, 1, nil),
      ("OZ", oz, .gram, 1, nil), ("7G", 7, .gram, 1, nil),
      // Real Agora titles.
      ("25.0 GRAMS HIGH HEAT COCAINE - SCOTT AND PURITY TESTED", 25, .gram, 1, nil),
      ("2KG. Dutch speed paste 65-73% Pureness", 2000, .gram, 1, nil),
      ("1Gr. Ketamine 84% Pureness", 1, .gram, 1, nil),
      ("0.5G- Meth/Ice - High Quality", 0.5, .gram, 1, nil),
      ("1/8oz - 3.5g Magic Mushroom", 3.5, .gram, 1, nil),  // the metric restatement
      ("Blue Dream 1/4 oz", oz / 4, .gram, 1, nil), ("1/2 ounce of AK-47", oz / 2, .gram, 1, nil),
      ("Tramadol (Ultram) 50 mg x 100 (free shipping)", 5, .gram, 100, 0.05),
      ("1000 x GREEN PARTYFLOCKS -- 200+mg MDMA -- Grade A", 200, .gram, 1000, 0.2),
      ("5 x TWINS LSD Acid (5 x 150 - 170ug)", 0.00075, .gram, 5, 0.00015),
      ("25C-NBOMe HCl (1000µg) x200 blotter tabs", 0.2, .gram, 200, 0.001),
      ("Percocet (7.5mg Oxycodone) x 3 tabs", 0.0225, .gram, 3, 0.0075),
      ("Flurazepam, Teva pharma, 30mg/tab, 10 tabs - $40", 0.3, .gram, 10, 0.03),
      ("Etizolam 50 tabs for £20 FREE UK SHIPPING", 50, .unit, 50, nil),
      ("Five (5) Stamps East Coast #4 RAW UNCUT", 5, .unit, 5, nil),
      ("3x Ecstasy Grön Handgranat 180mg MDMA", 0.54, .gram, 3, 0.18),
      ("half oz of Kush", oz / 2, .gram, 1, nil),
      ("an eighth of Blue Dream", oz / 8, .gram, 1, nil),
      ("2 QP Amnesia", lb / 2, .gram, 1, nil), ("1&frac12;g Hash", 1.5, .gram, 1, nil),
      ("0,5g MDMA", 0.5, .gram, 1, nil), ("1,000 pills", 1000, .unit, 1000, nil),
      ("GHB 100ml", 100, .milliliter, 1, nil), ("1L GBL", 1000, .milliliter, 1, nil),
      (".5g sample", 0.5, .gram, 1, nil),
      ("7gs AAA Opium", 7, .gram, 1, nil), ("DIME 1 Full Gram Indica", 1, .gram, 1, nil),
      ("Herbal Incense 10-GRAM Bags", 10, .gram, 1, nil),
      ("25pk Cannabis Seeds", 25, .unit, 25, nil),
      ("(QTY2) THClear carts", 2, .unit, 2, nil),
      ("Oaxa Shrooms (Cubensis) 1/8th", oz / 8, .gram, 1, nil),
      ("Purp Dream Full LB", lb, .gram, 1, nil),
      ("100 XTC pills, dutch quality", 100, .unit, 100, nil),
      ("(10) Norco 10/325 Hydrocodone", 10, .unit, 10, nil),
      ("0.25 Cocaine 80%", 0.25, .gram, 1, nil),
      ("1/4 ACE of SPADES BUD", oz / 4, .gram, 1, nil),
      ("Parabolax 25mgx100kpl", 2.5, .gram, 100, 0.025),
      (".22LR HP - 50pcs Remington", 50, .unit, 50, nil),  // HP = hollow point here
      ("HP - 1/2 LB - 224g - Pick Your Strain", 224, .gram, 1, nil),
    ]

  @Test(arguments: table) func parsesTitles(
    title: String, amount: Double, unit: QuantityUnit, count: Int, per: Double?
  ) throws {
    let q = try #require(QuantityParser.parse(title: title), "\(title)")
    #expect(abs(q.amount - amount) <= 1e-9 * max(1, amount), "\(title): \(q.amount)")
    #expect(q.unit == unit, "\(title)")
    #expect(q.count == count, "\(title)")
    #expect((q.perItem == nil) == (per == nil), "\(title)")
    if let per, let got = q.perItem { #expect(abs(got - per) <= 1e-12 * max(1, per), "\(title)") }
  }

  /// Titles with no quantity: prices, purities, versions, editions, durations.
  static let noQuantity = [
    "Organic Chemistry 8th Ed by John McMurry", "US CC MASTERCARD",
    "Account Creator Extreme 4.1.1", "Hotspot Shield Elite : VPN : 180 days legitimate license",
    "10.000 chf SWISS VISA RELOADABLE 2000CHF DAILY WITHDRAW", "100 Ways To Disappear",
    "MDMA 84%", "$40 gift card", "", "Guide to a New EBay Identity", "HOW TO FIND A DROP",
    "1 US CC fullz", "HP Pavilion laptop charger", "Microsoft Windows 8.1 Enterprise",
    "24/7 support", "16GB USB STICK",
  ]

  @Test(arguments: noQuantity) func findsNoQuantity(title: String) {
    #expect(QuantityParser.parse(title: title) == nil, "\(title)")
  }

  @Test func unitPricePerBaseUnit() throws {
    let grams = try #require(QuantityParser.parse(title: "10 x 120mg"))
    let price = try #require(unitPrice(priceEUR: 24, quantity: grams))
    #expect(abs(price.value - 20) < 1e-9 && price.per == "g")
    let pills = try #require(QuantityParser.parse(title: "50 pills"))
    #expect(
      unitPrice(priceEUR: 100, quantity: pills).map { $0.value == 2 && $0.per == "unit" } == true)
    let ml = Quantity(amount: 100, unit: .milliliter)
    #expect(ml.unitPrice(priceEUR: 50)?.per == "ml")
    #expect(Quantity(amount: 0, unit: .gram).unitPrice(priceEUR: 5) == nil)
    #expect(Quantity(amount: 1, unit: .gram).unitPrice(priceEUR: .nan) == nil)
  }

  /// Property: "N x Mmg <words>" round-trips for generated N, M and filler words.
  @Test func countTimesDoseRoundTrips() throws {
    var rng = SplitMix64(seed: 0x5EED_0001)
    let units: [(String, Double)] = [("mg", 0.001), ("g", 1), ("ug", 1e-6), ("mcg", 1e-6)]
    let fillers = ["MDMA", "Xanax bars", "Blue Punisher", "LSD", "(free shipping)", "Grade A"]
    for _ in 0..<500 {
      let n = Int.random(in: 1...5000, using: &rng)
      let m = Double(Int.random(in: 1...999, using: &rng)) / (Bool.random(using: &rng) ? 1 : 10)
      let (unit, factor) = units.randomElement(using: &rng)!
      let space = Bool.random(using: &rng) ? " " : ""
      let times = ["x", "X", "×", "*"].randomElement(using: &rng)!
      let title = "\(fillers.randomElement(using: &rng)!) \(n)\(space)\(times)\(space)\(m)\(unit)"
      let q = try #require(QuantityParser.parse(title: title), "\(title)")
      #expect(q.count == n, "\(title)")
      #expect(q.unit == .gram)
      let per = try #require(q.perItem)
      #expect(abs(per - m * factor) <= 1e-12 * max(1, m * factor), "\(title)")
      #expect(abs(q.amount - Double(n) * m * factor) <= 1e-9 * max(1, q.amount), "\(title)")
    }
  }
}
