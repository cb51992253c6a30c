// swift-tools-version:6.0
// vendorlink: links vendor accounts across dark-web market crawls, flags shipping and
// wholesale patterns, and writes every score with its evidence to one SQLite file.
import PackageDescription

let package = Package(
  name: "vendorlink",
  products: [
    .executable(name: "vendorlink", targets: ["vendorlink"]),
    .library(name: "VendorLink", targets: ["VendorLink"]),
    .library(name: "OpenPGPKeys", targets: ["OpenPGPKeys"]),
    .library(name: "VendorKernels", targets: ["VendorKernels"]),
  ],
  dependencies: [
    // The only package dependency: every one costs build minutes in every CI run.
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // System libraries (module maps only). SQLite through its C API, BLAS through OpenBLAS,
    // hashes (SHA-1, SHA-256, MD5 for PGP fingerprints) through OpenSSL's libcrypto.
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(
      name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
      name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

    // Hot SIMD kernels in C, compiled per CPU level and chosen at run time.
    .target(name: "CVendorKernels"),

    // Self-contained modules with no vendor concepts.
    .target(name: "OpenPGPKeys", dependencies: ["COpenSSL"]),
    .target(name: "VendorKernels", dependencies: ["CBLAS", "CVendorKernels"]),

    // The domain: store, normalisation, ingest, features, linking, flags, reports.
    .target(
      name: "VendorLink",
      dependencies: [
        "CSQLite", "CBLAS", "COpenSSL", "CVendorKernels", "OpenPGPKeys", "VendorKernels",
      ], resources: [.copy("Resources/default.json"), .copy("Resources/rates")]),

    // The synthetic-crawl generator (`vendorlink synth`): a tool for tests, demos and
    // benchmarks, so the CLI links it and the engine library investigators use does not.
    // Its real public keys are data, loaded from a resource file at run time.
    .target(
      name: "VendorSynth", dependencies: ["VendorLink"],
      resources: [.copy("Resources/RealPublicKeys.asc")]),

    // The command line.
    .executableTarget(
      name: "vendorlink",
      dependencies: [
        "VendorLink", "VendorSynth", "OpenPGPKeys",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .testTarget(
      name: "OpenPGPKeysTests", dependencies: ["OpenPGPKeys", "VendorKernels"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "VendorKernelsTests", dependencies: ["VendorKernels"]),
    .testTarget(name: "VendorLinkTests", dependencies: ["VendorLink"]),
    .testTarget(
      name: "VendorSynthTests", dependencies: ["VendorSynth", "VendorLink", "OpenPGPKeys"]),
    .testTarget(name: "CLITests", dependencies: ["vendorlink"]),
  ]
)
