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

int cvk_name_pack_scores_batch(int metric, const cvk_name_pack *p, const uint32_t *units,
                               const ptrdiff_t *offsets, ptrdiff_t q0, ptrdiff_t q1, float *out,
                               ptrdiff_t ld) {
  ptrdiff_t nq = q1 - q0;
  if (nq <= 0) return 1;
  int simd = p->simd_count > 0 && cvk_use_fast();
  const uint32_t **qs = (const uint32_t **)malloc((size_t)nq * sizeof(uint32_t *));
  ptrdiff_t *lqs = (ptrdiff_t *)malloc((size_t)nq * sizeof(ptrdiff_t));
  float **rows = (float **)malloc((size_t)nq * sizeof(float *));
  ptrdiff_t *all = (ptrdiff_t *)malloc((size_t)(p->count > 0 ? p->count : 1) * sizeof(ptrdiff_t));
  float *tmp = (float *)malloc((size_t)(p->count > 0 ? p->count : 1) * sizeof(float));
  int ok = qs && lqs && rows && all && tmp;
  ptrdiff_t eligible = 0;
  for (ptrdiff_t i = 0; ok && i < p->count; i++) all[i] = i;
  for (ptrdiff_t t = 0; ok && t < nq; t++) {
    const uint32_t *q = units + offsets[q0 + t];
    ptrdiff_t lq = offsets[q0 + t + 1] - offsets[q0 + t];
    float *row = out + t * ld;
    if (simd && cvk_simd_query_eligible(metric, lq)) {
      qs[eligible] = q;
      lqs[eligible] = lq;
      rows[eligible] = row;
      eligible++;
      // The choices the SIMD kernels do not take, one at a time.
      ok = cvk_names_scalar_list(metric, q, lq, p->units, p->offsets, p->scalar_ids,
                                 p->scalar_count, tmp);
      for (ptrdiff_t s = 0; ok && s < p->scalar_count; s++) row[p->scalar_ids[s]] = tmp[s];
    } else {
      // Baseline CPU, or a query the SIMD kernels do not take: every choice one at a time.
      ok = cvk_names_scalar_list(metric, q, lq, p->units, p->offsets, all, p->count, row);
    }
  }
  if (ok && eligible > 0)
    ok = cvk_simd_pack_scores_batch(metric, p, qs, lqs, eligible, (float *const *)rows);
  free(qs);
  free(lqs);
  free(rows);
  free(all);
  free(tmp);
  return ok;
}

int cvk_name_pack_scores(int metric, const cvk_name_pack *p, const uint32_t *q, ptrdiff_t lq,
                         float *out) {
  ptrdiff_t offsets[2] = {0, lq};
  return cvk_name_pack_scores_batch(metric, p, q, offsets, 0, 1, out, p->count);
}
