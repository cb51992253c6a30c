#!/bin/sh
# Linking benchmark, side by side with Splink, on the peers' generated data (same files, same
# session, same BLAS environment). For each size N (vendors per market, 3 markets):
#   1. peers gen.py + to_crawl.py (seed 42), ingest into a fresh database (timed apart);
#   2. `vendorlink link` under /usr/bin/time -v (process wall, peak RSS), then export matches
#      and score them with peers/score_matches.py;
#   3. peers bench_splink.py --save-matches under run.sh (its in-script splink_total, process
#      wall, peak RSS), scored with the same scorer;
# and prints one table with the ratios. Splink is skipped above --splink-max (default 20000:
# at 3x20k it already takes ~6 GiB).
# Usage: Benchmarks/linking/bench_link_vs_splink.sh [N ...]      (default: 5000 20000)
# Env: VENDORLINK (binary, default .build/release/vendorlink), SPLINK_MAX.
set -eu
cd "$(dirname "$0")/../.."
P=${PEERS:-../shared/peers}
PY=${PEERS_VENV:-$HOME/.cache/vendorlink-peers-venv}/bin/python
W=${PEERS_WORK:-$HOME/.cache/vendorlink-peers}
VL=${VENDORLINK:-.build/release/vendorlink}
SPLINK_MAX=${SPLINK_MAX:-20000}
OUT=${BENCH_OUT:-$W/results/vendorlink}
mkdir -p "$OUT"
[ -x "$VL" ] || { echo "build first: swift build -c release --product vendorlink" >&2; exit 2; }
sizes=${*:-5000 20000}
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-unset}"
summary="$OUT/summary.tsv"
printf 'n\tengine\tlink_wall_s\tpeak_rss_mib\tF1@0.5\tP@0.5\tR@0.5\tbest_F1\tcandidate_recall\tin_script_s\n' > "$summary"
field() { grep "$1" "$2" | head -1 | sed 's/.*: //'; }
wall_s() { # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:08.07" -> seconds
  field "Elapsed (wall clock)" "$1" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'
}
rss_mib() { field "Maximum resident set size" "$1" | awk '{ printf "%.0f", $1/1024 }'; }
score() { # truth matches -> "F1 P R bestF1 listed"
  "$PY" "$P/score_matches.py" --truth "$1" --matches "$2" --json | grep '^{' | "$PY" -c '
import json,sys; o=json.load(sys.stdin); a=o["at_0.5"]; b=o["best"] or {"f1":0}
print(a["f1"], a["precision"], a["recall"], b["f1"], o["listed_recall"])'
}
for n in $sizes; do
  D="$W/data/n$n"
  [ -f "$D/crawl.jsonl" ] || { "$PY" "$P/gen.py" --vendors "$n" && "$PY" "$P/to_crawl.py" --n "$n"; }
  db="$OUT/n$n.sqlite"
  rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -v "$VL" ingest "$D/crawl.jsonl" --db "$db" > "$OUT/ingest_n$n.out" 2> "$OUT/ingest_n$n.time"
  /usr/bin/time -v "$VL" link --db "$db" > "$OUT/link_n$n.out" 2> "$OUT/link_n$n.time"
  "$VL" export matches --db "$db" > "$OUT/matches_n$n.csv"
  set -- $(score "$D/truth_pairs_by_name.csv" "$OUT/matches_n$n.csv")
  printf '%s\tvendorlink\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$(wall_s "$OUT/link_n$n.time")" \
    "$(rss_mib "$OUT/link_n$n.time")" "$1" "$2" "$3" "$4" "$5" \
    "$(grep '^seconds' "$OUT/link_n$n.out" | tr -d '\n')" >> "$summary"
  if [ "$n" -le "$SPLINK_MAX" ]; then
    "$P/run.sh" "linkage_n$n" "$PY" "$P/bench_splink.py" --n "$n" --save-matches > /dev/null
    set -- $(score "$D/truth_pairs_by_name.csv" "$W/results/linkage_n${n}_splink_matches.csv")
    in_script=$("$PY" -c "import json; print(round(json.load(open('$W/results/linkage_n$n.json'))['timings']['splink_total'], 2))")
    printf '%s\tsplink\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$(wall_s "$W/results/linkage_n$n.time")" \
      "$(rss_mib "$W/results/linkage_n$n.time")" "$1" "$2" "$3" "$4" "$5" "$in_script" >> "$summary"
  fi
done
column -t -s "$(printf '\t')" "$summary"
