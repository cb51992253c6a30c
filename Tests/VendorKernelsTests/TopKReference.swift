import VendorKernels

/// The naive reference for every top-k: sort all (score, index) pairs by score descending,
/// ties to the lower index, NaN dropped, and take k.
func referenceTopK(scores: [Float], rows: Int, columns: Int, k: Int) -> TopK {
  var indices: [Int32] = []
  var values: [Float] = []
  for r in 0..<rows {
    var row: [(Int32, Float)] = []
    for c in 0..<columns where !scores[r * columns + c].isNaN {
      row.append((Int32(c), scores[r * columns + c]))
    }
    row.sort { (a: (Int32, Float), b: (Int32, Float)) -> Bool in
      a.1 != b.1 ? a.1 > b.1 : a.0 < b.0
    }
    for t in 0..<k {
      indices.append(t < row.count ? row[t].0 : -1)
      values.append(t < row.count ? row[t].1 : -.infinity)
    }
  }
  return TopK(rows: rows, k: k, indices: indices, scores: values)
}
