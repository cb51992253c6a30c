#!/usr/bin/env bash
# Fails when a build log holds a compiler warning in our own sources (Sources/, Tests/,
# Fuzz/, Benchmarks/Sources/ of this repository), and lists them. Warnings in dependencies
# (.build/checkouts) are not ours to fix and are ignored, which is why this greps the log
# instead of passing -warnings-as-errors (that flag reaches dependencies too).
# Usage: scripts/check-warnings.sh BUILD_LOG
# A build compiles, and so warns about, only the files it recompiles: CI builds a clean
# clone; locally, `rm -rf .build` (or touch the files) before trusting a pass.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOG=${1:?usage: check-warnings.sh BUILD_LOG}
ours=$(grep -E "^($ROOT/)?(Sources|Tests|Fuzz|Benchmarks/Sources)/[^:]+:[0-9]+:([0-9]+:)? warning:" "$LOG" |
  sort -u || true)
if [ -n "$ours" ]; then
  echo "compiler warnings in our sources (the build must have none):" >&2
  echo "$ours" >&2
  exit 1
fi
