// 16-lane AVX2 name kernels: 16 choices of at most 16 scalars each are scored against one
// query at once, one 16-bit lane per choice (rapidfuzz packs strings into SIMD lanes the same
// way). Choices are mapped to a compact alphabet when the pack is built, so each block keeps
// one 16-lane match mask per alphabet letter and a query character costs one 32-byte load.
//
// Indel: Hyyrö's LCS recurrence lane-wise. Jaro-Winkler: bit-parallel flagging lane-wise, and
// transpositions counted lane-wise too by walking the query positions in order, pairing each
// matched query position with the lowest not-yet-paired matched choice position. Scores are
// finished in double precision with the same operations, in the same order, as the scalar
// kernels, so both paths give bit-identical results.
#pragma STDC FP_CONTRACT OFF

#include <stdlib.h>
#include <string.h>

#include "CVendorKernels.h"
#include "dispatch.h"
#include "names_simd.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

enum { LANES = 16, MAX_LEN = 16, MAX_ALPHABET = 1024, INDEL_TABLE_LQ = 64 };
enum { JW_SLICE = 16 * 17 * 9 * 5, INDEL_SLICE = 16 * 17 };

// The scalar kernels' formulas (names_scalar.c), evaluated once per table entry.
static float jw_formula(int lq, int lc, int common, int half_trans, int prefix) {
  if (common == 0) return 0.0f;
  double sim = ((double)common / (double)lq + (double)common / (double)lc +
                (double)(common - half_trans) / (double)common) / 3.0;
  if (sim > 0.7) sim += (double)prefix * 0.1 * (1.0 - sim);
  return (float)sim;
}

static float indel_formula(int lq, int lc, int lcs) {
  return (float)(1.0 - (double)(lq + lc - 2 * lcs) / (double)(lq + lc));
}

static int build_tables(struct cvk_name_pack *p) {
  p->jw_table = (float *)malloc((size_t)16 * JW_SLICE * sizeof(float));
  p->indel_table = (float *)malloc((size_t)(INDEL_TABLE_LQ + 1) * INDEL_SLICE * sizeof(float));
  if (!p->jw_table || !p->indel_table) return 0;
  float *t = p->jw_table;
  for (int lq = 1; lq <= 16; lq++)
    for (int lc = 1; lc <= 16; lc++)
      for (int c = 0; c <= 16; c++)
        for (int h = 0; h <= 8; h++)
          for (int x = 0; x <= 4; x++) *t++ = jw_formula(lq, lc, c, h, x);
  t = p->indel_table;
  for (int lq = 0; lq <= INDEL_TABLE_LQ; lq++)
    for (int lc = 1; lc <= 16; lc++)
      for (int l = 0; l <= 16; l++) *t++ = indel_formula(lq, lc, l);
  return 1;
}

static ptrdiff_t alpha_slot(const struct cvk_name_pack *p, uint32_t c) {
  ptrdiff_t mask = p->alpha_cap - 1;
  ptrdiff_t i = (ptrdiff_t)((c * 0x9E3779B1u) >> 9) & mask;
  while (p->alpha_keys[i] != 0 && p->alpha_keys[i] != c) i = (i + 1) & mask;
  return i;
}

// Alphabet id of scalar c, 0 when no choice contains it. Ids of scalars < 256 live in the
// first 256 slots of alpha_vals; others in the hashed part after them.
static uint16_t alpha_id(const struct cvk_name_pack *p, uint32_t c) {
  if (c < 256) return p->alpha_vals[c];
  if (p->alpha_cap == 0) return 0;
  ptrdiff_t s = alpha_slot(p, c);
  return p->alpha_keys[s] == c ? p->alpha_vals[256 + s] : 0;
}

void cvk_simd_pack_free(struct cvk_name_pack *p) {
  free(p->block_ids);
  free(p->block_lens);
  free(p->block_pm);
  free(p->block_chars);
  free(p->alpha_keys);
  free(p->alpha_vals);
  free(p->jw_table);
  free(p->indel_table);
}

int cvk_simd_pack_build(struct cvk_name_pack *p) {
  if (!CVK_HAVE_FAST || !cvk_use_fast()) return 0;
  if (!build_tables(p)) return 0;
  ptrdiff_t n = p->count;
  // Alphabet of the eligible choices (length 1...16).
  ptrdiff_t big = 0;
  for (ptrdiff_t i = 0; i < n; i++) {
    ptrdiff_t len = p->offsets[i + 1] - p->offsets[i];
    if (len < 1 || len > MAX_LEN) continue;
    for (ptrdiff_t t = p->offsets[i]; t < p->offsets[i + 1]; t++) big += p->units[t] >= 256;
  }
  ptrdiff_t cap = 0;
  if (big > 0) {
    cap = 64;
    while (cap < 2 * big) cap *= 2;
  }
  p->alpha_cap = cap;
  p->alpha_keys = (uint32_t *)calloc((size_t)(cap > 0 ? cap : 1), sizeof(uint32_t));
  p->alpha_vals = (uint16_t *)calloc((size_t)(256 + cap), sizeof(uint16_t));
  if (!p->alpha_keys || !p->alpha_vals) return 0;
  ptrdiff_t letters = 0;
  ptrdiff_t eligible = 0;
  for (ptrdiff_t i = 0; i < n; i++) {
    ptrdiff_t len = p->offsets[i + 1] - p->offsets[i];
    if (len < 1 || len > MAX_LEN) continue;
    eligible++;
    for (ptrdiff_t t = p->offsets[i]; t < p->offsets[i + 1]; t++) {
      uint32_t c = p->units[t];
      uint16_t *slot;
      if (c < 256) {
        slot = &p->alpha_vals[c];
      } else {
        ptrdiff_t s = alpha_slot(p, c);
        p->alpha_keys[s] = c;
        slot = &p->alpha_vals[256 + s];
      }
      if (*slot == 0) {
        if (letters + 1 >= MAX_ALPHABET) return 0;  // too many letters: scalar kernels
        *slot = (uint16_t)++letters;
      }
    }
  }
  ptrdiff_t a1 = letters + 1;
  ptrdiff_t blocks = (eligible + LANES - 1) / LANES;
  p->blocks = blocks;
  p->alphabet = a1;
  p->block_ids = (int32_t *)malloc((size_t)(blocks > 0 ? blocks : 1) * LANES * sizeof(int32_t));
  p->block_lens = (uint16_t *)calloc((size_t)(blocks > 0 ? blocks : 1) * LANES, sizeof(uint16_t));
  p->block_pm = (uint16_t *)calloc((size_t)(blocks > 0 ? blocks : 1) * a1 * LANES, sizeof(uint16_t));
  p->block_chars = (uint16_t *)malloc((size_t)(blocks > 0 ? blocks : 1) * 4 * LANES * sizeof(uint16_t));
  if (!p->block_ids || !p->block_lens || !p->block_pm || !p->block_chars) return 0;
  for (ptrdiff_t t = 0; t < blocks * 4 * LANES; t++) p->block_chars[t] = 0xFFFF;
  for (ptrdiff_t t = 0; t < blocks * LANES; t++) p->block_ids[t] = -1;
  ptrdiff_t e = 0, s = 0;
  for (ptrdiff_t i = 0; i < n; i++) {
    ptrdiff_t len = p->offsets[i + 1] - p->offsets[i];
    if (len < 1 || len > MAX_LEN) {
      p->scalar_ids[s++] = i;
      continue;
    }
    ptrdiff_t b = e / LANES, lane = e % LANES;
    e++;
    p->block_ids[b * LANES + lane] = (int32_t)i;
    p->block_lens[b * LANES + lane] = (uint16_t)len;
    for (ptrdiff_t t = 0; t < len; t++) {
      uint16_t id = alpha_id(p, p->units[p->offsets[i] + t]);
      p->block_pm[(b * a1 + id) * LANES + lane] |= (uint16_t)(1u << t);
      if (t < 4) p->block_chars[(b * 4 + t) * LANES + lane] = id;
    }
  }
  p->simd_count = eligible;
  p->scalar_count = s;
  return 1;
}

#if defined(__x86_64__)

CVK_TARGET_FAST static inline __m256i popcount16(__m256i v) {
  const __m256i lut = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2,
                                       1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
  const __m256i low4 = _mm256_set1_epi8(0x0f);
  __m256i lo = _mm256_shuffle_epi8(lut, _mm256_and_si256(v, low4));
  __m256i hi = _mm256_shuffle_epi8(lut, _mm256_and_si256(_mm256_srli_epi16(v, 4), low4));
  __m256i c8 = _mm256_add_epi8(lo, hi);
  return _mm256_add_epi16(_mm256_and_si256(c8, _mm256_set1_epi16(0xff)),
                          _mm256_srli_epi16(c8, 8));
}

// Lanes 4q..4q+3 of 16 unsigned 16-bit lanes as doubles.
CVK_TARGET_FAST static inline __m256d quarter_pd(__m256i v, int q) {
  __m128i half = q < 2 ? _mm256_castsi256_si128(v) : _mm256_extracti128_si256(v, 1);
  __m256i wide = _mm256_cvtepu16_epi32(half);
  __m128i four = (q % 2 == 0) ? _mm256_castsi256_si128(wide) : _mm256_extracti128_si256(wide, 1);
  return _mm256_cvtepi32_pd(four);
}

// scores[lane] = table[idx[lane]] for 16 unsigned 16-bit indices.
CVK_TARGET_FAST static inline void gather16(const float *table, __m256i idx, float *scores) {
  __m256i lo = _mm256_cvtepu16_epi32(_mm256_castsi256_si128(idx));
  __m256i hi = _mm256_cvtepu16_epi32(_mm256_extracti128_si256(idx, 1));
  _mm256_storeu_ps(scores, _mm256_i32gather_ps(table, lo, 4));
  _mm256_storeu_ps(scores + 8, _mm256_i32gather_ps(table, hi, 4));
}

CVK_TARGET_FAST static void store_block(const struct cvk_name_pack *p, ptrdiff_t b,
                                        const float *scores, float *out) {
  const int32_t *ids = p->block_ids + b * LANES;
  for (int lane = 0; lane < LANES; lane++)
    if (ids[lane] >= 0) out[ids[lane]] = scores[lane];
}

CVK_TARGET_FAST static inline void indel_block(const struct cvk_name_pack *p, ptrdiff_t b,
                                               const uint16_t *qid, ptrdiff_t lq, float *out) {
  const __m256i ones = _mm256_set1_epi16(-1);
  const __m256i one16 = _mm256_set1_epi16(1);
  const __m256d one_pd = _mm256_set1_pd(1.0);
  const __m256i lqv = _mm256_set1_epi16((short)lq);
  {
    const uint16_t *pm = p->block_pm + b * p->alphabet * LANES;
    __m256i s = ones;
    for (ptrdiff_t j = 0; j < lq; j++) {
      __m256i m = _mm256_loadu_si256((const __m256i *)(pm + (ptrdiff_t)qid[j] * LANES));
      __m256i u = _mm256_and_si256(s, m);
      s = _mm256_or_si256(_mm256_add_epi16(s, u), _mm256_sub_epi16(s, u));
    }
    __m256i lens = _mm256_loadu_si256((const __m256i *)(p->block_lens + b * LANES));
    // Lane masks (1 << len) - 1, computed in 32-bit lanes (AVX2 has no 16-bit variable shift).
    __m256i lo_len = _mm256_cvtepu16_epi32(_mm256_castsi256_si128(lens));
    __m256i hi_len = _mm256_cvtepu16_epi32(_mm256_extracti128_si256(lens, 1));
    __m256i one32 = _mm256_set1_epi32(1);
    __m256i lo_mask = _mm256_sub_epi32(_mm256_sllv_epi32(one32, lo_len), one32);
    __m256i hi_mask = _mm256_sub_epi32(_mm256_sllv_epi32(one32, hi_len), one32);
    // Pack back to 16-bit lanes (values <= 0xFFFF; packus saturates 0x10000-1 correctly).
    __m256i mask16 = _mm256_permute4x64_epi64(_mm256_packus_epi32(lo_mask, hi_mask), 0xD8);
    __m256i lcs = popcount16(_mm256_andnot_si256(s, mask16));
    float scores[LANES];
    if (lq <= INDEL_TABLE_LQ) {
      // Padding lanes (length 0) index as length 1; their scores are never stored.
      __m256i lc1 = _mm256_sub_epi16(_mm256_max_epu16(lens, one16), one16);
      __m256i idx = _mm256_add_epi16(_mm256_mullo_epi16(lc1, _mm256_set1_epi16(17)), lcs);
      gather16(p->indel_table + lq * INDEL_SLICE, idx, scores);
    } else {
      __m256i total = _mm256_add_epi16(lens, lqv);
      __m256i dist = _mm256_sub_epi16(total, _mm256_add_epi16(lcs, lcs));
      for (int q = 0; q < 4; q++) {
        __m256d sim =
            _mm256_sub_pd(one_pd, _mm256_div_pd(quarter_pd(dist, q), quarter_pd(total, q)));
        _mm_storeu_ps(scores + 4 * q, _mm256_cvtpd_ps(sim));
      }
    }
    store_block(p, b, scores, out);
  }
}

CVK_TARGET_FAST static inline void jaro_winkler_block(const struct cvk_name_pack *p, ptrdiff_t b,
                                                      const uint16_t *qid, ptrdiff_t lq,
                                                      float *out) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i one = _mm256_set1_epi16(1);
  const __m256i lqv = _mm256_set1_epi16((short)lq);
  // Window masks (1 << (bound + 1)) - 1 for bound 0...7, looked up with pshufb.
  const __m256i bound_lut = _mm256_setr_epi8(1, 3, 7, 15, 31, 63, 127, (char)255, 0, 0, 0, 0, 0,
                                             0, 0, 0, 1, 3, 7, 15, 31, 63, 127, (char)255, 0, 0,
                                             0, 0, 0, 0, 0, 0);
  __m256i qfirst[4];
  for (int i = 0; i < 4; i++) qfirst[i] = _mm256_set1_epi16((short)(i < lq ? qid[i] : 0xFFFE));
  {
    const uint16_t *pm = p->block_pm + b * p->alphabet * LANES;
    __m256i lens = _mm256_loadu_si256((const __m256i *)(p->block_lens + b * LANES));
    __m256i bound = _mm256_subs_epu16(_mm256_srli_epi16(_mm256_max_epu16(lens, lqv), 1), one);
    __m256i window = _mm256_shuffle_epi8(bound_lut,
                                         _mm256_or_si256(bound, _mm256_set1_epi16((short)0x8000)));
    __m256i pflag = zero, tflag = zero;
    for (ptrdiff_t j = 0; j < lq; j++) {
      __m256i m = _mm256_loadu_si256((const __m256i *)(pm + (ptrdiff_t)qid[j] * LANES));
      __m256i x = _mm256_andnot_si256(pflag, _mm256_and_si256(m, window));
      pflag = _mm256_or_si256(pflag, _mm256_and_si256(x, _mm256_sub_epi16(zero, x)));
      __m256i none = _mm256_cmpeq_epi16(x, zero);
      tflag = _mm256_or_si256(tflag, _mm256_andnot_si256(none, _mm256_set1_epi16((short)(1 << j))));
      __m256i grow = _mm256_and_si256(_mm256_cmpgt_epi16(bound, _mm256_set1_epi16((short)j)), one);
      window = _mm256_or_si256(_mm256_slli_epi16(window, 1), grow);
    }
    float scores[LANES];
    if (_mm256_testz_si256(pflag, pflag)) {
      for (int lane = 0; lane < LANES; lane++) scores[lane] = 0.0f;
      store_block(p, b, scores, out);
      return;
    }
    // Transpositions: the k-th matched query position pairs with the k-th matched choice
    // position; a pair is a transposition when the characters differ.
    __m256i rest = pflag, trans = zero;
    for (ptrdiff_t j = 0; j < lq; j++) {
      __m256i bit = _mm256_set1_epi16((short)(1 << j));
      __m256i active = _mm256_cmpeq_epi16(_mm256_and_si256(tflag, bit), bit);
      __m256i low = _mm256_and_si256(_mm256_and_si256(rest, _mm256_sub_epi16(zero, rest)), active);
      __m256i m = _mm256_loadu_si256((const __m256i *)(pm + (ptrdiff_t)qid[j] * LANES));
      __m256i differ = _mm256_cmpeq_epi16(_mm256_and_si256(m, low), zero);
      trans = _mm256_sub_epi16(trans, _mm256_and_si256(differ, active));
      rest = _mm256_xor_si256(rest, low);
    }
    __m256i common = popcount16(pflag);
    __m256i half_trans = _mm256_srli_epi16(trans, 1);
    // Winkler prefix (up to 4, both lengths respected through the padding ids).
    __m256i e = _mm256_set1_epi16(-1), prefix = zero;
    for (int i = 0; i < 4; i++) {
      __m256i c = _mm256_loadu_si256((const __m256i *)(p->block_chars + (b * 4 + i) * LANES));
      e = _mm256_and_si256(e, _mm256_cmpeq_epi16(c, qfirst[i]));
      prefix = _mm256_sub_epi16(prefix, e);
    }
    __m256i lc1 = _mm256_sub_epi16(_mm256_max_epu16(lens, one), one);
    __m256i idx = _mm256_mullo_epi16(lc1, _mm256_set1_epi16(17 * 45));
    idx = _mm256_add_epi16(idx, _mm256_mullo_epi16(common, _mm256_set1_epi16(45)));
    idx = _mm256_add_epi16(idx, _mm256_mullo_epi16(half_trans, _mm256_set1_epi16(5)));
    idx = _mm256_add_epi16(idx, prefix);
    gather16(p->jw_table + (lq - 1) * JW_SLICE, idx, scores);
    store_block(p, b, scores, out);
  }
}
#endif

#if defined(__x86_64__)
// Block-major over a batch of queries: a block's match masks (alphabet × 32 bytes) stay in L1
// while every query of the batch is scored against it, instead of streaming the whole pack
// through the cache once per query.
CVK_TARGET_FAST static void batch_blocks(int metric, const struct cvk_name_pack *p,
                                         const uint16_t *const *qids, const ptrdiff_t *lqs,
                                         ptrdiff_t nq, float *const *rows) {
  for (ptrdiff_t b = 0; b < p->blocks; b++) {
    for (ptrdiff_t t = 0; t < nq; t++) {
      if (metric == CVK_METRIC_INDEL)
        indel_block(p, b, qids[t], lqs[t], rows[t]);
      else
        jaro_winkler_block(p, b, qids[t], lqs[t], rows[t]);
    }
  }
}
#endif

int cvk_simd_query_eligible(int metric, ptrdiff_t lq) {
  if (metric == CVK_METRIC_JARO_WINKLER) return lq <= MAX_LEN;
  return lq <= 4096;
}

int cvk_simd_pack_scores_batch(int metric, const struct cvk_name_pack *p,
                               const uint32_t *const *qs, const ptrdiff_t *lqs, ptrdiff_t nq,
                               float *const *rows) {
#if defined(__x86_64__)
  if (p->blocks == 0 || nq == 0) return 1;
  ptrdiff_t total = 0;
  for (ptrdiff_t t = 0; t < nq; t++) total += lqs[t];
  uint16_t *ids = (uint16_t *)malloc((size_t)(total > 0 ? total : 1) * sizeof(uint16_t));
  const uint16_t **qids = (const uint16_t **)malloc((size_t)nq * sizeof(uint16_t *));
  if (!ids || !qids) {
    free(ids);
    free(qids);
    return 0;
  }
  ptrdiff_t at = 0;
  for (ptrdiff_t t = 0; t < nq; t++) {
    qids[t] = ids + at;
    for (ptrdiff_t j = 0; j < lqs[t]; j++) ids[at + j] = alpha_id(p, qs[t][j]);
    at += lqs[t];
  }
  batch_blocks(metric, p, qids, lqs, nq, rows);
  free(ids);
  free(qids);
  return 1;
#else
  (void)metric; (void)p; (void)qs; (void)lqs; (void)nq; (void)rows;
  return 0;
#endif
}
