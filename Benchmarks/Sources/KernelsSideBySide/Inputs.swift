import Foundation

/// Readers for the little binary files that scripts/kernels/peer_workloads.py `prep` writes,
/// so both sides score exactly the same inputs. All integers little-endian.
enum Inputs {
  static func data(_ dir: String, _ name: String) -> Data {
    guard let d = FileManager.default.contents(atPath: dir + "/" + name) else {
      fatalError("missing input \(dir)/\(name): run peer_workloads.py prep first")
    }
    return d
  }

  static func u32(_ d: Data, _ at: Int) -> Int {
    Int(d[at]) | Int(d[at + 1]) << 8 | Int(d[at + 2]) << 16 | Int(d[at + 3]) << 24
  }

  /// u32 count, then per string: u32 byte length + UTF-8 bytes.
  static func strings(_ dir: String, _ name: String) -> [String] {
    let d = data(dir, name)
    var out: [String] = []
    let n = u32(d, 0)
    out.reserveCapacity(n)
    var at = 4
    for _ in 0..<n {
      let len = u32(d, at)
      at += 4
      out.append(String(decoding: d[at..<at + len], as: UTF8.self))
      at += len
    }
    return out
  }

  /// u32 count, then count Int32 values.
  static func int32s(_ dir: String, _ name: String) -> [Int32] {
    let d = data(dir, name)
    let n = u32(d, 0)
    return (0..<n).map { Int32(bitPattern: UInt32(u32(d, 4 + 4 * $0))) }
  }

  /// u32 rows, u32 columns, then rows × columns Float32 row-major.
  static func matrix(_ dir: String, _ name: String) -> (rows: Int, columns: Int, values: [Float]) {
    let d = data(dir, name)
    let rows = u32(d, 0)
    let cols = u32(d, 4)
    var values = [Float](repeating: 0, count: rows * cols)
    values.withUnsafeMutableBytes { dst in
      d.withUnsafeBytes { src in
        dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[8..<8 + rows * cols * 4]))
      }
    }
    return (rows, cols, values)
  }
}
