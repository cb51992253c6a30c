#!/usr/bin/env python3
"""Real scrapes have no truth; issue 13's check on them is the handles two markets share.
For two markets in a linked database: the handles found on both once lower-cased and
stripped to [0-9a-z] (issue 13: Hansa x AlphaBay share 205, the target is >= 175 linked), how
many of those are decided `match`, put in one identity, or stored at all, the ones that are
not linked, and every `match` between *different* handles (to be read by eye).
A shared handle is a hint, not truth: two vendors may share a common handle.
Python 3 standard library only; reads the database read-only.

Usage: shared_handles.py --db linked.sqlite [--markets hansa alphabay] [--blocking-db PROBE]
                         [--json OUT] [--list 50]
"""
import argparse
import json
import re
import sqlite3
import sys
from collections import defaultdict


def norm(h):
    return re.sub(r"[^0-9a-z]", "", h.lower())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--markets", nargs=2, default=["hansa", "alphabay"])
    ap.add_argument("--blocking-db", help="the same data linked with a blocking-probe model "
                    "(cross_generator.sh): candidates from it instead of the stored pairs")
    ap.add_argument("--json")
    ap.add_argument("--list", type=int, default=50, help="how many unlinked handles to print")
    a = ap.parse_args()
    ma, mb = a.markets
    db = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    table = "link_pairs" if db.execute(
        "SELECT 1 FROM sqlite_master WHERE name='link_pairs'").fetchone() else "matches"
    acc = {aid: (m, v) for aid, m, v in db.execute(
        "SELECT account_id, market, vendor FROM accounts WHERE market IN (?, ?)", (ma, mb))}
    if not acc:
        sys.exit(f"shared_handles.py: no accounts on {ma} or {mb}")
    by = {ma: defaultdict(list), mb: defaultdict(list)}
    for aid, (m, v) in acc.items():
        by[m][norm(v)].append(aid)
    shared = sorted((set(by[ma]) & set(by[mb])) - {""})
    ident = dict(db.execute("SELECT account_id, identity_id FROM identities"))
    pairs = {}
    for x, y, p, d in db.execute(f"SELECT account_a, account_b, probability, decision FROM {table}"):
        if x in acc and y in acc and acc[x][0] != acc[y][0]:
            pairs[(min(x, y), max(x, y))] = (p, d)
    cand = set(pairs)
    if a.blocking_db:
        pdb = sqlite3.connect(f"file:{a.blocking_db}?mode=ro", uri=True)
        cand = {(min(x, y), max(x, y)) for x, y in pdb.execute(f"SELECT account_a, account_b FROM {table}")
                if x in acc and y in acc}
    rows = []
    for h in shared:
        combos = [(min(x, y), max(x, y)) for x in by[ma][h] for y in by[mb][h]]
        best = max((pairs.get(k, (None, None)) for k in combos), key=lambda t: t[0] or -1)
        rows.append({
            "handle": h,
            "accounts": [acc[i][1] for i in by[ma][h]] + [acc[i][1] for i in by[mb][h]],
            "match": any(pairs.get(k, (0, ""))[1] == "match" for k in combos),
            "contested": any(pairs.get(k, (0, ""))[1] == "contested" for k in combos),
            "same_identity": any(k[0] in ident and ident.get(k[0]) == ident.get(k[1]) for k in combos),
            "candidate": any(k in cand for k in combos),
            "probability": best[0]})
    diff = sorted(({"a": acc[x][1], "b": acc[y][1], "probability": round(p, 4)}
                   for (x, y), (p, d) in pairs.items()
                   if d == "match" and norm(acc[x][1]) != norm(acc[y][1])),
                  key=lambda r: -r["probability"])
    n = len(rows)
    out = {"markets": [ma, mb], "accounts": {m: sum(len(v) for v in by[m].values()) for m in by},
           "shared_handles": n,
           "matched": sum(r["match"] for r in rows),
           "contested": sum(r["contested"] for r in rows),
           "same_identity": sum(r["same_identity"] for r in rows),
           "candidates": sum(r["candidate"] for r in rows),
           "candidates_from": "probe" if a.blocking_db else "stored pairs",
           "different_handle_matches": diff,
           "not_matched": [r for r in rows if not r["match"]]}
    print(f"{ma} x {mb}: {out['accounts'][ma]} and {out['accounts'][mb]} accounts; "
          f"{n} handles on both (lower-case, [0-9a-z] only)")
    print(f"  decided match {out['matched']}, contested {out['contested']}, one identity "
          f"{out['same_identity']}, candidates ({out['candidates_from']}) {out['candidates']}")
    print(f"  not matched ({n - out['matched']}), first {a.list}: " + ", ".join(
        f"{r['handle']} ({'p %.3f' % r['probability'] if r['probability'] is not None else 'not stored'}"
        f"{'' if r['candidate'] else ', not a candidate'})" for r in out["not_matched"][:a.list]))
    print(f"  matches between different handles ({len(diff)}): " + ", ".join(
        f"{r['a']}~{r['b']} {r['probability']:.3f}" for r in diff))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
