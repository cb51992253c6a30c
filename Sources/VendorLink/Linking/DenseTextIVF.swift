import VendorKernels

/// Settings of the inverted-file text search (`TextIVF`), with the reason for each default.
struct TextIVFSettings: Sendable {
  /// Base rows per list, on average: the number of lists grows as √n (n / lists ≈ 2√n), so
  /// that both the centroid search (n × lists) and the scored pairs (n² × probed share) stay
  /// balanced as markets grow. At 20k accounts this is 70 lists of about 280 rows, large
  /// enough for efficient products.
  var listsPerSqrtBase: Double = 0.5
  /// Lists each query searches. A fixed count, so the searched share shrinks as 1/√n and the
  /// scored pairs grow as n^1.5 rather than n². 24 of the 70 lists at 20k accounts (a third
  /// of the pairs) is where time meets quality on gen.py 3×20k; the measurements against 20
  /// and 32 probes and against more, smaller lists are in Benchmarks/linking/README.md.
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

/// An inverted file over one market's dense text vectors (VendorKernels' `DenseIVFIndex`,
/// as faiss's `IndexIVFFlat`), with the list and probe counts of `TextIVFSettings`.
///
/// Why: the exhaustive search costs one n×n×256 product per pair of markets (three 20k×20k
/// products at 3×20k). Here each query is scored only against the members of the lists
/// whose centroids are nearest to it, and each product serves both directions. Aliases'
/// texts are each other's near neighbours, which land in the same or adjacent lists; the
/// price is a point or so of candidate recall (measured in Benchmarks/linking). A market is
/// clustered once and searched from every other market.
struct TextIVF: Sendable {
  let index: DenseIVFIndex

  init(_ dense: DenseText, base: [Int32], settings: TextIVFSettings) {
    let lists = settings.lists(base: base.count)
    index = DenseIVFIndex(
      dense.matrix, base: base, lists: lists, probes: settings.probes(lists: lists),
      iterations: settings.iterations)
  }
}
