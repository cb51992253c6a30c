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
    var cosines: [Float] = []
    var levels = Scoring.levels(e, pairs, cosines: &cosines)
    Scoring.assignTextRank(&levels, pairs, e, cosines: cosines)
    // 1. u by random sampling; 2-3. self-labels, m and u from them.
    let uRandom = randomU(e, settings: settings)
    var fit = TrainingFit(levels: levels, uRandom: uRandom, settings: settings)
    levels = []
    let withoutExclusivity = Comparison.allCases.filter { $0 != .exclusivity }
    fit.refreshLabelled(withoutExclusivity)
    // EM without exclusivity.
    fit.runEM(active: withoutExclusivity)
    if fit.useNegatives {
      // Re-estimate u with negatives weighted by how unlikely the first model finds them to
      // be aliases, then refit the prior and PGP's m and u.
      fit.reweightNegatives(active: withoutExclusivity)
      fit.refreshLabelled(withoutExclusivity)
      fit.runEM(active: withoutExclusivity)
    }
    // 5. Exclusivity, then EM again with it (6: u within its strata).
    Scoring.assignExclusivity(&fit.levels, pairs, e, weights: fit.muWeights)
    fit.refreshLabelled([.exclusivity])
    if fit.useNegatives {
      fit.estimateStratifiedU()
    } else {
      fit.graphUFromAllCandidates()
    }
    fit.runEM(active: Comparison.allCases)
    var model = fit.model(uRandom: uRandom, accounts: e.count)
    // 8. Weights fitted by regression.
    if settings.fitWeights && fit.useNegatives && fit.enoughPositives {
      model = fitWeights(
        model, e, pairs, fit.levels, positive: fit.positive, negative: fit.negative,
        settings: settings)
    }
    model.version = model.contentVersion()
    try model.validate()
    return model
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
      Scoring.assignExclusivity(
        &levels, pairs, e, weights: out.weightTable, writingCap: out.writingCap)
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
    var prior = prior
    var m = m
    var iterations = 0
    var converged = false
    let activeIdx = active.map(\.rawValue)
    while iterations < settings.maxIterations && !converged {
      iterations += 1
      let w = zip(m, u).map { mm, uu in zip(mm, uu).map { log2($0 / $1) } }
      // Stratified weights [c][l][s] where a comparison has stratified u.
      let ws: [[[Double]]] = (0..<Comparison.count).map { c in
        guard c < uStrata.count, !uStrata[c].isEmpty else { return [] }
        return uStrata[c].enumerated().map { l, us in us.map { log2(m[c][l] / $0) } }
      }
      let e = expectation(
        levels, count, labelled: labelled, priorBits: log2(prior / (1 - prior)), w: w, ws: ws,
        active: activeIdx)
      var delta = maximisation(e, m: &m, u: &u, active: activeIdx, fixedM: fixedM)
      let newPrior = min(0.999, max(1e-6, e.sumP / Double(max(count, 1))))
      delta = max(delta, abs(newPrior - prior))
      prior = newPrior
      converged = delta < settings.tolerance
    }
    return (prior, m, iterations, converged)
  }

  /// What one E-step expects: level counts among matches (`m`; the self-label's from
  /// posteriors without it, so PGP never trains on its own labels), the self-label's
  /// counts among non-matches (`u`), and the sum of the pairs' match probabilities.
  struct Expected {
    var m: [[Double]]
    var u: [[Double]]
    var sumP = 0.0
  }

  /// The E-step: each pair's match probability under weights `w` (or `ws` by exclusivity
  /// stratum), labelled pairs counting as matches.
  static func expectation(
    _ levels: [Int8], _ count: Int, labelled: [Bool], priorBits: Double, w: [[Double]],
    ws: [[[Double]]], active activeIdx: [Int]
  ) -> Expected {
    let C = Comparison.count
    let pgp = Comparison.pgp.rawValue
    let x = Comparison.exclusivity.rawValue
    let start = Comparison.allCases.map { [Double](repeating: 0.5, count: $0.levels.count) }
    var out = Expected(m: start, u: start)
    for k in 0..<count {
      var bits = priorBits
      var pgpBits = 0.0
      let stratum = activeIdx.contains(x) ? levels[k * C + x] : nullLevel
      for c in activeIdx {
        let l = levels[k * C + c]
        if l >= 0 {
          bits += stratum >= 0 && !ws[c].isEmpty ? ws[c][Int(l)][Int(stratum)] : w[c][Int(l)]
          if c == pgp { pgpBits = w[c][Int(l)] }
        }
      }
      let pModel = Scoring.probability(bits: bits)
      out.sumP += pModel
      let p = labelled[k] ? 1 : pModel
      for c in activeIdx where c != pgp {
        let l = levels[k * C + c]
        if l >= 0 { out.m[c][Int(l)] += p }
      }
      let lp = levels[k * C + pgp]
      if lp >= 0 {
        let pNoPGP = Scoring.probability(bits: bits - pgpBits)
        out.m[pgp][Int(lp)] += pNoPGP
        out.u[pgp][Int(lp)] += 1 - pNoPGP
      }
    }
    return out
  }

  /// The M-step: m of the active comparisons EM may move, and the self-label's u, from the
  /// expected counts. Returns the largest change.
  static func maximisation(
    _ e: Expected, m: inout [[Double]], u: inout [[Double]], active activeIdx: [Int],
    fixedM: Set<Int>
  ) -> Double {
    let pgp = Comparison.pgp.rawValue
    var delta = 0.0
    for c in activeIdx where c == pgp || !fixedM.contains(c) {
      let total = e.m[c].reduce(0, +)
      for l in e.m[c].indices {
        let v = e.m[c][l] / total
        delta = max(delta, abs(v - m[c][l]))
        m[c][l] = v
      }
      if c == pgp {
        let ut = e.u[c].reduce(0, +)
        for l in e.u[c].indices {
          let v = e.u[c][l] / ut
          delta = max(delta, abs(v - u[c][l]))
          u[c][l] = v
        }
      }
    }
    return delta
  }
}

/// The parameters `Trainer.train` fits and the self-labelled levels it fits them on, with
/// each step as a method.
struct TrainingFit {
  let settings: TrainingSettings
  /// `levels[k * Comparison.count + c]` of every candidate pair (exclusivity once assigned).
  var levels: [Int8]
  /// Pairs sharing a PGP key (positive self-labels) and pairs whose keys all differ
  /// (negative).
  let positive: [Bool]
  let negative: [Bool]
  let nPositive: Int
  let nNegative: Int
  var m: [[Double]]
  var u: [[Double]]
  /// u per level and exclusivity stratum (`[c][level][stratum]`; empty: not stratified).
  var uStrata: [[[Double]]] = []
  /// How much each negative self-label counts towards u: 1 at first, then 1 − the model's
  /// posterior (see `Trainer.negativeWeights`): a pair whose keys differ can still be an
  /// alias who changed key, and among the closest look-alikes such aliases are common.
  var negativeWeight: [Double]
  var prior: Double
  var iterations = 0
  var converged = false
  /// Comparisons whose m EM keeps (the self-labelled m's, unless `refineMWithEM`).
  let fixedM: Set<Int>

  var pairCount: Int { positive.count }
  var useNegatives: Bool { nNegative >= settings.minNegativeLabels }
  var enoughPositives: Bool { nPositive >= settings.minPositiveLabels }
  /// log2(m/u) per comparison and level.
  var muWeights: [[Double]] { zip(m, u).map { mm, uu in zip(mm, uu).map { log2($0 / $1) } } }

  init(levels: [Int8], uRandom: [[Double]], settings: TrainingSettings) {
    let C = Comparison.count
    let pgp = Comparison.pgp.rawValue
    let count = levels.count / max(C, 1)
    self.settings = settings
    self.levels = levels
    positive = (0..<count).map { levels[$0 * C + pgp] == PGPComparison.Level.sharedKey.rawValue }
    negative = (0..<count).map { levels[$0 * C + pgp] == PGPComparison.Level.noneShared.rawValue }
    nPositive = positive.filter { $0 }.count
    nNegative = negative.filter { $0 }.count
    u = uRandom
    m = Comparison.allCases.map(\.declaration.prior.m)
    negativeWeight = negative.map { $0 ? 1.0 : 0.0 }
    let learnsM = !settings.refineMWithEM && nPositive >= settings.minPositiveLabels
    fixedM =
      learnsM
      ? Set(Comparison.allCases.filter { $0.declaration.role != .selfLabel }.map(\.rawValue)) : []
    prior = max(0.001, min(0.5, Double(max(nPositive, 1)) * 3 / Double(max(count, 1))))
  }

  /// m and u of comparisons `cs` (but the self-label's) from the labelled pairs.
  mutating func refreshLabelled(_ cs: [Comparison]) {
    for c in cs where c.declaration.role != .selfLabel {
      if useNegatives { u[c.rawValue] = Trainer.frequencies(levels, c, weights: negativeWeight) }
      if enoughPositives { m[c.rawValue] = Trainer.frequencies(levels, c, where: positive) }
      // A level neither label set shows (e.g. closures in a single-date crawl) gets no
      // weight, instead of one made up by smoothing two different sample sizes.
      if useNegatives && enoughPositives {
        let seen = Trainer.counts(levels, c, where: positive).enumerated().map { l, n in
          n > 0 || Trainer.counts(levels, c, where: negative)[l] > 0
        }
        for l in seen.indices where !seen[l] { m[c.rawValue][l] = u[c.rawValue][l] }
      }
    }
  }

  /// EM over the comparisons in `active` (`Trainer.em`), from the current parameters.
  mutating func runEM(active: [Comparison]) {
    var more = 0
    (prior, m, more, converged) = Trainer.em(
      levels, pairCount, labelled: positive, prior: prior, m: m, u: &u, active: active,
      settings: settings, fixedM: fixedM, uStrata: uStrata)
    iterations += more
  }

  /// Step 7: each negative self-label weighted by 1 − its posterior under the fit so far.
  mutating func reweightNegatives(active: [Comparison]) {
    negativeWeight = Trainer.negativeWeights(
      levels, negative: negative, prior: prior, m: m, u: u, active: active)
  }

  /// No negative labels: a graph comparison's u cannot come from random pairs (it is defined
  /// among candidates only); all candidates, mostly non-matches, stand in.
  mutating func graphUFromAllCandidates() {
    let all = [Bool](repeating: true, count: pairCount)
    for c in Comparison.graph { u[c.rawValue] = Trainer.frequencies(levels, c, where: all) }
  }

  /// Step 6: u within each exclusivity stratum, from the negative labels there, shrunk
  /// towards the pooled u (a stratum with few negatives says little on its own).
  mutating func estimateStratifiedU() {
    let C = Comparison.count
    let x = Comparison.exclusivity.rawValue
    let strata = Comparison.exclusivity.levels.count
    uStrata = [[[Double]]](repeating: [], count: C)
    for c in Comparison.allCases where c.declaration.role == .evidence {
      var table = [[Double]](repeating: [], count: c.levels.count)
      for s in 0..<strata {
        let inStratum = (0..<pairCount).map {
          levels[$0 * C + x] == Int8(s) ? negativeWeight[$0] : 0
        }
        let n = Trainer.counts(levels, c, weights: inStratum)
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

  /// The fitted parameters as a model (m/u weights; unversioned), with how it was trained.
  func model(uRandom: [[Double]], accounts: Int) -> LinkModel {
    LinkModel(
      name: settings.name, version: "", prior: prior,
      comparisons: Comparison.allCases.map { c in
        let stratified = c.rawValue < uStrata.count && !uStrata[c.rawValue].isEmpty
        return LinkModel.ComparisonParameters(
          name: c.key,
          levels: c.declaration.levels.enumerated().map { l, level in
            LinkModel.Level(
              id: level.id, label: level.label, m: m[c.rawValue][l], u: u[c.rawValue][l],
              uRandom: c.declaration.role == .stratifier ? nil : uRandom[c.rawValue][l],
              uByExclusivity: stratified ? uStrata[c.rawValue][l] : nil)
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
        data: settings.data, accounts: accounts, candidatePairs: pairCount,
        randomPairs: settings.randomPairs, selfLabelledPairs: nPositive,
        negativeLabelledPairs: useNegatives ? nNegative : 0,
        emIterations: iterations, converged: converged,
        trainedAt: ISO8601DateFormatter().string(from: Date())))
  }
}
