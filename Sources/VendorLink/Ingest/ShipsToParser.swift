/// Reads a ships-to field, where scrapes mix destinations and exclusions in one text:
/// "Worldwide", "EU", "everywhere but Australia", "Worldwide except USA, Canada".
public enum ShipsToParser {
  /// Words that turn the rest of the field into exclusions.
  static let exclusionMarkers = [" except ", " but ", " excluding ", " not to ", " no "]

  public static func parse(_ raw: String) -> (
    to: [Place], excludes: [Place], unrecognised: [String]
  ) {
    let lower = " " + raw.lowercased() + " "
    for marker in exclusionMarkers {
      guard let r = lower.range(of: marker) else { continue }
      let head = String(lower[..<r.lowerBound])
      let tail = String(lower[r.upperBound...])
      let to = PlaceNormalizer.parse(head.replacingOccurrences(of: "everywhere", with: "worldwide"))
      let ex = PlaceNormalizer.parse(tail)
      var toPlaces = to.places
      if toPlaces.isEmpty, head.contains("everywhere") || head.trimmingWhitespace.isEmpty {
        toPlaces = PlaceNormalizer.parse("Worldwide").places
      }
      return (toPlaces, ex.places, to.unrecognised.filter { !$0.isEmpty } + ex.unrecognised)
    }
    let p = PlaceNormalizer.parse(raw.lowercased() == "everywhere" ? "Worldwide" : raw)
    return (p.places, [], p.unrecognised)
  }
}
