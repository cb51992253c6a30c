// The engine side of the side-by-side comparison (scripts/kernels/side_by_side.sh).
// Usage: kernels-side-by-side WORKLOAD --data DIR [--reps 3] [--threads 2]
// Prints one JSON object: per-rep wall seconds (loading excluded, as on the peer side),
// quality figures, and which kernels ran (OpenBLAS core, AVX2).
import CBLAS
import Foundation
import VendorKernels

let args = Array(CommandLine.arguments.dropFirst())
guard let workload = args.first else {
  fatalError(
    "usage: kernels-side-by-side WORKLOAD --data DIR [--reps N] [--threads N]\n"
      + "workloads: jw-allpairs indel-allpairs name-top5-jw name-top5-indel dense-top10 "
      + "sgemm-only minhash lsh")
}
func option(_ name: String, _ fallback: String) -> String {
  if let i = args.firstIndex(of: name), i + 1 < args.count { return args[i + 1] }
  return fallback
}
let dir = option("--data", ".")
let reps = Int(option("--reps", "3"))!
let threads = Int(option("--threads", "2"))!

func seconds(_ body: () -> Void) -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Recall@k of B→A top-k lists against the gold A index of each B row (rows without one skipped).
func recall(_ top: TopK, gold: [Int32], k: Int) -> Double {
  var hit = 0
  var total = 0
  for (i, g) in gold.enumerated() where g >= 0 {
    total += 1
    if (0..<min(k, top.k)).contains(where: { top.indices[i * top.k + $0] == g }) { hit += 1 }
  }
  return total == 0 ? 0 : Double(hit) / Double(total)
}

var times: [Double] = []
var quality: [String: Double] = [:]
var notes: [String: String] = [:]

switch workload {
case "jw-allpairs", "indel-allpairs":
  let metric: NameMetric = workload == "jw-allpairs" ? .jaroWinkler : .indel
  let a = NameList(Inputs.strings(dir, "names_a.bin"))
  let b = NameList(Inputs.strings(dir, "names_b.bin"))
  var checksum: Float = 0
  for _ in 0..<reps {
    times.append(
      seconds {
        let m = NameSimilarity.allPairs(queries: b, choices: a, metric: metric, threads: threads)
        checksum += m[m.count / 2]
      })
  }
  quality["pairs"] = Double(a.count * b.count)
  quality["pairs_per_s_at_min"] = Double(a.count * b.count) / times.min()!
  notes["checksum"] = "\(checksum)"
case "name-top5-jw", "name-top5-indel":
  let metric: NameMetric = workload == "name-top5-jw" ? .jaroWinkler : .indel
  let a = NameList(Inputs.strings(dir, "names_a.bin"))
  let b = NameList(Inputs.strings(dir, "names_b.bin"))
  let gold = Inputs.int32s(dir, "gold_b.bin")
  var top = TopK(rows: 0, k: 0, indices: [], scores: [])
  for _ in 0..<reps {
    times.append(
      seconds {
        top = NameSimilarity.topK(queries: b, choices: a, k: 5, metric: metric, threads: threads)
      })
  }
  quality["recall@1"] = recall(top, gold: gold, k: 1)
  quality["recall@5"] = recall(top, gold: gold, k: 5)
case "dense-top10", "sgemm-only":
  let ma = Inputs.matrix(dir, "dense_a.f32")
  let mb = Inputs.matrix(dir, "dense_b.f32")
  let a = DenseMatrix(rows: ma.rows, columns: ma.columns, values: ma.values)
  let b = DenseMatrix(rows: mb.rows, columns: mb.columns, values: mb.values)
  // DENSE_QUERY_TILE / DENSE_DATABASE_TILE: tile shapes to sweep (defaults: the library's).
  var options = DenseTopKOptions(threads: threads)
  let env = ProcessInfo.processInfo.environment
  if let t = env["DENSE_QUERY_TILE"].flatMap(Int.init) { options.queryTile = t }
  if let t = env["DENSE_DATABASE_TILE"].flatMap(Int.init) { options.databaseTile = t }
  notes["tiles"] = "\(options.queryTile)x\(options.databaseTile)"
  if workload == "dense-top10" {
    let gold = Inputs.int32s(dir, "gold_b.bin")
    var top = TopK(rows: 0, k: 0, indices: [], scores: [])
    for _ in 0..<reps {
      times.append(
        seconds { top = DenseTopK.search(queries: b, database: a, k: 10, options: options) })
    }
    quality["recall@1"] = recall(top, gold: gold, k: 1)
    quality["recall@10"] = recall(top, gold: gold, k: 10)
  } else {
    for _ in 0..<reps {
      times.append(seconds { DenseTopKBaseline.sgemmOnly(queries: b, database: a, options) })
    }
  }
  quality["gflops_at_min"] = 2 * Double(a.rows * b.rows * a.columns) / times.min()! / 1e9
case "minhash", "lsh":
  let texts = Inputs.strings(dir, "texts.bin")
  var shingles = ShingleHashes([String]())
  var signatures = MinHashSignatures(shingles)
  if workload == "minhash" {
    // Timed: raw text to signatures in one pass (the API for this job). Reported alongside:
    // the two-step path through ShingleHashes, split into its steps.
    var shingleTimes: [Double] = []
    var minhashTimes: [Double] = []
    for _ in 0..<reps {
      times.append(
        seconds { signatures = MinHashSignatures(texts: texts, shingleSize: 5, threads: threads) })
      shingleTimes.append(seconds { shingles = ShingleHashes(texts, n: 5, threads: threads) })
      minhashTimes.append(seconds { signatures = MinHashSignatures(shingles, threads: threads) })
    }
    quality["sets"] = Double(texts.count)
    quality["two_step_shingle_s_min"] = shingleTimes.min()!
    quality["two_step_minhash_from_hashes_s_min"] = minhashTimes.min()!
  } else {
    shingles = ShingleHashes(texts, n: 5)
    signatures = MinHashSignatures(shingles, threads: threads)
    let markets = Inputs.int32s(dir, "markets.bin")
    let truth = Inputs.int32s(dir, "truth_pairs.bin")
    var pairs = CandidatePairs()
    for _ in 0..<reps {
      times.append(
        seconds {
          let index = LSHIndex(signatures, bands: 32, rows: 4, threads: threads)
          pairs = index.candidatePairs(groups: markets, threads: threads)
        })
    }
    var found = Set<Int64>()
    for t in 0..<pairs.count { found.insert(Int64(pairs.left[t]) << 32 | Int64(pairs.right[t])) }
    var hit = 0
    for t in stride(from: 0, to: truth.count, by: 2) {
      let (x, y) = (min(truth[t], truth[t + 1]), max(truth[t], truth[t + 1]))
      if found.contains(Int64(x) << 32 | Int64(y)) { hit += 1 }
    }
    quality["candidate_recall"] = Double(hit) / Double(truth.count / 2)
    quality["cross_market_candidates"] = Double(pairs.count)
  }
default:
  fatalError("unknown workload \(workload)")
}

let sorted = times.sorted()
let result: [String: Any] = [
  "side": "vendorlink", "workload": workload, "times_s": times, "min_s": sorted.first ?? 0,
  "median_s": sorted.isEmpty ? 0 : sorted[sorted.count / 2], "quality": quality,
  "blas_core": KernelCPU.blasCoreName, "avx2_kernels": KernelCPU.usesAVX2, "threads": threads,
  "notes": notes,
]
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
