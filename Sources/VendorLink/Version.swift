/// The tool's version, recorded in every run row.
public enum VendorLinkVersion {
  public static let string = "0.1.0"
}
