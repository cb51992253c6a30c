/// Names for places that ISO's English names miss: native names, demonyms, abbreviations,
/// and what real crawls write (typos, jokes, fields cut by the scraper). Matching is on
/// ``ScrapedText/key(_:)`` (case, accents and punctuation ignored), on the whole field first
/// and then on each part of a list, so "Trinidad and Tobago" is never split at "and".
///
/// Format: one line per target, `CODES: alias; alias`, `#` starts a comment line. Codes are
/// ISO alpha-2 or ``Place/Region`` names (checked by a test). Typos within one edit of an
/// entry need no line here (``PlaceNormalizer`` tolerates them), except short words.
enum PlaceAliases {
  static let all: [(alias: String, codes: [String])] = table.split(separator: "\n").flatMap {
    line -> [(alias: String, codes: [String])] in
    guard !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { return [] }
    let codes = line[..<colon].split(separator: ",").map(String.init)
    return line[line.index(after: colon)...].split(separator: ";").map {
      (alias: String($0.drop { $0 == " " }), codes: codes)
    }
  }

  static let table = """
    # Native names and short forms seen on European markets.
    NL: Holland; The Netherlands; Nederland; Dutch; Netherland; Pays-Bas; Niederlande; NLD
    DE: Deutschland; German; Germany; Allemagne; Duitsland; Alemania; Germania; BRD
    BE: Belgique; België; Belgien; Belgian; Belgio; Bélgica
    FR: French; Frankreich; Frankrijk; Francia
    ES: España; Spanish; Spanje; Spanien; Espagne
    IT: Italia; Italian; Italien; Italie
    AT: Österreich; Austrian; Oostenrijk; Autriche
    CH: Schweiz; Suisse; Svizzera; Swiss; Zwitserland
    SE: Sverige; Swedish; Zweden; Schweden; Suède
    DK: Danmark; Danish; Denemarken; Dänemark
    NO: Norge; Norwegian; Noorwegen; Norwegen
    FI: Suomi; Finnish; Finland
    PL: Polska; Polish; Polen; Pologne
    CZ: Czech; Czech Republic; Česko; Česká republika; Tschechien
    PT: Portuguese
    IE: Eire; Éire; Irish; Republic of Ireland
    GR: Greek; Hellas
    HU: Hungarian; Magyarország
    RS: Serbian; Srbija
    RU: Russia; Russian; Rossiya
    UA: Ukrainian
    # United Kingdom: ISO says GB; crawls say UK, England, Britain, Scotland...
    GB: UK; U.K.; Great Britain; Britain; British; England; English; Scotland; Wales; Northern Ireland; GBR; United Kingdom of Great Britain; Royaume-Uni; Verenigd Koninkrijk
    # United States, including the jokes and places that one Agora vendor used
    # ("The United Snakes of Captivity" from "La Jolla" / "Pacific Palisades"), "the States"
    # (the tail of a split "United States"), and a two-letter "U S" rejoined by the importer.
    US: USA; U.S.A.; US; U.S.; U S; America; American; United States of America; The States; States; The United Snakes of Captivity; United Snakes; Americana; Left and Right Coast U.S.A; West of the Mississippi; La Jolla; Jolla; Pacific Palisades; Palisades; Vereinigte Staaten; Verenigde Staten; Etats-Unis
    CA: Canadian; Can; Cancada
    AU: Aus; Aussie; Australian; Australia only
    NZ: NZ; Kiwi; New Zealand
    CN: Chinese; PRC; Mainland China
    HK: HK; Hong; Kong
    TW: Taiwan
    IN: Indian
    TH: Thai
    ZA: South African; RSA
    MX: Mexican
    CO: Colombian
    KR: Korea; South Korea
    VN: Vietnam
    # Several countries at once.
    BE,NL,LU: Benelux
    # Regions (see Place.Region for what each means).
    EU: EU; E.U.; European Union; Eu only; EU countries; Europese Unie; Europäische Union
    Europe: Europe; European; Europa; European countries; Western Europe; Central Europe; Eastern Europe
    Schengen: Schengen; Schengen area; Schengen zone
    Nordics: Nordics; Nordic; Nordic countries; Scandinavia; Scandinavian; Scandinavian countries
    NorthAmerica: North America; North American
    SouthAmerica: South America; Latin America
    Africa: Africa
    Asia: Asia; South East Asia; Southeast Asia
    MiddleEast: Middle East; the Middle East
    Oceania: Oceania; Australasia
    # "Everyone": world words, and Agora's joke audiences that mean anybody at all.
    Worldwide: Worldwide; World wide; World; WW; Everywhere; Everyplace; Every place; Anywhere; Global; Globally; International; Internationally; All countries; All over the world; Earth; Planet Earth; The Human Race; Worldwide standard; Everywhere else; Everywhere else must FE; Worldwide shipping; Ships worldwide
    Domestic: Domestic; Domestic only; Local; Locally; Inland
    # No physical shipping.
    Digital: Digital; Digital / Service; Digital Service; Digital goods; Digital product; Service; Services; Internet; Online; Email; E-mail; Web; Cyberspace; Download; Instant delivery; Auto delivery; Automatic delivery
    # Nothing declared: the word itself, made-up or market names (Agora's "Torland", the
    # market's own name), pointers elsewhere ("my pm", "Please check listing"), audiences with
    # no geography ("Kind Hearts and Gentle People", "Responsible Adults"), and single words
    # the Agora scraper cut from a longer value whose place they do not identify on their own
    # ("The", "United" - States or Kingdom? -, "South", "West", "of", "Please", "We").
    Undeclared: Undeclared; Not declared; my; Undisclosed; Unknown; Secret; Hidden; Private; Stealth; Anonymous; Torland; Tor land; Tor; Agora; Agora Beta; Beta; PM; my pm; your pm; PM me; PM for details; Ask; Message me; Contact me; Please; Please check listing; Please read my profile; Check my profile; See profile; See listing; Read profile; Kind Hearts and Gentle People; Gentle Hearts and Kind People; Kind and Gentle people; Mamas house and Papas house; Responsible Adults; Responsible Ninjas; Responsable singles, or parties; The home of the Body Bags; The home of the Body Bags, shotty, and mag; home; The; United; South; North; West; East; of; La; Pacific; Republic; Ships; Shipping; We; U; S; Wide
    """
}
