#!/usr/bin/env bash
# The product path timed stage by stage, beside the kernel ratios of side_by_side.sh: the
# release `vendorlink link` on the peers' gen.py data (3 markets × N vendors, seed 42, the
# crawl of Benchmarks/linking), REPS times on one ingested database, with
# VENDORLINK_STAGE_TIMES=1 (the evidence sub-stages) and the link summary's `seconds:` line
# (evidence, blocking, scoring, clustering, writing). /proc/loadavg is recorded before and
# after every run: on a shared machine a figure means little without it.
# Usage: scripts/kernels/product_path.sh            N=20000 REPS=3
# Needs: ../shared/peers (gen.py, to_crawl.py, setup.sh) when the data is not yet made.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PEERS=${PEERS_DIR:-$ROOT/../shared/peers}
PY=${PEERS_VENV:-$HOME/.cache/vendorlink-peers-venv}/bin/python
W=${PEERS_WORK:-$HOME/.cache/vendorlink-peers}
N=${N:-20000}
REPS=${REPS:-3}
OUT=${PRODUCT_OUT:-$W/results/product-path-$(date -u +%Y%m%dT%H%M%S)}
VL=${VENDORLINK:-$ROOT/.build/release/vendorlink}
mkdir -p "$OUT"
if [ -z "${VENDORLINK:-}" ]; then
  echo "== building vendorlink (release)" >&2
  swift build -c release --package-path "$ROOT" --product vendorlink >&2
fi
D=$W/data/n$N
if [ ! -f "$D/crawl.jsonl" ]; then
  "$PEERS/setup.sh" >&2
  (cd "$PEERS" && PEERS_WORK=$W "$PY" gen.py --vendors "$N" && PEERS_WORK=$W "$PY" to_crawl.py --n "$N") >&2
fi
db=$OUT/n$N.sqlite
echo "== ingest $D/crawl.jsonl (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
"$VL" ingest "$D/crawl.jsonl" --db "$db" > "$OUT/ingest.out"
{
  echo "# vendorlink link, 3x$N, $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) CPUs"
  for r in $(seq 1 "$REPS"); do
    before=$(cut -d' ' -f1-3 /proc/loadavg)
    VENDORLINK_STAGE_TIMES=1 "$VL" link --db "$db" > "$OUT/link$r.out" 2> "$OUT/link$r.err"
    after=$(cut -d' ' -f1-3 /proc/loadavg)
    echo "run $r  loadavg before: $before  after: $after"
    grep -h "seconds" "$OUT/link$r.out" | sed 's/^/  /'
    sed 's/^/  /' "$OUT/link$r.err"
  done
} | tee "$OUT/STAGES.txt"
