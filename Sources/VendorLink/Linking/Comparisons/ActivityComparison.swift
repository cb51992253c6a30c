import Foundation

/// When the two were active: at the same time, or one taking over from the other around a
/// market's closure (vendors move when a market closes).
enum ActivityComparison {
  enum Level: Int8, ComparisonLevels {
    case overlapping, handover, apart
    var label: String {
      switch self {
      case .overlapping: "active at the same time"
      case .handover: "one stops and the other starts around a closure"
      case .apart: "apart"
      }
    }
  }

  /// A closure "neighbourhood": the old account stops within 30 days of the closure and the
  /// new one starts between a week before and 60 days after it. Hand-set windows: about one
  /// monthly crawl either side of the closure, and two months for a vendor to reappear.
  static let closureBefore: Int32 = 30
  static let closureAfterStart: Int32 = -7
  static let closureAfterEnd: Int32 = 60

  static let declaration = ComparisonDeclaration(
    key: "activity", levels: Level.self,
    summary: "first and last days seen, and the markets' closure dates",
    values: { p in
      let e = p.e
      return "\(day(e.firstSeenDay[p.i]))..\(day(e.lastSeenDay[p.i])) | "
        + "\(day(e.firstSeenDay[p.j]))..\(day(e.lastSeenDay[p.j]))"
    })

  static func day(_ d: Int32?) -> String {
    guard let d else { return "?" }
    let date = Date(timeIntervalSince1970: Double(d) * 86400)
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withFullDate]
    return f.string(from: date)
  }
}

extension Comparison {
  public static let activity = Comparison(rawValue: 9)
}

extension PairComparer {
  public func activityLevel(_ i: Int, _ j: Int) -> Int8 { Self.activityLevel(evidence, i, j) }

  /// As `activityLevel(_:_:)`, for callers without a comparer.
  static func activityLevel(_ e: AccountEvidence, _ i: Int, _ j: Int) -> Int8 {
    typealias L = ActivityComparison.Level
    guard let fi = e.firstSeenDay[i], let li = e.lastSeenDay[i], let fj = e.firstSeenDay[j],
      let lj = e.lastSeenDay[j]
    else { return nullLevel }
    if fi <= lj && fj <= li { return L.overlapping.rawValue }
    // Apart only where a crawl could have seen them together: two single crawls of two
    // markets months apart say nothing (Hansa Dec 2016 × AlphaBay Apr 2017). A handover
    // around a closure is told by the closure date, crawled or not.
    let comparable = e.activityComparable(i, j)
    // Order so that `old` stopped before `new` started.
    let (old, oldLast, newFirst) = li < fj ? (i, li, fj) : (j, lj, fi)
    if let closed = e.marketClosedDay[Int(e.market[old])],
      abs(oldLast - closed) <= ActivityComparison.closureBefore,
      (ActivityComparison.closureAfterStart...ActivityComparison.closureAfterEnd).contains(
        newFirst - closed)
    {
      return L.handover.rawValue
    }
    return comparable ? L.apart.rawValue : nullLevel
  }
}
