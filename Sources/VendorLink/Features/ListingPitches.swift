/// The pitch of a listing title: what a vendor writes after the product, past the first
/// separator (`10g Cocaine 85% - free shipping EU` → `free shipping eu`).
///
/// Why a feature of its own: the product words say what is sold, which many vendors share;
/// the pitch is the vendor's own boilerplate, repeated across their listings and carried to
/// their other accounts ("FE only", "stealth shipping", decorations). On gen.py 3×20k, 45 %
/// of the aliases who changed name and key that linking missed had the very same set of
/// pitches, against 4 % of the non-matching candidates.
public enum ListingPitches {
  /// A stable hash of the title's normalised pitch, or nil when it has none: normalised as
  /// profile sentences are (`ProfileSentences.normalise`: ASCII letters lower-cased, runs of
  /// ASCII spaces and punctuation one space; emoji and accented letters kept, since they are
  /// part of the style).
  public static func hash(_ title: String) -> UInt64? {
    hash(title, segmentEnd: ListingProducts.firstSegmentEnd(title))
  }

  /// `hash`, given where the title's first segment ends (`ListingProducts.firstSegmentEnd`).
  static func hash(_ title: String, segmentEnd: Int) -> UInt64? {
    var title = title
    return title.withUTF8 { bytes in
      var rest = UnsafeBufferPointer(rebasing: bytes[segmentEnd...])
      // The separator itself is not part of the pitch (an en dash would otherwise be kept as
      // a non-ASCII byte).
      if let sep = ListingProducts.separators.first(where: { rest.starts(with: $0) }) {
        rest = UnsafeBufferPointer(rebasing: rest[sep.count...])
      }
      let normalised = ProfileSentences.normalise(rest)
      if normalised.isEmpty { return nil }
      return normalised.withUnsafeBufferPointer { TextTokens.mix(TextTokens.fnv1a($0)) }
    }
  }
}
