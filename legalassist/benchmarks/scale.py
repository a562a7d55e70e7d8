"""Search latency and memory of a library grown to 20,000 / 200,000 passages.

    python -m legalassist.benchmarks.scale --base LIBRARY_DIR --queries BENCH_DIR [--sizes 20000,200000]
        [--work DIR]

A library of each size is made from LIBRARY_DIR (an embedded library, e.g. the one `legalassist eval`
builds from LegalBench-RAG) by repeating its documents as new documents until the size is reached:
their passages go through the app's catalog and keyword index (Whoosh) as imported passages do, and
their vectors are the base library's real vectors, the copies mixed with another real vector and a
little noise (as in legalassist.benchmarks.vectors), so no two passages share a vector. Pages are not
copied (search does not read them). Copies share their originals' names, so a question naming a
document is routed only in the first size step; this understates routed questions' cost slightly.

Each size is then measured in a fresh process: the LegalBench-RAG questions in keyword, vector and
hybrid mode (warm, k = 10 as the app's search and k = 64 as `legalassist eval`), and peak resident
memory with the library open after both models are loaded and one answer has been generated.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from legalassist.domain import Status


def build(base_dir: Path, out_dir: Path, size: int, seed: int = 7) -> int:
    """Write a library of ``size`` passages at ``out_dir`` from ``base_dir``. Returns its passages."""
    from legalassist.config import Settings
    from legalassist.index.keyword import HEAD_CHARS, DocumentEntry, KeywordDoc
    from legalassist.service import Library

    rng = np.random.default_rng(seed)
    with Library(Settings(library_dir=base_dir)) as base:
        docs = [d for d in base.documents() if d.status == Status.EMBEDDED]
        originals = [(d, ps) for d in docs if (ps := base.catalog.passages_of(d.id))]
        all_ids = [p.id for _, ps in originals for p in ps]
        found = base.vectors.vectors_of(all_ids)
    pool = np.stack([found[i] for i in all_ids])
    with Library(Settings(library_dir=out_dir)) as lib:
        count = lib.catalog.counts()["passages"]
        copy = 0
        while count < size:
            keyword_docs: list[KeywordDoc] = []  # one Whoosh commit per copy of the base library
            entries: list[DocumentEntry] = []
            for doc, passages in originals:
                if count >= size:
                    break
                take = passages[: size - count]
                meta = {"title": doc.title, "doc_type": doc.doc_type, "court": doc.court, "date": doc.date}
                with lib.catalog.transaction():
                    doc_id = lib.catalog.add_document(
                        f"{doc.path}#copy{copy}", f"{doc.sha256}-{copy}", doc.size, meta, doc.pages
                    )
                    pids = lib.catalog.add_passages(
                        doc_id, [(p.page, p.start, p.end, p.text, p.breadcrumb, p.continued) for p in take]
                    )
                new = lib.catalog.document(doc_id)
                assert new is not None
                header = new.header()
                entries.append(DocumentEntry(doc_id, new.title, " ".join(p.text for p in take)[:HEAD_CHARS]))
                keyword_docs += [
                    KeywordDoc(pid, doc_id, p.text, header, p.breadcrumb, new.court, new.doc_type, new.date)
                    for pid, p in zip(pids, take, strict=True)
                ]
                vectors = np.stack([found[p.id] for p in take])
                if copy:
                    mix = pool[rng.integers(0, len(pool), len(take))]
                    vectors = vectors + 0.35 * mix + 0.05 * rng.standard_normal(vectors.shape).astype(np.float32)
                    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
                rows = lib.vectors.append(pids, vectors.astype(np.float32))
                with lib.catalog.transaction():
                    lib.catalog.set_vector_rows(zip(pids, rows, strict=True))
                    lib.catalog.set_status(doc_id, "embedded")
                count += len(take)
            lib.keyword.add_documents(entries)
            lib.keyword.add(keyword_docs)
            lib.keyword.flush()
            copy += 1
            print(f"{count:,} / {size:,} passages", file=sys.stderr, flush=True)
        lib.keyword.compact()
        return int(lib.catalog.counts()["passages"])


def measure(library_dir: Path, bench: Path, limit: int) -> dict[str, Any]:
    from legalassist.config import Settings
    from legalassist.service import Library

    questions: list[str] = []
    for f in sorted((bench / "benchmarks").glob("*.json")):
        questions += [t["query"] for t in json.loads(f.read_text())["tests"][: limit // 4]]
    out: dict[str, Any] = {"questions": len(questions)}
    with Library(Settings(library_dir=library_dir)) as lib:
        out["passages"] = lib.catalog.counts()["passages"]
        start = time.perf_counter()
        lib.search(questions[0], 10, "hybrid")
        out["first_search_s"] = round(time.perf_counter() - start, 2)  # opens the indexes, loads the embedder
        for k in (10, 64):
            for mode in ("keyword", "vector", "hybrid"):
                times = []
                for q in questions:
                    t = time.perf_counter()
                    lib.search(q, k, mode)
                    times.append((time.perf_counter() - t) * 1000)
                times.sort()
                out[f"{mode}_k{k}"] = {
                    "p50": round(statistics.median(times), 1),
                    "p95": round(times[int(0.95 * (len(times) - 1))], 1),
                }
        out["rss_search_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        answer = lib.ask(questions[0])  # loads the chat model, generates
        out["answer_tokens"] = answer.tokens if hasattr(answer, "tokens") else None
        out["rss_both_models_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--queries", type=Path, required=True)
    parser.add_argument("--sizes", default="20000,200000")
    parser.add_argument("--work", type=Path, default=Path.home() / ".cache" / "legalassist" / "scale")
    parser.add_argument("--limit", type=int, default=200, help="questions, spread over the subsets")
    parser.add_argument("--build-only", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--measure-only", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_only:
        import shutil

        partial = args.work / f"{args.build_only}.part"
        shutil.rmtree(partial, ignore_errors=True)
        build(args.base, partial, args.build_only)
        partial.rename(args.work / str(args.build_only))  # only a finished library is reused
        return 0
    if args.measure_only:
        print(json.dumps(measure(args.measure_only, args.queries, args.limit)))
        return 0
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        target = args.work / str(size)
        common = ["--base", str(args.base), "--queries", str(args.queries), "--work", str(args.work)]
        me = [sys.executable, "-m", "legalassist.benchmarks.scale", *common, "--limit", str(args.limit)]
        if not target.exists():
            start = time.perf_counter()
            subprocess.run([*me, "--build-only", str(size)], check=True)
            print(f"built {size:,} passages in {time.perf_counter() - start:.0f} s", file=sys.stderr)
        done = subprocess.run([*me, "--measure-only", str(target)], check=True, capture_output=True, text=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr)
    print("| passages | mode | p50 ms (k=10) | p95 ms (k=10) | p50 ms (k=64) | p95 ms (k=64) |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        for mode in ("keyword", "vector", "hybrid"):
            a, b = r[f"{mode}_k10"], r[f"{mode}_k64"]
            print(f"| {r['passages']:,} | {mode} | {a['p50']} | {a['p95']} | {b['p50']} | {b['p95']} |")
    print()
    for r in rows:
        print(
            f"- {r['passages']:,} passages: peak resident memory {r['rss_search_mb']} MB after the searches "
            f"(embedder loaded), {r['rss_both_models_mb']} MB after an answer (both models loaded); "
            f"first search {r['first_search_s']} s."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
