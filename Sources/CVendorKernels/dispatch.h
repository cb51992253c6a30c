// Run-time choice between the baseline and the AVX2 variant of each kernel.
//
// Each kernel body is written once as an always-inline function; CVK_VARIANTS then emits two
// copies of it: one compiled for baseline x86-64 and one inside a function carrying
// __attribute__((target(...))), into which clang inlines the body and vectorises it with
// AVX2/FMA/POPCNT. The public entry point calls one of them after a single cached CPUID check,
// so the package needs no compiler flags (no unsafeFlags) and runs on any x86-64 CPU.
#ifndef CVK_DISPATCH_H
#define CVK_DISPATCH_H
#include <stdatomic.h>

#if defined(__x86_64__)
#define CVK_TARGET_FAST __attribute__((target("avx2,fma,popcnt,bmi,bmi2")))
#define CVK_HAVE_FAST 1
#else
#define CVK_TARGET_FAST
#define CVK_HAVE_FAST 0
#endif
#define CVK_INLINE static inline __attribute__((always_inline))

/// 1 when the fast variants should run (CPU check cached; tests may force the baseline).
int cvk_use_fast(void);

#endif
