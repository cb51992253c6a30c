#!/usr/bin/env bash
# The main job on the bundled sample (README line 1): set-up, release build, then the batch
# run (ingest, link, flag) and the report, into out/sample.sqlite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product vendorlink
mkdir -p out
bin=.build/release/vendorlink
$bin run datasets/sample/crawl-*.jsonl --db out/sample.sqlite
$bin report --db out/sample.sqlite --country BE --html out/report-BE.html
