#!/bin/sh
# Cross-generator evaluation (issue 13, item 2: "an evaluation that cannot flatter").
# Three sources, each from another generator or setting:
#   std  vendorlink synth, standard world   (fit: $STD_FIT,  scored: $STD_SCORE)
#   hard vendorlink synth --difficulty hard (fit: $HARD_FIT, scored: $HARD_SCORE, another seed)
#   gen  ../shared/peers gen.py + to_crawl.py, 3 x $GEN_N vendors, seed 42
# Each dataset is ingested once. `vendorlink train` fits a model on each source's fit
# dataset; then every model (and the shipped default) links a fresh copy of every source's
# scored database, and evaluate.py scores it. Prints one table (rows: fitted on; columns:
# scored on) and writes it, with per-cell timings and the load average, to $OUT/table.md
# and to $NOTES (default /work/notes/eval-latest.md) when that folder exists.
# Cells fitted and scored on the same dataset are in-sample (marked "in"): they flatter.
#
# Usage: Benchmarks/linking/cross_generator.sh
# Env (defaults): VENDORLINK (.build/release/vendorlink), PYTHON (python3; gen.py needs only
#   the standard library), PEERS (../shared/peers), PEERS_WORK (~/.cache/vendorlink-peers),
#   WORLDS (~/.cache/vendorlink-worlds), GEN_N (20000), SYNTH_OPERATORS (1500, only when a
#   world is missing and is generated here, as helper A made them), STD_FIT ($WORLDS/std-s7),
#   STD_SCORE ($WORLDS/std-s11),
#   HARD_FIT ($WORLDS/hard-s7), HARD_SCORE ($WORLDS/hard-s11), GEN_DIR
#   ($PEERS_WORK/data/n$GEN_N), SOURCES ("std hard gen"), EVAL_OUT
#   (~/.cache/vendorlink-eval/<time>), NOTES (/work/notes/eval-latest.md), REAL (1: also
#   Hansa x AlphaBay from REAL_DIR=../shared/data/real, shared handles under every model).
set -eu
cd "$(dirname "$0")/../.."
HERE=Benchmarks/linking
VL=${VENDORLINK:-.build/release/vendorlink}
PY=${PYTHON:-python3}
P=${PEERS:-../shared/peers}
PW=${PEERS_WORK:-$HOME/.cache/vendorlink-peers}
WORLDS=${WORLDS:-$HOME/.cache/vendorlink-worlds}
GEN_N=${GEN_N:-20000}
SYNTH_OPERATORS=${SYNTH_OPERATORS:-1500}
STD_FIT=${STD_FIT:-$WORLDS/std-s7}
STD_SCORE=${STD_SCORE:-$WORLDS/std-s11}
HARD_FIT=${HARD_FIT:-$WORLDS/hard-s7}
HARD_SCORE=${HARD_SCORE:-$WORLDS/hard-s11}
GEN_DIR=${GEN_DIR:-$PW/data/n$GEN_N}
SOURCES=${SOURCES:-std hard gen}
OUT=${EVAL_OUT:-$HOME/.cache/vendorlink-eval/$(date -u +%Y%m%dT%H%M%S)}
NOTES=${NOTES:-/work/notes/eval-latest.md}
[ -x "$VL" ] || { echo "build first: swift build -c release --product vendorlink" >&2; exit 2; }
mkdir -p "$OUT/db" "$OUT/cells" "$OUT/log"
start=$(date +%s.%N)
: > "$OUT/run.log"
say() { echo "$*" | tee -a "$OUT/run.log"; }
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
say "cross-generator evaluation: commit $commit, binary $VL, out $OUT"
say "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"

fit_dir() { case $1 in std) echo "$STD_FIT" ;; hard) echo "$HARD_FIT" ;; gen) echo "$GEN_DIR" ;; esac; }
score_dir() { case $1 in std) echo "$STD_SCORE" ;; hard) echo "$HARD_SCORE" ;; gen) echo "$GEN_DIR" ;; esac; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# A missing dataset is made here: gen.py data as bench_link_vs_splink.sh makes it; a synth
# world named <std|hard>-s<seed> with `vendorlink synth` (hard needs --difficulty).
make_dataset() { # dir
  d=$1
  if [ "$d" = "$GEN_DIR" ]; then
    [ -f "$d/crawl.jsonl" ] && return 0
    say "generating gen.py 3x$GEN_N into $d"
    "$PY" "$P/gen.py" --vendors "$GEN_N" --out "$d" > /dev/null || return 1
    "$PY" "$P/to_crawl.py" --dir "$d" > /dev/null || return 1
    return 0
  fi
  ls "$d"/crawl-*.jsonl > /dev/null 2>&1 && return 0
  name=$(basename "$d")
  seed=${name##*-s}
  case $name in
    hard-*)
      difficulty="--difficulty hard"
      if ! "$VL" synth --help 2>&1 | grep -q -- --difficulty; then
        say "no $d, and this vendorlink has no synth --difficulty" >&2
        return 1
      fi ;;
    *) difficulty="" ;;
  esac
  say "generating synth world $name (seed $seed, $SYNTH_OPERATORS operators) into $d"
  # shellcheck disable=SC2086
  "$VL" synth --out "$d" --seed "$seed" --operators "$SYNTH_OPERATORS" $difficulty > /dev/null || return 1
}

crawl_files() { # dir -> the crawl files in order
  if [ -f "$1/crawl.jsonl" ]; then echo "$1/crawl.jsonl"; else ls "$1"/crawl-*.jsonl | sort; fi
}

db_of() { # dir -> its ingested database
  echo "$OUT/db/$(echo "$1" | sed 's|^/||; s|/|_|g').sqlite"
}

ingest_once() { # dir
  db=$(db_of "$1")
  [ -f "$db" ] && return 0
  make_dataset "$1" || return 1
  t0=$(now)
  # shellcheck disable=SC2046
  if ! "$VL" ingest $(crawl_files "$1") --db "$db" > "$OUT/log/ingest_$(basename "$db").out" 2>&1; then
    rm -f "$db" "$db-wal" "$db-shm"
    say "ingest of $1 failed: see $OUT/log" >&2
    return 1
  fi
  say "ingested $1: $(secs "$t0" "$(now)") s"
}

active=""
for s in $SOURCES; do
  if ingest_once "$(fit_dir "$s")" && ingest_once "$(score_dir "$s")"; then
    active="$active $s"
  else
    say "SKIPPED source $s: its data could not be made (see above)" >&2
  fi
done

# Fit each source's model on its fit dataset.
models=default
for s in $active; do
  t0=$(now)
  l=$(load1)
  if "$VL" train --db "$(db_of "$(fit_dir "$s")")" --out "$OUT/model-$s.json" > "$OUT/log/train_$s.out" 2>&1; then
    models="$models $s"
    say "trained model-$s.json on $(fit_dir "$s"): $(secs "$t0" "$(now)") s (load $l)"
    grep -i warning "$OUT/log/train_$s.out" | tee -a "$OUT/run.log" || true
  else
    say "train on $(fit_dir "$s") FAILED (row $s left out): see $OUT/log/train_$s.out" >&2
  fi
done

# Blocking probe: `link` leaves out candidates scored below p 0.001, so the candidates are
# counted on one more copy per target, linked with a model whose prior (1 - 1e-15, about
# +50 bits) stores every candidate. Blocking does not depend on the model, so one probe per
# target serves every row. PROBE_BLOCKING=0 skips it (blocking recall then from stored pairs).
probe_for() { echo "$OUT/db/probe-$1.sqlite"; }
if [ "${PROBE_BLOCKING:-1}" = 1 ]; then
  base=$(ls "$OUT"/model-*.json 2>/dev/null | head -1 || true)
  [ -n "$base" ] || base=models/default.json
  "$PY" -c 'import json, sys
m = json.load(open(sys.argv[1]))
m.update(prior=1 - 1e-15, name="blocking-probe", version="blocking-probe")
json.dump(m, open(sys.argv[2], "w"))' "$base" "$OUT/probe-model.json"
  for t in $active; do
    src=$(db_of "$(score_dir "$t")")
    db=$(probe_for "$t")
    rm -f "$db" "$db-wal" "$db-shm"
    cp "$src" "$db"
    [ -f "$src-wal" ] && cp "$src-wal" "$db-wal"
    t0=$(now)
    if "$VL" link --db "$db" --model "$OUT/probe-model.json" > "$OUT/log/probe_$t.out" 2>&1; then
      say "blocking probe $t: $(secs "$t0" "$(now)") s, $(grep -o 'candidate pairs [0-9]*' "$OUT/log/probe_$t.out")"
    else
      say "blocking probe $t FAILED (blocking recall from stored pairs): see $OUT/log/probe_$t.out" >&2
      rm -f "$db" "$db-wal" "$db-shm"
    fi
  done
fi

# Link a fresh copy of each scored database with each model, evaluate, drop the copy.
printf 'fit\ttarget\tin_sample\tlink_s\tload_before\tload_after\n' > "$OUT/timings.tsv"
for m in $models; do
  for t in $active; do
    src=$(db_of "$(score_dir "$t")")
    db="$OUT/db/link-$m-$t.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"
    cp "$src" "$db"
    [ -f "$src-wal" ] && cp "$src-wal" "$db-wal"
    if [ "$m" = default ]; then model=""; else model="--model $OUT/model-$m.json"; fi
    in_sample=no
    [ "$m" != default ] && [ "$(fit_dir "$m")" = "$(score_dir "$t")" ] && in_sample=yes
    l0=$(cut -d' ' -f1-3 /proc/loadavg)
    t0=$(now)
    # shellcheck disable=SC2086
    if ! "$VL" link --db "$db" $model > "$OUT/log/link_$m-$t.out" 2>&1; then
      say "link fit=$m target=$t FAILED: see $OUT/log/link_$m-$t.out" >&2
      rm -f "$db" "$db-wal" "$db-shm"
      continue
    fi
    dt=$(secs "$t0" "$(now)")
    l1=$(cut -d' ' -f1-3 /proc/loadavg)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$m" "$t" "$in_sample" "$dt" "$l0" "$l1" >> "$OUT/timings.tsv"
    say "link fit=$m target=$t: $dt s (load before $l0, after $l1)"
    probe=""
    [ -f "$(probe_for "$t")" ] && probe="--blocking-db $(probe_for "$t")"
    # shellcheck disable=SC2086
    "$PY" "$HERE/evaluate.py" --db "$db" --truth "$(score_dir "$t")" --label "fit=$m target=$t" \
      --json "$OUT/cells/$m--$t.json" --quiet $probe
    rm -f "$db" "$db-wal" "$db-shm"
  done
done

# Real scrapes (no truth): Hansa x AlphaBay, the handles both show, under every model.
REAL_DIR=${REAL_DIR:-../shared/data/real}
if [ "${REAL:-1}" = 1 ] && [ -d "$REAL_DIR/hansa-2016-12" ] && [ -d "$REAL_DIR/alphabay-2017-04" ]; then
  mkdir -p "$OUT/real"
  rdb="$OUT/db/real.sqlite"
  t0=$(now)
  if "$VL" ingest "$REAL_DIR/hansa-2016-12" --preset hansa --db "$rdb" > "$OUT/log/ingest_real.out" 2>&1 &&
    "$VL" ingest "$REAL_DIR/alphabay-2017-04" --preset alphabay --db "$rdb" >> "$OUT/log/ingest_real.out" 2>&1; then
    say "ingested hansa + alphabay: $(secs "$t0" "$(now)") s"
    probe=""
    if [ -f "$OUT/probe-model.json" ]; then
      cp "$rdb" "$OUT/db/probe-real.sqlite"
      "$VL" link --db "$OUT/db/probe-real.sqlite" --model "$OUT/probe-model.json" > "$OUT/log/probe_real.out" 2>&1 &&
        probe="--blocking-db $OUT/db/probe-real.sqlite"
    fi
    for m in $models; do
      db="$OUT/db/link-$m-real.sqlite"
      cp "$rdb" "$db"
      if [ "$m" = default ]; then model=""; else model="--model $OUT/model-$m.json"; fi
      t0=$(now)
      # shellcheck disable=SC2086
      if "$VL" link --db "$db" $model > "$OUT/log/link_$m-real.out" 2>&1; then
        # shellcheck disable=SC2086
        "$PY" "$HERE/shared_handles.py" --db "$db" --markets hansa alphabay $probe \
          --json "$OUT/real/$m.json" > "$OUT/log/shared_$m.out"
        say "real fit=$m: link $(secs "$t0" "$(now)") s; $(sed -n 2p "$OUT/log/shared_$m.out" | sed 's/^ *//')"
      else
        say "real fit=$m: link FAILED, see $OUT/log/link_$m-real.out" >&2
      fi
      rm -f "$db" "$db-wal" "$db-shm"
    done
  else
    say "real scrapes: ingest failed (this vendorlink may lack --preset): see $OUT/log/ingest_real.out" >&2
  fi
fi

{
"$PY" "$HERE/cross_table.py" --cells "$OUT/cells" --timings "$OUT/timings.tsv" --real "$OUT/real" \
  --commit "$commit" --sources "$active" --dirs \
  "std=$STD_FIT>$STD_SCORE" "hard=$HARD_FIT>$HARD_SCORE" "gen=$GEN_DIR>$GEN_DIR"
  printf '\nRun log (binary %s; whole run %s s):\n\n```\n' "$VL" "$(secs "$start" "$(date +%s.%N)")"
  cat "$OUT/run.log"
  printf '```\n'
} > "$OUT/table.md"
cat "$OUT/table.md"
[ "${KEEP_DBS:-0}" = 1 ] || rm -f "$OUT"/db/probe-*.sqlite* "$OUT"/db/real.sqlite*
if [ -d "$(dirname "$NOTES")" ]; then cp "$OUT/table.md" "$NOTES" && echo "copied to $NOTES"; fi
