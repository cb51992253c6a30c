#!/usr/bin/env bash
# Generator speed: `vendorlink synth` (release) beside the peers' Python generator
# (shared/peers gen.py + to_crawl.py, which writes one snapshot per vendor) in one run.
# Reports output MB, records, wall and CPU seconds, MB/s of CPU time and peak RSS, at two
# sizes (peak RSS grows with the plan — operators, accounts, listings — not with output).
#   Benchmarks/synth/bench-synth.sh [OPERATORS_SMALL] [OPERATORS_LARGE] [OPERATORS_HARD]
# The hard world (`--difficulty hard`, issue 13) runs at OPERATORS_HARD (default 1500, the size
# the evaluation uses).
# The peer runs at --vendors = accounts/3 (its vendors are per market) of our large size.
set -euo pipefail
cd "$(dirname "$0")/../.."
small=${1:-2000}
large=${2:-20000}
hard=${3:-1500}
work=${BENCH_WORK:-$HOME/.cache/vendorlink-bench/synth}
peers=../shared/peers
mkdir -p "$work"
swift build -c release --product vendorlink >/dev/null
bin=.build/release/vendorlink
row() {  # name dir seconds cpu kb
  python3 - "$@" <<'PY'
import os, sys, glob
name, d, secs, cpu, kb = sys.argv[1:]
files = [f for f in glob.glob(d + "/*") if f.endswith((".jsonl", ".csv"))]
mb = sum(os.path.getsize(f) for f in files) / 1048576
recs = sum(sum(1 for _ in open(f, "rb")) for f in files if f.endswith(".jsonl"))
print(f"| {name} | {mb:.1f} | {recs:,} | {float(secs):.2f} | {float(cpu):.2f} | "
      f"{mb / max(float(cpu), 1e-9):.1f} | {int(kb) / 1024:.0f} |")
PY
}
printf '| generator | output MB | records | wall s | CPU s | MB per CPU s | peak RSS MB |\n'
printf '|---|---|---|---|---|---|---|\n'
for ops in "$small" "$large"; do
  rm -rf "$work/synth-$ops"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" \
    "$bin" synth --out "$work/synth-$ops" --seed 7 --operators "$ops" >/dev/null
  read -r secs user sys kb < "$work/time.txt"
  row "vendorlink synth --operators $ops" "$work/synth-$ops" "$secs" \
    "$(python3 -c "print($user + $sys)")" "$kb"
done
rm -rf "$work/synth-hard-$hard"
/usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" \
  "$bin" synth --out "$work/synth-hard-$hard" --difficulty hard --seed 7 --operators "$hard" >/dev/null
read -r secs user sys kb < "$work/time.txt"
row "vendorlink synth --difficulty hard --operators $hard" "$work/synth-hard-$hard" "$secs" \
  "$(python3 -c "print($user + $sys)")" "$kb"
accounts=$(($(wc -l < "$work/synth-$large/truth_accounts.csv") - 1))
n=$((accounts / 3))
export PEERS_WORK="$work/peers"
rm -rf "$PEERS_WORK/data/n$n"
/usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" \
  sh -c "python3 $peers/gen.py --vendors $n >/dev/null && python3 $peers/to_crawl.py --n $n >/dev/null"
read -r secs user sys kb < "$work/time.txt"
row "peers gen.py + to_crawl.py --vendors $n" "$PEERS_WORK/data/n$n" "$secs" \
  "$(python3 -c "print($user + $sys)")" "$kb"
