"""Vector search at library sizes past the sample: the app's exact search against alternatives.

    python -m legalassist.benchmarks.vectors --base LIBRARY_DIR [--sizes 20000,200000,1000000]

Vectors are real all-MiniLM-L6-v2 passage embeddings from LIBRARY_DIR, extended to the larger sizes
by mixing pairs of real vectors with a little noise (so neighbourhoods look like real text, not like
uniform noise, which would flatter or punish approximate indexes unfairly). Queries are real embedded
questions. Recall@10 is against exact search.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

DIM = 384
K = 10


def synthesize(base: np.ndarray, n: int, seed: int = 7) -> np.ndarray:
    if n <= len(base):
        return base[:n].copy()
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    out[: len(base)] = base
    step = 50_000
    for start in range(len(base), n, step):
        m = min(step, n - start)
        a = base[rng.integers(0, len(base), m)]
        b = base[rng.integers(0, len(base), m)]
        v = a + 0.35 * b + 0.05 * rng.standard_normal((m, base.shape[1]), dtype=np.float32)
        out[start : start + m] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def timed(fn: Any, queries: np.ndarray) -> tuple[list[float], list[list[int]]]:
    times, results = [], []
    for q in queries:
        t = time.perf_counter()
        results.append(fn(q))
        times.append((time.perf_counter() - t) * 1000)
    return times, results


def recall(found: list[list[int]], truth: list[list[int]]) -> float:
    return statistics.fmean(len(set(f) & set(t)) / K for f, t in zip(found, truth, strict=True))


def run(base: np.ndarray, queries: np.ndarray, sizes: list[int]) -> list[dict[str, Any]]:
    from legalassist.index.vectors import VectorIndex

    rows = []
    for n in sizes:
        data = synthesize(base, n)
        with tempfile.TemporaryDirectory() as tmp:
            index = VectorIndex(Path(tmp), DIM)
            t = time.perf_counter()
            for start in range(0, n, 100_000):
                index.append(list(range(start, min(n, start + 100_000))), data[start : start + 100_000])
            build = time.perf_counter() - t
            index.search(queries[0], K)  # map the file
            times, truth = timed(lambda q, ix=index: [i for i, _ in ix.search(q, K)], queries)
            rows.append(
                {
                    "n": n,
                    "index": "exact, memory-mapped float32 (the app)",
                    "build_s": build,
                    "p50": statistics.median(times),
                    "p95": sorted(times)[int(0.95 * (len(times) - 1))],
                    "recall": 1.0,
                    "mb": n * DIM * 4 / 1e6,
                }
            )
        try:
            import faiss

            flat = faiss.IndexFlatIP(DIM)
            t = time.perf_counter()
            flat.add(data)
            build = time.perf_counter() - t
            times, found = timed(lambda q, ix=flat: ix.search(q[None, :], K)[1][0].tolist(), queries)
            rows.append(
                {
                    "n": n,
                    "index": "faiss IndexFlatIP (exact, in RAM)",
                    "build_s": build,
                    "p50": statistics.median(times),
                    "p95": sorted(times)[int(0.95 * (len(times) - 1))],
                    "recall": recall(found, truth),
                    "mb": n * DIM * 4 / 1e6,
                }
            )
            del flat
        except ImportError:
            pass
        try:
            from usearch.index import Index

            hnsw = Index(ndim=DIM, metric="ip", dtype="f16", connectivity=16, expansion_add=128, expansion_search=64)
            t = time.perf_counter()
            hnsw.add(np.arange(n), data, threads=2)
            build = time.perf_counter() - t
            times, found = timed(lambda q, ix=hnsw: ix.search(q, K).keys.tolist(), queries)
            rows.append(
                {
                    "n": n,
                    "index": "usearch HNSW (f16, M=16, ef=64)",
                    "build_s": build,
                    "p50": statistics.median(times),
                    "p95": sorted(times)[int(0.95 * (len(times) - 1))],
                    "recall": recall(found, truth),
                    "mb": hnsw.memory_usage / 1e6,
                }
            )
            del hnsw
        except ImportError:
            pass
        del data
        print(json.dumps(rows[-3:], indent=1), file=sys.stderr)
    return rows


def load_base(library: Path) -> np.ndarray:
    vec = library / "vectors" / "vectors.f32"
    data = np.fromfile(vec, dtype=np.float32).reshape(-1, DIM)
    return data[np.linalg.norm(data, axis=1) > 0.5]


def embed_queries(texts: list[str]) -> np.ndarray:
    from legalassist.config import Settings
    from legalassist.generate.embedder import Embedder

    return Embedder(Settings().embed_model_path).embed(texts)


def table(rows: list[dict[str, Any]]) -> list[str]:
    out = ["| passages | index | build s | p50 ms | p95 ms | recall@10 | memory MB |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append(
            f"| {r['n']:,} | {r['index']} | {r['build_s']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['recall']:.3f} | {r['mb']:.0f} |"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", type=Path, required=True, help="a library whose vectors seed the synthetic set")
    parser.add_argument("--queries", type=Path, help="LegalBench-RAG folder whose questions are the queries")
    parser.add_argument("--sizes", default="20000,200000,1000000")
    args = parser.parse_args(argv)
    base = load_base(args.base)
    texts = []
    if args.queries:
        for f in sorted((args.queries / "benchmarks").glob("*.json")):
            texts += [t["query"] for t in json.loads(f.read_text())["tests"][:50]]
    queries = embed_queries(texts) if texts else base[:200]
    rows = run(base, queries, [int(s) for s in args.sizes.split(",")])
    print("\n".join(table(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
