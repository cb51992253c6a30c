#!/usr/bin/env bash
# Short libFuzzer run of the untrusted-input parsers: OpenPGP armor finder and packet parser,
# crawl records (JSON parser + record decoder + the normalisers they call), and the
# normalisers on raw text (places, quantities, dates, rates).
# Called by scripts/test.sh. FUZZ_SECONDS (default 20) is the total, split between harnesses.
# Harnesses are built with swiftc directly (SwiftPM replaces libFuzzer's main), with
# AddressSanitizer, into .build-fuzz/. Seeds: Fuzz/corpus/<harness>/ (read only here; new
# inputs go to .build-fuzz/work-<harness>/). A crash, leak or timeout fails the script and
# leaves the input in .build-fuzz/crash-<harness>-*.
set -euo pipefail
cd "$(dirname "$0")/.."
total="${FUZZ_SECONDS:-20}"
harnesses=(armor packets crawl normalise)
per=$(( total / ${#harnesses[@]} ))
[ "$per" -ge 1 ] || per=1
out=.build-fuzz
mkdir -p "$out"

# The normalisers without those that read package resources (Bundle.module exists only in a
# SwiftPM build; the harnesses are built with swiftc).
normalisers() { grep -L "Bundle.module" Sources/VendorLink/Normalise/*.swift | tr '\n' ' '; }

sources_for() {
  case "$1" in
    normalise) echo Sources/VendorLink/Errors.swift $(normalisers) ;;
    crawl)
      echo Sources/VendorLink/Errors.swift $(normalisers) \
        Sources/VendorLink/Ingest/JSONParser.swift Sources/VendorLink/Support/JSONValue.swift \
        Sources/VendorLink/Ingest/CrawlRecord.swift Sources/VendorLink/Ingest/RecordDecoder.swift
      ;;
    *) echo Sources/OpenPGPKeys/*.swift ;;
  esac
}
for h in "${harnesses[@]}"; do
  read -r -a sources <<<"$(sources_for "$h")"
  bin="$out/$h"
  # Rebuild when any source or the harness is newer than the binary.
  if [ ! -x "$bin" ] || [ -n "$(find "${sources[@]}" "Fuzz/$h.swift" -newer "$bin" 2>/dev/null)" ]; then
    echo "== building fuzz harness $h" >&2
    # The gold linker warns about every ASan symbol; keep its output unless the build fails.
    if ! swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name "Fuzz_$h" \
      -I Sources/COpenSSL "${sources[@]}" "Fuzz/$h.swift" -lcrypto -o "$bin" \
      >"$out/build-$h.log" 2>&1; then
      grep -v "Cannot export local symbol" "$out/build-$h.log" >&2
      exit 1
    fi
  fi
done

max_len_armor=65536
max_len_packets=16384
max_len_crawl=8192
max_len_normalise=512
status=0
for h in "${harnesses[@]}"; do
  result=clean
  work="$out/work-$h"
  mkdir -p "$work"
  max_len_var="max_len_$h"
  echo "== fuzzing $h for ${per}s" >&2
  log="$out/$h.log"
  if ! SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1 "$out/$h" "$work" "Fuzz/corpus/$h" \
    -max_total_time="$per" -timeout=10 -rss_limit_mb=2048 -max_len="${!max_len_var}" \
    -artifact_prefix="$out/crash-$h-" -print_final_stats=1 >"$log" 2>&1; then
    echo "fuzz: $h FAILED (input saved under $out/crash-$h-*); log tail:" >&2
    tail -40 "$log" >&2
    status=1
    result=FAILED
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz: $h: $runs executions, $result" >&2
done
exit "$status"
