#!/usr/bin/env python3
"""Peer side of scripts/kernels/side_by_side.sh, one workload per process (so /usr/bin/time -v
gives that workload's peak memory), using the same library calls as the peers' bench scripts
in ../shared/peers (bench_names.py, bench_dense.py, bench_minhash.py) on the same data.

  prep --n 20000 --n-sets 33334 --out DIR   load the peers' generated data, write the inputs
                                            both sides read (names, dense vectors, texts)
  run WORKLOAD --data DIR [--reps 3]        time one workload, print one JSON line

Workloads: jw-allpairs indel-allpairs name-top5-jw name-top5-indel dense-top10 sgemm-only
minhash lsh. Timings exclude imports and loading (as the peers' scripts do).
"""
import argparse, json, os, statistics, struct, sys, time

sys.dont_write_bytecode = True
PEERS = os.environ.get("PEERS_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "peers"))
sys.path.insert(0, os.path.abspath(PEERS))


def write_strings(path, items):
    with open(path, "wb") as f:
        f.write(struct.pack("<I", len(items)))
        for s in items:
            b = s.encode("utf-8")
            f.write(struct.pack("<I", len(b)))
            f.write(b)


def read_strings(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack_from("<I", data, 0)
    at, out = 4, []
    for _ in range(n):
        (ln,) = struct.unpack_from("<I", data, at)
        at += 4
        out.append(data[at:at + ln].decode("utf-8"))
        at += ln
    return out


def write_int32s(path, values):
    import numpy as np
    a = np.asarray(values, dtype="<i4")
    with open(path, "wb") as f:
        f.write(struct.pack("<I", len(a)))
        f.write(a.tobytes())


def read_int32s(path):
    import numpy as np
    with open(path, "rb") as f:
        data = f.read()
    return np.frombuffer(data, dtype="<i4", offset=4)


def write_matrix(path, m):
    import numpy as np
    m = np.ascontiguousarray(m, dtype="<f4")
    with open(path, "wb") as f:
        f.write(struct.pack("<II", *m.shape))
        f.write(m.tobytes())


def read_matrix(path):
    import numpy as np
    with open(path, "rb") as f:
        data = f.read()
    r, c = struct.unpack_from("<II", data, 0)
    return np.frombuffer(data, dtype="<f4", offset=8).reshape(r, c)


def prep(a):
    import numpy as np
    from common import load, market, b_to_a_truth, text_of
    os.makedirs(a.out, exist_ok=True)
    vendors, truth, _, _ = load(a.n, a.names_dir)
    A, B = market(vendors, "A"), market(vendors, "B")
    write_strings(os.path.join(a.out, "names_a.bin"), [v["name"] for v in A])
    write_strings(os.path.join(a.out, "names_b.bin"), [v["name"] for v in B])
    gold, _ = b_to_a_truth(A, B, truth)
    write_int32s(os.path.join(a.out, "gold_b.bin"), gold)
    # Dense vectors: bench_dense.py's recipe (char_wb(3,5) TF-IDF, Gaussian RP to 256, L2).
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.random_projection import GaussianRandomProjection
    from sklearn.preprocessing import normalize
    X = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2,
                        dtype=np.float32).fit_transform([text_of(v) for v in A + B])
    D = normalize(GaussianRandomProjection(n_components=256, random_state=0).fit_transform(X)).astype(np.float32)
    write_matrix(os.path.join(a.out, "dense_a.f32"), D[: len(A)])
    write_matrix(os.path.join(a.out, "dense_b.f32"), D[len(A):])
    # Sets for MinHash/LSH: bench_minhash.py's texts (lower-cased), all three markets.
    vendors, truth, true_pairs, _ = load(a.n_sets, a.sets_dir)
    write_strings(os.path.join(a.out, "texts.bin"), [text_of(v).lower() for v in vendors])
    codes = {"A": 0, "B": 1, "C": 2}
    write_int32s(os.path.join(a.out, "markets.bin"), [codes[v["market"]] for v in vendors])
    idx = {v["vendor_id"]: i for i, v in enumerate(vendors)}
    flat = []
    for x, y in sorted(true_pairs):
        flat += [idx[x], idx[y]]
    write_int32s(os.path.join(a.out, "truth_pairs.bin"), flat)
    print(json.dumps({"prep": a.out, "names": [len(A), len(B)], "dense": list(D.shape),
                      "sets": len(vendors), "true_pairs": len(true_pairs)}))


def recall(top, gold, k):
    import numpy as np
    gold = np.asarray(gold)
    mask = gold >= 0
    hit = (top[:, :k] == gold[:, None]).any(axis=1)
    return round(float(hit[mask].mean()), 4)


def run(a):
    import numpy as np
    from threadpoolctl import threadpool_info, threadpool_limits
    d = a.data
    times, quality = [], {}
    w = a.workload

    def timed(f):
        t0 = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t0)
        return out

    if w in ("jw-allpairs", "indel-allpairs", "name-top5-jw", "name-top5-indel"):
        from rapidfuzz import process, fuzz
        from rapidfuzz.distance import JaroWinkler
        an, bn = read_strings(os.path.join(d, "names_a.bin")), read_strings(os.path.join(d, "names_b.bin"))
        scorer = JaroWinkler.normalized_similarity if "jw" in w else fuzz.ratio
        if w.endswith("allpairs"):
            for _ in range(a.reps):
                M = timed(lambda: process.cdist(bn, an, scorer=scorer, processor=None, workers=-1,
                                               dtype=np.float32))
                del M
            quality["pairs_per_s_at_min"] = len(an) * len(bn) / min(times)
        else:
            K = 5

            def top5():  # bench_names.py: cdist, then argpartition + argsort per row
                M = process.cdist(bn, an, scorer=scorer, processor=None, workers=-1, dtype=np.float32)
                idx = np.argpartition(-M, K, axis=1)[:, :K]
                sc = np.take_along_axis(M, idx, axis=1)
                o = np.argsort(-sc, axis=1, kind="stable")
                return np.take_along_axis(idx, o, axis=1)
            for _ in range(a.reps):
                top = timed(top5)
            gold = read_int32s(os.path.join(d, "gold_b.bin"))
            quality["recall@1"], quality["recall@5"] = recall(top, gold, 1), recall(top, gold, 5)
    elif w in ("dense-top10", "sgemm-only"):
        import faiss
        faiss.omp_set_num_threads(a.threads)
        DA = np.ascontiguousarray(read_matrix(os.path.join(d, "dense_a.f32")))
        DB = np.ascontiguousarray(read_matrix(os.path.join(d, "dense_b.f32")))
        with threadpool_limits(limits=a.threads):
            if w == "dense-top10":
                def f_faiss():  # bench_dense.py f_faiss
                    index = faiss.IndexFlatIP(DA.shape[1])
                    index.add(DA)
                    return index.search(DB, 10)[1]
                for _ in range(a.reps):
                    top = timed(f_faiss)
                gold = read_int32s(os.path.join(d, "gold_b.bin"))
                quality["recall@1"], quality["recall@10"] = recall(top, gold, 1), recall(top, gold, 10)
            else:
                def f_gemm():  # bench_dense.py f_gemm_chunked
                    for s in range(0, len(DB), 2000):
                        DB[s:s + 2000] @ DA.T
                for _ in range(a.reps):
                    timed(f_gemm)
            quality["gflops_at_min"] = 2 * DA.shape[0] * DB.shape[0] * DA.shape[1] / min(times) / 1e9
            quality["blas"] = [(x.get("internal_api"), x.get("architecture"), x.get("version"))
                               for x in threadpool_info() if x.get("internal_api") == "openblas"]
    elif w in ("minhash", "lsh"):
        from rensa import RMinHash, RMinHashLSH
        texts = read_strings(os.path.join(d, "texts.bin"))
        k = 5
        t0 = time.perf_counter()
        sets = [list({t[i:i + k] for i in range(len(t) - k + 1)}) for t in texts]
        quality["python_shingling_s"] = round(time.perf_counter() - t0, 4)
        if w == "minhash":
            for _ in range(a.reps):  # bench_minhash.py rensa_digest_matrix
                timed(lambda: RMinHash.digest_matrix_from_token_sets(sets, 128, 1))
            quality["sets"] = len(sets)
        else:
            markets = read_int32s(os.path.join(d, "markets.bin"))
            rm = []
            for st in sets:
                m = RMinHash(128, 1)
                m.update(st)
                rm.append(m)

            def lsh():  # bench_minhash.py rensa_lsh: insert_many + query all, cross-market pairs
                rl = RMinHashLSH(0.3, 128, 32)
                rl.insert_many(rm, 0)
                cands = set()
                for i, m in enumerate(rm):
                    for j in rl.query(m):
                        if j > i and markets[i] != markets[j]:
                            cands.add((i, j))
                return cands
            for _ in range(a.reps):
                cands = timed(lsh)
            truth = read_int32s(os.path.join(d, "truth_pairs.bin")).reshape(-1, 2)
            tp = sum(1 for x, y in truth if (min(x, y), max(x, y)) in cands)
            quality["candidate_recall"] = round(tp / len(truth), 4)
            quality["cross_market_candidates"] = len(cands)
    else:
        sys.exit("unknown workload " + w)
    print(json.dumps({"side": "peer", "workload": w, "times_s": times, "min_s": min(times),
                      "median_s": statistics.median(times), "quality": quality}))


ap = argparse.ArgumentParser()
sub = ap.add_subparsers(dest="cmd", required=True)
p = sub.add_parser("prep")
p.add_argument("--n", type=int, default=20000)
p.add_argument("--n-sets", type=int, default=33334)
p.add_argument("--names-dir", default=None, help="data dir for --n (default: peers' $PEERS_WORK)")
p.add_argument("--sets-dir", default=None, help="data dir for --n-sets")
p.add_argument("--out", required=True)
r = sub.add_parser("run")
r.add_argument("workload")
r.add_argument("--data", required=True)
r.add_argument("--reps", type=int, default=3)
r.add_argument("--threads", type=int, default=2)
args = ap.parse_args()
prep(args) if args.cmd == "prep" else run(args)
