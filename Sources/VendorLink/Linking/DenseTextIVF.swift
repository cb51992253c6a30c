import CBLAS
import Foundation

/// Settings of the inverted-file text search (`TextIVF`), with the reason for each default.
struct TextIVFSettings: Sendable {
  /// Base rows per list, on average: the number of lists grows as √n (n / lists ≈ 2√n), so
  /// that both the centroid search (n × lists) and the scored pairs (n² × probed share) stay
  /// balanced as markets grow. At 20k accounts this is 70 lists of about 280 rows, large
  /// enough for efficient products.
  var listsPerSqrtBase: Double = 0.5
  /// Lists each query searches. A fixed count, so the searched share shrinks as 1/√n and the
  /// scored pairs grow as n^1.5 rather than n². 24 of the 70 lists at 20k accounts (a third
  /// of the pairs) is where time meets quality on gen.py 3×20k: against 32, blocking about
  /// 0.8 s faster (of 3.9 s), F1 0.983 against 0.985 and recall of aliases known by their
  /// text only 0.883 against 0.900; 20 lists gave 0.980 and 0.866. (More, smaller lists
  /// probed in proportion found more per pair scored, but the smaller products ran slower:
  /// 283 lists and 160 probes, a third fewer pairs than 32 of 70, took longer.)
  var probes = 24
  /// Lloyd iterations of the clustering: the lists only need to be coherent, not optimal.
  var iterations = 4
  /// Below this many rows on either side the exhaustive search is cheaper than clustering.
  var minimumBase = 2048
  /// A fixed list count (tests); nil derives it from the base size as above.
  var fixedLists: Int? = nil

  /// Lists for a base of `n` rows (at least one, at most one per 16 rows).
  func lists(base n: Int) -> Int {
    let wanted = fixedLists ?? Int((Double(n).squareRoot() * listsPerSqrtBase).rounded())
    return max(1, min(wanted, n / 16))
  }

  func probes(lists: Int) -> Int {
    max(1, min(lists, probes))
  }
}

/// An inverted file over one market's dense text vectors (as faiss's `IndexIVFFlat`): its
/// rows grouped by spherical k-means into lists, stored list after list.
///
/// Why: the exhaustive search costs one n×n×256 product per pair of markets (three 20k×20k
/// products at 3×20k). Here each query is scored only against the members of the lists
/// whose centroids are nearest to it — still with BLAS, one product per list and the queries
/// that probe it — and each product serves both directions (`DenseText.ivfTopK`). Aliases'
/// texts are each other's near neighbours, which land in the same or adjacent lists; the
/// price is a point or so of candidate recall (measured in Benchmarks/linking). A market is
/// clustered once and searched from every other market.
struct TextIVF: Sendable {
  let dimensions: Int
  /// The indexed rows (indices into the `DenseText` matrix), in list order.
  let rows: [Int32]
  /// List c holds `rows[listStart[c]..<listStart[c + 1]]`.
  let listStart: [Int]
  /// The vectors of `rows`, row-major.
  let matrix: [Float]
  /// Unit-length centroids, row-major `lists × dimensions`.
  let centroids: [Float]
  let probes: Int

  var lists: Int { listStart.count - 1 }

  init(_ dense: DenseText, base: [Int32], settings: TextIVFSettings) {
    let d = dense.dimensions
    let nb = base.count
    let nlist = settings.lists(base: nb)
    dimensions = d
    probes = settings.probes(lists: nlist)
    let baseMatrix = dense.gather(base)
    // Spherical k-means: centroids start at evenly spaced base rows.
    var centroids = [Float](repeating: 0, count: nlist * d)
    for c in 0..<nlist {
      let r = c * nb / nlist
      for t in 0..<d { centroids[c * d + t] = baseMatrix[r * d + t] }
    }
    var assignment = [Int32](repeating: 0, count: nb)
    for iteration in 0...settings.iterations {
      let scores = dense.product(baseMatrix, nb, centroids, nlist)
      for r in 0..<nb {
        var best = 0
        var bestScore = -Float.infinity
        for c in 0..<nlist where scores[r * nlist + c] > bestScore {
          bestScore = scores[r * nlist + c]
          best = c
        }
        assignment[r] = Int32(best)
      }
      if iteration == settings.iterations { break }
      var sums = [Float](repeating: 0, count: nlist * d)
      for r in 0..<nb {
        let c = Int(assignment[r])
        for t in 0..<d { sums[c * d + t] += baseMatrix[r * d + t] }
      }
      for c in 0..<nlist {
        var norm: Float = 0
        for t in 0..<d { norm += sums[c * d + t] * sums[c * d + t] }
        guard norm > 0 else { continue }  // an empty list keeps its centroid
        let inv = 1 / norm.squareRoot()
        for t in 0..<d { centroids[c * d + t] = sums[c * d + t] * inv }
      }
    }
    self.centroids = centroids
    // Members of each list, contiguous.
    var listStart = [Int](repeating: 0, count: nlist + 1)
    for a in assignment { listStart[Int(a) + 1] += 1 }
    for c in 0..<nlist { listStart[c + 1] += listStart[c] }
    var fill = listStart
    var order = [Int32](repeating: 0, count: nb)
    for r in 0..<nb {
      let c = Int(assignment[r])
      order[fill[c]] = Int32(r)
      fill[c] += 1
    }
    self.listStart = listStart
    rows = order.map { base[Int($0)] }
    matrix = dense.gather(order, from: baseMatrix)
  }

  /// For each list, the queries (row indices of `queryMatrix`, ascending) that probe it: each
  /// query probes the `probes` lists whose centroids are nearest to it (ties to the lower
  /// list). Queries are split in chunks over the cores; each chunk's lists are joined in
  /// chunk order, so the result does not depend on scheduling.
  func probing(_ dense: DenseText, queryMatrix: [Float], count nq: Int) -> [[Int32]] {
    let nlist = lists
    let probes = probes
    let toCentroids = dense.product(queryMatrix, nq, centroids, nlist)
    let parts = parallelChunks(count: nq, minimumChunk: 512) { range in
      var probing = [[Int32]](repeating: [], count: nlist)
      var row = [Float](repeating: 0, count: nlist)
      for q in range {
        if probes == nlist {
          for c in 0..<nlist { probing[c].append(Int32(q)) }
          continue
        }
        let scores = toCentroids[(q * nlist)..<((q + 1) * nlist)]
        row.replaceSubrange(0..<nlist, with: scores)
        // The probes-th largest score; lists above it probe, then ties in list order.
        let cut = Self.largest(probes, in: &row)
        var above = 0
        for s in scores where s > cut { above += 1 }
        var ties = probes - above
        for (c, s) in zip(0..<nlist, scores) {
          if s > cut || (s == cut && ties > 0) {
            if s == cut { ties -= 1 }
            probing[c].append(Int32(q))
          }
        }
      }
      return probing
    }
    return (0..<nlist).map { c in parts.flatMap { $0[c] } }
  }

  /// The `k`-th largest of `values` (1-based; `values` is reordered), by quickselect: a
  /// query ranks hundreds of centroids, and a sorted insertion of each into the best `k`
  /// cost more than the products once lists were many.
  static func largest(_ k: Int, in values: inout [Float]) -> Float {
    var lo = 0
    var hi = values.count - 1
    let target = k - 1
    while lo < hi {
      let pivot = values[(lo + hi) / 2]
      var i = lo
      var j = hi
      while i <= j {
        while values[i] > pivot { i += 1 }
        while values[j] < pivot { j -= 1 }
        if i <= j {
          values.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if target <= j {
        hi = j
      } else if target >= i {
        lo = i
      } else {
        break
      }
    }
    return values[target]
  }
}

extension DenseText {
  /// The top `k` by dot product above `floor` of each of `queries` among the index's rows,
  /// and of each index row among the queries that probed its list — both from one product
  /// per list. Calls `emit(query, indexed)` (account rows, duplicates possible) on the
  /// calling thread after the search.
  func ivfTopK(
    queries: [Int32], index: TextIVF, k: Int, floor: Float, emit: (Int32, Int32) -> Void
  ) {
    let d = dimensions
    let nq = queries.count
    let nb = index.rows.count
    if nq == 0 || nb == 0 || k <= 0 { return }
    let queryMatrix = gather(queries)
    let probing = index.probing(self, queryMatrix: queryMatrix, count: nq)
    // Largest products first, so the workers finish together.
    let cost: [Int] = (0..<index.lists).map { c in
      probing[c].count * (index.listStart[c + 1] - index.listStart[c])
    }
    let order = (0..<index.lists).sorted { cost[$0] > cost[$1] }
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, index.lists))
    let rowTops = (0..<workers).map { _ in TopK(rows: nq, k: k, floor: floor) }
    let colTops = (0..<workers).map { _ in TopK(rows: nb, k: k, floor: floor) }
    let maxQueries = probing.map(\.count).max() ?? 0
    let maxMembers = (0..<index.lists).reduce(0) { m, c in
      max(m, index.listStart[c + 1] - index.listStart[c])
    }
    let blasThreads = openblas_get_num_threads()
    if workers > 1 { openblas_set_num_threads(1) }
    defer { if workers > 1 { openblas_set_num_threads(blasThreads) } }
    queryMatrix.withUnsafeBufferPointer { qp in
      index.matrix.withUnsafeBufferPointer { bp in
        let (queryBase, listBase) = (
          UnsafeSendable(UnsafeMutablePointer(mutating: qp.baseAddress!)),
          UnsafeSendable(UnsafeMutablePointer(mutating: bp.baseAddress!))
        )
        DispatchQueue.concurrentPerform(iterations: workers) { w in
          let (rowTop, colTop) = (rowTops[w], colTops[w])
          // One buffer of each kind per worker, sized for the largest list.
          let sub = UnsafeMutablePointer<Float>.allocate(capacity: max(1, maxQueries * d))
          let scores = UnsafeMutablePointer<Float>.allocate(
            capacity: max(1, maxQueries * maxMembers))
          defer {
            sub.deallocate()
            scores.deallocate()
          }
          var slot = w
          while slot < order.count {
            defer { slot += workers }
            let c = order[slot]
            let qs = probing[c]
            let start = index.listStart[c]
            let size = index.listStart[c + 1] - start
            if qs.isEmpty || size == 0 { continue }
            for (i, q) in qs.enumerated() {
              (sub + i * d).update(from: queryBase.pointer + Int(q) * d, count: d)
            }
            cblas_sgemm(
              CblasRowMajor, CblasNoTrans, CblasTrans, Int32(qs.count), Int32(size), Int32(d), 1,
              sub, Int32(d), listBase.pointer + start * d, Int32(d), 0, scores, Int32(size))
            for (i, q) in qs.enumerated() {
              Self.scan(
                scores + i * size, count: size, row: Int(q), rowTop: rowTop, column: q,
                colTop: colTop, columnOffset: start)
            }
          }
        }
      }
    }
    let rowTop = TopK.merged(rowTops)
    let colTop = TopK.merged(colTops)
    for r in 0..<nq {
      for p in rowTop.ids(r) { emit(queries[r], index.rows[Int(p)]) }
    }
    for p in 0..<nb {
      for q in colTop.ids(p) { emit(queries[Int(q)], index.rows[p]) }
    }
  }

  /// Rows `rows` of the account vectors, as one row-major matrix.
  func gather(_ rows: [Int32]) -> [Float] {
    gather(rows, from: vectors)
  }

  /// Rows `rows` of a row-major matrix with `dimensions` columns.
  func gather(_ rows: [Int32], from matrix: [Float]) -> [Float] {
    let d = dimensions
    var out = [Float](repeating: 0, count: rows.count * d)
    out.withUnsafeMutableBufferPointer { o in
      matrix.withUnsafeBufferPointer { m in
        for (r, row) in rows.enumerated() {
          (o.baseAddress! + r * d).update(from: m.baseAddress! + Int(row) * d, count: d)
        }
      }
    }
    return out
  }

  /// `a` (n × d) times `b` (m × d) transposed: n × m dot products.
  func product(_ a: [Float], _ n: Int, _ b: [Float], _ m: Int) -> [Float] {
    let d = dimensions
    var out = [Float](repeating: 0, count: n * m)
    a.withUnsafeBufferPointer { ap in
      b.withUnsafeBufferPointer { bp in
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
