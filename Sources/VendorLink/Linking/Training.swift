import Foundation

/// Trains a `LinkModel` the way Splink does, with PGP keys as self-labels (Tai, Soska &
/// Christin, KDD 2019):
/// 1. u-probabilities from random cross-market pairs (almost all non-matches), kept in the
///    model as `uRandom`;
/// 2. u-probabilities among *candidates*: from candidate pairs whose accounts both show keys
///    and share none (negative self-labels; ~0.5 % of them are aliases on gen.py data, key
///    changes), falling back to `uRandom` when there are too few;
/// 3. m-probabilities from candidate pairs that share a key (positive self-labels), for every
///    comparison but PGP itself; expectation–maximisation over all candidate pairs then fits
///    the prior (and, with `refineMWithEM`, the m's too, self-labelled pairs held at 1);
/// 4. the PGP comparison's own m and u come from EM posteriors that leave PGP out, so it never
///    trains on its own labels;
/// 5. exclusivity (best candidate on the other market) is added after a first EM round, from
///    that round's weights, and fitted the same way in a second round;
/// 6. the other comparisons' u are also estimated within each exclusivity stratum: a vendor's
///    best look-alike on another market shares products, prices and shipping far more often
///    than other non-matches, so a u pooled over all candidates counted that agreement twice
///    (once in exclusivity, once in each comparison) and made orphans' look-alikes matches
///    (95 % of false positives at 3×5k were accounts with no alias on the other market);
/// 7. negative self-labels are weighted by 1 − their posterior under the first fit (step 3)
///    when u is re-estimated: different keys do not make a non-match (aliases change keys),
///    and among the closest look-alikes — exactly the exclusivity stratum whose u matters most
///    — such aliases were common enough that the stratum's u matched its m, which erased the
///    weight of shipping, products and prices there (gen.py 3×20k: F1 at 0.5 rose from 0.90
///    to 0.93 with this alone);
/// 8. finally (with `fitWeights`), every comparison but PGP gets a weight per level fitted by
///    logistic regression on the same self-labels — key-sharing pairs against key-differing
///    ones, each of those weighted by 1 − its posterior under steps 1–7
///    (`LevelRegression`): m/u weights treat comparisons as independent, and text, text rank
///    and exclusivity (or shipping, products and prices) are not, so their weights summed the
///    same evidence twice. Exclusivity is then re-ranked with the fitted weights and the
///    regression refitted. PGP keeps log2(m/u) from step 4. The score stays a sum of one
///    weight per level, and the model keeps m and u for reference.
///
/// Why u among candidates rather than Splink's random-pair u: scores are only computed for
/// candidate pairs, and blocking picks look-alikes — half of the non-matching candidates
/// share text that 5 % of random pairs share. With random-pair u, EM explained those
/// look-alikes as matches (the prior drifted to 0.83 on gen.py data; with u free in EM it
/// found a different split altogether).
public struct TrainingSettings: Sendable {
  /// Random pairs for u: 300k gives every level with u ≥ 1e-4 about 30 hits or more.
  public var randomPairs = 300_000
  /// Fewest key-sharing pairs to learn m and fitted weights from: with fewer, m keeps EM's
  /// starting guess and the weights stay log2(m/u) (`train` warns that the model is then
  /// weak). 20 pairs put about five on each common level.
  public var minPositiveLabels = 20
  /// Fewest negative self-labels to trust for u; below, u comes from random pairs.
  public var minNegativeLabels = 200
  /// EM stops after this many iterations or when no parameter moves more than `tolerance`.
  public var maxIterations = 40
  public var tolerance = 1e-5
  public var seed: UInt64 = 42
  /// Whether EM may move the self-labelled m's. Off: on gen.py data (3×5k) EM pulled
  /// look-alike non-matches into the match class (prior 0.09 against a true 0.02; F1 at 0.5
  /// fell from 0.83 to 0.31); the m's of key-sharing pairs are the better estimate.
  public var refineMWithEM = false
  /// Pseudo-count pulling each exclusivity stratum's u towards the pooled u: 50 negatives
  /// weigh as much as the pooled estimate, so a stratum with a handful of pairs barely moves.
  public var stratumShrinkage = 50.0
  /// Whether to fit the final weights by self-labelled regression (step 8). On gen.py 3×20k
  /// the m/u weights reached F1 0.943 at 0.5 and a regression on the same levels fitted to
  /// the self-labels 0.953.
  public var fitWeights = true
  /// Rounds of re-ranking exclusivity with the fitted weights and refitting: exclusivity is
  /// ranked by the weights it then helps to fit; two rounds settle it.
  public var regressionRounds = 2
  public var name = "default"
  public var data = ""
  public init() {}
}

public enum Trainer {
  public static func train(
    _ e: AccountEvidence, _ pairs: CandidatePairs, settings: TrainingSettings = .init()
  ) throws -> LinkModel {
    let C = Comparison.count
    let pgp = Comparison.pgp.rawValue
    let sharedKey = PGPComparison.Level.sharedKey.rawValue
    let noneShared = PGPComparison.Level.noneShared.rawValue
    var cosines: [Float] = []
    var levels = Scoring.levels(e, pairs, cosines: &cosines)
    Scoring.assignTextRank(&levels, pairs, e, cosines: cosines)
    // 1. u by random sampling.
    let uRandom = randomU(e, settings: settings)
    // 2-3. Self-labels.
    let positive = (0..<pairs.count).map { levels[$0 * C + pgp] == sharedKey }
    let negative = (0..<pairs.count).map { levels[$0 * C + pgp] == noneShared }
    let nPositive = positive.filter { $0 }.count
    let nNegative = negative.filter { $0 }.count
    let useNegatives = nNegative >= settings.minNegativeLabels
    var u = uRandom
    var m = Comparison.allCases.map(\.declaration.prior.m)
    // How much each negative self-label counts towards u: 1 at first, then 1 − the model's
    // posterior (see `negativeWeights`): a pair whose keys differ can still be an alias who
    // changed key, and among the closest look-alikes such aliases are common.
    var negativeWeight = negative.map { $0 ? 1.0 : 0.0 }
    func refreshLabelled(_ cs: [Comparison]) {
      for c in cs where c.declaration.role != .selfLabel {
        if useNegatives { u[c.rawValue] = frequencies(levels, c, weights: negativeWeight) }
        if nPositive >= settings.minPositiveLabels {
          m[c.rawValue] = frequencies(levels, c, where: positive)
        }
        // A level neither label set shows (e.g. closures in a single-date crawl) gets no
        // weight, instead of one made up by smoothing two different sample sizes.
        if useNegatives && nPositive >= settings.minPositiveLabels {
          let seen = counts(levels, c, where: positive).enumerated().map { l, n in
            n > 0 || counts(levels, c, where: negative)[l] > 0
          }
          for l in seen.indices where !seen[l] { m[c.rawValue][l] = u[c.rawValue][l] }
        }
      }
    }
    let withoutExclusivity = Comparison.allCases.filter { $0 != .exclusivity }
    refreshLabelled(withoutExclusivity)
    let fixedM: Set<Int> =
      !settings.refineMWithEM && nPositive >= settings.minPositiveLabels
      ? Set(Comparison.allCases.filter { $0.declaration.role != .selfLabel }.map(\.rawValue)) : []
    var prior = max(0.001, min(0.5, Double(max(nPositive, 1)) * 3 / Double(max(pairs.count, 1))))
    // EM without exclusivity.
    var iterations = 0
    var converged = false
    (prior, m, iterations, converged) = em(
      levels, pairs.count, labelled: positive, prior: prior, m: m, u: &u,
      active: withoutExclusivity, settings: settings, fixedM: fixedM)
    if useNegatives {
      // Re-estimate u with negatives weighted by how unlikely the first model finds them to
      // be aliases, then refit the prior and PGP's m and u.
      negativeWeight = negativeWeights(
        levels, negative: negative, prior: prior, m: m, u: u, active: withoutExclusivity)
      refreshLabelled(withoutExclusivity)
      var more = 0
      (prior, m, more, converged) = em(
        levels, pairs.count, labelled: positive, prior: prior, m: m, u: &u,
        active: withoutExclusivity, settings: settings, fixedM: fixedM)
      iterations += more
    }
    // 5. Exclusivity, then EM again with it.
    let weights = zip(m, u).map { mm, uu in zip(mm, uu).map { log2($0 / $1) } }
    Scoring.assignExclusivity(&levels, pairs, e, weights: weights)
    refreshLabelled([.exclusivity])
    if !useNegatives {
      // No negative labels: a graph comparison's u cannot come from random pairs (it is
      // defined among candidates only); all candidates, mostly non-matches, stand in.
      let all = [Bool](repeating: true, count: pairs.count)
      for c in Comparison.graph { u[c.rawValue] = frequencies(levels, c, where: all) }
    }
    // u within each exclusivity stratum, from the negative labels there, shrunk towards the
    // pooled u (a stratum with few negatives says little on its own).
    let strata = Comparison.exclusivity.levels.count
    var uStrata = [[[Double]]](repeating: [], count: C)
    if useNegatives {
      let x = Comparison.exclusivity.rawValue
      for c in Comparison.allCases where c.declaration.role == .evidence {
        var table = [[Double]](repeating: [], count: c.levels.count)
        for s in 0..<strata {
          let inStratum = (0..<pairs.count).map {
            levels[$0 * C + x] == Int8(s) ? negativeWeight[$0] : 0
          }
          let n = counts(levels, c, weights: inStratum)
          let total = n.reduce(0, +)
          for l in 0..<c.levels.count {
            table[l].append(
              (n[l] + settings.stratumShrinkage * u[c.rawValue][l])
                / (total + settings.stratumShrinkage))
          }
        }
        uStrata[c.rawValue] = table
      }
    }
    var it2 = 0
    (prior, m, it2, converged) = em(
      levels, pairs.count, labelled: positive, prior: prior, m: m, u: &u,
      active: Comparison.allCases, settings: settings, fixedM: fixedM, uStrata: uStrata)
    iterations += it2
    let model = LinkModel(
      name: settings.name,
      version: "",
      prior: prior,
      comparisons: Comparison.allCases.map { c in
        LinkModel.ComparisonParameters(
          name: c.key,
          levels: c.declaration.levels.enumerated().map { l, level in
            LinkModel.Level(
              id: level.id, label: level.label, m: m[c.rawValue][l], u: u[c.rawValue][l],
              uRandom: c.declaration.role == .stratifier ? nil : uRandom[c.rawValue][l],
              uByExclusivity: uStrata[c.rawValue].isEmpty ? nil : uStrata[c.rawValue][l])
          })
      },
      training: LinkModel.Training(
        method:
          "u: candidate pairs with different PGP keys (negative self-labels, each weighted by "
          + "1 - its posterior under a first fit, so aliases who changed key do not count as "
          + "non-matches; uRandom: random cross-market pairs); m: candidate pairs sharing a PGP "
          + "key (positive self-labels), "
          + (settings.refineMWithEM ? "refined by EM" : "kept")
          + "; prior by EM over all candidate pairs; PGP's own m and u from EM posteriors "
          + "without PGP",
        data: settings.data, accounts: e.count, candidatePairs: pairs.count,
        randomPairs: settings.randomPairs, selfLabelledPairs: nPositive,
        negativeLabelledPairs: useNegatives ? nNegative : 0,
        emIterations: iterations, converged: converged,
        trainedAt: ISO8601DateFormatter().string(from: Date())))
    var versioned = model
    if settings.fitWeights && useNegatives && nPositive >= settings.minPositiveLabels {
      versioned = fitWeights(
        model, e, pairs, levels, positive: positive, negative: negative,
        settings: settings)
    }
    versioned.version = versioned.contentVersion()
    try versioned.validate()
    return versioned
  }

  /// Step 8: the model with every comparison but PGP weighted by `LevelRegression` on the
  /// self-labels (negatives weighted by 1 − their posterior under `model`), exclusivity
  /// re-ranked with the fitted weights between rounds.
  static func fitWeights(
    _ model: LinkModel, _ e: AccountEvidence, _ pairs: CandidatePairs, _ levels: [Int8],
    positive: [Bool], negative: [Bool], settings: TrainingSettings
  ) -> LinkModel {
    var scored = ScoredPairs(pairs: pairs, levels: levels)
    Scoring.score(&scored, model: model)
    let sampleWeight = (0..<pairs.count).map { k in
      positive[k] ? 1 : negative[k] ? 1 - scored.probability[k] : 0
    }
    let fitted = Comparison.allCases.filter { $0.declaration.role != .selfLabel }
    var levels = levels
    var regression = LevelRegression.fit(
      levels: levels, count: pairs.count, fitted: fitted, positive: positive,
      sampleWeight: sampleWeight)
    var out = model
    func apply(_ r: LevelRegression) {
      for c in fitted {
        for l in out.comparisons[c.rawValue].levels.indices {
          out.comparisons[c.rawValue].levels[l].fittedWeight = r.weights[c.rawValue][l] / M_LN2
        }
      }
      out.prior = 1 / (1 + exp(-r.intercept))
    }
    apply(regression)
    for _ in 0..<settings.regressionRounds {
      Scoring.assignExclusivity(&levels, pairs, e, weights: out.weightTable)
      regression = LevelRegression.fit(
        levels: levels, count: pairs.count, fitted: fitted, positive: positive,
        sampleWeight: sampleWeight)
      apply(regression)
    }
    out.training?.method +=
      "; final weights (all but PGP): logistic regression on the self-labels over one-hot "
      + "levels, negatives weighted by 1 - posterior, L2 \(LevelRegression.defaultL2), "
      + "\(settings.regressionRounds + 1) fits with exclusivity re-ranked between them"
    return out
  }

  /// Laplace-smoothed level frequencies of comparison `c` among the selected pairs.
  static func frequencies(_ levels: [Int8], _ c: Comparison, where selected: [Bool]) -> [Double] {
    frequencies(levels, c, weights: selected.map { $0 ? 1 : 0 })
  }

  /// Laplace-smoothed level frequencies of comparison `c`, each pair counted with its weight.
  static func frequencies(_ levels: [Int8], _ c: Comparison, weights: [Double]) -> [Double] {
    let smoothed = counts(levels, c, weights: weights).map { $0 + 1 }
    let total = smoothed.reduce(0, +)
    return smoothed.map { $0 / total }
  }

  /// Level counts of comparison `c`, each pair counted with its weight (nulls not counted).
  static func counts(_ levels: [Int8], _ c: Comparison, weights: [Double]) -> [Double] {
    var counts = [Double](repeating: 0, count: c.levels.count)
    let C = Comparison.count
    for k in weights.indices where weights[k] > 0 {
      let l = levels[k * C + c.rawValue]
      if l >= 0 { counts[Int(l)] += weights[k] }
    }
    return counts
  }

  /// 1 − posterior match probability of each negative self-label (0 for other pairs) under
  /// the model so far. Keys differ on every negative, so the posterior already carries PGP's
  /// "both have keys, none shared" weight; what lifts it is agreement everywhere else.
  static func negativeWeights(
    _ levels: [Int8], negative: [Bool], prior: Double, m: [[Double]], u: [[Double]],
    active: [Comparison]
  ) -> [Double] {
    let C = Comparison.count
    let w = zip(m, u).map { mm, uu in zip(mm, uu).map { log2($0 / $1) } }
    let priorBits = log2(prior / (1 - prior))
    return negative.indices.map { k in
      guard negative[k] else { return 0 }
      var bits = priorBits
      for c in active {
        let l = levels[k * C + c.rawValue]
        if l >= 0 { bits += w[c.rawValue][Int(l)] }
      }
      return 1 - Scoring.probability(bits: bits)
    }
  }

  /// Level counts of comparison `c` among the selected pairs (nulls not counted).
  static func counts(_ levels: [Int8], _ c: Comparison, where selected: [Bool]) -> [Double] {
    var counts = [Double](repeating: 0, count: c.levels.count)
    let C = Comparison.count
    for k in selected.indices where selected[k] {
      let l = levels[k * C + c.rawValue]
      if l >= 0 { counts[Int(l)] += 1 }
    }
    return counts
  }

  /// u per comparison level from random cross-market pairs (Laplace-smoothed; a comparison
  /// that declares a starting u, exclusivity, gets that: training replaces it before use).
  static func randomU(_ e: AccountEvidence, settings: TrainingSettings) -> [[Double]] {
    let C = Comparison.count
    var counts = Comparison.allCases.map { [Double](repeating: 1, count: $0.levels.count) }
    let n = e.count
    var rng = SplitMix64(seed: settings.seed)
    let cmp = PairComparer(e)
    var buf = [Int8](repeating: -1, count: C)
    if n >= 2 && Set(e.market).count >= 2 {
      var drawn = 0
      var attempts = 0
      while drawn < settings.randomPairs && attempts < settings.randomPairs * 20 {
        attempts += 1
        let i = Int(rng.next() % UInt64(n))
        let j = Int(rng.next() % UInt64(n))
        if i == j || e.market[i] == e.market[j] { continue }
        drawn += 1
        buf.withUnsafeMutableBufferPointer { _ = cmp.levels(i, j, into: $0.baseAddress!) }
        for c in 0..<C where buf[c] >= 0 { counts[c][Int(buf[c])] += 1 }
      }
    }
    var u = counts.map { row in row.map { $0 / row.reduce(0, +) } }
    for c in Comparison.allCases { if let prior = c.declaration.prior.u { u[c.rawValue] = prior } }
    return u
  }

  /// EM over `levels` for the comparisons in `active` (others are ignored). Returns the
  /// prior, m, iterations and whether it converged; updates PGP's u in place (the others'
  /// u are fixed by labels or random pairs).
  static func em(
    _ levels: [Int8], _ count: Int, labelled: [Bool], prior: Double, m: [[Double]],
    u: inout [[Double]], active: [Comparison], settings: TrainingSettings,
    fixedM: Set<Int> = [], uStrata: [[[Double]]] = []
  ) -> (Double, [[Double]], Int, Bool) {
    let C = Comparison.count
    let pgp = Comparison.pgp.rawValue
    var prior = prior
    var m = m
    var iterations = 0
    var converged = false
    let activeIdx = active.map(\.rawValue)
    while iterations < settings.maxIterations && !converged {
      iterations += 1
      let w = zip(m, u).map { mm, uu in zip(mm, uu).map { log2($0 / $1) } }
      // Stratified weights [c][l][s] where a comparison has stratified u.
      let ws: [[[Double]]] = (0..<C).map { c in
        guard c < uStrata.count, !uStrata[c].isEmpty else { return [] }
        return uStrata[c].enumerated().map { l, us in us.map { log2(m[c][l] / $0) } }
      }
      let x = Comparison.exclusivity.rawValue
      let priorBits = log2(prior / (1 - prior))
      var mCounts = Comparison.allCases.map { [Double](repeating: 0.5, count: $0.levels.count) }
      var uCounts = mCounts
      var sumP = 0.0
      for k in 0..<count {
        var bits = priorBits
        var pgpBits = 0.0
        let stratum = activeIdx.contains(x) ? levels[k * C + x] : -1
        for c in activeIdx {
          let l = levels[k * C + c]
          if l >= 0 {
            bits += stratum >= 0 && !ws[c].isEmpty ? ws[c][Int(l)][Int(stratum)] : w[c][Int(l)]
            if c == pgp { pgpBits = w[c][Int(l)] }
          }
        }
        let pModel = Scoring.probability(bits: bits)
        sumP += pModel
        let p = labelled[k] ? 1 : pModel
        for c in activeIdx where c != pgp {
          let l = levels[k * C + c]
          if l >= 0 { mCounts[c][Int(l)] += p }
        }
        let lp = levels[k * C + pgp]
        if lp >= 0 {
          let pNoPGP = Scoring.probability(bits: bits - pgpBits)
          mCounts[pgp][Int(lp)] += pNoPGP
          uCounts[pgp][Int(lp)] += 1 - pNoPGP
        }
      }
      var delta = 0.0
      for c in activeIdx where c == pgp || !fixedM.contains(c) {
        let counts = mCounts[c]
        let total = counts.reduce(0, +)
        for l in counts.indices {
          let v = counts[l] / total
          delta = max(delta, abs(v - m[c][l]))
          m[c][l] = v
        }
        if c == pgp {
          let ut = uCounts[c].reduce(0, +)
          for l in uCounts[c].indices {
            let v = uCounts[c][l] / ut
            delta = max(delta, abs(v - u[c][l]))
            u[c][l] = v
          }
        }
      }
      let newPrior = min(0.999, max(1e-6, sumP / Double(max(count, 1))))
      delta = max(delta, abs(newPrior - prior))
      prior = newPrior
      converged = delta < settings.tolerance
    }
    return (prior, m, iterations, converged)
  }
}
