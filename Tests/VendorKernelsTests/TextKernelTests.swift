import Foundation
import Testing

@testable import VendorKernels

@Suite struct ShingleTests {
  @Test func countsAndRepeats() {
    let s = ShingleHashes(["abcabc", "ab", "", "東京🙂東京🙂"], n: 3)
    #expect(s.count == 4)
    #expect(s.document(0).count == 4)
    let d0 = Array(s.document(0))
    #expect(d0[0] == d0[3])  // "abc" twice
    #expect(Set(d0).count == 3)
    #expect(s.document(1).count == 1)  // shorter than n: one shingle
    #expect(s.document(2).isEmpty)
    let d3 = Array(s.document(3))
    #expect(d3.count == 4 && d3[0] == d3[3])  // "東京🙂" twice (scalars, not bytes)
  }

  @Test func seedAndWidthChangeHashes() {
    let a = ShingleHashes(["hello world"], n: 3, seed: 0).hashes
    #expect(a == ShingleHashes(["hello world"], n: 3, seed: 0).hashes)
    #expect(a != ShingleHashes(["hello world"], n: 3, seed: 1).hashes)
    #expect(ShingleHashes(["abc"], n: 2).hashes.first != ShingleHashes(["abc"], n: 3).hashes.first)
    // A text shorter than n is one shingle: itself, whatever n.
    #expect(ShingleHashes(["ab"], n: 2).hashes == ShingleHashes(["ab"], n: 3).hashes)
  }
}

@Suite struct MinHashTests {
  /// Random sets of hashes with a chosen overlap.
  func setPair(_ rng: inout SplitMix64, size: Int, shared: Int) -> ([UInt64], [UInt64], Double) {
    let common = (0..<shared).map { _ in rng.next() }
    let a = common + (0..<size - shared).map { _ in rng.next() }
    let b = common + (0..<size - shared).map { _ in rng.next() }
    return (a, b, Double(shared) / Double(2 * size - shared))
  }

  func signatures(_ sets: [[UInt64]], permutations: Int = 128) -> MinHashSignatures {
    let sh = ShingleHashes(sets: sets)
    return MinHashSignatures(sh, permutations: permutations, threads: 2)
  }

  @Test func estimatesJaccardWithinStatedError() {
    var rng = SplitMix64(seed: 41)
    var sets: [[UInt64]] = []
    var truth: [Double] = []
    for t in 0..<200 {
      let size = [20, 100, 400][t % 3]
      let (a, b, j) = setPair(&rng, size: size, shared: Int.random(in: 0...size, using: &rng))
      sets += [a, b]
      truth.append(j)
    }
    let sig = signatures(sets)
    var totalError = 0.0
    for t in 0..<200 {
      let e = sig.jaccard(2 * t, 2 * t + 1)
      // 5 standard errors of a 128-sample estimate is at most 0.22.
      #expect(abs(e - truth[t]) <= 0.22, "pair \(t): \(e) vs \(truth[t])")
      totalError += abs(e - truth[t])
    }
    #expect(totalError / 200 < 0.04)
  }

  @Test func invariantToOrderAndDuplicates() {
    var rng = SplitMix64(seed: 42)
    let a = (0..<300).map { _ in rng.next() }
    var b = a.shuffled(using: &rng)
    b += a.prefix(50)
    let sig = signatures([a, b, [a[0]], []])
    #expect(sig.signature(0) == sig.signature(1))
    #expect(sig.jaccard(0, 1) == 1)
    // A one-element set: densification copies its single value into every bin.
    #expect(Set(sig.signature(2)).count == 1)
    #expect(sig.isEmpty == [false, false, false, true])
    #expect(sig.signature(3).allSatisfy { $0 == 0xFFFF_FFFF })
    #expect(sig.jaccard(0, 3) == 0)
  }

  @Test func reproducibleAndSeeded() {
    let sh = ShingleHashes(["some profile text", "another text"])
    #expect(MinHashSignatures(sh) == MinHashSignatures(sh, threads: 1))
    #expect(MinHashSignatures(sh, seed: 1).values != MinHashSignatures(sh, seed: 2).values)
  }
}

@Suite struct LSHTests {
  /// Naive reference: two indexed sets are candidates when some band is equal value by value.
  func referencePairs(_ sig: MinHashSignatures, bands: Int, rows: Int, groups: [Int32]?) -> Set<
    [Int32]
  > {
    var out = Set<[Int32]>()
    for i in 0..<sig.count where !sig.isEmpty[i] {
      for j in (i + 1)..<max(i + 1, sig.count) where !sig.isEmpty[j] {
        if let g = groups, g[i] == g[j] { continue }
        let si = Array(sig.signature(i))
        let sj = Array(sig.signature(j))
        if (0..<bands).contains(where: { b in
          si[b * rows..<(b + 1) * rows] == sj[b * rows..<(b + 1) * rows]
        }) {
          out.insert([Int32(i), Int32(j)])
        }
      }
    }
    return out
  }

  @Test func candidatePairsMatchBandEquality() {
    var rng = SplitMix64(seed: 51)
    // Families of near-duplicate sets, so many bands collide; plus empty sets.
    var sets: [[UInt64]] = []
    for _ in 0..<30 {
      let base = (0..<60).map { _ in rng.next() }
      for _ in 0..<Int.random(in: 1...5, using: &rng) {
        var s = base.filter { _ in Int.random(in: 0..<10, using: &rng) > 2 }
        s += (0..<5).map { _ in rng.next() }
        sets.append(s)
      }
      if Int.random(in: 0..<5, using: &rng) == 0 { sets.append([]) }
    }
    let sig = MinHashSignatures(ShingleHashes(sets: sets), permutations: 128)
    let groups = (0..<sets.count).map { _ in Int32.random(in: 0..<3, using: &rng) }
    for (bands, rows) in [(32, 4), (16, 8)] {
      let index = LSHIndex(sig, bands: bands, rows: rows, threads: 2)
      for g in [nil, groups] {
        let got = index.candidatePairs(groups: g, threads: 2)
        let gotSet = Set(zip(got.left, got.right).map { [$0, $1] })
        #expect(gotSet.count == got.count, "no duplicates")
        #expect(gotSet == referencePairs(sig, bands: bands, rows: rows, groups: g))
      }
      let all = referencePairs(sig, bands: bands, rows: rows, groups: nil)
      for i in [0, 7, sets.count - 1] where !sig.isEmpty[i] {
        let want = (0..<sets.count).filter { j in
          !sig.isEmpty[j] && (j == i || all.contains([Int32(min(i, j)), Int32(max(i, j))]))
        }.map { Int32($0) }
        #expect(index.candidates(for: sig.signature(i)) == want)
      }
    }
  }

  @Test func bucketCapDropsLargeBuckets() {
    let sets: [[UInt64]] = Array(repeating: [1, 2, 3], count: 5) + [[9, 10]]
    let sig = MinHashSignatures(ShingleHashes(sets: sets))
    let index = LSHIndex(sig)
    #expect(index.candidatePairs().count == 10)
    #expect(index.candidatePairs(maxBucketSize: 4).count == 0)
  }
}

@Suite struct BitSetTests {
  @Test func jaccardMatchesSetReference() {
    var rng = SplitMix64(seed: 61)
    var sets: [[UInt64]] = (0..<40).map { _ in
      (0..<Int.random(in: 0...300, using: &rng)).map { _ in rng.next() }
    }
    sets.append(sets[3] + sets[4])
    for bits in [64, 1024] {
      withBothKernelVariants { _ in
        let bs = ShingleBitSets(ShingleHashes(sets: sets), bits: bits)
        var left: [Int32] = []
        var right: [Int32] = []
        for i in 0..<sets.count {
          for j in 0..<sets.count { left.append(Int32(i)); right.append(Int32(j)) }
        }
        let got = bs.jaccard(CandidatePairs(left: left, right: right))
        for (t, (i, j)) in zip(left, right).enumerated() {
          let a = Set(sets[Int(i)].map { $0 % UInt64(bits) })
          let b = Set(sets[Int(j)].map { $0 % UInt64(bits) })
          let want =
            a.union(b).isEmpty
            ? 1 : Float(Double(a.intersection(b).count) / Double(a.union(b).count))
          #expect(got[t] == want)
        }
      }
    }
  }
}

@Suite struct HashedTFIDFTests {
  @Test func rowsAreUnitAndIdenticalDocumentsMatch() {
    let texts = [
      "cheap pills shipped from NL", "cheap pills shipped from NL", "totally different", "",
    ]
    let m = HashedTFIDF.fitTransform(ShingleHashes(texts, n: 3), dimension: 64)
    for i in 0..<3 {
      let r = m.row(i)
      #expect(abs(r.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
    }
    #expect(m.row(0) == m.row(1))
    #expect(m.row(3).allSatisfy { $0 == 0 })
    let top = DenseTopK.search(queries: m, database: m, k: 2)
    #expect(Set(top.row(0).map(\.index)) == [0, 1])
  }

  @Test func matchesNaiveReference() {
    var rng = SplitMix64(seed: 71)
    let alphabet = Array("abcdef ")
    let texts = (0..<30).map { _ in rng.string(from: alphabet, maxLength: 60) }
    let sh = ShingleHashes(texts, n: 3)
    var model = HashedTFIDF(dimension: 32, hashesPerFeature: 3, dfBuckets: 1 << 12)
    model.fit(sh)
    let got = model.transform(sh, threads: 2)
    // Reference: dictionaries of counts, the same weights and hashing, written plainly.
    var df: [Int: Int] = [:]
    for i in 0..<sh.count {
      for b in Set(sh.document(i).map { Int($0 % (1 << 12)) }) { df[b, default: 0] += 1 }
    }
    for i in 0..<sh.count {
      var tf: [UInt64: Int] = [:]
      for h in sh.document(i) { tf[h, default: 0] += 1 }
      var row = [Double](repeating: 0, count: 32)
      for (h, c) in tf {
        let idf = Foundation.log(Double(1 + sh.count) / Double(1 + df[Int(h % (1 << 12))]!)) + 1
        let w = (1 + Foundation.log(Double(c))) * idf / Double(3).squareRoot()
        var g = h
        for _ in 0..<3 {
          g = HashedTFIDF.mix(g)
          row[Int((g >> 32) * 32 >> 32)] += g & 1 == 0 ? w : -w
        }
      }
      let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
      for t in 0..<32 {
        let want = norm > 0 ? Float(row[t] / norm) : 0
        #expect(abs(got.values[i * 32 + t] - want) < 1e-5)
      }
    }
  }
}

@Suite struct ShingleEdgeTests {
  @Test func emptyTextsAndThreads() {
    #expect(ShingleHashes(["", ""]).hashes.isEmpty)
    #expect(ShingleHashes([String]()).count == 0)
    var rng = SplitMix64(seed: 81)
    let texts = (0..<700).map { _ in rng.string(from: Array("ab é🙂"), maxLength: 30) }
    #expect(ShingleHashes(texts, threads: 1) == ShingleHashes(texts, threads: 3))
    // Same hashes as shingling each text alone.
    let all = ShingleHashes(texts, n: 4)
    for i in [0, 350, 699] {
      #expect(Array(all.document(i)) == ShingleHashes([texts[i]], n: 4).hashes)
    }
  }
}

@Suite struct ShingleReferenceTests {
  /// The rolling hash must equal hashing each n-gram from scratch: equal n-grams give equal
  /// hashes wherever they occur, and distinct n-grams (here: every n-gram of a random text)
  /// give distinct hashes.
  @Test func rollingHashIsAFunctionOfTheNGram() {
    var rng = SplitMix64(seed: 91)
    for n in [1, 3, 5, 9] {
      let text = rng.string(from: Array("abcé漢🙂 "), maxLength: 400)
      let scalars = Array(text.unicodeScalars)
      let hashes = Array(ShingleHashes([text], n: n).hashes)
      guard scalars.count >= n else { continue }
      var byGram: [String: UInt64] = [:]
      for i in 0...(scalars.count - n) {
        var gram = String.UnicodeScalarView()
        gram.append(contentsOf: scalars[i..<i + n])
        let key = String(gram)
        if let h = byGram[key] { #expect(h == hashes[i]) } else { byGram[key] = hashes[i] }
        // Hashing the n-gram alone gives the same value.
        if i % 37 == 0 { #expect(ShingleHashes([key], n: n).hashes == [hashes[i]]) }
      }
      #expect(Set(byGram.values).count == byGram.count)
    }
  }
}

@Suite struct FusedMinHashTests {
  @Test func textPathEqualsShinglePath() {
    var rng = SplitMix64(seed: 101)
    let texts = (0..<600).map { i in
      i % 50 == 0 ? "" : rng.string(from: Array("abc é漢🙂\n"), maxLength: 200)
    }
    for n in [3, 5] {
      let viaShingles = MinHashSignatures(ShingleHashes(texts, n: n, seed: 9), seed: 4)
      let direct = MinHashSignatures(
        texts: texts, shingleSize: n, shingleSeed: 9, seed: 4, threads: 2)
      #expect(direct == viaShingles)
    }
  }
}
