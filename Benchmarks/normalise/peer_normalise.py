#!/usr/bin/env python3
"""Peer for bench-normalise.sh: the regular-expression extraction a study script would use
(quantity = first number + unit, optional "N x"; place = lookup of each comma/slash part in
a dict of names), timed on the same inputs by CPU time. Usage: peer_normalise.py TITLES PLACES ROUNDS"""
import re, sys, time

UNITS = {"g": 1, "gr": 1, "gram": 1, "grams": 1, "kg": 1000, "kilo": 1000, "mg": 0.001,
         "ug": 1e-6, "mcg": 1e-6, "oz": 28.349523125, "ounce": 28.349523125, "lb": 453.59237,
         "ml": 1, "qp": 113.398, "hp": 226.796}
QTY = re.compile(r"(?:(\d+)\s*x\s*)?(\d+(?:[.,]\d+)?|\d+/\d+)\s*(" + "|".join(
    sorted(UNITS, key=len, reverse=True)) + r")\b", re.I)
COUNT = re.compile(r"(\d+)\s*(?:x\b|pills|tabs|blotters|caps|hits)", re.I)
NAMES = {"netherlands": "NL", "holland": "NL", "germany": "DE", "german": "DE", "usa": "US",
         "united states": "US", "uk": "GB", "united kingdom": "GB", "worldwide": "Worldwide",
         "eu": "EU", "europe": "Europe", "china": "CN", "canada": "CA", "australia": "AU",
         "undeclared": "Undeclared", "torland": "Undeclared", "internet": "Digital",
         "digital / service": "Digital", "hong kong": "HK", "india": "IN", "sweden": "SE"}
SPLIT = re.compile(r"\s*(?:,|/|&|\band\b)\s*", re.I)

def quantity(t):
    m = QTY.search(t)
    if m:
        n = m.group(2).replace(",", ".")
        v = float(n.split("/")[0]) / float(n.split("/")[1]) if "/" in n else float(n)
        return v * UNITS[m.group(3).lower()] * (int(m.group(1)) if m.group(1) else 1)
    m = COUNT.search(t)
    return float(m.group(1)) if m else None

def places(p):
    p = " ".join(p.split()).lower()
    if p in NAMES:
        return [NAMES[p]]
    return [NAMES[x] for x in SPLIT.split(p) if x in NAMES]

titles = open(sys.argv[1], encoding="utf-8").read().split("\n")
values = open(sys.argv[2], encoding="utf-8").read().split("\n")
rounds = int(sys.argv[3])
t0 = time.process_time()
parsed = sum(1 for _ in range(rounds) for t in titles if quantity(t) is not None)
t1 = time.process_time()
found = sum(len(places(p)) for _ in range(rounds) for p in values)
t2 = time.process_time()
print(f"python titles {len(titles) * rounds} {t1 - t0} parsed {parsed // rounds}")
print(f"python places {len(values) * rounds} {t2 - t1} found {found // rounds}")
