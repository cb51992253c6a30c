/// The generator's plan: who the operators are, which accounts they hold on which market and
/// when, and what those accounts list. Everything the crawl files and truth files say is
/// derived from this plan; nothing else is random at write time except per-crawl feedback.

/// Why an operator exists in the data.
enum OperatorRole: Sendable, Equatable {
  case vendor
  /// Opened accounts after Dream's closure passing for `victim` (copying name, profile,
  /// listings and the displayed public key).
  case impersonator(victim: Int)
  /// Copies `supplier`'s listings word for word, at a mark-up.
  case reseller(supplier: Int)
  /// An unrelated vendor whose handle is a near variant of `of`'s.
  case lookalike(of: Int)
  /// An unrelated vendor who copied `of`'s profile under its own name (hard world).
  case copycat(of: Int)

  var name: String {
    switch self {
    case .vendor: "vendor"
    case .impersonator: "impersonator"
    case .reseller: "reseller"
    case .lookalike: "lookalike"
    case .copycat: "copycat"
    }
  }

  var isImpersonator: Bool {
    if case .impersonator = self { return true }
    return false
  }
}

/// An operator, or a persona: the face one of its accounts shows when it differs from the
/// operator's usual self (hard world: an evader's rewritten style, products, prices and
/// region label; a sibling shop's own product line). Personas are numbered after the operators.
struct SynthOperator: Sendable {
  var id: Int
  var role: OperatorRole = .vendor
  var home: String
  /// A second country shipped from at the same time (multi-location), for the whole life.
  var secondary: String?
  /// A move of the main location, effective from this crawl on.
  var move: (crawl: Int, to: String)?
  var style: WritingStyle
  var baseName: String
  /// Keys in order of use; `keys[1]` replaces `keys[0]` from `rotation` on.
  var keys: [Int]
  var rotation: Int?
  var products: [Int]
  var priceFactor: Double
  var shipsTo: [String]
  var exclusion: Int?
  var terms: Int
  /// Mean sales per listing per month, relative (log-normal: a few vendors sell most).
  let popularity: Double
  var wholesaler: Bool
  var fromDream = false
  /// Ships-from shown as a region ("EU", "Europe", "Worldwide") instead of the country.
  var shipsFromLabel: String? = nil
  /// A short generic profile (index into `SynthVocabulary.genericProfiles`) instead of one's own.
  var genericProfile: Int? = nil

  func country(at crawl: Int) -> String {
    if let move, crawl >= move.crawl { return move.to }
    return home
  }

  func key(at crawl: Int) -> Int {
    if let rotation, crawl >= rotation, keys.count > 1 { return keys[1] }
    return keys[0]
  }
}

/// How an account's page shows its key.
enum KeyDisplay: Int, Sendable {
  case fingerprint, spacedFingerprint, lowercaseFingerprint, longKeyID
  case armored, armoredCollapsed, armoredInProfile
  case none
}

enum KeySource: Sendable, Equatable {
  /// The operator's current key (kept across markets).
  case operatorKey
  /// A key of this account alone.
  case own(Int)
  /// A key pasted from another operator (impersonators).
  case pasted(Int)
}

enum ListingKind: Sendable, Equatable {
  case retail, wholesale
  /// Unit price `factor` times the category's (factor < 1: too cheap to be true).
  case outlier(factor: Double)
}

struct ListingPlan: Sendable {
  let id: String
  let product: Int
  let quantity: Double
  let usd: Double
  let first: Int
  let last: Int
  /// 0: ships from the operator's main country; 1: from its second country when it has one.
  let slot: Int
  let kind: ListingKind
  let nameIndex: Int
  let variant: Int
  let hook: Int
  /// Whose text this is: (operator, listing seed). Resellers and impersonators reuse the
  /// supplier's or victim's, so the words are identical.
  let textOwner: Int
  let textSeed: UInt64
  let salesRate: Double
}

struct SynthAccount: Sendable {
  let index: Int
  let market: SynthMarket
  let handle: String
  let operatorID: Int
  var aliasType: String
  var first: Int
  var last: Int
  let keySource: KeySource
  var keyDisplay: KeyDisplay
  var since: SynthDay
  let baseSales: Int
  let rating: Double
  /// Profile line announcing a former Dream handle (migrants, and impersonators lying).
  let announces: String?
  /// Impersonators copy the victim's profile: the victim's operator id.
  var profileOwner: Int
  var listings: [ListingPlan] = []
  /// The persona (writer index) whose words, products and prices the account shows; nil: its
  /// operator's own.
  var persona: Int? = nil
  /// How much of `profileOwner`'s profile is copied when it is another operator's.
  var profileCopy: ProfileCopy = .verbatim
  /// What the hard world planted on this account, as `key=value` items for the truth files.
  var details: [String] = []

  func isActive(_ crawl: Int) -> Bool { crawl >= first && crawl <= last }
}

/// How a copier takes another operator's profile: word for word (handle swapped), or its
/// first paragraph with its own terms after it.
enum ProfileCopy: Sendable { case verbatim, partial }

/// A key as the generator knows it: a synthetic 40-hex v4 fingerprint, or a real armored key.
struct SynthKey: Sendable {
  let fingerprint: String
  let real: Int?
}
