// Small dense kernels: the direct dot-product block used below the BLAS threshold, and row
// normalisation for cosine similarity. Plain loops that clang vectorises; the AVX2 variant
// gets 8-wide FMA lanes.
#include <math.h>

#include "CVendorKernels.h"
#include "dispatch.h"

CVK_INLINE float dot_body(const float *restrict a, const float *restrict b, ptrdiff_t d) {
  // Eight independent partial sums so the loop vectorises without -ffast-math (the order of
  // additions is fixed by the code, not by the compiler).
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  ptrdiff_t i = 0;
  for (; i + 8 <= d; i += 8)
    for (int t = 0; t < 8; t++) acc[t] += a[i + t] * b[i + t];
  float s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  for (; i < d; i++) s += a[i] * b[i];
  return s;
}

CVK_INLINE void dot_block_body(const float *a, ptrdiff_t n, const float *b, ptrdiff_t m,
                               ptrdiff_t d, float *out) {
  for (ptrdiff_t i = 0; i < n; i++)
    for (ptrdiff_t j = 0; j < m; j++) out[i * m + j] = dot_body(a + i * d, b + j * d, d);
}

static void dot_block_base(const float *a, ptrdiff_t n, const float *b, ptrdiff_t m,
                           ptrdiff_t d, float *out) {
  dot_block_body(a, n, b, m, d, out);
}

CVK_TARGET_FAST static void dot_block_fast(const float *a, ptrdiff_t n, const float *b,
                                           ptrdiff_t m, ptrdiff_t d, float *out) {
  dot_block_body(a, n, b, m, d, out);
}

void cvk_dot_block(const float *a, ptrdiff_t n, const float *b, ptrdiff_t m, ptrdiff_t d,
                   float *out) {
  if (cvk_use_fast())
    dot_block_fast(a, n, b, m, d, out);
  else
    dot_block_base(a, n, b, m, d, out);
}

void cvk_normalize_rows(float *x, ptrdiff_t n, ptrdiff_t d) {
  for (ptrdiff_t i = 0; i < n; i++) {
    float *r = x + i * d;
    double ss = 0;
    for (ptrdiff_t j = 0; j < d; j++) ss += (double)r[j] * r[j];
    if (ss > 0) {
      float inv = (float)(1.0 / sqrt(ss));
      for (ptrdiff_t j = 0; j < d; j++) r[j] *= inv;
    }
  }
}
