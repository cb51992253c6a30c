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
};

/// Fills the SIMD part of p (and p->scalar_ids for the rest); 0 when SIMD is not used.
int cvk_simd_pack_build(struct cvk_name_pack *p);
void cvk_simd_pack_free(struct cvk_name_pack *p);
/// Writes out[] for the SIMD choices; returns 0 (and writes nothing) when q is not eligible.
int cvk_simd_pack_scores(int metric, const struct cvk_name_pack *p, const uint32_t *q,
                         ptrdiff_t lq, float *out);
#endif
