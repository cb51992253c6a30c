import CBLAS
import CVendorKernels

/// A row-major matrix of `Float`: row `i` is `values[i*columns ..< (i+1)*columns]`.
/// The layout BLAS wants, so no copy is made on the way to `cblas_sgemm`.
public struct DenseMatrix: Sendable, Equatable {
  public let rows: Int
  public let columns: Int
  public var values: [Float]

  public init(rows: Int, columns: Int, values: [Float]) {
    precondition(rows >= 0 && columns >= 0 && values.count == rows * columns)
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// A matrix of zeros.
  public init(rows: Int, columns: Int) {
    self.init(rows: rows, columns: columns, values: [Float](repeating: 0, count: rows * columns))
  }

  /// Row `i` as an array (a copy; for tests and small jobs).
  public func row(_ i: Int) -> [Float] {
    Array(values[i * columns..<(i + 1) * columns])
  }

  /// Scales every row to unit L2 norm (in double precision), so that inner products are
  /// cosines. All-zero rows stay zero (their cosine with anything is then 0).
  public mutating func normalizeRows() {
    let (r, c) = (rows, columns)
    guard r > 0, c > 0 else { return }
    values.withUnsafeMutableBufferPointer { cvk_normalize_rows($0.baseAddress!, r, c) }
  }

  /// A copy with unit-norm rows (see `normalizeRows()`).
  public func normalizedRows() -> DenseMatrix {
    var copy = self
    copy.normalizeRows()
    return copy
  }
}

extension DenseMatrix {
  /// Rows `rows` (indices into this matrix), in that order, as a new matrix.
  public func gathered(_ rows: [Int32]) -> DenseMatrix {
    let d = columns
    var out = [Float](repeating: 0, count: rows.count * d)
    out.withUnsafeMutableBufferPointer { o in
      values.withUnsafeBufferPointer { m in
        for (r, row) in rows.enumerated() {
          (o.baseAddress! + r * d).update(from: m.baseAddress! + Int(row) * d, count: d)
        }
      }
    }
    return DenseMatrix(rows: rows.count, columns: d, values: out)
  }

  /// This matrix (n × d) times `other` (m × d) transposed: the n × m inner products,
  /// row-major, from one sgemm (on OpenBLAS's own threads).
  public func innerProducts(_ other: DenseMatrix) -> [Float] {
    precondition(columns == other.columns, "dimension mismatch")
    let (n, m, d) = (rows, other.rows, columns)
    var out = [Float](repeating: 0, count: n * m)
    guard n > 0, m > 0 else { return out }
    values.withUnsafeBufferPointer { ap in
      other.values.withUnsafeBufferPointer { bp in
        out.withUnsafeMutableBufferPointer { op in
          cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(m), Int32(d), 1,
            ap.baseAddress, Int32(d), bp.baseAddress, Int32(d), 0, op.baseAddress, Int32(m))
        }
      }
    }
    return out
  }
}
