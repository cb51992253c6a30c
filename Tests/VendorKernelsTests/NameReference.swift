/// Naive references for the name metrics, written from the definitions (rapidfuzz's rules:
/// window max(|a|,|b|)/2 - 1, transpositions halved with integer division, Winkler bonus of
/// 0.1 per common-prefix character up to 4 when Jaro > 0.7).
func referenceIndel(_ a: [UInt32], _ b: [UInt32]) -> Double {
  if a.isEmpty && b.isEmpty { return 1 }
  var prev = [Int](repeating: 0, count: b.count + 1)
  for i in 0..<a.count {
    var cur = [Int](repeating: 0, count: b.count + 1)
    for j in 0..<b.count {
      cur[j + 1] = a[i] == b[j] ? prev[j] + 1 : max(prev[j + 1], cur[j])
    }
    prev = cur
  }
  let lcs = prev[b.count]
  return 1 - Double(a.count + b.count - 2 * lcs) / Double(a.count + b.count)
}

func referenceJaroWinkler(_ a: [UInt32], _ b: [UInt32]) -> Double {
  if a.isEmpty && b.isEmpty { return 1 }
  if a.isEmpty || b.isEmpty { return 0 }
  let bound = max(0, max(a.count, b.count) / 2 - 1)
  var fa = [Bool](repeating: false, count: a.count)
  var fb = [Bool](repeating: false, count: b.count)
  var common = 0
  for j in 0..<b.count {
    let lo = max(0, j - bound)
    let hi = min(a.count - 1, j + bound)
    if lo > hi { continue }
    for i in lo...hi where !fa[i] && a[i] == b[j] {
      fa[i] = true
      fb[j] = true
      common += 1
      break
    }
  }
  if common == 0 { return 0 }
  let ma = (0..<a.count).filter { fa[$0] }.map { a[$0] }
  let mb = (0..<b.count).filter { fb[$0] }.map { b[$0] }
  let t = zip(ma, mb).filter { $0 != $1 }.count / 2
  let c = Double(common)
  var sim = (c / Double(a.count) + c / Double(b.count) + (c - Double(t)) / c) / 3
  if sim > 0.7 {
    var p = 0
    while p < min(4, a.count, b.count) && a[p] == b[p] { p += 1 }
    sim += Double(p) * 0.1 * (1 - sim)
  }
  return sim
}

func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
