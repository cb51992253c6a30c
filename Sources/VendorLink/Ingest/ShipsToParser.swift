/// Reads a ships-to field, where scrapes mix destinations and exclusions in one text:
/// "Worldwide", "EU", "everywhere but Australia", "We do not ship to USA / Canada".
/// The normaliser's reader does the work; this names the split the store keeps.
public enum ShipsToParser {
  public static func parse(_ raw: String) -> (
    to: [Place], excludes: [Place], unrecognised: [String]
  ) {
    let reading = PlaceNormalizer.read(raw)
    return (reading.included, reading.excluded, reading.unrecognised)
  }
}
