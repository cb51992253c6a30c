import Foundation

/// The words on the pages: profiles, listing titles and descriptions, feedback. Every text is
/// a pure function of the plan and a seed, so it can be rendered again at each crawl instead
/// of being kept in memory.
struct SynthText {
  let seed: UInt64
  /// Operators then personas (`SynthPlanner.writers`).
  let operators: [SynthOperator]
  var settings: SynthSettings = .standard

  func profile(_ account: SynthAccount, handle: String) -> String {
    if settings.isHard { return hardProfile(account, handle: handle) }
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
    if settings.has(.sharedVocabulary) {
      // Niche boilerplate and regional slang first; a favourite phrase only now and then.
      var sentences = [r.pick(kind.blurbs), r.pick(slang)]
      if r.chance(0.5) { sentences.append(r.pick(SynthText.regional(owner.home))) }
      if r.chance(0.3) { sentences.append(r.pick(owner.style.favourites)) }
      return owner.style.render(sentences, rng: &r)
    }
    let sentences = [
      r.pick(kind.blurbs), r.pick(owner.style.favourites), r.pick(slang),
    ]
    return owner.style.render(sentences, rng: &r)
  }

  // MARK: - hard world

  /// Phrases shared beyond one country: European vendors' common stock, or the country's own.
  static func regional(_ home: String) -> [String] {
    ["US", "CA", "AU", "CN"].contains(home)
      ? SynthCountries.country(home).slang : SynthVocabulary.europeanSlang
  }

  /// A hard-world profile: the writer's own (or generic) first paragraph and terms; a copier
  /// (impersonator, copycat) shows the copied operator's, word for word or its first
  /// paragraph only followed by its own terms; an announcement or claim last.
  func hardProfile(_ account: SynthAccount, handle: String) -> String {
    let writer = account.persona ?? account.operatorID
    let copied = account.profileOwner != account.operatorID
    let owner = copied ? account.profileOwner : writer
    var text = firstParagraph(operators[owner], handle: handle)
    let termsOf = copied && account.profileCopy == .partial ? writer : owner
    var r = SynthRandom(seed: seed, 0x7E5, UInt64(termsOf))
    if r.chance(0.85) || termsOf != owner {
      text += "\n\n" + SynthVocabulary.termsOfService[operators[termsOf].terms]
    }
    if let a = account.announces { text += "\n" + a }
    return text
  }

  private func firstParagraph(_ owner: SynthOperator, handle: String) -> String {
    let v = SynthVocabulary.self
    let style = owner.style
    var r = SynthRandom(seed: seed, 0x9F1, UInt64(owner.id))
    if let g = owner.genericProfile {
      // A template copied from elsewhere: the same words and stops for every user.
      return v.genericProfiles[g].joined(separator: ". ") + "."
    }
    let slang = SynthCountries.country(owner.home).slang
    var sentences = [
      v.intros[style.greetingIndex].replacingOccurrences(of: "{name}", with: handle),
      v.claims[style.claimIndex], r.pick(slang), r.pick(SynthText.regional(owner.home)),
      "Shipping to " + owner.shipsTo.joined(separator: ", "),
    ]
    if let e = owner.exclusion { sentences.append(SynthCountries.exclusions[e].text) }
    if let s = owner.secondary {
      sentences.append(
        "We ship from \(SynthCountries.country(owner.home).names[0]) and \(SynthCountries.country(s).names[0])"
      )
    }
    sentences.append(r.pick(v.pgpNotes))
    if r.chance(0.5) { sentences.append(style.favourites[0]) }
    return style.render(sentences, rng: &r)
  }

  /// The month's phrase for a text observed at `crawl`, or nil (vocabulary drift): about a
  /// third of texts carry one, the same text in another month another phrase.
  func drift(crawl: Int, key: UInt64, share: Double) -> String? {
    guard settings.has(.vocabularyDrift) else { return nil }
    var r = SynthRandom(seed: seed, 0xD21F, key, UInt64(crawl))
    guard r.chance(share) else { return nil }
    return r.pick(SynthVocabulary.monthlyPhrases[crawl % SynthVocabulary.monthlyPhrases.count])
  }

  static func feedbackText(_ r: inout SynthRandom, negative: Bool) -> String {
    negative ? r.pick(SynthVocabulary.negativeFeedback) : r.pick(SynthVocabulary.feedback)
  }
}
