#!/usr/bin/env python3
"""Writes a study-shaped database straight into vendorlink's schema, for the flags and report
benchmark (scripts/bench-flags.sh): three markets crawled monthly Nov 2018 - Nov 2019, Dream
closing on 2019-04-30, vendors from a dozen countries (Belgium about 1%), multi-location
shippers and movers, exclusions in fields and text, wholesale listings, price outliers,
feedback as sales, and identities linking Dream vendors to their new accounts.

Usage: gen-flags-bench.py DB VENDORS [SEED]
The schema must already exist in DB (the runner opens it with vendorlink first).
About 170 listing observations per vendor: 6,000 vendors give ~1M observations.
"""
import math
import random
import sqlite3
import sys

db_path, vendors = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)

CRAWLS = ["2018-11-15", "2018-12-15", "2019-01-15", "2019-02-15", "2019-03-15", "2019-04-15",
          "2019-05-15", "2019-06-15", "2019-07-15", "2019-08-15", "2019-09-15", "2019-10-15",
          "2019-11-15"]
DREAM_LAST = 5  # index of the last crawl before Dream closed (2019-04-30)
MARKETS = ["dream", "wsm", "empire"]
COUNTRIES = ["NL"] * 20 + ["DE"] * 18 + ["GB"] * 16 + ["US"] * 20 + ["FR"] * 6 + \
    ["ES"] * 5 + ["CA"] * 4 + ["AU"] * 4 + ["PL"] * 3 + ["IT"] * 2 + ["BE"] * 1 + ["SE"] * 1
PRODUCTS = [("Drugs/Cannabis/Weed", "g", 9), ("Drugs/Cannabis/Hash", "g", 8),
            ("Drugs/Stimulants/Cocaine", "g", 80), ("Drugs/Stimulants/Speed", "g", 12),
            ("Drugs/Ecstasy/Pills", "unit", 5), ("Drugs/Ecstasy/MDMA", "g", 25),
            ("Drugs/Dissociatives/Ketamine", "g", 30), ("Drugs/Opioids/Heroin", "g", 60),
            ("Drugs/Psychedelics/LSD", "unit", 8), ("Drugs/Benzos/Alprazolam", "unit", 2)]
QTY = [1, 2, 5, 10, 25, 50, 100, 250, 1000]
REFUSALS = ["No US, UK or AU.", "Not shipping to NL", "EU only", "No Anglo countries",
            "we don't ship to Canada", "Worldwide except Sweden"]
EUR_PER_USD = 0.88

con = sqlite3.connect(db_path)
con.execute("PRAGMA synchronous=OFF")
con.execute("PRAGMA foreign_keys=OFF")
cur = con.cursor()
cur.execute("INSERT OR IGNORE INTO crawls (crawl_id, sha256, path, format, ingested_at) "
            "VALUES (1, 'bench', 'bench', 'jsonl', '2020-01-01')")
for m in MARKETS:
    closed = "2019-04-30" if m == "dream" else None
    cur.execute("INSERT OR IGNORE INTO markets (market, name, closed, closure) VALUES (?,?,?,?)",
                (m, m, closed, "voluntary" if closed else None))

account_id = listing_id = feedback_id = 0
accounts, listings, observations, places, feedback, profiles, identities = [], [], [], [], [], [], []
line = 0
for v in range(vendors):
    market = MARKETS[v % 3]
    home = rng.choice(COUNTRIES)
    second = rng.choice(["BE", "DE", "NL"]) if rng.random() < 0.05 else None
    if second == home:
        second = None
    if market == "dream":
        first, last = rng.randint(0, 3), DREAM_LAST
    else:
        first, last = rng.randint(0, 11), 12
    moved_at = rng.randint(first + 1, last) if rng.random() < 0.03 and last > first else None
    moved_to = rng.choice(["BE", "DE", "NL", "FR"])
    account_id += 1
    me = account_id
    accounts.append((me, market, f"v{v}", CRAWLS[first], CRAWLS[last]))
    refusal = rng.choice(REFUSALS) if rng.random() < 0.2 else None
    profiles.append((me, CRAWLS[first], 1, line, f"Vendor v{v}. {refusal or 'Fast shipping.'}"))
    line += 1
    # A Dream vendor that migrates: a new account on wsm/empire after the closure.
    if market == "dream" and rng.random() < 0.3:
        account_id += 1
        new_first = rng.choice([6, 6, 7, 8, 10])
        accounts.append((account_id, rng.choice(["wsm", "empire"]), f"v{v}-new",
                         CRAWLS[new_first], CRAWLS[12]))
        identities.append((v, me))
        identities.append((v, account_id))
    for k in range(15):
        listing_id += 1
        product, unit, unit_price = rng.choice(PRODUCTS)
        qty = rng.choice(QTY)
        wholesale = rng.random() < 0.02
        if wholesale:
            qty = 1000
        outlier = rng.random() < 0.005
        price_unit = unit_price * math.exp(rng.gauss(0, 0.25)) * (qty ** -0.1)
        if outlier:
            price_unit *= rng.choice([0.08, 12])
        usd = price_unit * qty / EUR_PER_USD
        listings.append((listing_id, market, f"l{listing_id}", me))
        slot_second = second is not None and k % 2 == 1
        for c in range(first, last + 1):
            if rng.random() < 0.1:
                continue  # not seen in this crawl
            origin = second if slot_second else home
            if moved_at is not None and c >= moved_at:
                origin = moved_to
            line += 1
            desc = f"{qty}{unit} {product.split('/')[-1]} top quality. " + (refusal or "Stealth.")
            observations.append((listing_id, CRAWLS[c], 1, line, f"{qty}{unit} {product}",
                                 desc, product, usd, usd * EUR_PER_USD, qty, unit,
                                 price_unit, origin))
            places.append((listing_id, CRAWLS[c], "from", origin))
            places.append((listing_id, CRAWLS[c], "to", rng.choice(["EU", "Worldwide", "Europe"])))
            if refusal and refusal.startswith("No US"):
                places.append((listing_id, CRAWLS[c], "exclude", "US"))
            for _ in range(rng.choice([0, 0, 1, 2]) if usd < 500 else rng.choice([0, 1])):
                feedback_id += 1
                feedback.append((feedback_id, listing_id, me, CRAWLS[c], CRAWLS[c],
                                 f"f{feedback_id}", usd, usd * EUR_PER_USD, 1, line))
    if len(observations) > 200_000:
        cur.executemany("INSERT INTO listing_observations (listing_id, observed, crawl_id, line, "
                        "title, description, category, price_usd, price_eur, quantity, unit, "
                        "unit_price_eur, ships_from) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        observations)
        cur.executemany("INSERT OR IGNORE INTO listing_places VALUES (?,?,?,?)", places)
        observations.clear()
        places.clear()

cur.executemany("INSERT INTO accounts (account_id, market, vendor, first_seen, last_seen) "
                "VALUES (?,?,?,?,?)", accounts)
cur.executemany("INSERT INTO listings (listing_id, market, listing, account_id) VALUES (?,?,?,?)",
                listings)
cur.executemany("INSERT INTO listing_observations (listing_id, observed, crawl_id, line, title, "
                "description, category, price_usd, price_eur, quantity, unit, unit_price_eur, "
                "ships_from) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", observations)
cur.executemany("INSERT OR IGNORE INTO listing_places VALUES (?,?,?,?)", places)
cur.executemany("INSERT INTO feedback (feedback_id, listing_id, account_id, observed, date, "
                "dedupe_key, price_usd, price_eur, crawl_id, line) VALUES (?,?,?,?,?,?,?,?,?,?)",
                feedback)
cur.executemany("INSERT OR IGNORE INTO vendor_observations (account_id, observed, crawl_id, line, "
                "profile) VALUES (?,?,?,?,?)", profiles)
cur.executemany("INSERT INTO identities (identity_id, account_id) VALUES (?,?)", identities)
con.commit()
n = con.execute("SELECT COUNT(*) FROM listing_observations").fetchone()[0]
f = con.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]
print(f"{db_path}: {account_id} accounts, {listing_id} listings, {n} listing observations, "
      f"{f} sales", file=sys.stderr)
