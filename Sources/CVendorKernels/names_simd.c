// 16-lane AVX2 name kernels (placeholder until the SIMD version lands: scalar for all).
#include "CVendorKernels.h"
#include "names_simd.h"

int cvk_simd_pack_build(struct cvk_name_pack *p) {
  (void)p;
  return 0;
}
void cvk_simd_pack_free(struct cvk_name_pack *p) { (void)p; }
int cvk_simd_pack_scores(int metric, const struct cvk_name_pack *p, const uint32_t *q,
                         ptrdiff_t lq, float *out) {
  (void)metric; (void)p; (void)q; (void)lq; (void)out;
  return 0;
}
