/// Multi-location shippers: accounts shipping from more than one physical country in the
/// same crawl (the study: Belgian vendors shipping from both the Netherlands and Belgium).
///
/// One flag per account. Score: the share of the account's crawls in which it shipped from
/// several countries (1 = every crawl), so a one-off overlap ranks below a steady pattern.
public enum MultiLocationDetector {
  struct Evidence: Encodable {
    struct Crawl: Encodable {
      var observed: String
      var countries: [String]
    }
    var countries: [String]
    var pairs: [[String]]
    var crawls: [Crawl]
    var crawlsObserved: Int
    var maxCountries: Int
  }

  /// `history` must be ordered by account then date (as `ShippingHistory.load` returns it).
  public static func detect(_ history: [CrawlShipping]) -> [Flag] {
    ShippingHistory.byAccount(history).compactMap { rows in
      let multi = rows.filter { $0.countries.count > 1 }
      guard !multi.isEmpty, let account = rows.first?.accountID else { return nil }
      var pairs = Set<[String]>()
      for crawl in multi { pairs.formUnion(countryPairs(crawl.countries)) }
      let evidence = Evidence(
        countries: Array(Set(multi.flatMap(\.countries))).sorted(),
        pairs: pairs.sorted { $0.lexicographicallyPrecedes($1) },
        crawls: multi.map { Evidence.Crawl(observed: $0.observed, countries: $0.countries) },
        crawlsObserved: rows.count,
        maxCountries: multi.map(\.countries.count).max() ?? 0)
      return Flag(
        kind: .multiLocation, accountID: account,
        score: rounded(Double(multi.count) / Double(rows.count), 4), evidence: evidence)
    }
  }

  /// Every unordered pair of a sorted country list, each pair sorted.
  public static func countryPairs(_ countries: [String]) -> [[String]] {
    var out: [[String]] = []
    for i in countries.indices {
      for j in countries.indices where j > i { out.append([countries[i], countries[j]]) }
    }
    return out
  }
}
