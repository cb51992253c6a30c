// TEMPORARY: replaced by the normalise worktree's files.
import Foundation

public struct Place: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let code: String
  public var isCountry: Bool { code.count == 2 }
  public var description: String { code }
  public static func < (a: Place, b: Place) -> Bool { a.code < b.code }
}
public enum PlaceNormalizer {
  public static func parse(_ raw: String) -> (places: [Place], unrecognised: [String]) {
    let m = [
      "netherlands": "NL", "belgium": "BE", "germany": "DE", "worldwide": "Worldwide",
      "europe": "Europe", "usa": "US", "australia": "AU", "united kingdom": "GB",
      "digital / service": "Digital",
    ]
    var out: [Place] = []; var un: [String] = []
    for p in raw.split(separator: ",") {
      let k = p.trimmingCharacters(in: .whitespaces).lowercased();
      if let c = m[k] { out.append(Place(code: c)) } else if !k.isEmpty { un.append(k) }
    }
    return (out, un)
  }
}
public struct Money: Equatable, Sendable { public var usd: Double?; public var eur: Double? }
public struct MissingRate: Error, Equatable, Sendable, CustomStringConvertible {
  public let currency: String; public let date: String; public let target: String;
  public var description: String { currency }
}
public struct RateTable: Sendable {
  var r: [String: (Double?, Double?)] = [:]
  public init() {}
  public mutating func add(date: String, currency: String, usd: Double?, eur: Double?) {
    r[currency + date] = (usd, eur)
  }
  public func convert(amount: Double, currency: String, on date: String) -> (
    money: Money, missing: [MissingRate]
  ) {
    if currency == "USD" { return (Money(usd: amount, eur: nil), []) }
    let k = r.keys.filter { $0.hasPrefix(currency) && $0 <= currency + date }.max()
    guard let k, let v = r[k] else {
      return (
        Money(usd: nil, eur: nil), [MissingRate(currency: currency, date: date, target: "USD")]
      )
    }
    return (Money(usd: v.0.map { $0 * amount }, eur: v.1.map { $0 * amount }), [])
  }
  public static func loadCSV(path: String, currency: String = "BTC") throws -> [(
    date: String, currency: String, usd: Double?, eur: Double?
  )] { [] }
}
public enum QuantityUnit: String, Sendable { case gram = "g", milliliter = "ml", unit = "unit" }
public struct Quantity: Equatable, Sendable {
  public let amount: Double; public let unit: QuantityUnit; public let count: Int;
  public let perItem: Double?
}
public enum QuantityParser { public static func parse(title: String) -> Quantity? { nil } }
public enum DateNormalizer {
  public static func day(_ raw: String, relativeTo reference: String?) -> String? {
    let t = raw.trimmingCharacters(in: .whitespaces)
    if t.count >= 10, t.prefix(10).allSatisfy({ $0.isNumber || $0 == "-" }) {
      return String(t.prefix(10))
    }
    if let ref = reference, t.hasSuffix("days ago") { return ref }
    return nil
  }
}
