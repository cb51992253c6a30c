#!/usr/bin/env bash
# The test command (README line 2, and what .ci/run calls): set-up, format check, build,
# every test, and a short fuzz run of the untrusted-input parsers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "== format check" >&2
swift format lint --strict --recursive Package.swift Sources Tests
echo "== build and test" >&2
swift build --build-tests
swift test --skip-build
if [ -x scripts/fuzz.sh ]; then
  echo "== short fuzz run" >&2
  FUZZ_SECONDS="${FUZZ_SECONDS:-20}" scripts/fuzz.sh
fi
