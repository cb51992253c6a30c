/// Word lists the generator draws from: handle parts, shared boilerplate (terms of service
/// copied between vendors), buyer feedback. Kept small on purpose: small pools make unrelated
/// vendors collide in names and texts, the hard negatives a linker must survive.
enum SynthVocabulary {
  static let namePrefixes = [
    "Dutch", "Euro", "Holland", "Amsterdam", "Belgian", "Antwerp", "Berlin", "Bavarian",
    "London", "Cali", "Nordic", "Alpine", "Green", "Golden", "Royal", "Silent", "Swift",
    "Happy", "Crazy", "Magic", "Pure", "Top", "Mister", "Doctor", "Captain", "Lucky", "Candy",
    "Ice", "Frozen", "Dark", "Secret", "Stealth", "Express", "Prime", "Uncle", "King", "Mega",
    "Ultra", "Super", "Cosmic", "Wolf", "Tiger", "Panda", "Rocket", "Sonic", "Flying",
    "Urban", "Street", "Chill", "Blue", "Red", "Black", "White", "Peak", "Velvet",
  ]
  static let nameSuffixes = [
    "Magic", "Pharma", "Labs", "Store", "Shop", "Dealer", "Plug", "Connect", "Candy", "Kings",
    "Express", "Supply", "Direct", "Bros", "Factory", "Garden", "Chemist", "Market", "Boutique",
    "Crew", "Import", "Trading", "Team", "Man", "Farmer", "Grower", "Pills", "Dreams", "Wonder",
    "Haze", "Dragon", "Ghost", "Hunter", "Vault", "Source", "Lab", "Guru", "Wizard",
  ]
  /// Affixes used by name mutations and lookalikes ("DutchMagic" → "Dutch-Magic-NL").
  static let nameAffixes = [
    "NL", "EU", "Official", "Real", "The", "UK", "Shop", "Team", "DE", "BE",
  ]

  /// Terms of service as vendors copy them from each other, near verbatim: boilerplate shared
  /// by many unrelated operators.
  static let termsOfService = [
    "TERMS: 1. No FE unless 100+ sales. 2. Reship 50% if not arrived after 14 days (EU) / 21 days (WW). 3. Always encrypt your address with our PGP key. 4. Wrong address = no refund.",
    "Terms of service: orders placed before 14:00 ship the same day. We reship once; after that no refund. Do not leave negative feedback before contacting us. Encrypt your info with PGP.",
    "RULES: No refunds on customs seizures. Reship only with proof. Finalize after receiving. Unencrypted addresses will be deleted.",
    "Please read: we ship Monday to Friday. Lost packages: 50% reship after 10 working days. We do not answer messages without PGP.",
    "Our policy: stealth is our priority. Vacuum sealed, odour proof, professional packaging. No returns. Dispute only after 14 days.",
    "T&C: by ordering you agree that you are responsible for customs in your country. We reship lost orders once. Feedback is appreciated.",
  ]

  /// Sentences vendors write about themselves, with {name} for the handle.
  static let intros = [
    "Welcome to {name}", "Hello and welcome to the {name} shop", "Hi all, this is {name}",
    "{name} here", "Dear customers, welcome at {name}", "Yo! {name} in the house",
    "This is the official page of {name}", "Welcome, you found {name}",
  ]
  static let claims = [
    "We are a small team with years of experience", "Quality and discretion come first",
    "Direct from the source, no middleman", "We only sell what we test ourselves",
    "Serving the community since 2016", "Family business, trusted by many",
    "Vendor with 1000+ happy customers", "Fair prices, honest weights",
  ]
  static let pgpNotes = [
    "Always encrypt your address with my PGP key", "PGP key below, use it",
    "Only PGP encrypted messages please", "Verify my signed messages with my key",
  ]

  /// Phrases an operator repeats everywhere (two per operator).
  static let favouritePhrases = [
    "top quality guaranteed", "no bullshit", "fast and discreet", "stealth is our priority",
    "you won't be disappointed", "best in the game", "quality over quantity", "customer is king",
    "trust the process", "always on time", "rock solid stealth", "straight from the lab",
    "the real deal", "satisfaction guaranteed", "love what we do", "no games, just quality",
    "your trusted plug", "bulk discounts on request", "fire product", "premium stuff only",
    "honest business", "100% legit", "gold standard", "keep it simple", "we deliver",
    "never cut", "smooth transactions", "tested and approved", "word of mouth is our advertising",
    "since day one",
  ]
  static let signOffs = [
    "Stay safe!", "Peace", "Greetz", "Much love", "Cheers", "Regards, the team", "Take care",
    "Enjoy!", "Later", "Respect", "Groetjes", "Bless", "Have a nice trip", "Yours truly",
  ]
  static let emoji = ["🍀", "🔥", "💊", "✌️", "😎", "🚀", "💯", "🌿", "❄️", "⭐", "👌", "🙏", "💎", "🇳🇱", "🇩🇪"]
  /// Misspellings an operator makes consistently.
  static let typos: [(String, String)] = [
    ("receive", "recieve"), ("definitely", "definately"), ("quality", "qaulity"),
    ("you", "u"), ("please", "pls"), ("thanks", "thx"), ("your", "ur"), ("because", "coz"),
    ("shipping", "shiping"), ("package", "pakage"),
  ]

  static let feedback = [
    "fast, stealthy", "top quality, thanks", "5/5 would buy again", "arrived in 2 days",
    "great stealth", "good product, slow shipping", "as described", "A++ vendor",
    "Top spul, snelle levering", "Alles gut angekommen", "perfect weight, will order again",
    "bit underweight but ok", "best on the market", "smooth deal", "thanks mate",
    "legit vendor", "superb", "came next day", "nice comms", "strong stuff!",
  ]
  static let negativeFeedback = [
    "never arrived", "scam, do not order", "no response to messages", "underweight and weak",
  ]
  static let impersonatorLines = [
    "New account, the old one got locked. Same team, same quality.",
    "We moved here after Dream closed. Message us for the old prices.",
    "Official account, beware of fakes!",
  ]
  static let migrantLines = [
    "Formerly {old} on Dream Market.", "Moved from Dream ({old}) after it closed.",
    "ex-Dream vendor {old}, same quality.", "You know us as {old} from Dream.",
  ]
  static let listingHooks = [
    "free shipping EU", "tracked available", "best price", "bulk discount", "new batch",
    "stealth shipping", "express", "limited stock", "lab tested", "sale",
  ]

  // MARK: - hard world

  /// Short generic profiles many unrelated vendors use (hard world, shared vocabulary): a
  /// profile that says nothing about its writer.
  static let genericProfiles: [[String]] = [
    ["Welcome", "Fast shipping", "Quality products", "PGP only"],
    ["Welcome to my shop", "Stealth shipping worldwide", "Message me for bulk"],
    ["Hi", "Good products, good prices", "Read my terms before ordering"],
    ["Professional vendor", "Fast and discreet", "Encrypt your address"],
    ["Welcome", "We ship every day", "No FE"],
    ["Quality vendor", "Tracked shipping available", "Contact for custom orders"],
    ["Hello", "Best prices on the market", "Always PGP"],
    ["Welcome buyers", "Stealth guaranteed", "Reship policy in terms"],
  ]

  /// Phrases European vendors of every country write (hard world, shared vocabulary).
  static let europeanSlang = [
    "EU to EU, no customs", "ships from the EU", "tracked within Europe", "SEPA region only",
    "europe next day", "no customs inside EU",
  ]

  /// What impersonators write to pass for their victim ({old}: the victim's handle).
  static let realClaimLines = [
    "We are the REAL {old}. Beware of fakes!", "The real {old}, moved from Dream Market.",
    "Moved from Dream: same {old}, new home.", "{old} official. All other accounts are scammers.",
    "This is the only real {old} account.", "We are {old} from Dream, verify with our key.",
  ]

  /// Generic words unrelated vendors pick as handles (hard world, common handles): a shared
  /// handle that means nothing, like the real `accept` of issue 13.
  static let commonHandles = [
    "accept", "color", "shop", "store", "plug", "quality", "express", "fresh", "legit", "direct",
    "green", "prime", "trust", "master", "gold", "pharma", "secure", "delivery", "candy",
    "supply", "stealth", "boss", "smile", "happy", "nature", "power", "energy", "future",
    "phoenix", "hydra", "panda", "tiger", "dragon", "genius", "apollo", "zeus", "matrix",
    "vortex", "nova", "atlas",
  ]

  /// The phrases in fashion each month (hard world, vocabulary drift), Nov 2018 first: many
  /// vendors use the month's words, and one vendor's words change from month to month.
  static let monthlyPhrases: [[String]] = [
    ["Black Friday deal", "november restock", "pre-xmas stock"],
    ["xmas special", "holiday shipping delays", "last orders before xmas"],
    ["new year new batch", "january sale", "back from holidays"],
    ["valentine offer", "february restock", "winter stock"],
    ["spring batch", "march madness deal", "new stock in"],
    ["easter special", "april batch", "market closing soon, find us elsewhere"],
    ["fresh batch after the move", "may restock", "new market same quality"],
    ["summer special", "festival season packs", "june deal"],
    ["holiday packs", "july restock", "summer sale"],
    ["august batch", "end of summer deal", "back to school sale"],
    ["september restock", "autumn batch", "new season stock"],
    ["halloween special", "october deal", "autumn sale"],
    ["Black Friday again", "november restock", "pre-xmas stock 2019"],
  ]
}
