#!/usr/bin/env bash
# Fuzzes the normalisers (places, quantities, dates, rates) with libFuzzer for a while.
# Usage: scripts/fuzz-normalise.sh [seconds, default 60]. Crashing inputs land in
# .build-fuzz/normalise-artifacts/. Recipe from ../shared/TOOLCHAIN.md (swiftc, not SwiftPM).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
mkdir -p .build-fuzz/normalise-corpus .build-fuzz/normalise-artifacts
swiftc -O -sanitize=fuzzer -parse-as-library -module-name VendorLinkFuzz \
  Sources/VendorLink/Errors.swift Sources/VendorLink/Normalise/*.swift Fuzz/normalise.swift \
  -o .build-fuzz/normalise
# Seeds: spellings from the tests.
printf 'Worldwide except Australia, New Zealand' > .build-fuzz/normalise-corpus/seed1
printf '10 x 120mg MDMA \xc2\xbd oz &nbsp;' > .build-fuzz/normalise-corpus/seed2
printf '5 days ago\x002014-01-01' > .build-fuzz/normalise-corpus/seed3
printf 'UK (Free!) & EU / Digital / Service' > .build-fuzz/normalise-corpus/seed4
SWIFT_BACKTRACE=enable=no .build-fuzz/normalise .build-fuzz/normalise-corpus \
  -artifact_prefix=.build-fuzz/normalise-artifacts/ -max_total_time="$seconds" -max_len=512
