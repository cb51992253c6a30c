/// Quantities in listing titles: "100g", "1 kg", "1/2 oz", "QP", "10 x 120mg", "50 pills",
/// "100x", "1 blotter", "250ug".
///
/// A title is read for its first measure (a mass or volume: number + unit, or a slang word
/// like "QP") and its first count ("50 pills", "100x", "x 100", "10 x …"). A measure with a
/// count is per item; see ``Quantity`` for the three shapes. Ranges use their lower bound
/// ("150 - 170ug" → 150 µg, what the seller promises at least). Numbers that are prices
/// ("$40", "2000CHF") or purities ("84%") are skipped. Titles with neither (guides,
/// accounts) give nil.
///
/// Measured on the real Agora January 2014 files (`QuantityRealDataTests` asserts floors a
/// few points lower): 70.1% of the vendor file's 8,533 titles (all categories) parse, and
/// 96.2% of the 5,744 titles in the "Drugs" category of the feedback file; the rest are
/// mostly guides, software, accounts and cards, which have no quantity.
public enum QuantityParser {
  /// The title's quantity in the store's columns: ``QuantityReader`` read, as
  /// ``ListingQuantity/stored``.
  public static func parse(title: String) -> Quantity? {
    QuantityReader.read(title: title).stored
  }
}
