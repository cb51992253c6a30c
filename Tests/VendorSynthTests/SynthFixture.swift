import Foundation

@testable import VendorSynth

/// One small synthetic crawl, generated once per test process and parsed with Foundation's
/// JSON reader (an independent check on the generator's own encoder).
struct SynthFixture: Sendable {
  struct Vendor: Sendable {
    let market, observed, vendor, profile: String
    let pgp: String?
  }
  struct Listing: Sendable {
    let market, observed, listing, vendor, title, category, currency, shipsFrom: String
    let amount: Double
  }
  struct Feedback: Sendable {
    let market, observed, listing, vendor, date: String
  }
  struct Account: Sendable, Hashable {
    let market, vendor: String
  }

  let directory: String
  var vendors: [Vendor] = []
  var listings: [Listing] = []
  var feedback: [Feedback] = []
  /// date → (usd, eur), and the file each date came from.
  var rates: [String: (usd: Double, eur: Double)] = [:]
  var rateFile: [String: String] = [:]
  /// date → USD per EUR (the `"currency":"EUR"` rate records).
  var eurRates: [String: Double] = [:]
  var fileOf: [String: String] = [:]  // observed date → file
  var kinds: [String: Int] = [:]
  var vendorsByAccount: [Account: [Vendor]] = [:]
  var truthAccounts: [[String: String]] = []
  var truthPairs: [[String: String]] = []
  var truthFlags: [[String: String]] = []
  var hardNegatives: [[String: String]] = []

  static let seed: UInt64 = 7
  static let operators = 150

  static let shared: SynthFixture = {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("vl-synth-\(ProcessInfo.processInfo.processIdentifier)").path
    try! SyntheticCrawl.generate(to: dir, seed: seed, operators: operators)
    return try! SynthFixture(directory: dir)
  }()

  /// A small hard world (issue 13): 300 operators give every planted phenomenon several
  /// times (≥ 9 impersonators, sibling shops, copycats) in about a second.
  static let hardOperators = 300

  static let hard: SynthFixture = {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("vl-synth-hard-\(ProcessInfo.processInfo.processIdentifier)").path
    try! SyntheticCrawl.generate(to: dir, seed: seed, operators: hardOperators, settings: .hard)
    return try! SynthFixture(directory: dir)
  }()

  init(directory: String) throws {
    self.directory = directory
    let files = try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { $0.hasPrefix("crawl-") }.sorted()
    for file in files {
      let data = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
      for line in data.split(separator: "\n") {
        let r = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        let kind = r["kind"] as! String
        kinds[kind, default: 0] += 1
        let s = { (k: String) in r[k] as? String ?? "" }
        switch kind {
        case "vendor":
          vendors.append(
            Vendor(
              market: s("market"), observed: s("observed"), vendor: s("vendor"),
              profile: s("profile"), pgp: r["pgp"] as? String))
          fileOf[s("observed")] = file
        case "listing":
          let price = r["price"] as! [String: Any]
          listings.append(
            Listing(
              market: s("market"), observed: s("observed"), listing: s("listing"),
              vendor: s("vendor"), title: s("title"), category: s("category"),
              currency: price["currency"] as! String, shipsFrom: s("ships_from"),
              amount: (price["amount"] as! NSNumber).doubleValue))
        case "feedback":
          feedback.append(
            Feedback(
              market: s("market"), observed: s("observed"), listing: s("listing"),
              vendor: s("vendor"), date: s("date")))
        case "rate" where s("currency") == "EUR":
          let usdPerEur = (r["usd"] as! NSNumber).doubleValue
          eurRates[s("date")] = usdPerEur
        case "rate":
          rates[s("date")] = (
            (r["usd"] as! NSNumber).doubleValue, (r["eur"] as! NSNumber).doubleValue
          )
          rateFile[s("date")] = file
        default: break
        }
      }
    }
    vendorsByAccount = Dictionary(grouping: vendors) {
      Account(market: $0.market, vendor: $0.vendor)
    }
    truthAccounts = try SynthFixture.csv(directory + "/truth_accounts.csv")
    truthPairs = try SynthFixture.csv(directory + "/truth_pairs.csv")
    truthFlags = try SynthFixture.csv(directory + "/truth_flags.csv")
    hardNegatives = try SynthFixture.csv(directory + "/truth_hard_negatives.csv")
  }

  /// A CSV reader for the truth files (their fields never hold commas or quotes).
  static func csv(_ path: String) throws -> [[String: String]] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return lines.dropFirst().map { line in
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      return Dictionary(uniqueKeysWithValues: zip(header, f))
    }
  }

  func usd(_ l: Listing) -> Double {
    l.currency == "BTC" ? l.amount * rates[l.observed]!.usd : l.amount
  }

  /// The start of each real key's base64 body, to recognise a pasted block however mangled.
  static let realKeyBodies: [(fingerprint: String, body: String)] = RealPublicKeys.all.map {
    ($0.fingerprint, $0.armored.split(separator: "\n").dropFirst(1).prefix(2).joined())
  }

  /// Key material an account showed, as comparable fingerprints or key-id suffixes.
  func keys(of account: Account) -> Set<String> {
    var out: Set<String> = []
    for v in vendorsByAccount[account] ?? [] {
      if let p = v.pgp, !p.contains("BEGIN") {
        var hex = p.replacingOccurrences(of: " ", with: "").uppercased()
        if hex.hasPrefix("0X") { hex = String(hex.dropFirst(2)) }
        out.insert(hex)
        continue
      }
      let text = ((v.pgp ?? "") + v.profile).filter { !$0.isWhitespace }
      for key in SynthFixture.realKeyBodies where text.contains(key.body) {
        out.insert(key.fingerprint)
      }
    }
    return out
  }

  /// Whether two accounts' key sets share a key (a 16-hex key id matches a fingerprint's tail).
  static func shareKey(_ a: Set<String>, _ b: Set<String>) -> Bool {
    for x in a {
      for y in b
      where x == y || (x.count == 16 && y.hasSuffix(x)) || (y.count == 16 && x.hasSuffix(y)) {
        return true
      }
    }
    return false
  }
}
