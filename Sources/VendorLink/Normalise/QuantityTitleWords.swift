/// What a title's words say as a whole, read once before its quantities: the dosage form
/// (by precedence), the product, the traits, and whether non-drug words decide its kind.
struct QuantityTitleWords {
  var traits: QuantityTraits = []
  var form: QuantityForm?
  var strongProduct: UInt8 = 0
  var weakProduct: UInt8 = 0
  /// A guide, tool, "test strip" or "how to": not a drug whatever else it names.
  var decisive = false
  /// Distinct products named: four or more is a price list ("AM-2201, JWH-122, LSD, …").
  var productCount = 0
  /// Some word names a product sold as pills ("xanax", "xtc"), so milligrams are a dose.
  var pillProduct = false

  /// When a title names several forms, the more specific container wins: "THC Edible
  /// capsules" are capsules, "LSD tabs (stamps)" blotters, "XTC pills" pills.
  static let precedence: [QuantityForm] = [
    .cart, .patch, .vial, .capsule, .blotter, .seed, .joint, .edible, .bottle, .pill,
  ]

  init(_ tokens: [QuantityToken]) {
    var rank = Int.max
    var named = Set<UInt8>()
    defer { productCount = named.count }
    for (k, token) in tokens.enumerated() {
      if token.kind == .plus, Self.giftFollows(tokens, k) { break }
      guard case .word(let w) = token else { continue }
      traits.formUnion(w.traits)
      if let f = w.form, let r = Self.precedence.firstIndex(of: f), r < rank {
        (form, rank) = (f, r)
      }
      if w.form == .pill && !w.isCount { pillProduct = true }  // "xtc", "ecstasy"
      if w.product != 0, !w.traits.contains(.weakProduct) { named.insert(w.product) }
      if w.product != 0 {
        let green = k > 0 && tokens[k - 1].isGreen && w.product == Self.crack
        if w.traits.contains(.weakProduct) {
          if weakProduct == 0 { weakProduct = w.product }
        } else if green {
          if strongProduct == 0 { strongProduct = Self.cannabis }  // "Green Crack", a strain
        } else {
          if strongProduct == 0 || Self.moreSpecific(w.product, than: strongProduct) {
            strongProduct = w.product
          }
          if QuantityLexicon.pillProducts.contains(QuantityLexicon.productNames[Int(w.product)]) {
            pillProduct = true
          }
        }
      }
      if w.traits.contains(.guide) { decisive = true }
      if k + 1 < tokens.count, case .word(let next) = tokens[k + 1] {
        if w.traits.contains(.test), next.traits.contains(.test) || next.traits.contains(.package) {
          decisive = true  // "test strip", "test kit"
        }
        if w.traits.contains(.how), next.name == .to { decisive = true }
      }
    }
    adjustForm()
  }

  static let cannabis = UInt8(QuantityLexicon.productNames.firstIndex(of: "cannabis")!)
  static let crack = UInt8(QuantityLexicon.productNames.firstIndex(of: "crack")!)

  /// "Haze Shatter" is shatter: a later cannabis word names a more specific product.
  static func moreSpecific(_ a: UInt8, than b: UInt8) -> Bool {
    let names = QuantityLexicon.productNames
    guard let ra = QuantityLexicon.specificity[names[Int(a)]],
      let rb = QuantityLexicon.specificity[names[Int(b)]]
    else { return false }
    return ra > rb
  }

  /// "+ 1 FREE Gummy pack": what follows is a gift, not what the listing sells.
  /// "5+1 FREE" is an offer of the same goods (a number on both sides).
  static func giftFollows(_ tokens: [QuantityToken], _ k: Int) -> Bool {
    if k > 0, k + 1 < tokens.count, tokens[k - 1].kind == .number, tokens[k + 1].kind == .number {
      return false
    }
    return tokens[(k + 1)..<min(tokens.count, k + 4)].contains {
      if case .word(let w) = $0 { return w.traits.contains(.free) }
      return false
    }
  }

  /// Pills of food are edibles ("Incredibles Bar, 100mg THC"); tabs of LSD are blotters; a
  /// gram "with battery" is a cartridge.
  private mutating func adjustForm() {
    if form == .pill, traits.contains(.food) { form = .edible }
    if form == .pill, traits.contains(.paper) { form = .blotter }
    if form == nil, traits.contains(.battery) { form = .cart }
  }

  /// The form a counted or dosed listing has when no form word says it.
  var inferredForm: QuantityForm? {
    if let form { return form }
    if traits.contains(.paper) { return .blotter }
    if pillProduct || traits.contains(.pills) { return .pill }
    return nil
  }

  var product: String? {
    let index = strongProduct != 0 ? strongProduct : weakProduct
    return index == 0 ? nil : QuantityLexicon.productNames[Int(index)]
  }

  /// Non-drug when a deciding word says so, or when non-drug words stand with no drug
  /// name or dosage form; a drug when a drug or form is named or a mass is sold.
  func kind(hasMass: Bool) -> ListingQuantity.Kind {
    if decisive { return .nonDrug }
    let named = strongProduct != 0 || form != nil
    if traits.contains(.nonDrug) && !named { return .nonDrug }
    if named || hasMass || weakProduct != 0 { return .drug }
    return .unknown
  }
}
