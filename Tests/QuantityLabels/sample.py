#!/usr/bin/env python3
"""Draws the titles of the hand-labelled quantity set from ../shared/data/real/.

Seeded (random.Random(SEED)), per market: distinct titles of the drug categories and a few of
the others, so that the set tests both reading drug quantities and leaving other goods alone.
Prints `market<TAB>title` lines; labels were then written by hand into labels.tsv.
Run from the repository root: python3 Tests/QuantityLabels/sample.py > /tmp/draw.tsv
"""
import csv, glob, os, random, sys

SEED = 16  # the number
REAL = os.path.join(os.path.dirname(__file__), "../../../shared/data/real")
if not os.path.isdir(REAL):
    REAL = os.path.join(os.getcwd(), "../shared/data/real")


def rows(path, enc="utf-8", **kw):
    with open(path, encoding=enc, errors="replace", newline="") as f:
        yield from csv.reader(f, **kw)


def clean(title):
    return " ".join(title.split())


def hansa():
    drug, other = set(), set()
    for r in rows(f"{REAL}/hansa-2016-12/hansa-marketplace-listings-december-2016.csv", skipinitialspace=True):
        if len(r) > 5:
            (drug if r[5].strip() == "Drugs" else other).add(clean(r[2]))
    return drug, other


def alphabay():
    drug, other = set(), set()
    for path in sorted(glob.glob(f"{REAL}/alphabay-2017-04/raw/*.csv")):
        reader = csv.DictReader(open(path, encoding="latin-1", newline=""))
        for r in reader:
            (drug if os.path.basename(path).startswith("D&C") else other).add(clean(r["listing_title"]))
    return drug, other


def dict_rows(path, title, category, drugs, enc="utf-8"):
    drug, other = set(), set()
    with open(path, encoding=enc, errors="replace", newline="") as f:
        for r in csv.DictReader(f):
            (drug if drugs(r[category] or "") else other).add(clean(r[title] or ""))
    return drug, other


def agora():
    return dict_rows(f"{REAL}/agora-2014-01-01-products-feedback.csv", "product", "cat",
                     lambda c: c == "Drugs")


def whitehouse():
    words = ("Cannabis", "Benzos", "Stimulants", "Ecstasy", "Psychedelics", "Opioids",
             "Prescription", "Dissociatives", "Steroids", "Drugs")
    return dict_rows(f"{REAL}/whitehouse-2020-09-17-listings.csv", "Product", "Category",
                     lambda c: c.startswith(words))


def torrez():
    return dict_rows(f"{REAL}/torrez-2021-03/Product_dataset_new.csv", "product",
                     "category_level_1", lambda c: c == "Drugs and Chemicals")


def nexus():
    return dict_rows(f"{REAL}/nexus-wethenorth-2024/product_vendor.csv", "name", "broad_category",
                     lambda c: c in ("Recreational Drugs", "Pharmaceutical Drugs"))


def dwdata():
    drug, other = set(), set()
    for path in sorted(glob.glob(f"{REAL}/dwdata-2020-2022/*/*.csv")):
        reader = rows(path)
        header = next(reader, None)
        if not header or header[:4] != ["vendor", "price", "category", "name"]:
            continue
        for r in reader:
            if len(r) >= 4:
                (drug if r[2] == "Drugs" else other).add(clean(r[3]))
    return drug, other


# market: (reader, drug titles, other titles)
PLAN = [
    ("hansa-2016", hansa, 50, 10),
    ("alphabay-2017", alphabay, 45, 5),
    ("agora-2014", agora, 40, 5),
    ("whitehouse-2020", whitehouse, 35, 5),
    ("torrez-2021", torrez, 45, 0),
    ("dwdata-2020-2022", dwdata, 25, 5),
    ("nexus-2024", nexus, 30, 5),
]

rng = random.Random(SEED)
for market, read, n_drug, n_other in PLAN:
    drug, other = read()
    drug.discard(""); other.discard("")
    other -= drug
    for title in rng.sample(sorted(drug), n_drug) + rng.sample(sorted(other), n_other):
        print(f"{market}\t{title.replace(chr(9), ' ')}")
