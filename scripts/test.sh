#!/usr/bin/env bash
# The test command (README line 2, and what .ci/run calls): set-up, format check, build
# (failing on a compiler warning in our sources: scripts/check-warnings.sh), every test, and
# a short fuzz run of the untrusted-input parsers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "== format check" >&2
swift format lint --strict --recursive Package.swift Sources Tests
echo "== build and test (no compiler warnings in our sources)" >&2
BUILD_LOG=$(mktemp)
trap 'rm -f "$BUILD_LOG"' EXIT
swift build --build-tests 2>&1 | tee "$BUILD_LOG"
scripts/check-warnings.sh "$BUILD_LOG"
swift test --skip-build
if [ -x scripts/fuzz.sh ]; then
  echo "== short fuzz run" >&2
  FUZZ_SECONDS="${FUZZ_SECONDS:-20}" scripts/fuzz.sh
fi
