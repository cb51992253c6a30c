// A prepared list of choices for one-query-against-all scoring. Choices that the 16-lane SIMD
// kernels can take (names_simd.c) are grouped in blocks; the others go through the scalar
// bit-parallel kernels.
#include <stdlib.h>
#include <string.h>

#include "CVendorKernels.h"
#include "dispatch.h"
#include "names.h"
#include "names_simd.h"

cvk_name_pack *cvk_name_pack_create(const uint32_t *units, const ptrdiff_t *offsets,
                                    ptrdiff_t count) {
  cvk_name_pack *p = (cvk_name_pack *)calloc(1, sizeof *p);
  if (!p) return NULL;
  p->units = units;
  p->offsets = offsets;
  p->count = count;
  p->scalar_ids = (ptrdiff_t *)malloc((size_t)(count > 0 ? count : 1) * sizeof(ptrdiff_t));
  if (!p->scalar_ids) {
    free(p);
    return NULL;
  }
  if (!cvk_simd_pack_build(p)) {
    // Everything is scored one pair at a time.
    p->simd_count = 0;
    p->scalar_count = count;
    for (ptrdiff_t i = 0; i < count; i++) p->scalar_ids[i] = i;
  }
  return p;
}

void cvk_name_pack_destroy(cvk_name_pack *p) {
  if (!p) return;
  cvk_simd_pack_free(p);
  free(p->scalar_ids);
  free(p);
}

ptrdiff_t cvk_name_pack_simd_count(const cvk_name_pack *p) { return p->simd_count; }

int cvk_name_pack_scores(int metric, const cvk_name_pack *p, const uint32_t *q, ptrdiff_t lq,
                         float *out) {
  ptrdiff_t handled_by_simd = 0;
  if (p->simd_count > 0 && cvk_use_fast())
    handled_by_simd = cvk_simd_pack_scores(metric, p, q, lq, out);
  if (handled_by_simd) {
    if (p->scalar_count == 0) return 1;
    float *tmp = (float *)malloc((size_t)p->scalar_count * sizeof(float));
    if (!tmp) return 0;
    int ok = cvk_names_scalar_list(metric, q, lq, p->units, p->offsets, p->scalar_ids,
                                   p->scalar_count, tmp);
    for (ptrdiff_t t = 0; t < p->scalar_count; t++) out[p->scalar_ids[t]] = tmp[t];
    free(tmp);
    return ok;
  }
  // Baseline CPU, or a query the SIMD kernels do not take: every choice one at a time.
  ptrdiff_t *all = (ptrdiff_t *)malloc((size_t)(p->count > 0 ? p->count : 1) * sizeof(ptrdiff_t));
  if (!all) return 0;
  for (ptrdiff_t i = 0; i < p->count; i++) all[i] = i;
  int ok = cvk_names_scalar_list(metric, q, lq, p->units, p->offsets, all, p->count, out);
  free(all);
  return ok;
}
