import COpenSSL

/// Message digests through OpenSSL's libcrypto (a well-kept implementation; no hand-written
/// hash functions here).
enum Digest {
  enum Algorithm {
    case md5, sha1, sha256
  }

  /// The digest of the concatenation of `parts`.
  static func hash(_ algorithm: Algorithm, _ parts: [ArraySlice<UInt8>]) -> [UInt8] {
    let md: OpaquePointer?
    switch algorithm {
    case .md5: md = EVP_md5()
    case .sha1: md = EVP_sha1()
    case .sha256: md = EVP_sha256()
    }
    guard let ctx = EVP_MD_CTX_new() else { return [] }
    defer { EVP_MD_CTX_free(ctx) }
    guard EVP_DigestInit_ex(ctx, md, nil) == 1 else { return [] }
    for part in parts {
      let ok = part.withUnsafeBufferPointer { EVP_DigestUpdate(ctx, $0.baseAddress, $0.count) }
      guard ok == 1 else { return [] }
    }
    var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    guard EVP_DigestFinal_ex(ctx, &out, &length) == 1 else { return [] }
    return Array(out.prefix(Int(length)))
  }
}
