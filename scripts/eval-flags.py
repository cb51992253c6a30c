#!/usr/bin/env python3
"""Precision and recall of `vendorlink flag` per kind against a synth truth_flags.csv.

Usage: eval-flags.py DB TRUTH_DIR [--oracle-identities]
Account kinds (multi-location, moved, migrant) are matched on (market, vendor); listing kinds
(wholesale, price-outlier) on (market, listing). With --oracle-identities the script first
writes the truth's operators (truth_accounts.csv) as the identities table of a copy of DB
and runs `vendorlink flag` on it, to measure the migrant rule on its own, apart from linking.
"""
import csv
import os
import shutil
import sqlite3
import subprocess
import sys

db, truth_dir = sys.argv[1], sys.argv[2]
oracle = "--oracle-identities" in sys.argv
binary = os.environ.get("VENDORLINK", ".build/debug/vendorlink")
if oracle:
    copy = db + ".oracle.sqlite"
    shutil.copy(db, copy)
    con = sqlite3.connect(copy)
    ids = {(r[1], r[2]): r[0] for r in con.execute("SELECT account_id, market, vendor FROM accounts")}
    con.execute("DELETE FROM identities")
    with open(os.path.join(truth_dir, "truth_accounts.csv")) as f:
        for row in csv.DictReader(f):
            a = ids.get((row["market"], row["vendor"]))
            if a is not None:
                con.execute("INSERT INTO identities (identity_id, account_id) VALUES (?, ?)",
                            (int(row["operator_id"]), a))
    con.commit()
    con.close()
    subprocess.run([binary, "flag", "--db", copy], check=True, stdout=subprocess.DEVNULL)
    db = copy

truth = {}
with open(os.path.join(truth_dir, "truth_flags.csv")) as f:
    for row in csv.DictReader(f):
        key = (row["market"], row["listing"] or row["vendor"])
        truth.setdefault(row["kind"], set()).add(key)
con = sqlite3.connect(db)
found = {}
for kind, market, vendor, listing in con.execute("SELECT kind, market, vendor, listing FROM v_flags"):
    found.setdefault(kind, set()).add((market, listing or vendor))
print(f"{'kind':16}{'truth':>7}{'flagged':>9}{'hits':>6}{'precision':>11}{'recall':>8}")
for kind in sorted(set(truth) | set(found)):
    t, g = truth.get(kind, set()), found.get(kind, set())
    hits = len(t & g)
    p = hits / len(g) if g else float("nan")
    r = hits / len(t) if t else float("nan")
    print(f"{kind:16}{len(t):7}{len(g):9}{hits:6}{p:11.3f}{r:8.3f}")
    if "-v" in sys.argv:
        for k in sorted(t - g)[:10]:
            print("   missed", k)
        for k in sorted(g - t)[:10]:
            print("   extra ", k)
