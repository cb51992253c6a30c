/// The study's observation design: three markets crawled monthly from November 2018 to
/// November 2019, Dream Market closing on its own at the end of April 2019.
public enum SynthMarket: Int, CaseIterable, Sendable {
  case dream = 0
  case wsm = 1
  case empire = 2

  /// The market key used in records and truth files.
  public var key: String {
    switch self {
    case .dream: "dream"
    case .wsm: "wsm"
    case .empire: "empire"
    }
  }

  public var displayName: String {
    switch self {
    case .dream: "Dream Market"
    case .wsm: "Wall Street Market"
    case .empire: "Empire Market"
    }
  }

  /// Prefix of listing ids, as the markets' URLs looked different.
  var listingPrefix: String {
    switch self {
    case .dream: "dm-"
    case .wsm: "wsm-"
    case .empire: "em-"
    }
  }
}

public enum SynthTimeline {
  /// Crawl days: the 15th of each month, Nov 2018 – Nov 2019 (13 crawls). The 15th keeps
  /// every gap between crawls at 28–31 days, longer than the feedback window, so each crawl
  /// file carries the rates for all of its own dates.
  public static let crawls: [SynthDay] = (0..<13).map { i in
    let month = 11 + i
    return SynthDay(2018 + (month - 1) / 12, (month - 1) % 12 + 1, 15)
  }

  /// Dream Market's closure date (voluntary), as DESIGN.md's example record has it.
  public static let dreamClosed = SynthDay(2019, 4, 30)

  /// Index of the last crawl that still sees Dream (2019-04-15).
  public static let lastDreamCrawl = 5

  /// The first crawl after the closure (2019-05-15).
  public static let firstCrawlAfterClosure = 6

  /// Migrant window after a closure, in days (12 weeks, issue 6's default).
  public static let migrantWindowDays = 84

  /// Feedback is shown for the 28 days before a crawl (the shortest gap between crawls), the
  /// way markets showing only recent feedback look.
  public static let feedbackWindowDays = 28

  /// First day with a rate record: covers `since` dates are not priced, but the feedback
  /// window of the first crawl is.
  public static let firstRateDay = SynthDay(2018, 10, 1)

  public static func isOpen(_ market: SynthMarket, crawl: Int) -> Bool {
    market != .dream || crawl <= lastDreamCrawl
  }

  /// Crawls in which a market is observed.
  public static func openCrawls(_ market: SynthMarket) -> ClosedRange<Int> {
    market == .dream ? 0...lastDreamCrawl : 0...(crawls.count - 1)
  }
}
