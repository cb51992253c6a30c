// Name similarity for one pair or one query against many choices, one pair at a time:
// bit-parallel LCS (Hyyrö 2004) for the indel ratio and bit-parallel Jaro flagging (as in
// rapidfuzz), with the pattern's match vectors built once per query. The multi-string SIMD
// kernels (names_simd.c) handle the common short-name case; this file covers every length.
// No FMA contraction: the AVX2 variant must give bit-identical scores to the baseline one.
#pragma STDC FP_CONTRACT OFF

#include "CVendorKernels.h"
#include "dispatch.h"
#include "names.h"
#include "pattern.h"

CVK_INLINE ptrdiff_t popcount64(uint64_t x) { return (ptrdiff_t)__builtin_popcountll(x); }

// LCS length of the pattern and b; words == 1 is the single-word Hyyrö recurrence, more words
// add with carry across words (the blocked version).
CVK_INLINE ptrdiff_t lcs_body(const cvk_pattern *pa, const uint32_t *b, ptrdiff_t lb) {
  ptrdiff_t la = pa->len;
  if (la == 0 || lb == 0) return 0;
  if (pa->words == 1) {
    uint64_t s = ~0ULL;
    for (ptrdiff_t j = 0; j < lb; j++) {
      uint64_t u = s & cvk_pattern_get(pa, b[j])[0];
      s = (s + u) | (s - u);
    }
    uint64_t mask = la == 64 ? ~0ULL : ((1ULL << la) - 1);
    return popcount64(~s & mask);
  }
  ptrdiff_t words = pa->words;
  uint64_t stack_s[64];
  uint64_t *s = words <= 64 ? stack_s : (uint64_t *)malloc((size_t)words * sizeof(uint64_t));
  if (!s) return 0;
  for (ptrdiff_t w = 0; w < words; w++) s[w] = ~0ULL;
  for (ptrdiff_t j = 0; j < lb; j++) {
    const uint64_t *pm = cvk_pattern_get(pa, b[j]);
    uint64_t carry = 0;
    for (ptrdiff_t w = 0; w < words; w++) {
      uint64_t u = s[w] & pm[w];
      uint64_t x = s[w] + u;
      uint64_t c1 = x < s[w];
      uint64_t y = x + carry;
      uint64_t c2 = y < x;
      s[w] = y | (s[w] - u);
      carry = c1 | c2;
    }
  }
  ptrdiff_t lcs = 0;
  for (ptrdiff_t w = 0; w < words; w++) {
    ptrdiff_t bits = la - w * 64;
    uint64_t mask = bits >= 64 ? ~0ULL : ((1ULL << bits) - 1);
    lcs += popcount64(~s[w] & mask);
  }
  if (s != stack_s) free(s);
  return lcs;
}

CVK_INLINE double indel_from_lcs(ptrdiff_t lcs, ptrdiff_t la, ptrdiff_t lb) {
  if (la + lb == 0) return 1.0;
  return 1.0 - (double)(la + lb - 2 * lcs) / (double)(la + lb);
}

// Bits [lo, hi] of word w (positions w*64 ..< w*64+64); empty when the range misses the word.
CVK_INLINE uint64_t range_mask(ptrdiff_t w, ptrdiff_t lo, ptrdiff_t hi) {
  ptrdiff_t base = w * 64;
  ptrdiff_t a = lo - base, b = hi - base;
  if (b < 0 || a > 63) return 0;
  if (a < 0) a = 0;
  if (b > 63) b = 63;
  uint64_t upper = b == 63 ? ~0ULL : ((2ULL << b) - 1);
  return upper & ~((1ULL << a) - 1);
}

// rapidfuzz's Jaro: window Bound = max(la, lb)/2 - 1, the longer string trimmed to the
// shorter + Bound, the common prefix counted as matches without transpositions, and
// transpositions halved with integer division.
CVK_INLINE double jaro_body(const cvk_pattern *pa, const uint32_t *a, const uint32_t *b,
                            ptrdiff_t lb) {
  ptrdiff_t la = pa->len;
  if (la == 0 && lb == 0) return 1.0;
  if (la == 0 || lb == 0) return 0.0;
  if (la == 1 && lb == 1) return a[0] == b[0] ? 1.0 : 0.0;
  ptrdiff_t bound, pa_len = la, tb_len = lb;
  if (lb > la) {
    bound = lb / 2 - 1;
    if (lb > la + bound) tb_len = la + bound;
  } else {
    bound = la / 2 - 1;
    if (la > lb + bound) pa_len = lb + bound;
  }
  ptrdiff_t prefix = 0;
  while (prefix < pa_len && prefix < tb_len && a[prefix] == b[prefix]) prefix++;
  ptrdiff_t words = pa->words;
  ptrdiff_t twords = (tb_len + 63) / 64;
  uint64_t stack_flags[128];
  uint64_t *pflag = stack_flags, *tflag = stack_flags + 64;
  if (words > 64 || twords > 64) {
    pflag = (uint64_t *)calloc((size_t)(words + twords), sizeof(uint64_t));
    if (!pflag) return 0.0;
    tflag = pflag + words;
  } else {
    for (ptrdiff_t w = 0; w < words; w++) pflag[w] = 0;
    for (ptrdiff_t w = 0; w < twords; w++) tflag[w] = 0;
  }
  // The prefix positions count as already matched, so the window never reaches them.
  for (ptrdiff_t i = 0; i < prefix; i++) pflag[i / 64] |= 1ULL << (i % 64);
  for (ptrdiff_t j = prefix; j < tb_len; j++) {
    ptrdiff_t lo = j - bound < prefix ? prefix : j - bound;
    ptrdiff_t hi = j + bound < pa_len - 1 ? j + bound : pa_len - 1;
    if (lo > hi) continue;
    const uint64_t *pm = cvk_pattern_get(pa, b[j]);
    for (ptrdiff_t w = lo / 64; w <= hi / 64; w++) {
      uint64_t m = pm[w] & ~pflag[w] & range_mask(w, lo, hi);
      if (m) {
        pflag[w] |= m & (0 - m);
        tflag[j / 64] |= 1ULL << (j % 64);
        break;
      }
    }
  }
  ptrdiff_t common = 0;
  for (ptrdiff_t w = 0; w < words; w++) common += popcount64(pflag[w]);
  double sim = 0.0;
  if (common > 0) {
    for (ptrdiff_t i = 0; i < prefix; i++) pflag[i / 64] &= ~(1ULL << (i % 64));
    ptrdiff_t trans = 0, pw = 0, tw = 0;
    uint64_t pcur = pflag[0], tcur = twords > 0 ? tflag[0] : 0;
    for (ptrdiff_t left = common - prefix; left > 0; left--) {
      while (!tcur) tcur = tflag[++tw];
      while (!pcur) pcur = pflag[++pw];
      ptrdiff_t tj = tw * 64 + __builtin_ctzll(tcur);
      ptrdiff_t pi = pw * 64 + __builtin_ctzll(pcur);
      trans += a[pi] != b[tj];
      tcur &= tcur - 1;
      pcur &= pcur - 1;
    }
    trans /= 2;
    sim = ((double)common / (double)la + (double)common / (double)lb +
           (double)(common - trans) / (double)common) / 3.0;
  }
  if (pflag != stack_flags) free(pflag);
  return sim;
}

// The Winkler step: the common prefix (at most 4) raises a Jaro score above `threshold`.
CVK_INLINE double winkler_boost(double sim, const uint32_t *a, ptrdiff_t la, const uint32_t *b,
                                ptrdiff_t lb, double threshold) {
  if (sim > threshold) {
    ptrdiff_t maxp = la < lb ? la : lb;
    if (maxp > 4) maxp = 4;
    ptrdiff_t prefix = 0;
    while (prefix < maxp && a[prefix] == b[prefix]) prefix++;
    sim += (double)prefix * 0.1 * (1.0 - sim);
  }
  return sim;
}

CVK_INLINE double jaro_winkler_body(const cvk_pattern *pa, const uint32_t *a, const uint32_t *b,
                                    ptrdiff_t lb) {
  return winkler_boost(jaro_body(pa, a, b, lb), a, pa->len, b, lb, 0.7);
}

CVK_INLINE void row_body(int metric, const cvk_pattern *pq, const uint32_t *q,
                         const uint32_t *units, const ptrdiff_t *offsets, const ptrdiff_t *ids,
                         ptrdiff_t count, float *out) {
  for (ptrdiff_t t = 0; t < count; t++) {
    ptrdiff_t j = ids[t];
    const uint32_t *c = units + offsets[j];
    ptrdiff_t lc = offsets[j + 1] - offsets[j];
    double s = metric == CVK_METRIC_INDEL ? indel_from_lcs(lcs_body(pq, c, lc), pq->len, lc)
                                          : jaro_winkler_body(pq, q, c, lc);
    out[t] = (float)s;
  }
}

static void row_base(int metric, const cvk_pattern *pq, const uint32_t *q, const uint32_t *units,
                     const ptrdiff_t *offsets, const ptrdiff_t *ids, ptrdiff_t count,
                     float *out) {
  row_body(metric, pq, q, units, offsets, ids, count, out);
}

CVK_TARGET_FAST static void row_fast(int metric, const cvk_pattern *pq, const uint32_t *q,
                                     const uint32_t *units, const ptrdiff_t *offsets,
                                     const ptrdiff_t *ids, ptrdiff_t count, float *out) {
  row_body(metric, pq, q, units, offsets, ids, count, out);
}

int cvk_names_scalar_list(int metric, const uint32_t *q, ptrdiff_t lq, const uint32_t *units,
                          const ptrdiff_t *offsets, const ptrdiff_t *ids, ptrdiff_t count,
                          float *out) {
  cvk_pattern pq;
  if (!cvk_pattern_init(&pq, q, lq)) {
    cvk_pattern_free(&pq);
    return 0;
  }
  if (cvk_use_fast())
    row_fast(metric, &pq, q, units, offsets, ids, count, out);
  else
    row_base(metric, &pq, q, units, offsets, ids, count, out);
  cvk_pattern_free(&pq);
  return 1;
}

double cvk_indel_similarity(const uint32_t *a, ptrdiff_t la, const uint32_t *b, ptrdiff_t lb) {
  cvk_pattern pa;
  double s = 0.0;
  if (cvk_pattern_init(&pa, a, la)) s = indel_from_lcs(lcs_body(&pa, b, lb), la, lb);
  cvk_pattern_free(&pa);
  return s;
}

double cvk_jaro_winkler(const uint32_t *a, ptrdiff_t la, const uint32_t *b, ptrdiff_t lb) {
  cvk_pattern pa;
  double s = 0.0;
  if (cvk_pattern_init(&pa, a, la)) s = jaro_winkler_body(&pa, a, b, lb);
  cvk_pattern_free(&pa);
  return s;
}

// Byte strings (UTF-8 handles, compared byte by byte). Up to 64 bytes each, the pattern is one
// word and only the table entries of the two strings' bytes are cleared (jaro_body reads only
// b's), so a pair costs no 2 KiB table reset; longer strings take the general path.
double cvk_jaro_winkler_bytes(const uint8_t *a, ptrdiff_t la, const uint8_t *b, ptrdiff_t lb,
                              double threshold) {
  if (la <= 64 && lb <= 64) {
    uint32_t ua[64], ub[64];
    cvk_pattern pa;
    pa.words = 1;
    pa.len = la;
    pa.latin = pa.small_latin;
    for (ptrdiff_t i = 0; i < la; i++) pa.small_latin[a[i]] = 0;
    for (ptrdiff_t j = 0; j < lb; j++) pa.small_latin[b[j]] = 0;
    for (ptrdiff_t i = 0; i < la; i++) {
      ua[i] = a[i];
      pa.small_latin[a[i]] |= 1ULL << i;
    }
    for (ptrdiff_t j = 0; j < lb; j++) ub[j] = b[j];
    return winkler_boost(jaro_body(&pa, ua, ub, lb), ua, la, ub, lb, threshold);
  }
  uint32_t *units = (uint32_t *)malloc((size_t)(la + lb) * sizeof(uint32_t));
  if (!units) return 0.0;
  for (ptrdiff_t i = 0; i < la; i++) units[i] = a[i];
  for (ptrdiff_t j = 0; j < lb; j++) units[la + j] = b[j];
  cvk_pattern pa;
  double s = 0.0;
  if (cvk_pattern_init(&pa, units, la))
    s = winkler_boost(jaro_body(&pa, units, units + la, lb), units, la, units + la, lb, threshold);
  cvk_pattern_free(&pa);
  free(units);
  return s;
}
