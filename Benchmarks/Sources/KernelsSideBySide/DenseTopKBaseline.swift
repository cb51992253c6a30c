import CBLAS
import Dispatch
import Foundation
import VendorKernels

/// The `cblas_sgemm` calls of `DenseTopK.search` on the same tiles and threads, without the
/// top-k merge: the ceiling the pipeline is measured against (target: ≥ 70% of it).
enum DenseTopKBaseline {
  static func sgemmOnly(queries q: DenseMatrix, database db: DenseMatrix, _ o: DenseTopKOptions) {
    let (n, m, d) = (q.rows, db.rows, q.columns)
    let qt = o.queryTile
    let dt = o.databaseTile
    let tiles = (n + qt - 1) / qt
    let before = openblas_get_num_threads()
    openblas_set_num_threads(1)
    defer { openblas_set_num_threads(before) }
    let workers = o.threads ?? 2
    nonisolated(unsafe) let qp = q.values.withUnsafeBufferPointer { $0.baseAddress! }
    nonisolated(unsafe) let dp = db.values.withUnsafeBufferPointer { $0.baseAddress! }
    let next = Counter()
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      let buffer = UnsafeMutablePointer<Float>.allocate(capacity: qt * dt)
      defer { buffer.deallocate() }
      while true {
        let tile = next.take()
        if tile >= tiles { break }
        let r0 = tile * qt
        let rows = min(qt, n - r0)
        var c0 = 0
        while c0 < m {
          let cols = min(dt, m - c0)
          cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(cols), Int32(d), 1,
            qp + r0 * d, Int32(d), dp + c0 * d, Int32(d), 0, buffer, Int32(cols))
          c0 += cols
        }
      }
    }
    withExtendedLifetime(q) {}
    withExtendedLifetime(db) {}
  }
}

final class Counter: @unchecked Sendable {
  private var value = 0
  private let lock = NSLock()
  func take() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value - 1
  }
}
