// swift-tools-version:6.1
// Benchmarks live in their own package so the main build never pays for package-benchmark.
// Run: cd Benchmarks && swift package benchmark          (micro-benchmarks, package-benchmark)
//      scripts/kernels/side_by_side.sh                   (kernels vs peers on the same data)
import PackageDescription

let package = Package(
  name: "vendorlink-benchmarks",
  platforms: [.macOS(.v14)],
  dependencies: [
    // Named explicitly: a path dependency is otherwise identified by its directory name,
    // which differs between checkouts and worktrees.
    .package(name: "vendorlink", path: ".."),
    // The MallocInterposer trait is required: without it SwiftPM wants a dependency that
    // does not resolve here (see ../shared/TOOLCHAIN.md).
    .package(
      url: "https://github.com/ordo-one/package-benchmark", exact: "1.38.1",
      traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "KernelBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "package-benchmark"),
        .product(name: "VendorKernels", package: "vendorlink"),
      ],
      path: "Benchmarks/KernelBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]),
    // The engine side of scripts/kernels/side_by_side.sh: one workload per process, so that
    // /usr/bin/time -v reports the peak memory of that workload alone.
    .executableTarget(
      name: "kernels-side-by-side",
      dependencies: [.product(name: "VendorKernels", package: "vendorlink")],
      path: "Sources/KernelsSideBySide"),
  ]
)
