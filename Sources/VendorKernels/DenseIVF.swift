import CBLAS

/// An inverted file over rows of a dense matrix (as faiss's `IndexIVFFlat`): the rows grouped
/// by spherical k-means into lists, stored list after list, for approximate mutual top-k.
///
/// Why: the exhaustive search costs one n×m×d product. Here each query is scored only against
/// the members of the lists whose centroids are nearest to it, still with BLAS (one product
/// per list and the queries that probe it), and each product serves both directions
/// (`mutualTopK`). Near neighbours land in the same or adjacent lists; the price is some
/// recall. An index is built once and searched from any number of query sets.
public struct DenseIVFIndex: Sendable {
  public let dimensions: Int
  /// The indexed rows (indices into the matrix the index was built from), in list order.
  public let rows: [Int32]
  /// List c holds `rows[listStart[c]..<listStart[c + 1]]`.
  public let listStart: [Int]
  /// The vectors of `rows`, in list order.
  let matrix: DenseMatrix
  /// Unit-length centroids, `lists × dimensions`.
  public let centroids: DenseMatrix
  /// Lists each query searches.
  public let probes: Int

  public var lists: Int { listStart.count - 1 }

  /// Clusters rows `base` of `vectors` (unit-length rows: the clustering is spherical) into
  /// `lists` lists (at least 1) with `iterations` Lloyd iterations (the lists only need to be
  /// coherent, not optimal); queries will probe `probes` lists (clamped to 1...lists).
  /// Centroids start at evenly spaced base rows, so the index is deterministic.
  public init(_ vectors: DenseMatrix, base: [Int32], lists: Int, probes: Int, iterations: Int) {
    let d = vectors.columns
    let nb = base.count
    let nlist = max(1, lists)
    dimensions = d
    self.probes = max(1, min(nlist, probes))
    let baseMatrix = vectors.gathered(base)
    var centroids = DenseMatrix(rows: nlist, columns: d)
    for c in 0..<nlist where nb > 0 {
      let r = c * nb / nlist
      for t in 0..<d { centroids.values[c * d + t] = baseMatrix.values[r * d + t] }
    }
    var assignment = [Int32](repeating: 0, count: nb)
    for iteration in 0...iterations {
      Self.assign(baseMatrix, to: centroids, into: &assignment)
      if iteration == iterations { break }
      Self.recentre(&centroids, baseMatrix, assignment)
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
    matrix = baseMatrix.gathered(order)
  }

  /// Each row's nearest centroid by inner product (ties to the lower list).
  private static func assign(
    _ rows: DenseMatrix, to centroids: DenseMatrix, into assignment: inout [Int32]
  ) {
    let nlist = centroids.rows
    let scores = rows.innerProducts(centroids)
    for r in 0..<rows.rows {
      var best = 0
      var bestScore = -Float.infinity
      for c in 0..<nlist where scores[r * nlist + c] > bestScore {
        bestScore = scores[r * nlist + c]
        best = c
      }
      assignment[r] = Int32(best)
    }
  }

  /// Each centroid moved to the normalised sum of its members; an empty list keeps its own.
  private static func recentre(
    _ centroids: inout DenseMatrix, _ rows: DenseMatrix, _ assignment: [Int32]
  ) {
    let (nlist, d) = (centroids.rows, centroids.columns)
    var sums = [Float](repeating: 0, count: nlist * d)
    for r in 0..<rows.rows {
      let c = Int(assignment[r])
      for t in 0..<d { sums[c * d + t] += rows.values[r * d + t] }
    }
    for c in 0..<nlist {
      var norm: Float = 0
      for t in 0..<d { norm += sums[c * d + t] * sums[c * d + t] }
      guard norm > 0 else { continue }
      let inv = 1 / norm.squareRoot()
      for t in 0..<d { centroids.values[c * d + t] = sums[c * d + t] * inv }
    }
  }

  /// For each list, the queries (rows of `queries`, ascending) that probe it: each query
  /// probes the `probes` lists whose centroids are nearest to it (ties to the lower list).
  /// Queries are split in chunks over the cores; each chunk's lists are joined in chunk
  /// order, so the result does not depend on scheduling.
  public func probing(_ queries: DenseMatrix) -> [[Int32]] {
    let nlist = lists
    let probes = probes
    let nq = queries.rows
    let toCentroids = queries.innerProducts(centroids)
    let parts = Parallel.chunks(count: nq, minimumChunk: 512) { range in
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
        for (c, s) in zip(0..<nlist, scores) where s > cut || (s == cut && ties > 0) {
          if s == cut { ties -= 1 }
          probing[c].append(Int32(q))
        }
      }
      return probing
    }
    return (0..<nlist).map { c in parts.flatMap { $0[c] } }
  }

  /// The `k`-th largest of `values` (1-based; `values` is reordered), by quickselect: a
  /// query ranks hundreds of centroids, and a sorted insertion of each into the best `k`
  /// costs more than the products once lists are many.
  public static func largest(_ k: Int, in values: inout [Float]) -> Float {
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

extension DenseIVFIndex {
  /// The top `k` by inner product above `floor` of each of rows `queries` of `vectors` among
  /// the index's rows, and of each index row among the queries that probed its list, both
  /// from one product per list. Calls `emit(query, indexedRow)` (row indices, duplicates
  /// possible) on the calling thread after the search.
  public func mutualTopK(
    queries: [Int32], of vectors: DenseMatrix, k: Int, floor: Float, threads: Int? = nil,
    emit: (Int32, Int32) -> Void
  ) {
    let nq = queries.count
    let nb = rows.count
    if nq == 0 || nb == 0 || k <= 0 { return }
    let queryMatrix = vectors.gathered(queries)
    let probing = probing(queryMatrix)
    let workers = max(1, min(Parallel.threadCount(threads), lists))
    let rowTops = (0..<workers).map { _ in BestLists(rows: nq, k: k, floor: floor) }
    let colTops = (0..<workers).map { _ in BestLists(rows: nb, k: k, floor: floor) }
    DenseTopK.withSingleThreadedBLAS(if: workers > 1) {
      scoreLists(queryMatrix, probing, workers: workers) { w, scores, queries, start, size in
        for (i, q) in queries.enumerated() {
          BestLists.scan(
            scores + i * size, count: size, row: Int(q), rowTop: rowTops[w], column: q,
            colTop: colTops[w], columnOffset: start)
        }
      }
    }
    let rowTop = BestLists.merged(rowTops)
    let colTop = BestLists.merged(colTops)
    for r in 0..<nq {
      for p in rowTop.ids(r) { emit(queries[r], rows[Int(p)]) }
    }
    for p in 0..<nb {
      for q in colTop.ids(p) { emit(queries[Int(q)], rows[p]) }
    }
  }

  /// Scores every list against the queries that probe it, on `workers` threads (worker w
  /// takes the w-th, (w + workers)-th, ... list by decreasing cost, so the workers finish
  /// together), and calls `body(worker, scores, queries, listStart, listSize)` with the
  /// row-major `queries.count × listSize` product. Each worker has one buffer of each kind,
  /// sized for the largest list.
  private func scoreLists(
    _ queryMatrix: DenseMatrix, _ probing: [[Int32]], workers: Int,
    _ body: (Int, UnsafeMutablePointer<Float>, [Int32], Int, Int) -> Void
  ) {
    let d = dimensions
    let cost: [Int] = (0..<lists).map { c in probing[c].count * (listStart[c + 1] - listStart[c]) }
    let order = (0..<lists).sorted { cost[$0] > cost[$1] }
    let maxQueries = probing.map(\.count).max() ?? 0
    let maxMembers = (0..<lists).reduce(0) { m, c in max(m, listStart[c + 1] - listStart[c]) }
    queryMatrix.values.withUnsafeBufferPointer { qp in
      matrix.values.withUnsafeBufferPointer { bp in
        let bases = UncheckedSendable(value: (qp.baseAddress!, bp.baseAddress!))
        Parallel.forEach(chunks: workers, threads: workers) { w in
          let (queryBase, listBase) = bases.value
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
            let start = listStart[c]
            let size = listStart[c + 1] - start
            if qs.isEmpty || size == 0 { continue }
            for (i, q) in qs.enumerated() {
              (sub + i * d).update(from: queryBase + Int(q) * d, count: d)
            }
            cblas_sgemm(
              CblasRowMajor, CblasNoTrans, CblasTrans, Int32(qs.count), Int32(size), Int32(d), 1,
              sub, Int32(d), listBase + start * d, Int32(d), 0, scores, Int32(size))
            body(w, scores, qs, start, size)
          }
        }
      }
    }
  }
}
