#!/usr/bin/env python3
"""Peer for the ingest benchmark: the obvious Python script a researcher would write —
json.loads per line, sqlite3 executemany into a comparable schema in one transaction —
with no normalisation, dedupe or key parsing (so it does strictly less work than vendorlink)."""
import json, sqlite3, sys, time

src, db = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
con.executescript("""
PRAGMA journal_mode=WAL;
CREATE TABLE IF NOT EXISTS vendors(market, vendor, observed, profile, pgp, PRIMARY KEY(market, vendor, observed));
CREATE TABLE IF NOT EXISTS listings(market, listing, vendor, observed, title, description, category,
  amount, currency, ships_from, ships_to, excludes, PRIMARY KEY(market, listing, observed));
CREATE TABLE IF NOT EXISTS feedback(market, listing, vendor, observed, date, rating, text);
CREATE TABLE IF NOT EXISTS rates(date, currency, usd, eur, PRIMARY KEY(date, currency));
""")
t0 = time.time()
n = 0
with con:
    v, l, f, r = [], [], [], []
    with open(src, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            k = rec.get("kind")
            n += 1
            if k == "vendor":
                v.append((rec["market"], rec["vendor"], rec["observed"], rec.get("profile"), rec.get("pgp")))
            elif k == "listing":
                p = rec.get("price") or {}
                l.append((rec["market"], rec["listing"], rec["vendor"], rec["observed"], rec.get("title"),
                          rec.get("description"), rec.get("category"), p.get("amount"), p.get("currency"),
                          rec.get("ships_from"), json.dumps(rec.get("ships_to")), json.dumps(rec.get("excludes"))))
            elif k == "feedback":
                f.append((rec["market"], rec.get("listing"), rec["vendor"], rec["observed"], rec["date"],
                          rec.get("rating"), rec.get("text")))
            elif k == "rate":
                r.append((rec["date"], rec["currency"], rec.get("usd"), rec.get("eur")))
            if len(l) + len(f) + len(v) >= 50000:
                con.executemany("INSERT OR IGNORE INTO vendors VALUES (?,?,?,?,?)", v)
                con.executemany("INSERT OR IGNORE INTO listings VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", l)
                con.executemany("INSERT INTO feedback VALUES (?,?,?,?,?,?,?)", f)
                v, l, f = [], [], []
    con.executemany("INSERT OR IGNORE INTO vendors VALUES (?,?,?,?,?)", v)
    con.executemany("INSERT OR IGNORE INTO listings VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", l)
    con.executemany("INSERT INTO feedback VALUES (?,?,?,?,?,?,?)", f)
    con.executemany("INSERT OR REPLACE INTO rates VALUES (?,?,?,?)", r)
print(f"peer records={n} seconds={time.time() - t0:.2f}")
