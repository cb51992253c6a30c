import CBLAS
import CVendorKernels

/// Which code paths run on this machine, for benchmark reports and tests.
///
/// CPU-feature strategy. Swift on Linux compiles for baseline x86-64 (SSE2, no FMA, no
/// POPCNT), where SIMD types lower to per-lane library calls and run slower than scalar code;
/// compiling the package with `-target-cpu` would need `unsafeFlags`, which makes it unusable
/// as a dependency, and would crash on older CPUs. So the hot loops live in the small C target
/// `CVendorKernels`, where each kernel body is compiled twice — once for baseline x86-64 and
/// once inside a function marked `__attribute__((target("avx2,fma,popcnt,bmi,bmi2")))` — and
/// one CPUID check per process picks the variant (as faiss and rapidfuzz do). Dense matrix
/// products go to OpenBLAS, which does its own dispatch (`OPENBLAS_CORETYPE`). Swift code here
/// only orchestrates: tiling, threads, and memory.
public enum KernelCPU {
  /// True when the AVX2/FMA variants of the C kernels run.
  public static var usesAVX2: Bool { cvk_active_level() != 0 }

  /// The OpenBLAS kernel family in use (for example "Haswell" or "SkylakeX").
  public static var blasCoreName: String {
    guard let name = openblas_get_corename() else { return "unknown" }
    return String(cString: name)
  }

  /// Forces the baseline (SSE2) kernels, or restores the automatic choice. For tests that check
  /// both variants agree; do not call while kernels run on other threads.
  public static func forceBaseline(_ force: Bool) {
    cvk_force_baseline(force ? 1 : 0)
  }
}
