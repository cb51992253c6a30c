import COpenSSL
import Foundation

/// SHA-256 of files and strings, through OpenSSL's libcrypto (a well-kept implementation;
/// we write no hash functions ourselves).
public enum FileDigest {
  /// The lower-case hex SHA-256 of the file's bytes, read in 1 MiB chunks.
  public static func sha256(path: String) throws -> String {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw RuntimeFailure("cannot open \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    guard let ctx = EVP_MD_CTX_new() else { throw RuntimeFailure("cannot allocate a digest") }
    defer { EVP_MD_CTX_free(ctx) }
    EVP_DigestInit_ex(ctx, EVP_sha256(), nil)
    let size = 1 << 20
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let n = read(fd, buffer, size)
      if n < 0 {
        if errno == EINTR { continue }
        throw RuntimeFailure("cannot read \(path): \(String(cString: strerror(errno)))")
      }
      if n == 0 { break }
      EVP_DigestUpdate(ctx, buffer, n)
    }
    return finish(ctx)
  }

  /// The lower-case hex SHA-256 of `bytes` (one-shot `EVP_Digest`: no context to allocate,
  /// so nothing to unwrap; it fails only when libcrypto cannot allocate, which stops here).
  public static func sha256<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    hex(digest(Array(bytes)))
  }

  /// The 32-byte SHA-256 of `bytes`.
  private static func digest(_ bytes: [UInt8]) -> [UInt8] {
    var md = [UInt8](repeating: 0, count: 32)
    var len: UInt32 = 0
    let ok = bytes.withUnsafeBytes { b in
      EVP_Digest(b.baseAddress, b.count, &md, &len, EVP_sha256(), nil)
    }
    precondition(ok == 1 && len == 32, "libcrypto could not compute a SHA-256")
    return md
  }

  /// The first 16 bytes of the SHA-256 of `bytes`, as a compact key.
  public static func sha256Prefix16(_ bytes: [UInt8]) -> [UInt8] {
    Array(digest(bytes).prefix(16))
  }

  private static func finish(_ ctx: OpaquePointer) -> String {
    var md = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var len: UInt32 = 0
    EVP_DigestFinal_ex(ctx, &md, &len)
    return hex(md.prefix(Int(len)))
  }

  /// Lower-case hex of `bytes`.
  private static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let digits: [Character] = Array("0123456789abcdef")
    var s = ""
    s.reserveCapacity(bytes.count * 2)
    for b in bytes {
      s.append(digits[Int(b >> 4)])
      s.append(digits[Int(b & 15)])
    }
    return s
  }
}
