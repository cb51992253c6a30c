// Internal interface between the scalar and SIMD name kernels.
#ifndef CVK_NAMES_H
#define CVK_NAMES_H
#include <stddef.h>
#include <stdint.h>

/// Scores query q against the choices listed in ids[0..<count]; out[t] is the score of
/// ids[t]. Returns 0 on allocation failure.
int cvk_names_scalar_list(int metric, const uint32_t *q, ptrdiff_t lq, const uint32_t *units,
                          const ptrdiff_t *offsets, const ptrdiff_t *ids, ptrdiff_t count,
                          float *out);
#endif
