#include "CVendorKernels.h"
#include "dispatch.h"

int cvk_cpu_has_avx2_fma(void) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
         __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi") &&
         __builtin_cpu_supports("bmi2");
#else
  return 0;
#endif
}

// -1: not yet checked; 0 baseline; 1 fast. Written once with the same value by any thread
// that races here, so a relaxed atomic is enough.
static _Atomic int cvk_level = -1;
static _Atomic int cvk_forced_baseline = 0;

int cvk_use_fast(void) {
  if (atomic_load_explicit(&cvk_forced_baseline, memory_order_relaxed)) return 0;
  int level = atomic_load_explicit(&cvk_level, memory_order_relaxed);
  if (level < 0) {
    level = CVK_HAVE_FAST && cvk_cpu_has_avx2_fma();
    atomic_store_explicit(&cvk_level, level, memory_order_relaxed);
  }
  return level;
}

int cvk_active_level(void) { return cvk_use_fast(); }

void cvk_force_baseline(int force) {
  atomic_store_explicit(&cvk_forced_baseline, force != 0, memory_order_relaxed);
}
