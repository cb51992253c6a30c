/// Turns a parsed JSON line into a typed `CrawlRecord`, or a `FieldError` naming the field.
///
/// Validation is strict where a wrong value would corrupt results (kinds, keys, dates,
/// prices) and lenient where scrapes are messy (free text, optional numbers given as strings).
public enum RecordDecoder {
  /// Longest free-text field accepted (1 MiB): profiles with embedded key blocks are tens of
  /// KB; anything larger is a scraping accident we refuse rather than store.
  static let maxTextBytes = 1 << 20

  static let knownKeys: [String: Set<String>] = [
    "market": ["kind", "market", "name", "closed", "closure"],
    "vendor": [
      "kind", "market", "observed", "vendor", "profile", "pgp", "since", "sales", "rating",
    ],
    "listing": [
      "kind", "market", "observed", "listing", "vendor", "title", "description", "category",
      "price", "ships_from", "ships_to", "excludes",
    ],
    "feedback": ["kind", "market", "observed", "listing", "vendor", "date", "rating", "text"],
    "rate": ["kind", "date", "currency", "usd", "eur"],
  ]

  public static func decode(_ value: JSONValue) throws(FieldError) -> CrawlRecord {
    guard case .object(let pairs) = value else {
      throw FieldError(nil, "a record must be a JSON object")
    }
    let r = Fields(pairs: pairs)
    guard let kind = try r.string("kind") else { throw FieldError("kind", "missing") }
    guard let known = knownKeys[kind] else {
      throw FieldError(
        "kind", "unknown record kind (expected market, vendor, listing, feedback or rate)")
    }
    switch kind {
    case "market":
      return .market(
        .init(
          market: try r.key("market"), name: try r.text("name"),
          closed: try r.day("closed"), closure: try r.string("closure")))
    case "vendor":
      return .vendor(
        .init(
          market: try r.key("market"), observed: try r.requiredDay("observed"),
          vendor: try r.key("vendor"), profile: try r.text("profile"), pgp: try r.text("pgp"),
          since: try r.day("since"), sales: try r.int("sales"), rating: try r.number("rating"),
          extra: r.extra(known: known)))
    case "listing":
      return .listing(
        .init(
          market: try r.key("market"), observed: try r.requiredDay("observed"),
          listing: try r.key("listing"), vendor: try r.key("vendor"), title: try r.text("title"),
          description: try r.text("description"), category: try r.text("category"),
          price: try r.price("price"), shipsFrom: try r.text("ships_from"),
          shipsTo: try r.stringList("ships_to"), excludes: try r.stringList("excludes"),
          extra: r.extra(known: known)))
    case "feedback":
      let observed = try r.requiredDay("observed")
      guard let rawDate = try r.string("date") else { throw FieldError("date", "missing") }
      guard
        let date = isPlainISODay(rawDate)
          ? rawDate : DateNormalizer.day(rawDate, relativeTo: observed)
      else {
        throw FieldError("date", "not a date (ISO 8601 or relative like '5 days ago')")
      }
      return .feedback(
        .init(
          market: try r.key("market"), observed: observed, listing: try r.string("listing"),
          vendor: try r.key("vendor"), date: date, rating: try r.number("rating"),
          text: try r.text("text")))
    default:  // rate
      guard let currency = try r.string("currency"), !currency.isEmpty else {
        throw FieldError("currency", "missing")
      }
      let usd = try r.number("usd")
      let eur = try r.number("eur")
      if usd == nil && eur == nil { throw FieldError("usd", "a rate needs usd or eur") }
      for (name, v) in [("usd", usd), ("eur", eur)] {
        if let v, !(v > 0) || !v.isFinite { throw FieldError(name, "must be a positive number") }
      }
      return .rate(
        .init(
          date: try r.requiredDay("date"), currency: currency.uppercased(), usd: usd, eur: eur))
    }
  }

  /// True for a valid `YYYY-MM-DD`: the common case, checked against the calendar without
  /// the general date parser.
  static func isPlainISODay(_ s: String) -> Bool { CivilDate.dayNumber(s) != nil }

  /// Field access with typed errors.
  struct Fields {
    let pairs: [(String, JSONValue)]

    func value(_ k: String) -> JSONValue? {
      for (key, v) in pairs where key == k { return v }
      return nil
    }

    func string(_ k: String) throws(FieldError) -> String? {
      switch value(k) {
      case nil, .null?: return nil
      case .string(let s)?: return s
      // A whole number prints without ".0" when it fits Int64; a larger one (found by the
      // fuzzer: `5861006e13`) prints as a Double instead of trapping in the conversion.
      case .number(let d)?: return Int64(exactly: d).map { String($0) } ?? String(d)
      default: throw FieldError(k, "must be a string")
      }
    }

    func text(_ k: String) throws(FieldError) -> String? {
      guard let s = try string(k) else { return nil }
      if s.utf8.count > RecordDecoder.maxTextBytes { throw FieldError(k, "longer than 1 MiB") }
      return s
    }

    /// An identifier (market, vendor, listing): required, non-empty after trimming.
    func key(_ k: String) throws(FieldError) -> String {
      guard let s = try string(k) else { throw FieldError(k, "missing") }
      let t = s.trimmingWhitespace
      if t.isEmpty { throw FieldError(k, "empty") }
      if t.utf8.count > 512 { throw FieldError(k, "longer than 512 bytes") }
      return t
    }

    func day(_ k: String) throws(FieldError) -> String? {
      guard let s = try string(k) else { return nil }
      if RecordDecoder.isPlainISODay(s) { return s }
      guard !s.trimmingWhitespace.isEmpty else { return nil }
      guard let d = DateNormalizer.day(s, relativeTo: nil) else {
        throw FieldError(k, "not an ISO 8601 date")
      }
      return d
    }

    func requiredDay(_ k: String) throws(FieldError) -> String {
      guard let d = try day(k) else { throw FieldError(k, "missing") }
      return d
    }

    func number(_ k: String) throws(FieldError) -> Double? {
      switch value(k) {
      case nil, .null?: return nil
      case .number(let d)?: return d
      case .string(let s)?:
        let t = s.trimmingWhitespace
        if t.isEmpty { return nil }
        guard let d = Double(t), d.isFinite else { throw FieldError(k, "not a number") }
        return d
      default: throw FieldError(k, "must be a number")
      }
    }

    func int(_ k: String) throws(FieldError) -> Int? {
      guard let d = try number(k) else { return nil }
      guard d == d.rounded(), abs(d) < 1e15 else { throw FieldError(k, "not a whole number") }
      return Int(d)
    }

    func stringList(_ k: String) throws(FieldError) -> [String] {
      switch value(k) {
      case nil, .null?: return []
      case .string(let s)?: return s.isEmpty ? [] : [s]
      case .array(let xs)?:
        var out: [String] = []
        for x in xs {
          guard case .string(let s) = x else { throw FieldError(k, "must be a list of strings") }
          out.append(s)
        }
        return out
      default: throw FieldError(k, "must be a string or a list of strings")
      }
    }

    func price(_ k: String) throws(FieldError) -> CrawlRecord.Price? {
      switch value(k) {
      case nil, .null?: return nil
      case .object(let p)?:
        let f = Fields(pairs: p)
        let parsed: Double?
        do { parsed = try f.number("amount") } catch {
          throw FieldError("\(k).amount", error.message)
        }
        guard let amount = parsed else { throw FieldError("\(k).amount", "missing") }
        guard amount >= 0, amount.isFinite else {
          throw FieldError("\(k).amount", "must be a non-negative number")
        }
        guard let cur = try f.string("currency")?.trimmingWhitespace, !cur.isEmpty else {
          throw FieldError("\(k).currency", "missing")
        }
        return .init(amount: amount, currency: cur.uppercased())
      default:
        throw FieldError(k, "must be an object {\"amount\": number, \"currency\": code}")
      }
    }

    /// Unknown fields as compact JSON, or nil when there are none.
    func extra(known: Set<String>) -> String? {
      let rest = pairs.filter { !known.contains($0.0) }
      return rest.isEmpty ? nil : JSONValue.object(rest).serialized
    }
  }
}

extension String {
  /// Trimmed of ASCII and Unicode whitespace, including the non-breaking spaces of HTML.
  var trimmingWhitespace: String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
