// Micro-benchmarks of the VendorKernels hot paths (package-benchmark). Inputs are generated
// from a seeded generator and vary between iterations, so LLVM cannot hoist the work.
import Benchmark
import VendorKernels

struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

func randomNames(_ count: Int, _ rng: inout SplitMix64) -> [String] {
  let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789_")
  return (0..<count).map { _ in
    String(
      (0..<Int.random(in: 6...16, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
  }
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .peakMemoryResident], maxDuration: .seconds(3),
    maxIterations: 20)

  var rng = SplitMix64(state: 1)
  let queries = NameList(randomNames(1000, &rng))
  let choices = NameList(randomNames(4000, &rng))
  for (label, metric) in [("JaroWinkler", NameMetric.jaroWinkler), ("Indel", .indel)] {
    Benchmark("names all-pairs 1k×4k \(label)") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(NameSimilarity.allPairs(queries: queries, choices: choices, metric: metric))
      }
    }
    Benchmark("names top-5 1k×4k \(label)") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(NameSimilarity.topK(queries: queries, choices: choices, k: 5, metric: metric))
      }
    }
  }

  let d = 256
  let q = DenseMatrix(
    rows: 2000, columns: d,
    values: (0..<2000 * d).map { _ in Float.random(in: -1...1, using: &rng) })
  let db = DenseMatrix(
    rows: 8000, columns: d,
    values: (0..<8000 * d).map { _ in Float.random(in: -1...1, using: &rng) })
  Benchmark("dense top-10 2k×8k×256") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(DenseTopK.search(queries: q, database: db, k: 10))
    }
  }

  let texts = (0..<5000).map { _ in randomNames(40, &rng).joined(separator: " ") }
  let shingles = ShingleHashes(texts)
  Benchmark("shingles 5k texts") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(ShingleHashes(texts)) }
  }
  Benchmark("minhash 128 5k sets") { benchmark in
    for i in benchmark.scaledIterations {
      blackHole(MinHashSignatures(shingles, seed: UInt64(i)))
    }
  }
  let signatures = MinHashSignatures(shingles)
  Benchmark("lsh 32x4 index+pairs 5k sets") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(LSHIndex(signatures).candidatePairs())
    }
  }
}
