/// The dosage form a buyer pays for: what one unit of a counted listing is. Bulk goods
/// (powder, flower, liquid by the gram or millilitre) have none (`ListingQuantity.form` is
/// `.bulk`).
public enum QuantityForm: String, Sendable, CaseIterable {
  case pill, blotter, capsule, cart, vial, patch, seed, bottle, edible, joint, bulk
}

/// What a title word says beyond units and forms.
struct QuantityTraits: OptionSet, Hashable {
  let rawValue: UInt32
  /// Goods that are not drugs: paraphernalia, hardware, guides, accounts, cards, metals.
  static let nonDrug = QuantityTraits(rawValue: 1 << 0)
  /// Sold by weight even with a milligram figure: "powder", "crystals", "sample".
  static let bulk = QuantityTraits(rawValue: 1 << 1)
  /// A liquid: an ounce of it is a fluid ounce.
  static let liquid = QuantityTraits(rawValue: 1 << 2)
  /// Food: a "bar" of it is an edible, not a Xanax bar.
  static let food = QuantityTraits(rawValue: 1 << 3)
  /// Paper-dosed psychedelics: their "tabs" are blotters.
  static let paper = QuantityTraits(rawValue: 1 << 4)
  /// Sold as pills or tablets (pharmaceuticals, ecstasy): a milligram figure is a dose.
  static let pills = QuantityTraits(rawValue: 1 << 5)
  /// Precious metals: their ounces are troy ounces.
  static let metal = QuantityTraits(rawValue: 1 << 6)
  /// A container: "16oz containers", "in 5 gallon pots" are sizes, not quantities.
  static let container = QuantityTraits(rawValue: 1 << 7)
  /// "10x extract", "5x stronger": a strength, not a count.
  static let strength = QuantityTraits(rawValue: 1 << 8)
  /// A package of unstated size ("5x box", "blister"): a dose does not multiply by it.
  static let package = QuantityTraits(rawValue: 1 << 9)
  /// The denominator of a rate or concentration: "mcg/hr", "mg/ml", "per hour".
  static let rate = QuantityTraits(rawValue: 1 << 10)
  /// "free": "+ 1 free gummy" is a gift, "5+1 free" an offer.
  static let free = QuantityTraits(rawValue: 1 << 11)
  /// Measuring tools: their measures are capacities and precisions ("20 by 0.001 g").
  static let tool = QuantityTraits(rawValue: 1 << 12)
  /// A vape battery: the gram with it is a cartridge's.
  static let battery = QuantityTraits(rawValue: 1 << 13)
  /// "test" (a test strip or kit is not a drug), "how" (a "how to" guide).
  static let test = QuantityTraits(rawValue: 1 << 14)
  static let how = QuantityTraits(rawValue: 1 << 15)
  /// Non-drug words that decide even beside a drug's name: "Fentanyl Test Strip" aside, a
  /// "scale", "guide" or "tutorial" is not sold by the gram of what it mentions.
  static let guide = QuantityTraits(rawValue: 1 << 16)
  /// A product word that names a product only when no clearer one does ("crystal",
  /// "champagne", "pharma", "OG").
  static let weakProduct = QuantityTraits(rawValue: 1 << 17)
  /// A month's name: the number beside it is a date ("14 FEB").
  static let month = QuantityTraits(rawValue: 1 << 18)
  /// "green" before "crack": the cannabis strain Green Crack, not crack cocaine.
  static let green = QuantityTraits(rawValue: 1 << 19)
  /// "pack": a package whose size a following "of N" may give.
  static let pack = QuantityTraits(rawValue: 1 << 20)
  /// Liquids and injectables: priced apart from the powder or pills of the same drug.
  static let volume = QuantityTraits(rawValue: 1 << 21)
  /// A private listing for one buyer ("Custom for …"): its price is a private deal.
  static let custom = QuantityTraits(rawValue: 1 << 22)
  /// "(50g min)": the least one may order, so the price is for another amount.
  static let minimum = QuantityTraits(rawValue: 1 << 23)
}

/// Word lists for forms, products and kinds. Chosen by reading real titles of Agora 2014,
/// Hansa 2016, AlphaBay 2017, White House 2020, ToRReZ 2021, DWData and Nexus 2024 (not the
/// hand-labelled set's answers); each list says what a word means in a drug-market title.
enum QuantityLexicon {
  static let forms: [QuantityForm: [String]] = [
    .pill: [
      "pill", "pills", "tab", "tabs", "tablet", "tablets", "bar", "bars", "tb", "tbl", "tabl",
      "tablete", "lozenge", "lozenges", "xtc", "ecstasy", "ecstacy", "extasy", "pressies",
    ],
    .blotter: ["blotter", "blotters", "stamp", "stamps", "hit", "hits", "sheet", "sheets"],
    .capsule: [
      "cap", "caps", "capsule", "capsules", "softgel", "softgels", "gelcap", "gelcaps",
    ],
    .cart: ["cart", "carts", "cartridge", "cartridges", "vape", "disposable", "pen", "pens"],
    .vial: [
      "vial", "vials", "ampoule", "ampoules", "ampule", "ampules", "ampul", "ampuls", "amps",
    ],
    .patch: ["patch", "patches", "transdermal"],
    .seed: ["seed", "seeds", "samen", "feminized", "feminised", "autoflower", "autoflowering"],
    .bottle: ["bottle", "bottles", "spray", "flasche", "dropper", "syrup", "tropfen"],
    .edible: [
      "edible", "edibles", "gummy", "gummies", "gummys", "brownie", "brownies", "chocolate",
      "candy", "lollipop", "lollipops", "suckers", "sucker",
    ],
    .joint: ["joint", "joints", "preroll", "prerolls", "pre-roll", "blunt", "blunts"],
  ]

  /// Product words → canonical product (the price groups' product).
  static let products: [String: [String]] = [
    "cocaine": ["cocaine", "coke", "kokain", "cocaina", "kokaina", "coka", "cocain", "flake"],
    "crack": ["crack"],
    "mdma": ["mdma", "molly", "xtc", "ecstasy", "ecstacy", "extasy", "mda", "champagne"],
    "lsd": ["lsd", "acid", "lsd25", "blotter", "blotters"],
    "cannabis": [
      "weed", "cannabis", "marijuana", "bud", "buds", "kush", "haze", "skunk", "indica",
      "sativa", "hybrid", "flower", "flowers", "nug", "nugs", "thc", "ganja", "diesel",
      "cookies", "gelato", "zkittlez", "runtz", "strain", "og",
    ],
    "hash": [
      "hash", "hashish", "hasish", "haschisch", "charas", "ketama", "polm", "pollen", "kief",
      "kiff",
    ],
    "cannabis concentrate": [
      "wax", "shatter", "dab", "dabs", "dabba", "bho", "rosin", "resin", "badder", "budder",
      "crumble", "distillate", "syringe", "nectar", "concentrate", "concentrates", "honeycomb",
      "sauce", "diamonds", "rso", "snap", "moonrock", "moonrocks", "squeeze", "ejuice",
    ],
    "cannabis trim": ["trim", "trimmings", "trimming", "shake", "popcorn"],
    "ayahuasca": ["ayahuasca", "caapi", "mimosa", "chacruna"],
    "cbd": ["cbd", "cannabidiol"],
    "research psychedelic": ["met", "mipt", "mpt", "aco", "lad", "bromo", "dragonfly"],
    "nootropic": ["noopept", "nootropic", "nootropics", "phenibut", "piracetam"],
    "ketamine": ["ketamine", "ketamin", "ket", "keta", "ketamina"],
    "heroin": ["heroin", "heroine", "heroina", "smack", "brown"],
    "meth": ["meth", "methamphetamine", "crystal", "ice", "tina", "methblue", "pervitin"],
    "amphetamine": [
      "speed", "amphetamine", "amfetamine", "amphetamin", "amfetamin", "pep", "paste", "amph",
      "speedpasta", "speedpaste",
    ],
    "mephedrone": ["mephedrone", "mephedron", "meow", "4mmc"],
    // Pharmaceuticals by active ingredient: 60 mg codeine is not priced like 60 mg of
    // oxycodone. Their classes (`classes`) are the coarser group when one is too small.
    "oxycodone": [
      "oxycodone", "oxycodon", "oxy", "oxys", "oxycontin", "percocet", "percocets", "roxicodone",
      "roxy", "endocet",
    ],
    "hydrocodone": ["hydrocodone", "norco", "vicodin", "lortab"],
    "hydromorphone": ["hydromorphone", "dilaudid", "hydromorph"],
    "morphine": ["morphine", "mst"],
    "codeine": ["codeine"],
    "tramadol": ["tramadol", "ultram"],
    "tapentadol": ["tapentadol", "nucynta"],
    "methadone": ["methadone"],
    "buprenorphine": ["buprenorphine", "subutex", "suboxone", "norspan"],
    "tilidine": ["tilidin", "tilidine"],
    "oxymorphone": ["opana", "oxymorphone"],
    "alprazolam": ["xanax", "alprazolam", "ksalol", "xanor", "alprox"],
    "diazepam": ["valium", "diazepam"],
    "clonazepam": ["clonazepam", "klonopin", "rivotril", "clonotril"],
    "lorazepam": ["lorazepam", "ativan"],
    "bromazepam": ["bromazepam", "lexotan"],
    "etizolam": ["etizolam"],
    "designer benzodiazepine": [
      "flualprazolam", "flubromazolam", "bromazolam", "clonazolam", "flubromazepam",
    ],
    "temazepam": ["temazepam", "temazepan"],
    "triazolam": ["halcion", "triazolam"],
    "nitrazepam": ["nitrazepam"],
    "z-drug": ["zolpidem", "ambien", "zopiclone", "stilnox", "zopisign"],
    "benzodiazepine": ["benzo", "benzos"],
    "amphetamine salts": ["adderall", "dexedrine", "dextroamphetamine"],
    "methylphenidate": ["ritalin", "methylphenidate", "concerta", "focalin", "dexmethylphenidate"],
    "modafinil": ["modafinil", "armodafinil", "modvigil", "modalert", "waklert", "artvigil"],
    "lisdexamfetamine": ["vyvanse", "lisdexamfetamine", "elvanse"],
    "sildenafil": ["viagra", "sildenafil", "kamagra", "sildigra", "cenforce"],
    "tadalafil": ["cialis", "tadalafil", "vidalista"],
    "vardenafil": ["levitra", "vardenafil"],
    "dapoxetine": ["dapoxetine", "duratia"],
    "hgh": ["hgh", "somatropin", "kigtropin", "jintropin", "hygetropin", "genotropin"],
    "fentanyl": ["fentanyl", "fentanil"],
    "fentanyl analogue": ["carfentanil", "fibf", "isobutyrfentanyl", "furanylfentanyl", "acryl"],
    "opium": ["opium"],
    "research stimulant": [
      "hexedrone", "pentedrone", "apvp", "pvp", "mpd", "cec", "mmc", "mpa", "fa", "ethcathinone",
      "pentylone", "eutylone", "methylone", "butylone", "ephylone", "hexecaine", "dimethocaine",
    ],
    "testosterone": [
      "testosterone", "sustanon", "propionate", "enanthate", "cypionate", "testo",
    ],
    "trenbolone": ["trenbolone", "tren", "parabolan", "parabolon"],
    "nandrolone": ["nandrolone"],
    "oral steroid": [
      "anavar", "oxandrolone", "winstrol", "stanozolol", "dianabol", "turinabol", "anadrol",
      "methandienone", "oxymetholone",
    ],
    "steroid": [
      "clomid", "clomiphene", "tamoxifen", "nolvadex", "masteron", "primobolan", "boldenone",
      "clenbuterol", "clen", "steroid", "steroids", "proviron", "methenolone",
    ],
    "psilocybin": [
      "psilocybin", "mushroom", "mushrooms", "shrooms", "shroom", "cubensis", "psilocybe",
      "truffles",
    ],
    "mescaline": ["mescaline", "peyote", "pedro"],
    "dmt": ["dmt", "changa"],
    "2c-b": ["2cb"],
    "nbome": ["nbome", "25i", "25c", "25b"],
    "ghb": ["ghb", "gbl", "bdo"],
    "synthetic cannabinoid": ["spice", "cannabinoid", "cannabinoids", "pinaca", "fubinaca"],
    "pharmaceutical": [
      "pregabalin", "lyrica", "gabapentin", "quetiapine", "quetiapin", "seroquel", "thyroxine",
    ],
    "kratom": ["kratom"],
    "dxm": ["dxm", "dextromethorphan"],
    "salvia": ["salvia"],
  ]

  /// Canonical products by index (0 is "no product").
  static let productNames: [String] = [""] + products.keys.sorted()

  /// The class of each pharmaceutical product (the coarser price group).
  static let classes: [String: String] = {
    var table: [String: String] = [:]
    for p in [
      "oxycodone", "hydrocodone", "hydromorphone", "morphine", "codeine", "tramadol",
      "tapentadol", "methadone", "buprenorphine", "tilidine", "oxymorphone",
    ] { table[p] = "opioid" }
    for p in [
      "alprazolam", "diazepam", "clonazepam", "lorazepam", "bromazepam", "etizolam",
      "designer benzodiazepine", "temazepam", "triazolam", "nitrazepam", "z-drug", "benzodiazepine",
    ] { table[p] = "benzodiazepine" }
    for p in ["amphetamine salts", "methylphenidate", "modafinil", "lisdexamfetamine"] {
      table[p] = "stimulant pill"
    }
    for p in ["testosterone", "trenbolone", "nandrolone", "oral steroid"] { table[p] = "steroid" }
    for p in ["sildenafil", "tadalafil", "vardenafil", "dapoxetine"] { table[p] = "erectile pill" }
    table["pharmaceutical"] = "pharmaceutical"
    return table
  }()

  /// Products sold as pills or tablets, so that a bare milligram figure is a dose.
  static let pillProducts = Set(classes.keys).subtracting([
    "testosterone", "trenbolone", "nandrolone",
  ])

  /// The cannabis products in order of precedence: a title naming "Haze" and "Shatter" sells
  /// shatter, "Kush Hash" hash, "Purple Crack BHO Shatter" shatter (Crack is also a strain).
  static let specificity: [String: Int] = [
    "crack": -1, "cannabis": 0, "cannabis trim": 1, "hash": 1, "cannabis concentrate": 2, "cbd": 3,
  ]

  static let traitWords: [QuantityTraits: [String]] = [
    .nonDrug: [
      "scale", "scales", "baggies", "ziplock", "ziplocks", "grinder", "grinders", "bong",
      "bongs", "filter", "filters", "guide", "guides", "tutorial", "tutorials", "ebook",
      "ebooks", "book", "pdf", "account", "accounts", "login", "logins", "cvv", "cvvs",
      "fullz", "dumps", "database", "databases", "software", "hacking", "hacked", "carding",
      "method", "methods", "bank", "drop", "paypal", "voucher", "vouchers", "gift", "netflix",
      "spotify", "vpn", "rdp", "passport", "licence", "license", "ssn", "template", "templates",
      "silver", "gold", "bullion", "watch", "watches", "rolex", "iphone", "laptop", "phone",
      "counterfeit", "banknotes", "bills", "cyanide", "ricin", "ammo", "pistol", "glock",
      "rifle", "knife", "press", "mold", "mould", "tutor", "course", "seo", "views",
      "followers", "porn", "keys", "card", "cards", "mastercard", "visa", "cardable", "game",
      "games", "steam", "xbox", "playstation", "nintendo", "journal", "hackers", "hack", "tv",
      "fraud", "how", "course", "netflix", "ebay", "amazon", "leaked", "leak", "leaks", "soap",
      "salve", "balm", "lotion", "topical", "topicals", "raffle", "lottery", "ticket", "tickets",
      "precursor", "precursors", "cutting", "cutter", "adulterant", "glycidate", "pmk", "bmk",
      "safrole",
    ],
    .guide: [
      "scale", "scales", "grinder", "grinders", "filter", "filters", "guide", "guides",
      "tutorial", "tutorials", "ebook", "ebooks", "book", "pdf", "course", "method", "methods",
      "raffle", "lottery", "soap", "salve", "balm", "lotion", "cutting", "cutter", "adulterant",
      "glycidate", "stash", "precursor", "precursors", "list", "catalog", "catalogue", "benzocaine",
      "procaine", "lidocaine", "sterile", "supplement", "supplements", "vitamin", "vitamins",
      "magnesium", "hemp",
    ],
    .month: [
      "jan", "january", "feb", "february", "mar", "march", "apr", "april", "jun", "june", "jul",
      "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november",
      "dec", "december",
    ],
    .green: ["green"],
    .pack: ["pack", "packs", "pk", "pks"],
    .custom: ["custom", "private", "reserved"],
    .minimum: ["min", "minimum"],
    .volume: [
      "liquid", "injectable", "injection", "inject", "iv", "im", "solution", "tincture", "oil",
      "drops", "spray", "syrup", "ml", "vape", "lean", "pint", "pints",
    ],
    .weakProduct: [
      "crystal", "ice", "brown", "champagne", "thc", "og", "flower", "flowers", "strain", "paste",
      "blotter", "blotters", "bud", "buds", "coke", "base",
    ],
    .bulk: [
      "powder", "crystal", "crystals", "rocks", "rock", "shards", "shard", "paste", "bulk",
      "sample", "sampler", "flakes", "base", "freebase", "raw", "uncut", "pure", "crumble",
    ],
    .liquid: [
      "ghb", "gbl", "bdo", "syrup", "lean", "liquid", "oil", "tincture", "promethazine",
      "solution", "drops", "spray",
    ],
    .food: [
      "chocolate", "brownie", "brownies", "gummy", "gummies", "candy", "edible", "edibles",
      "incredibles", "fudge", "thc", "cbd",
    ],
    .paper: ["lsd", "acid", "nbome", "25i", "25c", "25b", "1p", "al", "dox", "doc", "doi"],
    .pills: [
      "xtc", "ecstasy", "ecstacy", "extasy", "pressed", "press", "pressies", "pharma",
      "pharmacy", "bars", "bar",
    ],
    .metal: ["silver", "gold", "platinum", "bullion", "coin", "coins"],
    .container: [
      "container", "containers", "jar", "jars", "pot", "pots", "tub", "tubs",
    ],
    .strength: ["extract", "stronger", "strength", "potency", "concentrated"],
    .package: ["box", "boxes", "boxs", "blister", "blisters", "strip", "strips"],
    .rate: ["hr", "hrs", "hour", "hours", "h", "day", "ml", "kg", "dose"],
    .free: ["free", "gratis", "bonus"],
    .tool: ["scale", "scales", "digital", "precision", "accuracy", "filter", "filters", "pvdf"],
    .battery: ["battery", "batteries"],
    .test: ["test", "testing", "kit", "kits", "reagent", "ez"],
    .how: ["how"],
  ]

  /// Adds forms, products and traits to the unit table's words.
  static func annotate(_ table: inout [String: QuantityWord]) {
    func update(_ word: String, _ change: (inout QuantityWord) -> Void) {
      var entry = table[word] ?? QuantityWord()
      change(&entry)
      table[word] = entry
    }
    for (form, words) in forms { for w in words { update(w) { $0.form = form } } }
    for (index, name) in productNames.enumerated() where index > 0 {
      for w in products[name]! { update(w) { $0.product = UInt8(index) } }
    }
    for (trait, words) in traitWords { for w in words { update(w) { $0.traits.insert(trait) } } }
  }
}
