#!/usr/bin/env bash
# Ingest throughput: vendorlink (release) against a plain Python json+sqlite3 script, on the
# same generated crawl, in one run. Reports MB/s, records/s, peak RSS, and the ratio; runs
# two sizes to show that peak memory does not grow with the input.
#   Benchmarks/ingest/bench-ingest.sh [OPERATORS_SMALL] [OPERATORS_LARGE]
# BASELINE=/path/to/an/older/vendorlink adds its row (before/after in the same run). The
# machine's load average is printed: on a shared machine, compare ratios, not seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
small=${1:-2000}
large=${2:-20000}
work=${BENCH_WORK:-$HOME/.cache/vendorlink-bench/ingest}
mkdir -p "$work"
scripts/setup.sh
swift build -c release --product vendorlink >&2
bin=.build/release/vendorlink
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf '| crawl | size MB | records | tool | seconds | MB/s | records/s | peak RSS MB |\n|---|---|---|---|---|---|---|---|\n'
for ops in "$small" "$large"; do
  dir="$work/synth-$ops"
  if [ ! -f "$dir/all.jsonl" ]; then
    rm -rf "$dir"
    $bin synth --out "$dir" --seed 7 --operators "$ops" >/dev/null
    cat "$dir"/crawl-*.jsonl > "$dir/all.jsonl"
  fi
  f="$dir/all.jsonl"
  mb=$(python3 -c "import os;print(f'{os.path.getsize(\"$f\")/1048576:.1f}')")
  recs=$(wc -l < "$f")
  tools=(vendorlink python-peer)
  [ -n "${BASELINE:-}" ] && tools=(vendorlink baseline python-peer)
  for tool in "${tools[@]}"; do
    rm -f "$work/db.sqlite"*
    case $tool in
      vendorlink) cmd=("$bin" ingest "$f" --db "$work/db.sqlite") ;;
      baseline) cmd=("$BASELINE" ingest "$f" --db "$work/db.sqlite") ;;
      *) cmd=(python3 Benchmarks/ingest/peer_ingest.py "$f" "$work/db.sqlite") ;;
    esac
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "${cmd[@]}" >/dev/null
    read -r secs kb < "$work/time.txt"
    python3 - "$ops" "$mb" "$recs" "$tool" "$secs" "$kb" <<'PY'
import sys
ops, mb, recs, tool, secs, kb = sys.argv[1:]
s = float(secs)
print(f"| synth {ops} ops | {mb} | {recs} | {tool} | {s:.2f} | {float(mb)/s:.1f} | {int(recs)/s:,.0f} | {int(kb)/1024:.0f} |")
PY
  done
done
