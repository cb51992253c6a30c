#!/usr/bin/env python3
"""Prints the side-by-side table from a results directory of scripts/kernels/side_by_side.sh:
workload, ours, peer, ratio (ours/peer wall time; < 1 is faster), peak memory of each process,
quality, and which BLAS core / SIMD kernels ran."""
import json, os, re, sys

d = sys.argv[1]
PEER = {"jw-allpairs": "rapidfuzz cdist JaroWinkler", "indel-allpairs": "rapidfuzz cdist fuzz.ratio",
        "name-top5-jw": "rapidfuzz cdist JW + argpartition", "name-top5-indel": "rapidfuzz cdist ratio + argpartition",
        "dense-top10": "faiss IndexFlatIP", "sgemm-only": "numpy GEMM chunked (no top-k)",
        "minhash": "rensa digest_matrix (128)", "lsh": "rensa RMinHashLSH 32 bands"}


def rss_gib(path):
    try:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())
        return int(m.group(1)) / 2**20 if m else float("nan")
    except OSError:
        return float("nan")


def load(path):
    try:
        return json.loads(open(path).read().strip().splitlines()[-1])
    except (OSError, IndexError, ValueError):
        return None


def fmt_q(q):
    out = []
    for k, v in (q or {}).items():
        if k == "blas":
            continue
        out.append(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}")
    return ", ".join(out)


print("| workload | ours min / med s | peer (what) min / med s | ratio ours/peer (min) | peak RSS ours / peer GiB | quality ours | quality peer |")
print("|---|---|---|---|---|---|---|")
core, avx2, peer_blas = None, None, None
for w in PEER:
    o, p = load(os.path.join(d, w + ".ours.json")), load(os.path.join(d, w + ".peer.json"))
    if not o or not p:
        continue
    core, avx2 = o.get("blas_core"), o.get("avx2_kernels")
    peer_blas = p.get("quality", {}).get("blas") or peer_blas
    ratio = o["min_s"] / p["min_s"] if p["min_s"] else float("nan")
    print(f"| {w} | {o['min_s']:.3f} / {o['median_s']:.3f} | {PEER[w]}: {p['min_s']:.3f} / {p['median_s']:.3f} "
          f"| {ratio:.3f} | {rss_gib(os.path.join(d, w + '.ours.time')):.2f} / {rss_gib(os.path.join(d, w + '.peer.time')):.2f} "
          f"| {fmt_q(o.get('quality'))} | {fmt_q(p.get('quality'))} |")
sg = load(os.path.join(d, "sgemm-only.ours.json"))
dn = load(os.path.join(d, "dense-top10.ours.json"))
if sg and dn:
    print(f"\ndense top-10 pipeline throughput = {sg['min_s'] / dn['min_s']:.1%} of cblas_sgemm alone on the same tiles")
print(f"\nOPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')}; engine OpenBLAS core: {core}; "
      f"engine AVX2 kernels: {avx2}; peer OpenBLAS (threadpoolctl): {peer_blas}")
