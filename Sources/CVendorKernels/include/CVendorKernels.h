#ifndef CVENDORKERNELS_H
#define CVENDORKERNELS_H
// Hot loops of VendorKernels, in C so that each can be compiled twice: once for baseline
// x86-64 (SSE2) and once with __attribute__((target("avx2,fma,popcnt,bmi,bmi2"))). The
// variant is chosen once per process at run time (cvk_dispatch.h), so one binary is fast on
// this machine and still correct on any x86-64 CPU. Sizes are ptrdiff_t (Swift's Int).
#include <stddef.h>
#include <stdint.h>

// ---- CPU features and dispatch ----

/// Returns 1 when the CPU supports AVX2 and FMA (the fast kernel variants may run).
int cvk_cpu_has_avx2_fma(void);
/// 1 when the AVX2 variants are in use, 0 for the baseline ones.
int cvk_active_level(void);
/// Forces the baseline variants (force != 0) or restores automatic choice (0). For tests,
/// which check that both variants give the same answers; not thread-safe against running
/// kernels.
void cvk_force_baseline(int force);

// ---- Top-k selection ----

/// Merges one tile of scores (rows x cols, row stride ld, columns numbered from col_offset)
/// into per-row heaps of capacity k. Heap r lives at heap_scores[r*k], heap_ids[r*k] with
/// size heap_sizes[r]. Order: higher score first, ties to the lower column index; NaN scores
/// are ignored. Columns must arrive in increasing order across calls for the tie rule.
void cvk_topk_merge_tile(const float *tile, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t ld,
                         int32_t col_offset, ptrdiff_t k, float *heap_scores,
                         int32_t *heap_ids, int32_t *heap_sizes);
/// Sorts each heap best-first and pads rows with fewer than k entries with id -1 and score
/// -infinity.
void cvk_topk_finish(ptrdiff_t rows, ptrdiff_t k, float *heap_scores, int32_t *heap_ids,
                     const int32_t *heap_sizes);

/// The first index i >= start with scores[i] > min(col_min[i], row_min), or n when there is
/// none (NaN scores never qualify). Lets one scan of a score matrix feed both row and column
/// top-k lists, touching the lists only for the few scores that beat a k-th best.
ptrdiff_t cvk_first_above(const float *scores, const float *col_min, ptrdiff_t n,
                          ptrdiff_t start, float row_min);

// ---- Dense vectors ----

/// out[i*m + j] = dot(a[i], b[j]) for i < n, j < m; a is n x d, b is m x d, row-major.
/// The small-size path of the dense top-k (below the BLAS threshold).
void cvk_dot_block(const float *a, ptrdiff_t n, const float *b, ptrdiff_t m, ptrdiff_t d,
                   float *out);
/// Scales each row of x (n x d) to unit L2 norm; rows with norm 0 are left as zeros.
void cvk_normalize_rows(float *x, ptrdiff_t n, ptrdiff_t d);

// ---- Bitsets ----

/// Jaccard |A∩B| / |A∪B| for pairs of bitsets of `words` 64-bit words each (1 when both are
/// empty).
void cvk_jaccard_pairs(const uint64_t *sets, ptrdiff_t words, const int32_t *left,
                       const int32_t *right, ptrdiff_t count, float *out);

// ---- Shingles and MinHash ----

/// Hashes the character n-grams of units[0..<len] to 64-bit values; writes
/// max(len - n + 1, len > 0 ? 1 : 0) hashes and returns that count (a text shorter than n
/// gives one shingle: itself).
ptrdiff_t cvk_shingle_hashes(const uint32_t *units, ptrdiff_t len, ptrdiff_t n, uint64_t seed,
                             uint64_t *out);
/// Number of Unicode scalars in valid UTF-8.
ptrdiff_t cvk_utf8_scalar_count(const uint8_t *bytes, ptrdiff_t len);
/// cvk_shingle_hashes over valid UTF-8 text; scratch must hold the text's scalar count.
ptrdiff_t cvk_shingle_hashes_utf8(const uint8_t *bytes, ptrdiff_t len, ptrdiff_t n, uint64_t seed,
                                  uint32_t *scratch, uint64_t *out);
/// One-permutation MinHash with optimal densification: sig[0..<k] from `count` hashes.
/// An empty input gives all 0xFFFFFFFF.
void cvk_minhash_oph(const uint64_t *hashes, ptrdiff_t count, ptrdiff_t k, uint64_t seed,
                     uint32_t *sig);
/// Shingles valid UTF-8 text and MinHashes it in one go (the hashes never leave the cache).
/// scratch_units and scratch_hashes must hold `len` elements each.
void cvk_minhash_text_utf8(const uint8_t *bytes, ptrdiff_t len, ptrdiff_t n, uint64_t shingle_seed,
                           ptrdiff_t k, uint64_t seed, uint32_t *scratch_units,
                           uint64_t *scratch_hashes, uint32_t *sig);
/// Hashes `rows` consecutive signature values into one 64-bit band key.
uint64_t cvk_band_key(const uint32_t *values, ptrdiff_t rows, uint64_t band_seed);
/// Sorts keys ascending and permutes ids with them (stable LSD radix sort). scratch_keys and
/// scratch_ids must hold n elements each.
void cvk_sort_keys_ids(uint64_t *keys, uint32_t *ids, ptrdiff_t n, uint64_t *scratch_keys,
                       uint32_t *scratch_ids);

// ---- Name similarity (Unicode scalars) ----

/// Normalised indel similarity 2*LCS/(|a|+|b|) (rapidfuzz fuzz.ratio / 100); 1 when both are
/// empty. Bit-parallel LCS (Hyyrö): one word for |a| <= 64, blocked beyond.
double cvk_indel_similarity(const uint32_t *a, ptrdiff_t la, const uint32_t *b, ptrdiff_t lb);
/// Jaro-Winkler similarity with prefix weight 0.1 (rapidfuzz JaroWinkler.similarity).
double cvk_jaro_winkler(const uint32_t *a, ptrdiff_t la, const uint32_t *b, ptrdiff_t lb);
/// Jaro-Winkler of two byte strings, the prefix boost applied when Jaro > `threshold` (0.7 in
/// rapidfuzz; a negative threshold boosts always, as the classic definition does).
double cvk_jaro_winkler_bytes(const uint8_t *a, ptrdiff_t la, const uint8_t *b, ptrdiff_t lb,
                              double threshold);

/// Metric selector for the many-to-many name kernels.
enum { CVK_METRIC_INDEL = 0, CVK_METRIC_JARO_WINKLER = 1 };

/// A list of choices prepared for many queries: short names (at most 16 scalars, over a small
/// alphabet) are grouped into blocks of 16 and scored 16 at a time with AVX2; the rest one at a
/// time. Keeps pointers to units and offsets, which must outlive it.
typedef struct cvk_name_pack cvk_name_pack;
/// Prepares `count` choices (name i is units[offsets[i] ..< offsets[i+1]]); NULL when out of
/// memory.
cvk_name_pack *cvk_name_pack_create(const uint32_t *units, const ptrdiff_t *offsets,
                                    ptrdiff_t count);
void cvk_name_pack_destroy(cvk_name_pack *pack);
/// Number of choices scored by the 16-lane SIMD kernels (for reports and tests).
ptrdiff_t cvk_name_pack_simd_count(const cvk_name_pack *pack);
/// out[j] = similarity(q, choice j) for every choice j. Returns 0 on allocation failure.
int cvk_name_pack_scores(int metric, const cvk_name_pack *pack, const uint32_t *q, ptrdiff_t lq,
                         float *out);
/// Queries q0 ..< q1 of a flattened list (units, offsets): out[(t - q0) * ld + j] for every
/// choice j. Scoring a batch block by block keeps each block's masks in L1 across queries.
int cvk_name_pack_scores_batch(int metric, const cvk_name_pack *pack, const uint32_t *units,
                               const ptrdiff_t *offsets, ptrdiff_t q0, ptrdiff_t q1, float *out,
                               ptrdiff_t ld);

// ---- Memory ----

/// Asks the CPU to start loading the cache line at `p` (no fault if `p` is invalid). Linking
/// compares 1.6M candidate pairs whose second account is a random row: starting its loads a
/// few pairs ahead hides the cache misses that dominate each comparison.
static inline void cvk_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }

#endif
