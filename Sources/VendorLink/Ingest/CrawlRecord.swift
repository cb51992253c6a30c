/// One crawl record, typed (DESIGN.md, "Input: crawl records"). Free text stays as scraped;
/// normalisation happens when it is stored. Fields a record does not define are kept in
/// `extra` (as compact JSON), never rejected.
public enum CrawlRecord: Sendable {
  case market(Market)
  case vendor(Vendor)
  case listing(Listing)
  case feedback(Feedback)
  case rate(Rate)

  public struct Market: Sendable {
    public var market: String
    public var name: String?
    public var closed: String?
    public var closure: String?
  }

  public struct Vendor: Sendable {
    public var market: String
    public var observed: String
    public var vendor: String
    public var profile: String?
    public var pgp: String?
    public var since: String?
    public var sales: Int?
    public var rating: Double?
    public var extra: String?
  }

  public struct Price: Sendable, Equatable {
    public var amount: Double
    public var currency: String
  }

  public struct Listing: Sendable {
    public var market: String
    public var observed: String
    public var listing: String
    public var vendor: String
    public var title: String?
    public var description: String?
    public var category: String?
    public var price: Price?
    public var shipsFrom: String?
    public var shipsTo: [String]
    public var excludes: [String]
    public var extra: String?
  }

  public struct Feedback: Sendable {
    public var market: String
    public var observed: String
    public var listing: String?
    public var vendor: String
    /// Normalised day (YYYY-MM-DD); relative dates are counted back from `observed`.
    public var date: String
    public var rating: Double?
    public var text: String?
  }

  public struct Rate: Sendable {
    public var date: String
    public var currency: String
    public var usd: Double?
    public var eur: Double?
  }
}

/// A field-level defect found while decoding a record.
public struct FieldError: Error, Equatable, Sendable {
  public let field: String?
  public let message: String
  public init(_ field: String?, _ message: String) {
    self.field = field
    self.message = message
  }
}
