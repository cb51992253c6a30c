#!/bin/bash
# Checks that this tree's `vendorlink` gives byte-identical outputs to a given git revision's:
# ingest of the input crawls, `link` (its summary without the timing line), `export matches`,
# `export identities`, `export flags` and `explain` of a few stored pairs.
#
#   scripts/check-identical.sh REV [CRAWL.jsonl ...]      (default input: datasets/sample/*.jsonl)
#
# REV is built once in a cached worktree ($CHECK_CACHE, default ~/.cache/vendorlink-check/REV);
# this tree must be built already (`swift build`); OLD_BIN=path skips building REV, NEW_BIN=path
# takes another binary than this tree's. CONFIG=release compares release builds
# (what to use on gen.py data). Set KEEP=1 to keep the output directory. Exit status 1 and a
# diff when anything differs. Outputs that name the model's content version differ when the
# model file changed on purpose: say so where you use this.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
rev=${1:?usage: scripts/check-identical.sh REV [CRAWL.jsonl ...]}
shift
inputs=("$@")
[ ${#inputs[@]} -gt 0 ] || inputs=(datasets/sample/*.jsonl)
config=${CONFIG:-debug}
sha=$(git rev-parse --short=12 "$rev^{commit}")
if [ -n "${OLD_BIN:-}" ]; then
  old=$OLD_BIN # a binary already built from REV
else
  cache=${CHECK_CACHE:-$HOME/.cache/vendorlink-check}/$sha
  if [ ! -d "$cache" ]; then
    mkdir -p "$(dirname "$cache")"
    git worktree add --detach "$cache" "$sha" > /dev/null
  fi
  echo "building $rev ($sha) in $cache ($config)" >&2
  (cd "$cache" && swift build -c "$config" --product vendorlink > /dev/null)
  old="$cache/.build/$config/vendorlink"
fi
new=${NEW_BIN:-$here/.build/$config/vendorlink}
[ -x "$new" ] || { echo "build this tree first: swift build -c $config" >&2; exit 2; }

out=$(mktemp -d)
run() { # run NAME BINARY
  local d="$out/$1" vl=$2
  mkdir -p "$d"
  # Absolute input paths; each side runs from its own empty directory (the CLI must work
  # from anywhere).
  local abs=()
  for f in "${inputs[@]}"; do abs+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"); done
  (
    cd "$d"
    "$vl" ingest "${abs[@]}" --db db.sqlite > ingest.out 2>&1
    "$vl" link --db db.sqlite 2>&1 | grep -v '^seconds:' > link.out
    "$vl" export matches --db db.sqlite > matches.csv
    "$vl" export identities --db db.sqlite > identities.csv
    "$vl" export flags --db db.sqlite > flags.csv
    "$vl" export matches --db db.sqlite --format json > matches.json
  )
}
run old "$old"
run new "$new"
# Explain the first pairs the old side stored (the strongest, a middling one and the weakest
# of the first ten rows), on both sides.
mapfile -t pairs < <(awk -F, 'NR>1 && NR<=11 { print $1":"$2" "$3":"$4 }' "$out/old/matches.csv" \
  | sed -n '1p;5p;10p')
for side in old new; do
  vl=$([ $side = old ] && echo "$old" || echo "$new")
  for p in "${pairs[@]}"; do
    # shellcheck disable=SC2086
    (cd "$out/$side" && "$vl" explain --db db.sqlite $p) >> "$out/$side/explain.out" 2>&1
  done
done
sed -i -E 's/, [0-9.]+ MB\/s\)/)/; s/ in [0-9.]+ s\b//' "$out"/*/ingest.out
status=0
for f in ingest.out link.out matches.csv identities.csv flags.csv matches.json explain.out; do
  if cmp -s "$out/old/$f" "$out/new/$f"; then
    echo "identical  $f ($(wc -c < "$out/new/$f") bytes)"
  else
    echo "DIFFERENT  $f"
    diff "$out/old/$f" "$out/new/$f" | head -20 || true
    status=1
  fi
done
[ "${KEEP:-0}" = 1 ] && echo "outputs kept in $out" >&2 || rm -rf "$out"
exit $status
