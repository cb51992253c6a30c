/// Reads what a listing title sells (``ListingQuantity``): counts before or after the
/// product, with or without "x" ("500 LSD blotters 100ug", "100 x 2mg", "2mg x 100",
/// "XTC - 10000 - WHITE - 240 MG", "5+1 FREE"); the dose of one unit versus a total
/// weight ("3x200ug" is 3 tabs of 200 µg; "1 oz" is 28.35 g); the dosage form the buyer
/// pays for; whether it is a drug at all.
///
/// Never read as quantities: imprints ("G 372 2", "M30"), strain and chemical names
/// ("AK-47", "OG 18", "2C-B"), grades ("#4"), years, "24/7", purities ("84%"), prices
/// ("$40", "9EUR/gr"), rates and concentrations ("100mcg/hr", ".025MG/ML", "per hour"),
/// the measures of tools ("20 by 0.001 G" on a scale) and container sizes. Fluid ounces of
/// liquids are millilitres, ounces of silver troy ounces. What cannot be determined (menus
/// of sizes, bundles, a dose with no count) stays empty with a reason.
///
/// Accuracy on 305 hand-labelled real titles of seven markets (`Tests/QuantityLabels`,
/// asserted by `QuantityLabelledTests`): see that folder's README.
public enum QuantityReader {
  public static func read(title: String) -> ListingQuantity {
    // Titles are short; a huge one is cut (the first 1,000 characters hold any quantity).
    let text = title.utf8.count > 4000 ? String(title.prefix(1000)) : title
    let (tokens, spans, chars) = QuantityToken.tokenizeWithSpans(text)
    var scan = QuantityScan(tokens: tokens)
    scan.run()
    var reading = scan.reading()
    reading.words = scan.quote(spans, chars)
    return reading
  }
}

extension QuantityScan {
  /// The least a listing sells by weight: 10 mg (a research chemical's sample). Less is a
  /// slip of the decimal point or a dose.
  static let minBulkGrams = 0.01

  /// The scan's measure and count as units, dose and total (see ``ListingQuantity``).
  func reading() -> ListingQuantity {
    var q = ListingQuantity(product: words.product)
    q.productIsWeak = words.strongProduct == 0
    let m = measureMenu || bundle ? nil : measure
    let c = countMenu || bundle ? nil : chosenCount
    var form = words.inferredForm
    switch (m, c) {
    case (let m?, let c?):
      (q.units, q.dose, q.measure) = (c.value, m.value, m.unit)
      if c.package {
        q.reason = .package
      } else {
        q.total = m.value * Double(c.value)
      }
      if form == nil && !(m.milli || m.micro) { form = .bulk }  // "2 x 1g"
    case (let m?, nil):
      q.measure = m.unit
      if isDose(m, form) || countMenu {  // "1-20x … 250mg": the dose of each
        q.dose = m.value
        q.reason = .unitsNotStated
      } else if m.unit == .gram && m.value < Self.minBulkGrams {
        q.reason = .notAQuantity  // "WANGA .200mg": a slip, not 0.2 mg sold in bulk
      } else {
        q.total = m.value
        if form == nil || form == .pill || form == .blotter { form = .bulk }
      }
    case (nil, let c?):
      q.units = c.value
    case (nil, nil):
      q.reason = .noQuantity
    }
    if measureMenu || countMenu { q.reason = .menu }
    if bundle || words.productCount >= 4 || (distinctMeasures >= 3 && !measureMenu) {
      (q.reason, form, q.units, q.dose, q.total) = (.bundle, nil, nil, nil, nil)
    }
    q.isLiquid = words.traits.contains(.volume) || m?.unit == .milliliter
    q.isPrivate = words.traits.contains(.custom)
    q.form = form
    q.kind = words.kind(hasMass: m != nil)
    if words.decisive && words.traits.contains(.tool) && q.reason == .noQuantity {
      q.reason = .notAQuantity
    }
    return q
  }

  /// Whether a measure with no count is one unit's dose rather than the listing's total:
  /// micrograms always; anything beside a container form (cart, vial, patch, bottle,
  /// edible, capsule, joint); milligrams beside pills, blotters or a pill product ("Xanax
  /// 2mg") unless sold as powder ("Alprazolam Powder 500mg").
  func isDose(_ m: Measure, _ form: QuantityForm?) -> Bool {
    if m.micro || perEach { return true }
    switch form {
    case .cart?, .vial?, .patch?, .bottle?, .edible?, .capsule?, .joint?:
      return true
    case .pill?, .blotter?:
      return (m.milli || m.micro) && !words.traits.contains(.bulk)
    default:
      // Milligrams beside THC or food are an edible's ("Wana Hot Cocoa 200mg"), and
      // with no product named they may be a pill's ("NEW DISCOUNT 260+ mg"): a dose, not a
      // lot size, unless sold as powder ("200mg Sampler").
      guard m.milli, !words.traits.contains(.bulk) else { return false }
      return words.strongProduct == 0 || words.traits.contains(.food)
    }
  }

  /// The words the reading came from, as the title has them (lower-cased): the count's and
  /// the measure's, joined by " | ".
  func quote(_ spans: [Range<Int>], _ chars: [Unicode.Scalar]) -> String {
    var parts: [String] = []
    let c = chosenCount
    for range in [c.map { ($0.start, $0.end) }, measure.map { ($0.start, $0.end) }] {
      guard let (start, end) = range, start < end, end <= spans.count else { continue }
      var s = String.UnicodeScalarView()
      s.append(contentsOf: chars[spans[start].lowerBound..<spans[end - 1].upperBound])
      parts.append(String(s))
    }
    return parts.joined(separator: " | ")
  }
}

extension QuantityReader {
  /// The most specific product a market's category path names ("Drugs/Cannabis/Hash" →
  /// "hash", "Drugs & Chemicals/Benzos/Pills" → "benzodiazepine"), for listings whose title
  /// names none; nil for categories that name no product ("Drugs", "Stimulants").
  public static func product(ofCategory category: String) -> String? {
    // The deepest level that names a product, and in it the first ("Cannabis & Hashish").
    for segment in category.split(separator: "/").reversed() {
      let words = QuantityTitleWords(QuantityToken.tokenize(String(segment)))
      if let product = words.product { return product }
    }
    return nil
  }
}

extension QuantityReader {
  /// The dosage form a market's category implies ("Drugs/Ecstasy/Pills" → pill,
  /// "Psychedelics/LSD" → blotter), for counted listings whose title names none.
  public static func form(ofCategory category: String) -> QuantityForm? {
    QuantityTitleWords(QuantityToken.tokenize(category)).inferredForm
  }
}
