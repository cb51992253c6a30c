#!/usr/bin/env bash
# Benchmark: `vendorlink flag` and `vendorlink report` over a crawl of >= 1M listing
# observations (scripts/gen-flags-bench.py writes it straight into the schema), next to a
# reference measured in the same run: the sqlite3 shell running the core aggregations
# (ships-from countries per account and crawl, wholesale listings, per-crawl counts) as
# plain SQL. Prints wall and CPU seconds of each, and the ratios.
#   scripts/bench-flags.sh [VENDORS=12000] [DB=$HOME/.cache/vendorlink-bench/flags.sqlite]
set -euo pipefail
cd "$(dirname "$0")/.."
vendors="${1:-12000}"
db="${2:-$HOME/.cache/vendorlink-bench/flags-$vendors.sqlite}"
bin=.build/release/vendorlink
[ -x "$bin" ] || swift build -c release --product vendorlink
mkdir -p "$(dirname "$db")"
if [ ! -s "$db" ]; then
  python3 -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).close()" "$db"
  "$bin" flag --db "$db" >/dev/null 2>&1   # applies the schema
  python3 scripts/gen-flags-bench.py "$db" "$vendors"
fi
obs=$(sqlite3 "$db" "SELECT COUNT(*) FROM listing_observations")
echo "database: $db ($obs listing observations)"
measure() {  # label, command...
  local label=$1
  shift
  /usr/bin/time -f "$label: %e s wall, %U s user, %S s sys, %M KB peak" "$@" >/dev/null
}
cat > /tmp/vendorlink-bench-reference.sql <<'SQL'
SELECT COUNT(*) FROM (SELECT l.account_id, lp.observed, COUNT(*) FROM listing_places lp
  JOIN listings l ON l.listing_id = lp.listing_id
  WHERE lp.role = 'from' AND length(lp.place) = 2 AND lp.place <> 'EU'
  GROUP BY l.account_id, lp.observed HAVING COUNT(*) > 1);
SELECT COUNT(*) FROM (SELECT listing_id, MAX(price_usd) FROM listing_observations
  WHERE price_usd > 1000 GROUP BY listing_id);
SELECT COUNT(*) FROM (SELECT l.market, lo.observed, COUNT(DISTINCT l.account_id), COUNT(*)
  FROM listing_observations lo JOIN listings l ON l.listing_id = lo.listing_id
  GROUP BY l.market, lo.observed);
SQL
measure "reference (sqlite3 shell, core aggregations)" sqlite3 "$db" < /tmp/vendorlink-bench-reference.sql
measure "vendorlink flag" "$bin" flag --db "$db" --timings
measure "vendorlink report --country BE --html" "$bin" report --db "$db" --country BE \
  --html /tmp/vendorlink-bench-report.html --csv-dir /tmp/vendorlink-bench-report --timings
