#!/usr/bin/env bash
# A longer libFuzzer run of the normalisers alone (places, quantities, dates, rates) than
# the short one scripts/fuzz.sh gives every harness in CI.
# Usage: scripts/fuzz-normalise.sh [seconds, default 60]. Crashing inputs land in
# .build-fuzz/normalise-artifacts/. Recipe from ../shared/TOOLCHAIN.md (swiftc, not SwiftPM).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
mkdir -p .build-fuzz/normalise-corpus .build-fuzz/normalise-artifacts
swiftc -O -sanitize=fuzzer -parse-as-library -module-name VendorLinkFuzz \
  Sources/VendorLink/Errors.swift Sources/VendorLink/Normalise/*.swift Fuzz/normalise.swift \
  -o .build-fuzz/normalise-long
SWIFT_BACKTRACE=enable=no .build-fuzz/normalise-long .build-fuzz/normalise-corpus Fuzz/corpus/normalise \
  -artifact_prefix=.build-fuzz/normalise-artifacts/ -max_total_time="$seconds" -max_len=512
