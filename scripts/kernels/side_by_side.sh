#!/usr/bin/env bash
# Kernels vs peers, side by side, on the same generated data, in one session:
#   names (rapidfuzz cdist), dense top-10 (faiss IndexFlatIP), sgemm alone, MinHash and LSH
#   (rensa). Each workload runs in its own process on each side under /usr/bin/time -v, so the
#   table's peak memory is that workload's. Both sides run under the same OpenBLAS setting
#   (OPENBLAS_CORETYPE, default Haswell: AVX2, which faiss's bundled OpenBLAS recognises; set it
#   yourself to compare another core) and the same thread count.
# Usage: scripts/kernels/side_by_side.sh [workload ...]      (default: all)
#   REPS=3 THREADS=2 N=20000 N_SETS=33334 KERNELS_WORK=$HOME/.cache/vendorlink-kernels
# Needs: ../shared/peers (setup.sh makes the venv), the peers' generated data (gen.py; made here
# when missing).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PEERS=${PEERS_DIR:-$ROOT/../shared/peers}
VENV=${PEERS_VENV:-$HOME/.cache/vendorlink-peers-venv}
PEERS_WORK=${PEERS_WORK:-$HOME/.cache/vendorlink-peers}
WORK=${KERNELS_WORK:-$HOME/.cache/vendorlink-kernels}
REPS=${REPS:-3}
THREADS=${THREADS:-2}
N=${N:-20000}
N_SETS=${N_SETS:-33334}
export OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-Haswell}
PY=$VENV/bin/python
WORKLOADS=("$@")
[ ${#WORKLOADS[@]} -eq 0 ] && WORKLOADS=(jw-allpairs indel-allpairs name-top5-jw name-top5-indel
  dense-top10 sgemm-only minhash lsh)

"$PEERS/setup.sh" >&2
for n in "$N" "$N_SETS"; do
  if [ ! -f "$PEERS_WORK/data/n$n/vendors.jsonl" ]; then
    PEERS_WORK=$PEERS_WORK "$PY" "$PEERS/gen.py" --vendors "$n" >&2
  fi
done
DATA=$WORK/data-n$N-s$N_SETS
if [ ! -f "$DATA/truth_pairs.bin" ]; then
  PEERS_WORK=$PEERS_WORK PEERS_DIR=$PEERS "$PY" "$ROOT/scripts/kernels/peer_workloads.py" prep \
    --n "$N" --n-sets "$N_SETS" --names-dir "$PEERS_WORK/data/n$N" \
    --sets-dir "$PEERS_WORK/data/n$N_SETS" --out "$DATA" >&2
fi
# KERNELS_ENGINE: an already built kernels-side-by-side (e.g. from a package that builds only
# that target, where package-benchmark cannot be fetched).
ENGINE=${KERNELS_ENGINE:-}
if [ -z "$ENGINE" ]; then
  echo "== building kernels-side-by-side (release)" >&2
  swift build -c release --package-path "$ROOT/Benchmarks" --product kernels-side-by-side >&2
  ENGINE=$ROOT/Benchmarks/.build/release/kernels-side-by-side
fi

RESULTS=$WORK/results-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$RESULTS"
for w in "${WORKLOADS[@]}"; do
  # The load is recorded with every figure: on a shared machine a ratio means little without it.
  echo "$w peer-before $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS/LOADAVG"
  echo "== $w: peer" >&2
  /usr/bin/time -v "$PY" "$ROOT/scripts/kernels/peer_workloads.py" run "$w" --data "$DATA" \
    --reps "$REPS" --threads "$THREADS" > "$RESULTS/$w.peer.json" 2> "$RESULTS/$w.peer.time"
  echo "== $w: vendorlink" >&2
  /usr/bin/time -v "$ENGINE" "$w" --data "$DATA" --reps "$REPS" --threads "$THREADS" \
    > "$RESULTS/$w.ours.json" 2> "$RESULTS/$w.ours.time"
  echo "$w ours-after $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS/LOADAVG"
done
cat "$RESULTS/LOADAVG"
"$PY" "$ROOT/scripts/kernels/summarize_side_by_side.py" "$RESULTS" | tee "$RESULTS/TABLE.md"
