#!/usr/bin/env python3
"""Averages vendorlink models trained on different data sources into one model.

Why: a default fitted on one generator's crawl learns that generator's quirks (a weight that
is right on gen.py can be wrong on a real scrape). `vendorlink train` fits one database; this
averages several fits level by level — fitted weights and the prior in log-odds (an equal-
weight ensemble of the per-source regressions), m and u arithmetically — so that no single
source decides a default. Every input must name the same comparisons and level ids (models of
one vendorlink version).

Usage: scripts/average-models.py OUT.json NAME MODEL.json [MODEL.json ...]
"""
import hashlib
import json
import math
import sys
from datetime import datetime, timezone


def logit(p):
    return math.log(p / (1 - p))


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    out_path, name, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    models = [json.load(open(p)) for p in paths]
    base = models[0]
    shape = [(c["name"], [l["id"] for l in c["levels"]]) for c in base["comparisons"]]
    for p, m in zip(paths, models):
        if [(c["name"], [l["id"] for l in c["levels"]]) for c in m["comparisons"]] != shape:
            sys.exit(f"{p}: comparisons or level ids differ from {paths[0]}")
    out = json.loads(json.dumps(base))
    n = len(models)
    out["name"] = name
    out["prior"] = 1 / (1 + math.exp(-sum(logit(m["prior"]) for m in models) / n))
    for ci, c in enumerate(out["comparisons"]):
        for li, level in enumerate(c["levels"]):
            cells = [m["comparisons"][ci]["levels"][li] for m in models]
            for key in ("m", "u", "uRandom"):
                vals = [x[key] for x in cells if x.get(key) is not None]
                if vals:
                    level[key] = sum(vals) / len(vals)
            if all(x.get("uByExclusivity") for x in cells):
                level["uByExclusivity"] = [
                    sum(x["uByExclusivity"][s] for x in cells) / n
                    for s in range(len(cells[0]["uByExclusivity"]))
                ]
            weights = [x.get("fittedWeight") for x in cells]
            if all(w is not None for w in weights):
                level["fittedWeight"] = sum(weights) / n
            else:
                level.pop("fittedWeight", None)
    t = out.get("training") or {}
    t["method"] = (
        f"average of {n} models trained by `vendorlink train` on different sources "
        "(fitted weights and prior averaged in log-odds, m and u arithmetically; "
        "scripts/average-models.py); each source's method: " + models[0]["training"]["method"]
    )
    t["data"] = " | ".join(m["training"]["data"] for m in models)
    for key in ("accounts", "candidatePairs", "randomPairs", "selfLabelledPairs",
                "negativeLabelledPairs"):
        t[key] = sum(m["training"][key] for m in models)
    t["emIterations"] = max(m["training"]["emIterations"] for m in models)
    t["converged"] = all(m["training"]["converged"] for m in models)
    t["trainedAt"] = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    out["training"] = t
    # A version that changes whenever any parameter does (as `contentVersion` does for a
    # trained model): the hash of everything but the training notes.
    body = json.dumps({k: v for k, v in out.items() if k not in ("training", "version")},
                      sort_keys=True)
    out["version"] = name + "-" + hashlib.sha256(body.encode()).hexdigest()[:16]
    with open(out_path, "w") as f:
        json.dump(out, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"wrote {out_path}: {n} models, prior {out['prior']:.4f}")


if __name__ == "__main__":
    main()
