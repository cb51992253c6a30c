#!/usr/bin/env python3
"""The cross-generator table from evaluate.py's JSON cells (written by cross_generator.sh).
Python 3 standard library only. Prints Markdown.

Usage: cross_table.py --cells DIR --timings timings.tsv [--commit C] [--sources "std hard gen"]
                      [--dirs std=FIT>SCORED ...]
Cells are DIR/<fit>--<target>.json; <fit> is `default` (the shipped model) or a source.
"""
import argparse
import csv
import datetime
import json
import os


def f3(x):
    return "–" if x is None else f"{x:.3f}"


def f2(x):
    return "–" if x is None else f"{x:.2f}"


def weak(o):
    """The figures issue 13 says are weak, from one evaluate.py record."""
    ev = o["by_evasion"].get("both", {})
    same = o["by_pair_type"].get("same-market", {})
    hn = o["hard_negatives"]
    imp = hn.get("impersonator*", hn.get("impersonator", {}))
    return {"both": ev.get("recall") if ev.get("pairs") else None,
            "both_blocking": ev.get("blocking_recall") if ev.get("pairs") else None,
            "same": same.get("recall") if same.get("pairs") else None,
            "imp": imp.get("match_rate"), "imp_contested": imp.get("contested_rate"),
            "cal": o.get("worst_calibration_gap")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cells", required=True)
    ap.add_argument("--timings", required=True)
    ap.add_argument("--commit", default="unknown")
    ap.add_argument("--sources", default="std hard gen")
    ap.add_argument("--dirs", nargs="*", default=[])
    ap.add_argument("--real", help="folder of shared_handles.py JSON, one per model")
    a = ap.parse_args()
    sources = a.sources.split()
    fits = ["default"] + sources
    cells = {}
    for fn in os.listdir(a.cells):
        if fn.endswith(".json") and "--" in fn:
            m, t = fn[:-5].split("--", 1)
            with open(os.path.join(a.cells, fn), encoding="utf-8") as f:
                cells[(m, t)] = json.load(f)
    timing = {}
    with open(a.timings, newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            timing[(r["fit"], r["target"])] = r
    dirs = dict(d.split("=", 1) for d in a.dirs)
    w = print
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    w(f"## Cross-generator table (commit {a.commit}, {when})\n")
    for s in sources:
        fit, _, scored = dirs.get(s, "?>?").partition(">")
        w(f"- `{s}`: fitted on `{fit}`, scored on `{scored}`")
    w("\nCell: P / R / F1 at the stored decision; `both` = recall of pairs that changed name and "
      "key; `same` = same-market recall; `imp` = share of impersonator pairs (all impersonator kinds) decided `match`; "
      "`cal` = worst calibration gap over deciles with ≥ 50 pairs. (in) = fitted and scored on "
      "the same dataset: in-sample, flatters. – = the data has no such pairs.\n")
    w("| fitted on ↓ / scored on → | " + " | ".join(sources) + " |")
    w("|---|" + "---|" * len(sources))
    for m in fits:
        row = []
        for t in sources:
            o = cells.get((m, t))
            if not o:
                row.append("not run")
                continue
            d = o["at_decision"]
            k = weak(o)
            ins = " (in)" if timing.get((m, t), {}).get("in_sample") == "yes" else ""
            row.append(f"**{f3(d['precision'])} / {f3(d['recall'])} / {f3(d['f1'])}**{ins}<br>"
                       f"both {f2(k['both'])} · same {f2(k['same'])} · imp {f2(k['imp'])} · cal {f2(k['cal'])}")
        w(f"| {m} | " + " | ".join(row) + " |")
    w("\nDetails per cell (R = recall at the stored decision; blk = blocking recall, the share of "
      "true pairs that are candidates at all (from the blocking probe; without it, the share "
      "stored: a lower bound); imp m/c = impersonator pairs decided "
      "match / contested; link s with the 1-min load average before → after):\n")
    w("| fit | scored | link s (load) | P | R | F1 | best F1 | identity F1 | R none/name/key/both "
      "| blk none/name/key/both | R same (n; blk) | imp m/c | other hard negatives match | cal gap | contested |")
    w("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for m in fits:
        for t in sources:
            o = cells.get((m, t))
            if not o:
                continue
            tm = timing.get((m, t), {})
            d = o["at_decision"]
            ev = o["by_evasion"]
            r_ev = "/".join(f2(ev.get(e, {}).get("recall")) for e in ("none", "name", "key", "both"))
            b_ev = "/".join(f2(ev.get(e, {}).get("blocking_recall")) for e in ("none", "name", "key", "both"))
            same = o["by_pair_type"].get("same-market", {})
            hn = o["hard_negatives"]
            imp = hn.get("impersonator*", hn.get("impersonator", {}))
            summed = "impersonator*" if "impersonator*" in hn else "impersonator"
            others = ", ".join(f"{k} {f2(v['match_rate'])}" for k, v in hn.items() if k != summed) or "–"
            idf = o["identities"]["f1"] if o.get("identities") else None
            load = f"{tm.get('load_before', '?').split(' ')[0]}→{tm.get('load_after', '?').split(' ')[0]}"
            w(f"| {m} | {t} | {tm.get('link_s', '?')} ({load}) | {f3(d['precision'])} | {f3(d['recall'])} "
              f"| {f3(d['f1'])} | {f3(o['best'].get('f1'))} | {f3(idf)} | {r_ev} | {b_ev} "
              f"| {f2(same.get('recall'))} ({same.get('pairs', 0)}; blk {f2(same.get('blocking_recall'))}) "
              f"| {f2(imp.get('match_rate'))}/"
              f"{f2(imp.get('contested_rate'))} | {others} | {f2(o.get('worst_calibration_gap'))} "
              f"| {o['contested']['pairs']} |")

    if a.real and os.path.isdir(a.real):
        real_table(a.real, fits)


def real_table(folder, fits):
    """Hansa x AlphaBay (no truth): the handles both markets show, under every model."""
    rows = []
    for m in fits:
        path = os.path.join(folder, m + ".json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                rows.append((m, json.load(f)))
    if not rows:
        return
    print("\nReal scrapes, Hansa × AlphaBay (no truth; issue 13: ≥ 175 of the 205 shared handles "
          "linked): handles on both markets decided `match` / `contested` / candidates, and "
          "matches between different handles (to be read by eye):\n")
    print("| fitted on | matched | contested | candidates | different-handle matches |")
    print("|---|---|---|---|---|")
    for m, o in rows:
        n = o["shared_handles"]
        print(f"| {m} | {o['matched']} / {n} | {o['contested']} | {o['candidates']} "
              f"({o['candidates_from']}) | {len(o['different_handle_matches'])} |")


if __name__ == "__main__":
    main()
