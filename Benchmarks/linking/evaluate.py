#!/usr/bin/env python3
"""Evaluate one linked vendorlink database against a truth directory (issue 13, item 2:
"an evaluation that cannot flatter"). Python 3 standard library only; reads the database
directly (sqlite3, read-only) and prints the figures, and writes them as JSON with --json.

Usage:
  evaluate.py --db linked.sqlite --truth DIR [--json OUT.json] [--label NAME]
              [--threshold 0.5] [--blocking-db PROBE.sqlite] [--quiet]

DIR holds the truth files of either generator:
  synth (vendorlink synth, datasets/README.md): truth_pairs.csv
      (market_a,vendor_a,market_b,vendor_b,alias_type[,evasion][,pair_type]),
      truth_accounts.csv (market,vendor,operator_id,...), truth_hard_negatives.csv
      (market_a,vendor_a,market_b,vendor_b,kind);
  peers gen.py + to_crawl.py: truth_pairs_by_name.csv (same columns as above) and
      truth_accounts.csv (market,vendor,person_id,alias_type); no hard negatives.
The first of truth_pairs_typed.csv (synth writes it in both worlds: every true pair with
`evasion` and `pair_type` computed from the keys actually shown), truth_pairs.csv and
truth_pairs_by_name.csv that names accounts by (market, vendor) is read (gen.py's
truth_pairs.csv holds vendor ids).

Accounts are (market, vendor) exactly as `vendorlink export` writes them: the `accounts`
table's two columns, never a normalised handle (gen.py's handles repeat once case and
punctuation are dropped). Pairs are unordered.

What is measured (every figure over the pairs the link run stored):
- P/R/F1 at the stored decision: a pair is predicted a match iff its decision is `match`.
  Any other decision (`non-match`, a future `contested`, ...) is not a match; `contested`
  pairs are counted apart (true pairs, hard negatives among them). Also P/R/F1 at
  probability >= --threshold (what ../shared/peers/score_matches.py reports at 0.5: the two
  must agree) and the best F1 over every distinct stored probability (an exact sweep:
  >= score_matches.py's best, which tries a grid of 201 quantiles).
- Recall by evasion: what changed between the two true accounts: none, name, key, both.
  Taken from the truth's `evasion` column when it has one (hard synth worlds); otherwise
  mapped from alias_type by EVASION below.
- Recall by pair type: cross-market / same-market (the truth's `pair_type` column when
  present, else whether the two markets differ).
- Per hard-negative kind (truth_hard_negatives.csv `kind`): share of pairs decided `match`,
  share `contested`, share stored at all.
- Blocking recall per evasion: share of true pairs that are candidates at all. `vendorlink
  link` does not store candidates scored below probability 0.001 (Linker.defaultStorageFloor),
  so the candidates are read from --blocking-db: the same data linked with a probe model
  whose prior is so high that every candidate is stored (blocking does not depend on the
  model; cross_generator.sh makes it). Without it, the stored pairs stand in: a lower bound.
- Calibration: per probability decile [0,0.1), ..., [0.9,1.0], the count, the mean predicted
  probability and the observed share of true pairs; deciles holding >= 50 pairs whose gap
  exceeds 0.05 are marked (issue 13's calibration target).
- Identity level: P/R/F1 over pairs of accounts that share a predicted identity (the
  `identities` table) against pairs that share an operator (truth_accounts.csv); accounts
  without an identity row are singletons.
"""
import argparse
import csv
import json
import os
import sqlite3
import sys
from collections import Counter, defaultdict

# alias_type -> evasion (what changed between the two accounts of one operator).
# synth (datasets/README.md): unchanged = nothing; name_mut = a variant of the name;
#   renamed_key_kept = a new name, same key; key_changed_only = same name, new key;
#   renamed_new_key = new name and new key.
# gen.py (../shared/peers/gen.py): name_mut = a mutated handle, keeps the PGP key with
#   p = 0.8 (else a fresh key or none): mapped to `name`, its dominant case; renamed_pgp =
#   a new handle, same key: `name`; renamed_txt = a new handle, a new key or none, only the
#   writing style shared: `both`. gen.py has no key-only alias.
EVASION = {
    "unchanged": "none",
    "name_mut": "name",
    "renamed_key_kept": "name",
    "renamed_pgp": "name",
    "key_changed_only": "key",
    "renamed_new_key": "both",
    "renamed_txt": "both",
}
EVASIONS = ("none", "name", "key", "both")
DECILE_MIN_PAIRS = 50  # issue 13: calibration within +-0.05 in every decile holding >= 50 pairs
DECILE_MAX_GAP = 0.05


def pair_key(ma, va, mb, vb):
    x, y = (ma, va), (mb, vb)
    return (x, y) if x <= y else (y, x)


def prf(tp, pred, true):
    p = tp / pred if pred else 0.0
    r = tp / true if true else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": pred, "true": true,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def share(k, n):
    return round(k / n, 4) if n else None


# ---------------------------------------------------------------- truth

def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def header(path):
    with open(path, newline="", encoding="utf-8") as f:
        return next(csv.reader(f), [])


def normalise_evasion(v):
    v = (v or "").strip().lower().replace("-", "_")
    aliases = {"neither": "none", "unchanged": "none", "name_and_key": "both", "name+key": "both"}
    return aliases.get(v, v)


def normalise_pair_type(v, ma, mb):
    v = (v or "").strip().lower().replace("_", "-")
    if v.startswith("same"):
        return "same-market"
    if v.startswith("cross"):
        return "cross-market"
    return "same-market" if ma == mb else "cross-market"


def load_truth(d):
    """Truth pairs {key: {alias_type, evasion, pair_type}}, operator per account,
    hard negatives {key: kind}; plus where each came from."""
    tp = None
    for name in ("truth_pairs_typed.csv", "truth_pairs.csv", "truth_pairs_by_name.csv"):
        path = os.path.join(d, name)
        if os.path.exists(path) and "market_a" in header(path):
            tp = path
            break
    if tp is None:
        sys.exit(f"evaluate.py: {d} has no truth_pairs_typed.csv, truth_pairs.csv or "
                 "truth_pairs_by_name.csv naming accounts by market and vendor")
    rows = read_csv(tp)
    cols = set(header(tp))
    pairs = {}
    for r in rows:
        k = pair_key(r["market_a"], r["vendor_a"], r["market_b"], r["vendor_b"])
        at = r.get("alias_type", "")
        ev = normalise_evasion(r["evasion"]) if "evasion" in cols else EVASION.get(at, "unknown")
        pt = normalise_pair_type(r.get("pair_type"), r["market_a"], r["market_b"])
        pairs[k] = {"alias_type": at, "evasion": ev, "pair_type": pt}
    operator = {}
    ta = os.path.join(d, "truth_accounts.csv")
    if os.path.exists(ta):
        for r in read_csv(ta):
            op = r.get("operator_id") or r.get("person_id")
            if op is not None:
                operator[(r["market"], r["vendor"])] = op
    hard = {}
    hn = os.path.join(d, "truth_hard_negatives.csv")
    if os.path.exists(hn):
        for r in read_csv(hn):
            kind = r["kind"]
            # Hard worlds list chance collisions of generated handles as common_handle with
            # planted=false (datasets/README.md): different operators all the same, kept
            # apart from the planted ones.
            if "planted=false" in (r.get("details") or ""):
                kind += "_chance"
            hard[pair_key(r["market_a"], r["vendor_a"], r["market_b"], r["vendor_b"])] = kind
    return pairs, operator, hard, {"pairs_file": os.path.basename(tp),
                                   "evasion_from": "column" if "evasion" in cols else "alias_type",
                                   "pair_type_from": "column" if "pair_type" in cols else "markets"}


# ---------------------------------------------------------------- database

def connect(path):
    if not os.path.exists(path):
        sys.exit(f"evaluate.py: no database at {path}")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def pairs_table(db):
    """The scored-pairs table: `link_pairs` if a later schema has it, else `matches`."""
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for t in ("link_pairs", "matches"):
        if t in names:
            cols = [r[1] for r in db.execute(f"PRAGMA table_info({t})")]
            if {"account_a", "account_b", "probability", "decision"} <= set(cols):
                return t, cols
    sys.exit("evaluate.py: the database has no scored pairs table (matches / link_pairs): run link")


def load_run(db, table):
    """The last link run's metadata (model, threshold, version), for the JSON record."""
    try:
        r = db.execute("SELECT run_id, command, parameters, model_version, tool_version, "
                       "started_at, finished_at FROM runs WHERE run_id = "
                       f"(SELECT MAX(run_id) FROM {table})").fetchone()
    except sqlite3.Error:
        r = None
    if not r:
        return {}
    keys = ("run_id", "command", "parameters", "model_version", "tool_version",
            "started_at", "finished_at")
    out = dict(zip(keys, r))
    try:
        out["parameters"] = json.loads(out["parameters"] or "{}")
    except ValueError:
        pass
    return out


def load_scored(db, table):
    """{pair key: (probability, decision)} over the stored pairs, accounts by (market, vendor)."""
    acc = {aid: (m, v) for aid, m, v in db.execute("SELECT account_id, market, vendor FROM accounts")}
    scored = {}
    for a, b, p, dec in db.execute(f"SELECT account_a, account_b, probability, decision FROM {table}"):
        (ma, va), (mb, vb) = acc[a], acc[b]
        k = pair_key(ma, va, mb, vb)
        old = scored.get(k)
        if old is None or p > old[0]:
            scored[k] = (float(p), dec)
    return acc, scored


def load_candidates(path, truth, hard):
    """Which truth pairs and hard negatives are candidates at all, from a database linked with
    a blocking-probe model (a prior so high that every candidate is stored; blocking does not
    depend on the model): cross_generator.sh makes one per target."""
    db = connect(path)
    table, _ = pairs_table(db)
    ids = {(m, v): aid for aid, m, v in db.execute("SELECT account_id, market, vendor FROM accounts")}
    want = {}
    for k in list(truth) + list(hard):
        a, b = ids.get(k[0]), ids.get(k[1])
        if a is not None and b is not None:
            want[(min(a, b), max(a, b))] = k
    found = set()
    for a, b in db.execute(f"SELECT account_a, account_b FROM {table}"):
        k = want.get((a, b)) or want.get((b, a))
        if k is not None:
            found.add(k)
    n = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    db.close()
    return found, n


def load_identities(db):
    try:
        return dict(db.execute("SELECT account_id, identity_id FROM identities"))
    except sqlite3.Error:
        return {}


# ---------------------------------------------------------------- measures

def best_threshold(scored, truth):
    """Exact sweep over every distinct stored probability (pairs not stored are never
    predicted)."""
    ps = sorted(((p, k in truth) for k, (p, _) in scored.items()), reverse=True)
    tp = pred = 0
    best = {"f1": 0.0, "threshold": None}
    i = 0
    while i < len(ps):
        th = ps[i][0]
        while i < len(ps) and ps[i][0] == th:
            pred += 1
            tp += ps[i][1]
            i += 1
        r = prf(tp, pred, len(truth))
        if r["f1"] > best["f1"]:
            best = dict(r, threshold=round(th, 6))
    return best


def recall_by(truth, field, predicted, scored):
    """Per value of a truth field: true pairs, recall at the stored decision, blocking recall
    (`scored`: the candidate pairs, or the stored pairs when no probe was given)."""
    n, hit, stored = Counter(), Counter(), Counter()
    for k, t in truth.items():
        v = t[field]
        n[v] += 1
        hit[v] += k in predicted
        stored[v] += k in scored
    order = list(EVASIONS) if field == "evasion" else sorted(n)
    order += sorted(v for v in n if v not in order)
    return {v: {"pairs": n[v], "recall": share(hit[v], n[v]), "blocking_recall": share(stored[v], n[v])}
            for v in order if n[v] or field == "evasion"}


def hard_negative_rates(hard, scored, candidates):
    by = defaultdict(Counter)
    for k, kind in hard.items():
        c = by[kind]
        c["pairs"] += 1
        c["candidate"] += k in candidates
        if k in scored:
            c["stored"] += 1
            dec = scored[k][1]
            c["match"] += dec == "match"
            c["contested"] += dec == "contested"
    imp = [c for kind, c in by.items() if kind.startswith("impersonator")]
    if len(imp) > 1:  # impersonator + impersonator_key_pasted (hard worlds): also together
        by["impersonator*"] = sum(imp, Counter())
    return {kind: {"pairs": c["pairs"], "match_rate": share(c["match"], c["pairs"]),
                   "contested_rate": share(c["contested"], c["pairs"]),
                   "stored_rate": share(c["stored"], c["pairs"]),
                   "candidate_rate": share(c["candidate"], c["pairs"]),
                   "match": c["match"], "contested": c["contested"]}
            for kind, c in sorted(by.items())}


def calibration(scored, truth):
    n = [0] * 10
    sp = [0.0] * 10
    pos = [0] * 10
    for k, (p, _) in scored.items():
        b = min(int(p * 10), 9)
        n[b] += 1
        sp[b] += p
        pos[b] += k in truth
    out = []
    for b in range(10):
        mean = sp[b] / n[b] if n[b] else None
        obs = pos[b] / n[b] if n[b] else None
        gap = (obs - mean) if n[b] else None
        out.append({"decile": f"{b / 10:.1f}-{(b + 1) / 10:.1f}", "pairs": n[b],
                    "mean_predicted": round(mean, 4) if mean is not None else None,
                    "observed": round(obs, 4) if obs is not None else None,
                    "gap": round(gap, 4) if gap is not None else None,
                    "off": bool(n[b] >= DECILE_MIN_PAIRS and abs(gap) > DECILE_MAX_GAP)})
    return out


def identity_level(acc, identities, operator):
    """Pair counts from the contingency of predicted identity x true operator."""
    def c2(x):
        return x * (x - 1) // 2
    pred_sizes, true_sizes, cell = Counter(), Counter(), Counter()
    for aid, key in acc.items():
        pid = identities.get(aid, ("single", aid))
        tid = operator.get(key, ("single", key))
        pred_sizes[pid] += 1
        true_sizes[tid] += 1
        cell[(pid, tid)] += 1
    tp = sum(c2(x) for x in cell.values())
    return prf(tp, sum(c2(x) for x in pred_sizes.values()), sum(c2(x) for x in true_sizes.values()))


def evaluate(db_path, truth_dir, threshold=0.5, label=None, blocking_db=None):
    truth, operator, hard, sources = load_truth(truth_dir)
    db = connect(db_path)
    table, cols = pairs_table(db)
    acc, scored = load_scored(db, table)
    identities = load_identities(db)
    run = load_run(db, table)
    db.close()
    if blocking_db:
        candidates, n_candidates = load_candidates(blocking_db, truth, hard)
        blocking = {"from": "probe", "db": os.path.abspath(blocking_db), "candidate_pairs": n_candidates}
    else:
        candidates = scored.keys()
        blocking = {"from": "stored pairs (a lower bound: pairs below the storage floor are left out)"}
    keys = set(acc.values())
    unmapped_truth = sum(1 for (x, y) in truth if x not in keys or y not in keys)
    unmapped_accounts = sum(1 for a in operator if a not in keys)
    decisions = Counter(d for _, d in scored.values())
    predicted = {k for k, (_, d) in scored.items() if d == "match"}
    contested = {k for k, (_, d) in scored.items() if d == "contested"}
    at_decision = prf(len(predicted & truth.keys()), len(predicted), len(truth))
    at_th = {k for k, (p, _) in scored.items() if p >= threshold}
    cal = calibration(scored, truth)
    gaps = [abs(c["gap"]) for c in cal if c["pairs"] >= DECILE_MIN_PAIRS]
    return {
        "label": label, "db": os.path.abspath(db_path), "truth": os.path.abspath(truth_dir),
        "pairs_table": table, "run": run, "truth_sources": sources,
        "accounts": len(acc), "truth_pairs": len(truth), "stored_pairs": len(scored),
        "unmapped_truth_pairs": unmapped_truth, "unmapped_truth_accounts": unmapped_accounts,
        "decisions": dict(decisions),
        "at_decision": at_decision,
        f"at_p{threshold:g}": prf(len(at_th & truth.keys()), len(at_th), len(truth)),
        "best": best_threshold(scored, truth),
        "contested": {"pairs": len(contested), "true_pairs": len(contested & truth.keys()),
                      "hard_negatives": len(contested & hard.keys())},
        "blocking": dict(blocking, recall=share(sum(1 for k in truth if k in candidates), len(truth))),
        "by_evasion": recall_by(truth, "evasion", predicted, candidates),
        "by_pair_type": recall_by(truth, "pair_type", predicted, candidates),
        "by_alias_type": recall_by(truth, "alias_type", predicted, candidates),
        "hard_negatives": hard_negative_rates(hard, scored, candidates),
        "calibration": cal,
        "worst_calibration_gap": round(max(gaps), 4) if gaps else None,
        "identities": identity_level(acc, identities, operator) if operator else None,
    }


# ---------------------------------------------------------------- report

def fmt(x, nd=3):
    return "-" if x is None else f"{x:.{nd}f}"


def report(o, threshold):
    w = print
    run = o["run"]
    w(f"== {o['label'] or o['db']}  (table {o['pairs_table']}, run {run.get('run_id')}, "
      f"model {run.get('model_version')}, tool {run.get('tool_version')})")
    w(f"accounts {o['accounts']}, truth pairs {o['truth_pairs']} ({o['truth_sources']['pairs_file']}; "
      f"evasion from {o['truth_sources']['evasion_from']}), stored pairs {o['stored_pairs']}, "
      f"decisions {o['decisions']}")
    if o["unmapped_truth_pairs"] or o["unmapped_truth_accounts"]:
        w(f"WARNING: {o['unmapped_truth_pairs']} truth pairs and {o['unmapped_truth_accounts']} truth "
          "accounts name an account missing from the database")
    rows = [("at stored decision", o["at_decision"]),
            (f"at p >= {threshold:g}", o[f"at_p{threshold:g}"]),
            (f"best (p >= {o['best'].get('threshold')})", o["best"])]
    if o["identities"]:
        rows.append(("identities (pairs)", o["identities"]))
    w(f"{'':28} {'P':>6} {'R':>6} {'F1':>6} {'pred':>8} {'tp':>7}")
    for name, r in rows:
        w(f"{name:28} {fmt(r.get('precision')):>6} {fmt(r.get('recall')):>6} {fmt(r.get('f1')):>6} "
          f"{r.get('pred', 0):>8} {r.get('tp', 0):>7}")
    b = o["blocking"]
    w(f"blocking recall {fmt(b['recall'])} (from {b['from']}"
      + (f", {b['candidate_pairs']} candidate pairs)" if "candidate_pairs" in b else ")"))
    c = o["contested"]
    w(f"contested: {c['pairs']} pairs, {c['true_pairs']} true, {c['hard_negatives']} hard negatives")
    for title, key in (("evasion", "by_evasion"), ("pair type", "by_pair_type"), ("alias type", "by_alias_type")):
        w(f"recall by {title}:  " + "   ".join(
            f"{v} {fmt(r['recall'])} (blocking {fmt(r['blocking_recall'])}, n={r['pairs']})"
            for v, r in o[key].items()))
    if o["hard_negatives"]:
        w("hard negatives:  " + "   ".join(
            f"{k} match {fmt(r['match_rate'])} contested {fmt(r['contested_rate'])} "
            f"candidates {fmt(r['candidate_rate'])} (n={r['pairs']})" for k, r in o["hard_negatives"].items()))
    w("calibration (decile: pairs, mean predicted, observed, gap; * = >= 50 pairs and |gap| > 0.05):")
    w("  " + "  ".join(f"{c['decile']}: {c['pairs']} {fmt(c['mean_predicted'], 2)}/{fmt(c['observed'], 2)}"
                       f"{'*' if c['off'] else ''}" for c in o["calibration"]))
    w(f"worst calibration gap (deciles >= {DECILE_MIN_PAIRS} pairs): {fmt(o['worst_calibration_gap'])}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="a database after `vendorlink link`")
    ap.add_argument("--truth", required=True, help="directory of truth CSV files")
    ap.add_argument("--json", help="write the figures here as JSON")
    ap.add_argument("--label", help="name of this run in the output")
    ap.add_argument("--threshold", type=float, default=0.5,
                    help="also report P/R/F1 at probability >= this (score_matches.py's 0.5)")
    ap.add_argument("--blocking-db", help="the same data linked with a blocking-probe model "
                    "(every candidate stored): blocking recall from it instead of the stored pairs")
    ap.add_argument("--quiet", action="store_true", help="no printed report")
    a = ap.parse_args()
    o = evaluate(a.db, a.truth, a.threshold, a.label, a.blocking_db)
    if not a.quiet:
        report(o, a.threshold)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(o, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
