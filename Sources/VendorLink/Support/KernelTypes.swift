import VendorKernels

/// VendorKernels' seeded generator under the name VendorLink's API (training settings) and
/// its tests use; the package has one (the synthesiser keeps its own splittable streams).
public typealias SplitMix64 = VendorKernels.SplitMix64
