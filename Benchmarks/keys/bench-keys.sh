#!/usr/bin/env bash
# Extract-and-fingerprint benchmark: OpenPGPKeys vs `gpg --show-keys` on the same armored
# export of Debian's keyring (every key, one armored block per key), in the same run.
#
#   Benchmarks/keys/bench-keys.sh [RUNS]
#
# The keyring comes from $DEBIAN_KEYRING, /usr/share/keyrings/debian-keyring.gpg, or
# `apt-get download debian-keyring` into .build-bench/ (needs the Debian mirror). Both tools
# are timed by wall clock and by CPU time: the machine is shared, so CPU time is the fairer
# ratio. Our side is built with swiftc -O (no SwiftPM release build needed).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
out=.build-bench
mkdir -p "$out"

keyring="${DEBIAN_KEYRING:-/usr/share/keyrings/debian-keyring.gpg}"
if [ ! -f "$keyring" ]; then
  keyring="$out/keyring/usr/share/keyrings/debian-keyring.gpg"
  if [ ! -f "$keyring" ]; then
    (cd "$out" && apt-get download debian-keyring >/dev/null)
    dpkg-deb -x "$out"/debian-keyring_*.deb "$out/keyring"
  fi
fi

for mangle in none spaces; do
  asc="$out/debian-keyring.$mangle.asc"
  if [ ! -s "$asc" ] || [ "$asc" -ot "$keyring" ]; then
    if [ "$mangle" = none ]; then
      Benchmarks/keys/armor-keyring.py "$keyring" > "$asc"
    else
      Benchmarks/keys/armor-keyring.py "$keyring" --mangle "$mangle" > "$asc"
    fi
  fi
done

swiftc -O -parse-as-library -module-name BenchKeys -I Sources/COpenSSL \
  Sources/OpenPGPKeys/*.swift Benchmarks/keys/BenchKeys.swift -lcrypto -o "$out/bench-keys"

gnupghome="$(mktemp -d)"
trap 'rm -rf "$gnupghome"' EXIT
asc="$out/debian-keyring.none.asc"
echo "# $(basename "$keyring") armored: $(wc -c < "$asc") bytes; runs=$runs; $(nproc) CPUs; load $(cut -d' ' -f1 /proc/loadavg)"
ours="$("$out/bench-keys" "$asc" "$runs")"
echo "$ours"
echo "$("$out/bench-keys" "$out/debian-keyring.spaces.asc" "$runs" | sed "s/^ours/ours-mangled(newlines→spaces)/")"

# gpg: median of the same number of runs, wall and CPU (user+sys) time.
gpg_keys=$(GNUPGHOME="$gnupghome" gpg --batch --show-keys --with-colons "$asc" 2>/dev/null | grep -c '^fpr')
walls=(); cpus=()
for _ in $(seq "$runs"); do
  TIMEFORMAT='%R %U %S'
  t=$( { time GNUPGHOME="$gnupghome" gpg --batch --show-keys --with-colons "$asc" >/dev/null 2>&1; } 2>&1 )
  read -r r u s <<<"$t"
  walls+=("$r"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
gwall=$(median "${walls[@]}"); gcpu=$(median "${cpus[@]}")
echo "gpg	keys=$gpg_keys	median_s=$gwall	cpu_s=$gcpu"

field() { tr '\t' '\n' <<<"$ours" | awk -F= -v k="$1" '$1==k {print $2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
echo "ratio (gpg time / our time): wall $(ratio "$gwall" "$(field median_s)")x, cpu $(ratio "$gcpu" "$(field cpu_s)")x"
