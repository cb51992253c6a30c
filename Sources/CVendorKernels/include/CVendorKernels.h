#ifndef CVENDORKERNELS_H
#define CVENDORKERNELS_H
#include <stdint.h>
/// Returns 1 when the CPU supports AVX2 and FMA (the fast kernel variants may run).
int cvk_cpu_has_avx2_fma(void);
#endif
