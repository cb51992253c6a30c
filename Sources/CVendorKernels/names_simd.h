// Internal: the prepared choice list and its 16-lane SIMD kernels.
#ifndef CVK_NAMES_SIMD_H
#define CVK_NAMES_SIMD_H
#include <stddef.h>
#include <stdint.h>

struct cvk_name_pack {
  const uint32_t *units;
  const ptrdiff_t *offsets;
  ptrdiff_t count;
  ptrdiff_t *scalar_ids;  // choices scored one at a time
  ptrdiff_t scalar_count;
  ptrdiff_t simd_count;   // choices in SIMD blocks (0 when SIMD is unavailable)
  // SIMD blocks (names_simd.c).
  ptrdiff_t blocks;
  int32_t *block_ids;     // blocks * 16 choice indices, -1 for padding lanes
  uint16_t *block_lens;   // blocks * 16 lengths
  uint16_t *block_pm;     // blocks * alphabet * 16 match masks
  uint16_t *block_chars;  // blocks * 16 * 16 alphabet ids, position-major
  ptrdiff_t alphabet;     // compact alphabet size (+1 for "not in any choice")
  uint32_t *alpha_keys;   // open-addressing map scalar -> alphabet id
  uint16_t *alpha_vals;
  ptrdiff_t alpha_cap;
  // Final scores looked up instead of computed: every input of a score is a small integer
  // (lengths <= 16, counts <= 16), so a table filled once with the scalar kernels' double
  // formula gives bit-identical floats without 16 divisions per block.
  float *jw_table;     // [lq 1..16][lc 1..16][common 0..16][trans/2 0..8][prefix 0..4]
  float *indel_table;  // [lq 0..64][lc 1..16][lcs 0..16]
};

/// Fills the SIMD part of p (and p->scalar_ids for the rest); 0 when SIMD is not used.
int cvk_simd_pack_build(struct cvk_name_pack *p);
void cvk_simd_pack_free(struct cvk_name_pack *p);
/// 1 when a query of length lq can go through the SIMD kernels for this metric.
int cvk_simd_query_eligible(int metric, ptrdiff_t lq);
/// For nq eligible queries (qs[t], lqs[t]), writes rows[t][j] for every SIMD choice j.
/// Returns 0 on allocation failure.
int cvk_simd_pack_scores_batch(int metric, const struct cvk_name_pack *p,
                               const uint32_t *const *qs, const ptrdiff_t *lqs, ptrdiff_t nq,
                               float *const *rows);
#endif
