#!/usr/bin/env bash
# Normaliser throughput on the real Agora titles and shipping fields: vendorlink's parsers
# (swiftc -O, no SwiftPM release build) against a regular-expression Python peer, same
# inputs, same run. Reports calls per CPU-second (the machine is shared: wall time would
# measure the neighbours) and the ratio, plus how many values each understood.
#   Benchmarks/normalise/bench-normalise.sh [ROUNDS, default 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-20}"
out=.build-bench/normalise
mkdir -p "$out"
real=../shared/data/real
python3 - "$real" "$out" <<'PY'
import csv, sys
real, out = sys.argv[1:]
titles, places = [], []
for name, cols in [("agora-2014-01-vendor-listings.csv", ("product", "from", "to")),
                   ("whitehouse-2020-09-17-listings.csv", ("Product", "Shipping From", "Shipping To"))]:
    for r in csv.DictReader(open(f"{real}/{name}", newline="", encoding="utf-8")):
        titles.append(r[cols[0]].replace("\n", " "))
        places += [r[cols[1]].replace("\n", " "), r[cols[2]].replace("\n", " ")]
open(f"{out}/titles.txt", "w", encoding="utf-8").write("\n".join(titles))
open(f"{out}/places.txt", "w", encoding="utf-8").write("\n".join(places))
PY
bin="$out/bench-normalise"
if [ ! -x "$bin" ] || [ -n "$(find Sources/VendorLink/Normalise Benchmarks/normalise -newer "$bin")" ]; then
  swiftc -O -parse-as-library -module-name BenchNormalise Sources/VendorLink/Errors.swift \
    Sources/VendorLink/Normalise/*.swift Benchmarks/normalise/BenchNormalise.swift -o "$bin"
fi
{
  "$bin" "$out/titles.txt" "$out/places.txt" "$rounds"
  python3 Benchmarks/normalise/peer_normalise.py "$out/titles.txt" "$out/places.txt" "$rounds"
} | python3 -c '
import sys
rows = {}
for line in sys.stdin:
    tool, what, calls, secs, _, ok = line.split()
    rows[(tool, what)] = (int(calls), float(secs), int(ok))
print("| input | tool | calls/s | understood | ratio (swift/python) |")
print("|---|---|---|---|---|")
for what, label in [("titles", "quantity from title"), ("places", "places from ship field")]:
    s, p = rows[("swift", what)], rows[("python", what)]
    for tool, r in [("vendorlink", s), ("python regex peer", p)]:
        ratio = f"{(s[0]/s[1])/(p[0]/p[1]):.2f}x" if tool == "vendorlink" else ""
        print(f"| {label} | {tool} | {r[0]/r[1]:,.0f} | {r[2]:,} | {ratio} |")
'
