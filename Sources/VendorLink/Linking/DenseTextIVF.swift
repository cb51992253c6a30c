import CBLAS
import Foundation

/// Inverted-file search for text candidates (as faiss's `IndexIVFFlat`): the base rows are
/// grouped by spherical k-means into `lists` clusters, and each query is scored only against
/// the members of the `probes` clusters whose centroids are nearest to it — still with BLAS,
/// one product per cluster and the queries that probe it.
///
/// Why: the exact search costs one n×n×256 product per pair of markets (three 20k×20k
/// products at 3×20k: two thirds of a link run's CPU time); with 64 lists and 8 probes each
/// direction scores an eighth of the pairs, so both directions together cost a quarter.
/// Aliases' texts are each other's near neighbours, which land in the same or adjacent
/// clusters; the price is a point or so of candidate recall (measured in Benchmarks/linking).
struct TextIVFSettings: Sendable {
  /// Clusters per searched market: about √n at 3×5k–3×20k keeps lists a few hundred rows,
  /// large enough for efficient products.
  var lists = 64
  /// Clusters searched per query: 8 of 64 keeps the aliases' candidate recall within about a
  /// point of the exact search on gen.py data.
  var probes = 16
  /// Lloyd iterations of the clustering: the lists only need to be coherent, not optimal.
  var iterations = 4
  /// Below this many base rows the exact search is cheaper than clustering.
  var minimumBase = 2048
}

extension DenseText {
  /// Each query's top `k` base rows (indices into `base`) by dot product above `floor`,
  /// searching the `probes` nearest clusters of `lists` k-means clusters of the base.
  func ivfTopK(queries: [Int32], base: [Int32], k: Int, floor: Float, settings: TextIVFSettings)
    -> TopK
  {
    let d = dimensions
    let nq = queries.count
    let nb = base.count
    let nlist = max(1, min(settings.lists, nb / 16))
    let nprobe = max(1, min(settings.probes, nlist))
    let baseMatrix = gather(base)
    let queryMatrix = gather(queries)
    // Spherical k-means: centroids start at evenly spaced base rows.
    var centroids = [Float](repeating: 0, count: nlist * d)
    for c in 0..<nlist {
      let r = c * nb / nlist
      for t in 0..<d { centroids[c * d + t] = baseMatrix[r * d + t] }
    }
    var assignment = [Int32](repeating: 0, count: nb)
    for iteration in 0...settings.iterations {
      let scores = product(baseMatrix, nb, centroids, nlist)
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
        guard norm > 0 else { continue }  // an empty cluster keeps its centroid
        let inv = 1 / norm.squareRoot()
        for t in 0..<d { centroids[c * d + t] = sums[c * d + t] * inv }
      }
    }
    // Members of each list, contiguous.
    var listStart = [Int](repeating: 0, count: nlist + 1)
    for a in assignment { listStart[Int(a) + 1] += 1 }
    for c in 0..<nlist { listStart[c + 1] += listStart[c] }
    var fill = listStart
    var members = [Int32](repeating: 0, count: nb)
    for r in 0..<nb {
      let c = Int(assignment[r])
      members[fill[c]] = Int32(r)
      fill[c] += 1
    }
    let sortedBase = gather(members, from: baseMatrix)
    // The probes of each query, inverted into the queries of each list.
    let toCentroids = product(queryMatrix, nq, centroids, nlist)
    var probing = [[Int32]](repeating: [], count: nlist)
    var order = [Int](repeating: 0, count: nlist)
    for q in 0..<nq {
      for c in 0..<nlist { order[c] = c }
      let row = q * nlist
      order.sort { toCentroids[row + $0] > toCentroids[row + $1] }
      for c in order.prefix(nprobe) { probing[c].append(Int32(q)) }
    }
    let (lists, starts, memberRows) = (probing, listStart, members)
    // One product per list, lists spread over the cores, each worker with its own lists.
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, nlist))
    let tops = (0..<workers).map { _ in TopK(rows: nq, k: k, floor: floor) }
    let blasThreads = openblas_get_num_threads()
    if workers > 1 { openblas_set_num_threads(1) }
    defer { if workers > 1 { openblas_set_num_threads(blasThreads) } }
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      let top = tops[w]
      var c = w
      while c < nlist {
        defer { c += workers }
        let qs = lists[c]
        let size = starts[c + 1] - starts[c]
        if qs.isEmpty || size == 0 { continue }
        let sub = gather(qs, from: queryMatrix)
        var scores = [Float](repeating: 0, count: qs.count * size)
        sub.withUnsafeBufferPointer { sp in
          sortedBase.withUnsafeBufferPointer { bp in
            scores.withUnsafeMutableBufferPointer { out in
              cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(qs.count), Int32(size), Int32(d),
                1, sp.baseAddress, Int32(d), bp.baseAddress! + starts[c] * d, Int32(d), 0,
                out.baseAddress, Int32(size))
            }
          }
        }
        for (i, q) in qs.enumerated() {
          let r = Int(q)
          var minimum = top.mins[r]
          for j in 0..<size where scores[i * size + j] > minimum {
            minimum = top.insert(r, memberRows[starts[c] + j], scores[i * size + j])
          }
        }
      }
    }
    if tops.count == 1 { return tops[0] }
    let merged = TopK(rows: nq, k: k, floor: floor)
    for top in tops {
      for r in 0..<nq {
        for slot in 0..<k {
          let id = top.ids[r * k + slot]
          let s = top.scores[r * k + slot]
          if id >= 0 && s > merged.mins[r] { merged.insert(r, id, s) }
        }
      }
    }
    return merged
  }

  /// Rows `rows` of the account vectors, as one row-major matrix.
  func gather(_ rows: [Int32]) -> [Float] {
    gather(rows, from: vectors)
  }

  /// Rows `rows` of a row-major matrix with `dimensions` columns.
  func gather(_ rows: [Int32], from matrix: [Float]) -> [Float] {
    let d = dimensions
    var out = [Float](repeating: 0, count: rows.count * d)
    for (r, row) in rows.enumerated() {
      let src = Int(row) * d
      for t in 0..<d { out[r * d + t] = matrix[src + t] }
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
