/// The title's quantity in the store's columns (`quantity`, `unit`, `count`): what
/// ``QuantityReader`` reads, as ``ListingQuantity/stored``. See docs/NORMALISATION.md.
///
/// Measured on the real Agora January 2014 files (`QuantityRealDataTests` asserts floors a
/// few points lower): 66.7 % of the vendor file's 8,533 titles (all categories) store a
/// quantity, and 91.2 % of the 5,744 titles in the "Drugs" category of the feedback file
/// (94.8 % have a reading; a dose without a count is read but not stored); the rest are
/// mostly guides, software, accounts and cards, which have no quantity.
public enum QuantityParser {
  /// The title's quantity in the store's columns: ``QuantityReader`` read, as
  /// ``ListingQuantity/stored``.
  public static func parse(title: String) -> Quantity? {
    QuantityReader.read(title: title).stored
  }
}
