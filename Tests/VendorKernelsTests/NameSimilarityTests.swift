import CVendorKernels
import Testing

@testable import VendorKernels

@Suite struct NameSimilarityTests {
  static let alphabets: [[Character]] = [
    Array("ab"), Array("abcde_"), Array("aé漢🙂b"), Array("abcdefghijklmnopqrstuvwxyz0123456789"),
  ]

  @Test func agreesWithRapidfuzzFixture() {
    for (a, b, ratio, jw) in rapidfuzzFixture {
      #expect(abs(NameSimilarity.score(a, b, metric: .indel) - ratio) < 1e-9, "\(a) | \(b)")
      #expect(abs(NameSimilarity.score(a, b, metric: .jaroWinkler) - jw) < 1e-9, "\(a) | \(b)")
      #expect(abs(referenceJaroWinkler(scalars(a), scalars(b)) - jw) < 1e-9, "ref \(a) | \(b)")
      #expect(abs(referenceIndel(scalars(a), scalars(b)) - ratio) < 1e-9, "ref \(a) | \(b)")
    }
  }

  @Test func pairScoresMatchReferenceOnRandomStrings() {
    var rng = SplitMix64(seed: 21)
    for round in 0..<600 {
      let alphabet = Self.alphabets[round % Self.alphabets.count]
      let maxLength = round % 10 == 0 ? 150 : 20  // every tenth pair crosses 64 and 128
      let a = rng.string(from: alphabet, maxLength: maxLength)
      let b = rng.string(from: alphabet, maxLength: maxLength)
      let (ua, ub) = (scalars(a), scalars(b))
      #expect(abs(NameSimilarity.score(a, b, metric: .indel) - referenceIndel(ua, ub)) < 1e-12)
      #expect(
        abs(NameSimilarity.score(a, b, metric: .jaroWinkler) - referenceJaroWinkler(ua, ub))
          < 1e-12, "\(a) | \(b)")
      // Both metrics are symmetric.
      #expect(
        NameSimilarity.score(a, b, metric: .jaroWinkler)
          == NameSimilarity.score(b, a, metric: .jaroWinkler))
    }
  }

  func randomList(_ count: Int, _ rng: inout SplitMix64, longEvery: Int = 9) -> [String] {
    (0..<count).map { i in
      let alphabet = Self.alphabets[Int.random(in: 0..<Self.alphabets.count, using: &rng)]
      return rng.string(from: alphabet, maxLength: i % longEvery == 0 ? 90 : 16)
    }
  }

  @Test(arguments: [NameMetric.indel, .jaroWinkler])
  func allPairsAndTopKMatchPairScores(metric: NameMetric) {
    var rng = SplitMix64(seed: 22)
    withBothKernelVariants { _ in
      let queries = randomList(37, &rng)
      let choices = randomList(53, &rng) + ["", "", "abc", "abc"]  // empties and duplicates
      let q = NameList(queries)
      let c = NameList(choices)
      let all = NameSimilarity.allPairs(queries: q, choices: c, metric: metric, threads: 2)
      for i in 0..<queries.count {
        for j in 0..<choices.count {
          let want = Float(NameSimilarity.score(queries[i], choices[j], metric: metric))
          #expect(all[i * choices.count + j] == want, "\(queries[i]) | \(choices[j])")
        }
      }
      for k in [1, 5, 100] {  // 100 > number of choices
        let top = NameSimilarity.topK(queries: q, choices: c, k: k, metric: metric, threads: 2)
        let want = referenceTopK(scores: all, rows: queries.count, columns: choices.count, k: k)
        #expect(top == want)
      }
    }
  }

  @Test func emptyListsAndZeroK() {
    let some = NameList(["a", "b"])
    let none = NameList([String]())
    #expect(NameSimilarity.allPairs(queries: none, choices: some, metric: .indel).isEmpty)
    #expect(NameSimilarity.allPairs(queries: some, choices: none, metric: .indel).isEmpty)
    let top = NameSimilarity.topK(queries: some, choices: none, k: 2, metric: .jaroWinkler)
    #expect(top.indices == [-1, -1, -1, -1])
    #expect(NameSimilarity.topK(queries: some, choices: some, k: 0, metric: .indel).k == 0)
  }

  @Test func nameListRoundTripsUnicode() {
    let names = ["Müller", "東京", "🙂x", ""]
    let list = NameList(names)
    #expect(list.count == 4)
    #expect((0..<4).map { list.name($0) } == names)
    #expect(list.length(2) == 2)
  }
}

@Suite struct NameSIMDCoverageTests {
  /// On an AVX2 machine short choices must go through the 16-lane kernels (otherwise the
  /// agreement tests above would only exercise the scalar path).
  @Test func shortChoicesArePackedForSIMD() {
    VendorKernelsTestLock.lock.lock()  // no test may force the baseline meanwhile
    defer { VendorKernelsTestLock.lock.unlock() }
    let names = (0..<40).map { "name\($0)" } + [String(repeating: "x", count: 30), ""]
    let list = NameList(names)
    let packed = list.units.withUnsafeBufferPointer { u in
      list.offsets.withUnsafeBufferPointer { o in
        let pack = cvk_name_pack_create(u.baseAddress, o.baseAddress, list.count)!
        defer { cvk_name_pack_destroy(pack) }
        return cvk_name_pack_simd_count(pack)
      }
    }
    #expect(packed == (KernelCPU.usesAVX2 ? 40 : 0))
  }
}
