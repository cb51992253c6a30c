#!/usr/bin/env python3
"""Counts the bundled real scrapes independently of vendorlink (Python's csv module), for
the figures the CLI tests assert: vendors, listings, listing observations, rejected rows.

Usage: scripts/real/count_real.py [../shared/data/real]
"""
import collections, csv, glob, hashlib, os, re, sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/data/real")


def hansa():
    path = os.path.join(ROOT, "hansa-2016-12/hansa-marketplace-listings-december-2016.csv")
    rows = list(csv.reader(open(path, encoding="utf-8", newline=""), skipinitialspace=True))
    vendors, listings, obs, bad, days = set(), set(), set(), 0, set()
    for r in rows:
        r = [c.strip() for c in r]
        # three rows lost their title: the price sits where the vendor belongs
        if len(r) >= 4 and r[3].startswith("USD ") and not (len(r) > 4 and r[4].startswith("USD ")):
            r.insert(2, "")
        if len(r) < 4 or not r[3]:
            bad += 1
            continue
        vendors.add(r[3]); listings.add(r[1]); obs.add((r[1], r[0][:10])); days.add(r[0][:10])
    return dict(rows=len(rows), vendors=len(vendors), listings=len(listings),
                observations=len(obs), rejected=bad, days=len(days))


def alphabay():
    files = sorted(glob.glob(os.path.join(ROOT, "alphabay-2017-04/raw/*.csv")))
    vendors, listings, obs, rows, noprice, sales = set(), set(), set(), 0, 0, 0
    for f in files:
        day = re.search(r"(\d{4})(\d{2})(\d{2})\.csv$", f).groups()
        day = "-".join(day)
        rdr = csv.DictReader(open(f, encoding="latin-1", newline=""))
        for d in rdr:
            rows += 1
            v, t = d["listing_vendor"].strip(), d["listing_title"].strip()
            vendors.add(v); listings.add((v, t)); obs.add((v, t, day))
            if not re.search(r"USD\s+[\d,.]+", d["listing_price"]):
                noprice += 1
    return dict(files=len(files), rows=rows, vendors=len(vendors), listings=len(listings),
                observations=len(obs), no_price_rows=noprice)


def torrez():
    base = os.path.join(ROOT, "torrez-2021-03")
    prod = list(csv.DictReader(open(os.path.join(base, "Product_dataset_new.csv"), encoding="utf-8", newline="")))
    vend = list(csv.DictReader(open(os.path.join(base, "Vendor_dataset_new.csv"), encoding="utf-8", newline="")))
    pv = {r["vendor"].strip() for r in prod if r["vendor"].strip()}
    vv = {r["vendor"].strip() for r in vend if r["vendor"].strip()}
    urls = {r["url"].strip() for r in prod if r["vendor"].strip()}
    return dict(product_rows=len(prod), vendor_rows=len(vend), vendors=len(pv | vv),
                product_vendors=len(pv), stat_vendors=len(vv), listings=len(urls))


DW_MARKETS = [("whitehouse", "whitehouse"), ("darkode", "darkode"), ("tor2door", "tor2door"),
              ("tor2dor", "tor2door"), ("nemesis", "nemesis"), ("bohemia", "bohemia"),
              ("royal", "royal"), ("vicecity", "vicecity"), ("mgmgrand", "mgmgrand"),
              ("alphabay", "alphabay2021"), ("kingdom", "kingdom"), ("asapmarket", "asap"),
              ("asap", "asap"), ("colombia", "colombia"), ("darkmarket", "darkmarket"),
              ("torrez", "torrez")]


def dwdata():
    """Per market: vendors, (vendor, title) listings, (vendor, title, day) observations.
    The combined 2020-12-14 file is left out (it repeats the per-market files), and a file
    byte-identical to one read before is skipped (as vendorlink's SHA-256 check does)."""
    base = os.path.join(ROOT, "dwdata-2020-2022")
    files = []
    for dirpath, _, names in os.walk(base):
        for n in names:
            if n.endswith(".csv") and n != "whitehouse_darkmarket_torrez.csv":
                files.append(os.path.join(dirpath, n))
    def day(p):
        m = re.search(r"(\d{4})-(\d{2})-(\d{2})", os.path.relpath(p, base))
        return "-".join(m.groups())
    files.sort(key=lambda p: (day(p), p))
    seen, vendors, listings, obs = set(), collections.defaultdict(set), collections.defaultdict(set), collections.defaultdict(set)
    for f in files:
        raw = open(f, "rb").read()
        h = hashlib.sha256(raw).hexdigest()
        if not raw or h in seen:
            continue
        seen.add(h)
        parts = [x.lower() for x in reversed(os.path.relpath(f, base).split(os.sep))]
        market = next(m for part in parts for sp, m in DW_MARKETS if sp in part)
        rows = list(csv.reader(open(f, encoding="utf-8", newline="")))
        head = [c.strip().lower() for c in rows[0]]
        if "vendor" in head:
            rows = rows[1:]
        else:
            head = ["vendor", "category", "name", "price"]
        for r in rows:
            if len(r) == 4 and len(head) == 5:          # darkode 2021-05-12's second layout
                r = [r[0], r[2], r[3], r[1], ""]
            d = dict(zip(head, r))
            v, t = d["vendor"].strip(), d["name"].strip()
            if not v or v == "NA":
                continue
            vendors[market].add(v)
            if t and t != "NA":
                listings[market].add((v, t)); obs[market].add((v, t, day(f)))
    return {m: (len(vendors[m]), len(listings[m]), len(obs[m])) for m in sorted(vendors)}


def nexus():
    """Vendors per market from vendors.csv; products and reviews placed through it (a vendor
    on both markets, or on neither, cannot be placed)."""
    base = os.path.join(ROOT, "nexus-wethenorth-2024")
    rd = lambda n: list(csv.DictReader(open(os.path.join(base, n), encoding="utf-8", newline="")))
    markets = collections.defaultdict(set)
    for v in rd("vendors.csv"):
        markets[v["name"].strip()].add(v["marketplace"].strip().lower())
    vendors = collections.Counter(m for ms in markets.values() for m in ms)
    place = lambda v: next(iter(markets[v])) if len(markets.get(v, ())) == 1 else None
    listings, unplaced = collections.defaultdict(set), 0
    for p in rd("product_vendor.csv"):
        v, t = p["vendor"].strip(), p["name"].strip()
        if place(v) is None:
            unplaced += 1
        elif t:
            listings[place(v)].add((v, t))
    reviews, unplaced_reviews = collections.Counter(), 0
    for r in rd("reviews.csv"):
        m = place(r["vendor"].strip())
        if m is None:
            unplaced_reviews += 1
        else:
            reviews[m] += 1
    return dict(vendors=dict(vendors), listings={m: len(x) for m, x in listings.items()},
                unplaced_products=unplaced, reviews=dict(reviews), unplaced_reviews=unplaced_reviews)


if __name__ == "__main__":
    for name, f in [("hansa", hansa), ("alphabay", alphabay), ("torrez", torrez), ("dwdata", dwdata), ("nexus", nexus)]:
        print(name, f())
