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

  /// The lower-case hex SHA-256 of `bytes`.
  public static func sha256<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let ctx = EVP_MD_CTX_new()!
    defer { EVP_MD_CTX_free(ctx) }
    EVP_DigestInit_ex(ctx, EVP_sha256(), nil)
    let array = Array(bytes)
    array.withUnsafeBytes { _ = EVP_DigestUpdate(ctx, $0.baseAddress, $0.count) }
    return finish(ctx)
  }

  /// The first 16 bytes of the SHA-256 of `bytes`, as a compact key.
  public static func sha256Prefix16(_ bytes: [UInt8]) -> [UInt8] {
    var md = [UInt8](repeating: 0, count: 32)
    var len: UInt32 = 0
    bytes.withUnsafeBytes { b in
      _ = EVP_Digest(b.baseAddress, b.count, &md, &len, EVP_sha256(), nil)
    }
    return Array(md.prefix(16))
  }

  private static func finish(_ ctx: OpaquePointer) -> String {
    var md = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var len: UInt32 = 0
    EVP_DigestFinal_ex(ctx, &md, &len)
    let hex: [Character] = Array("0123456789abcdef")
    var s = ""
    s.reserveCapacity(Int(len) * 2)
    for b in md.prefix(Int(len)) {
      s.append(hex[Int(b >> 4)])
      s.append(hex[Int(b & 15)])
    }
    return s
  }
}
