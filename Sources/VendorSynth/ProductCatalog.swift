import Foundation

/// What the synthetic vendors sell: categories with a unit, a typical retail price per unit in
/// USD (2018–2019 cryptomarket street-level prices, order of magnitude), the quantity ladders
/// vendors list, and the larger quantities only wholesale listings use.
struct ProductKind: Sendable {
  let category: String
  /// Product names used in titles; the first is the plain one.
  let names: [String]
  let unit: ProductUnit
  /// Median retail price of one unit, USD.
  let unitUSD: Double
  let retail: [Double]
  let wholesale: [Double]
  /// Words of the niche's boilerplate (shared by every vendor of the niche).
  let blurbs: [String]
}

enum ProductUnit: Sendable {
  case gram, pill, tab

  var symbol: String {
    switch self {
    case .gram: "g"
    case .pill: "pill"
    case .tab: "tab"
    }
  }
}

enum ProductCatalog {
  static let kinds: [ProductKind] = [
    ProductKind(
      category: "Drugs/Cannabis/Weed",
      names: [
        "Amnesia Haze", "White Widow", "OG Kush", "Gorilla Glue #4", "Super Lemon Haze",
        "Orange Bud",
      ],
      unit: .gram, unitUSD: 10, retail: [1, 2, 3.5, 5, 7, 10, 14, 28],
      wholesale: [112, 250, 500, 1000],
      blurbs: [
        "indoor grown, properly dried and cured", "sticky buds, no seeds, no stems",
        "THC 20%+ lab tested",
      ]),
    ProductKind(
      category: "Drugs/Cannabis/Hash",
      names: ["Moroccan Hash", "Afghan Black", "Charas", "Dry Sift Hash"],
      unit: .gram, unitUSD: 9, retail: [1, 2, 5, 10, 25], wholesale: [250, 500, 1000],
      blurbs: ["soft and sticky, smells amazing", "pressed fresh every week"]),
    ProductKind(
      category: "Drugs/Stimulants/Cocaine",
      names: ["Cocaine", "Peruvian Flake Cocaine", "Colombian Cocaine", "Cocaine HCL"],
      unit: .gram, unitUSD: 85, retail: [0.5, 1, 2, 3.5, 5, 7], wholesale: [25, 50, 100],
      blurbs: ["fishscale, uncut, straight from the brick", "purity 85-90% tested"]),
    ProductKind(
      category: "Drugs/Stimulants/Speed",
      names: ["Amphetamine Paste", "Speed", "Amfetamine", "Pep"],
      unit: .gram, unitUSD: 12, retail: [1, 2, 5, 10, 25, 50], wholesale: [250, 500, 1000],
      blurbs: ["strong paste, 60% purity", "dry and crystalline, no cut"]),
    ProductKind(
      category: "Drugs/Ecstasy/Pills",
      names: [
        "Tesla 270mg MDMA pills", "Blue Punisher 250mg", "Philipp Plein 280mg XTC",
        "Red Bull 220mg XTC",
      ],
      unit: .pill, unitUSD: 4, retail: [5, 10, 20, 25, 50, 100], wholesale: [500, 1000, 2000],
      blurbs: ["pressed with high quality MDMA", "lab tested, dosage as stated"]),
    ProductKind(
      category: "Drugs/Ecstasy/MDMA", names: ["MDMA crystals", "MDMA 84%", "Champagne MDMA"],
      unit: .gram, unitUSD: 25, retail: [1, 2, 5, 10, 25], wholesale: [100, 250, 500],
      blurbs: ["big rocks, champagne colour", "84% purity, not cut"]),
    ProductKind(
      category: "Drugs/Dissociatives/Ketamine",
      names: ["Ketamine", "Ketamine needles", "Ketamine shards"],
      unit: .gram, unitUSD: 30, retail: [1, 2, 5, 10], wholesale: [50, 100, 250],
      blurbs: ["S-isomer free, clean needles", "crystal shards, very smooth"]),
    ProductKind(
      category: "Drugs/Opioids/Heroin", names: ["Heroin No.3", "Brown Heroin", "Afghan Heroin"],
      unit: .gram, unitUSD: 70, retail: [0.5, 1, 2, 5], wholesale: [25, 50],
      blurbs: ["brown powder, smokable", "strong batch, start low"]),
    ProductKind(
      category: "Drugs/Psychedelics/LSD",
      names: ["LSD blotters", "LSD 150ug", "Hofmann LSD 200ug"],
      unit: .tab, unitUSD: 8, retail: [1, 5, 10, 25, 50], wholesale: [500, 1000],
      blurbs: ["printed on quality paper", "tested with Ehrlich reagent"]),
    ProductKind(
      category: "Drugs/Psychedelics/Mushrooms",
      names: ["Magic Mushrooms", "Golden Teacher Shrooms", "Psilocybe Cubensis"],
      unit: .gram, unitUSD: 8, retail: [5, 10, 28], wholesale: [500, 1000],
      blurbs: ["dried, potent cubensis", "harvested fresh each month"]),
    ProductKind(
      category: "Drugs/Benzos/Alprazolam",
      names: ["Xanax 2mg bars", "Alprazolam 1mg", "Diazepam 10mg"],
      unit: .pill, unitUSD: 2, retail: [10, 20, 50, 100], wholesale: [1000, 2000],
      blurbs: ["pharma grade, blister packed", "press, accurate dosing"]),
  ]

  /// Share of each category in a typical vendor's offer (cannabis and stimulants lead, as on
  /// every market of the period).
  static let popularity: [Double] = [
    0.24, 0.09, 0.14, 0.09, 0.12, 0.08, 0.07, 0.04, 0.05, 0.03, 0.05,
  ]

  /// Retail price of `quantity` units at `unitUSD`: a bulk discount of q^-0.12 (a 28 g bag
  /// costs about two thirds per gram of a 1 g bag), the usual shape of quantity ladders.
  static func retailPrice(unitUSD: Double, quantity: Double) -> Double {
    unitUSD * quantity * pow(quantity, -0.12)
  }

  /// The quantity as a vendor writes it in a title ("3.5g", "1/2 oz", "QP", "1 kilo", "50x",
  /// "10 tabs"): the forms the quantity parser of issue 2 must read.
  static func quantityText(_ q: Double, unit: ProductUnit, variant: Int) -> String {
    switch unit {
    case .gram:
      switch (q, variant % 3) {
      case (14, 1): return "1/2 oz"
      case (28, 1): return "1 oz"
      case (112, _): return variant % 2 == 0 ? "QP" : "112g"
      case (1000, 0): return "1 kilo"
      case (1000, 1): return "1 kg"
      default:
        let whole = q.rounded() == q
        let text = whole ? String(Int(q)) : String(q)
        return variant % 3 == 2 ? "\(text) gram" : "\(text)g"
      }
    case .pill:
      return variant % 2 == 0 ? "\(Int(q))x" : "\(Int(q)) pills"
    case .tab:
      return q == 1 ? "1 blotter" : "\(Int(q)) tabs"
    }
  }
}
