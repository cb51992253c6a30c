// Jaccard similarity of fixed-width bitsets by popcount. The AVX2 variant is compiled with
// POPCNT, so __builtin_popcountll is one instruction instead of a bit-twiddling sequence.
#include "CVendorKernels.h"
#include "dispatch.h"

CVK_INLINE void jaccard_body(const uint64_t *sets, ptrdiff_t words, const int32_t *left,
                             const int32_t *right, ptrdiff_t count, float *out) {
  for (ptrdiff_t p = 0; p < count; p++) {
    const uint64_t *a = sets + (ptrdiff_t)left[p] * words;
    const uint64_t *b = sets + (ptrdiff_t)right[p] * words;
    uint64_t inter = 0, uni = 0;
    for (ptrdiff_t w = 0; w < words; w++) {
      inter += (uint64_t)__builtin_popcountll(a[w] & b[w]);
      uni += (uint64_t)__builtin_popcountll(a[w] | b[w]);
    }
    out[p] = uni == 0 ? 1.0f : (float)((double)inter / (double)uni);
  }
}

static void jaccard_base(const uint64_t *sets, ptrdiff_t words, const int32_t *left,
                         const int32_t *right, ptrdiff_t count, float *out) {
  jaccard_body(sets, words, left, right, count, out);
}

CVK_TARGET_FAST static void jaccard_fast(const uint64_t *sets, ptrdiff_t words,
                                         const int32_t *left, const int32_t *right,
                                         ptrdiff_t count, float *out) {
  jaccard_body(sets, words, left, right, count, out);
}

void cvk_jaccard_pairs(const uint64_t *sets, ptrdiff_t words, const int32_t *left,
                       const int32_t *right, ptrdiff_t count, float *out) {
  if (cvk_use_fast())
    jaccard_fast(sets, words, left, right, count, out);
  else
    jaccard_base(sets, words, left, right, count, out);
}
