import Foundation

/// The words on the pages: profiles, listing titles and descriptions, feedback. Every text is
/// a pure function of the plan and a seed, so it can be rendered again at each crawl instead
/// of being kept in memory.
struct SynthText {
  let seed: UInt64
  let operators: [SynthOperator]

  func profile(_ account: SynthAccount, handle: String) -> String {
    let owner = operators[account.profileOwner]
    let style = owner.style
    let v = SynthVocabulary.self
    // One seed per operator: an operator pastes the same profile on each of its accounts,
    // unless it renamed with a new key (then it rewrote it, in the same style).
    let rewrite = account.aliasType == "renamed_new_key" ? UInt64(account.index + 1) : 0
    var r = SynthRandom(seed: seed, 0x9F0, UInt64(owner.id), rewrite)
    let slang = SynthCountries.country(owner.home).slang
    var sentences = [
      v.intros[(style.greetingIndex + Int(rewrite)) % v.intros.count]
        .replacingOccurrences(of: "{name}", with: handle),
      v.claims[(style.claimIndex + Int(rewrite)) % v.claims.count],
      r.pick(slang),
      "Shipping to " + owner.shipsTo.joined(separator: ", "),
    ]
    if let e = owner.exclusion { sentences.append(SynthCountries.exclusions[e].text) }
    if let s = owner.secondary {
      sentences.append(
        "We ship from \(SynthCountries.country(owner.home).names[0]) and \(SynthCountries.country(s).names[0])"
      )
    }
    sentences.append(r.pick(v.pgpNotes))
    sentences.append(style.favourites[0])
    var text = style.render(sentences, rng: &r)
    text += "\n\n" + v.termsOfService[owner.terms]
    if let a = account.announces { text += "\n" + a }
    return text
  }

  func title(_ listing: ListingPlan) -> String {
    let owner = operators[listing.textOwner]
    let kind = ProductCatalog.kinds[listing.product]
    let qty = ProductCatalog.quantityText(
      listing.quantity, unit: kind.unit, variant: listing.variant)
    let name = kind.names[listing.nameIndex]
    let hook = SynthVocabulary.listingHooks[listing.hook]
    let text: String
    switch listing.variant % 3 {
    case 0: text = "\(qty) \(name) - \(hook)"
    case 1: text = "\(name) \(qty) | \(hook)"
    default: text = "[\(hook)] \(qty) \(name)"
    }
    var t = owner.style.title(text)
    if let e = owner.style.emoji.first, listing.textSeed % 3 == 0 { t += " " + e }
    return t
  }

  func description(_ listing: ListingPlan) -> String {
    let owner = operators[listing.textOwner]
    var r = SynthRandom(seed: seed, 0xDE5, listing.textSeed)
    let kind = ProductCatalog.kinds[listing.product]
    let slang = SynthCountries.country(owner.home).slang
    let sentences = [
      r.pick(kind.blurbs), r.pick(owner.style.favourites), r.pick(slang),
    ]
    return owner.style.render(sentences, rng: &r)
  }

  static func feedbackText(_ r: inout SynthRandom, negative: Bool) -> String {
    negative ? r.pick(SynthVocabulary.negativeFeedback) : r.pick(SynthVocabulary.feedback)
  }
}
