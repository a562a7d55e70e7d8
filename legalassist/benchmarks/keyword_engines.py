"""Keyword engines side by side on the same passages and questions: where Whoosh stands.

    python -m legalassist.benchmarks.keyword_engines --base LIBRARY_DIR --queries BENCH_DIR [--scale 1,10]

Passages (text, document header, breadcrumb) come from LIBRARY_DIR's catalog; ``--scale N`` repeats them
N times (as other passages) to see how each engine grows. Questions are the LegalBench-RAG queries in
BENCH_DIR, asked as a bag of words (any word may match, BM25 ranks), top 64, one at a time, warm.
Engines: the app's keyword index (Whoosh BM25F, scored with arrays over its postings), the same
Whoosh index queried through Whoosh's own matcher, SQLite FTS5 (bm25, porter stemmer), and, when
installed (`pip install -e '.[bench]'`), tantivy (Rust, en_stem) and bm25s (NumPy/SciPy, in memory).
"Agreement" is the share of Whoosh's top 10 that the engine also returns in its top 10.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

K = 64
AGREE_K = 10
WORD = re.compile(r"[A-Za-z0-9]+")


def load_passages(library_dir: Path) -> list[tuple[int, str, str, str]]:
    """(pid, text, document header, breadcrumb) for every passage of the library."""
    from legalassist.index.catalog import Catalog

    catalog = Catalog(library_dir / "catalog.sqlite")
    rows = []
    for doc in catalog.documents():
        header = doc.header()
        rows += [(p.id, p.text, header, p.breadcrumb) for p in catalog.passages_of(doc.id)]
    catalog.close()
    return rows


def load_questions(bench: Path, limit: int) -> list[str]:
    out: list[str] = []
    for f in sorted((bench / "benchmarks").glob("*.json")):
        tests = json.loads(f.read_text())["tests"]
        out += [t["query"] for t in tests[: limit // 4]]
    return out


def scaled(passages: list[tuple[int, str, str, str]], scale: int) -> list[tuple[int, str, str, str]]:
    top = max(p[0] for p in passages) + 1
    return [(pid + copy * top, text, head, crumb) for copy in range(scale) for pid, text, head, crumb in passages]


def words(question: str, stop: frozenset[str]) -> list[str]:
    return list(dict.fromkeys(w for w in WORD.findall(question.lower()) if w not in stop and len(w) > 1))


class Engine:
    name = ""

    def build(self, passages: list[tuple[int, str, str, str]], folder: Path) -> None:
        raise NotImplementedError

    def search(self, question: str) -> list[int]:
        raise NotImplementedError


class WhooshApp(Engine):
    name = "Whoosh BM25F, array scoring (the app)"

    def build(self, passages: list[tuple[int, str, str, str]], folder: Path) -> None:
        from legalassist.index.keyword import KeywordDoc, KeywordIndex

        self.index = KeywordIndex(folder)
        self.index.add(KeywordDoc(pid, 0, text, head, crumb, "", "other", "") for pid, text, head, crumb in passages)
        self.index.flush()

    def search(self, question: str) -> list[int]:
        return [pid for pid, _ in self.index.search_terms(question, K)]


class WhooshMatcher(WhooshApp):
    name = "Whoosh BM25F, Whoosh's own matcher"

    def __init__(self, app: WhooshApp) -> None:
        self.app = app  # built first; its index is reused: only the query path differs

    def build(self, passages: list[tuple[int, str, str, str]], folder: Path) -> None:
        self.index = self.app.index

    def search(self, question: str) -> list[int]:
        from legalassist.index.keyword import NATURAL_FIELDS
        from legalassist.retrieve import querytree as T

        terms = self.index.informative_terms(self.index.terms(question))
        q = T.Or(tuple(T.Term(f, t) for t in terms for f in NATURAL_FIELDS))
        return [pid for pid, _ in self.index.search_query(q, K)]


class Fts5(Engine):
    name = "SQLite FTS5 (bm25, porter)"

    def build(self, passages: list[tuple[int, str, str, str]], folder: Path) -> None:
        from whoosh.analysis import STOP_WORDS

        self.stop = frozenset(STOP_WORDS)
        self.db = sqlite3.connect(folder / "fts.sqlite")
        self.db.execute("CREATE VIRTUAL TABLE p USING fts5(body, title, breadcrumb, tokenize='porter unicode61')")
        self.db.executemany(
            "INSERT INTO p (rowid, body, title, breadcrumb) VALUES (?, ?, ?, ?)",
            ((pid, text, head, crumb) for pid, text, head, crumb in passages),
        )
        self.db.commit()

    def search(self, question: str) -> list[int]:
        terms = words(question, self.stop)
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        sql = "SELECT rowid FROM p WHERE p MATCH ? ORDER BY bm25(p, 1.0, 1.5, 1.0) LIMIT ?"
        return [r[0] for r in self.db.execute(sql, (match, K))]


class Tantivy(Engine):
    name = "tantivy (BM25, en_stem)"

    def build(self, passages: list[tuple[int, str, str, str]], folder: Path) -> None:
        import tantivy
        from whoosh.analysis import STOP_WORDS

        self.stop = frozenset(STOP_WORDS)
        sb = tantivy.SchemaBuilder()
        sb.add_integer_field("pid", stored=True, indexed=False, fast=True)
        for field in ("body", "title", "breadcrumb"):
            sb.add_text_field(field, stored=False, tokenizer_name="en_stem")
        self.index = tantivy.Index(sb.build(), path=str(folder))
        writer = self.index.writer(heap_size=200_000_000, num_threads=1)
        for pid, text, head, crumb in passages:
            writer.add_document(tantivy.Document(pid=pid, body=text, title=head, breadcrumb=crumb))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def search(self, question: str) -> list[int]:
        terms = words(question, self.stop)
        if not terms:
            return []
        query = self.index.parse_query(" ".join(terms), ["body", "title", "breadcrumb"], field_boosts={"title": 1.5})
        hits = self.searcher.search(query, K).hits
        return [int(self.searcher.doc(address)["pid"][0]) for _, address in hits]


class Bm25s(Engine):
    name = "bm25s (BM25, in memory)"

    def build(self, passages: list[tuple[int, str, str, str]], folder: Path) -> None:
        import bm25s

        self.bm25s = bm25s
        self.pids = [p[0] for p in passages]
        corpus = [f"{head}\n{crumb}\n{text}" for _, text, head, crumb in passages]
        self.retriever = bm25s.BM25()
        self.retriever.index(bm25s.tokenize(corpus, stopwords="en", show_progress=False), show_progress=False)

    def search(self, question: str) -> list[int]:
        tokens = self.bm25s.tokenize([question], stopwords="en", show_progress=False)
        found, _ = self.retriever.retrieve(tokens, k=min(K, len(self.pids)), show_progress=False)
        return [self.pids[i] for i in found[0]]


def engines() -> list[Engine]:
    app = WhooshApp()
    out: list[Engine] = [app, WhooshMatcher(app), Fts5()]
    for module, engine in (("tantivy", Tantivy), ("bm25s", Bm25s)):
        try:
            __import__(module)
        except ImportError:
            print(f"{module} is not installed (pip install -e '.[bench]'); left out", file=sys.stderr)
            continue
        out.append(engine())
    return out


def folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def measure(engine: Engine, passages: list[tuple[int, str, str, str]], questions: list[str], folder: Path) -> dict:
    folder.mkdir(parents=True)
    start = time.perf_counter()
    engine.build(passages, folder)
    build = time.perf_counter() - start
    engine.search(questions[0])  # warm
    times, results = [], []
    for q in questions:
        t = time.perf_counter()
        results.append(engine.search(q))
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {
        "engine": engine.name,
        "build_s": round(build, 1),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "disk_mb": round(folder_mb(folder), 1) if not isinstance(engine, (Bm25s, WhooshMatcher)) else None,
        "results": results,
    }


def run(
    base: list[tuple[int, str, str, str]], questions: list[str], scales: list[int], log: Callable[[str], None]
) -> list[dict]:
    """One row per engine and scale: build seconds, p50/p95 ms, index MB, top-10 agreement with Whoosh."""
    rows = []
    for scale in scales:
        passages = scaled(base, scale)
        with tempfile.TemporaryDirectory() as tmp:
            reference: list[list[int]] = []  # the app's results: the first engine's
            measured = engines()
            for i, engine in enumerate(measured):
                log(f"{len(passages):,} passages: {engine.name}")
                row = measure(engine, passages, questions, Path(tmp) / str(i))
                reference = reference or row["results"]
                row["agreement"] = round(
                    statistics.fmean(
                        len(set(a[:AGREE_K]) & set(b[:AGREE_K])) / max(1, min(AGREE_K, len(b)))
                        for a, b in zip(row.pop("results"), reference, strict=True)
                    ),
                    3,
                )
                row["passages"] = len(passages)
                rows.append(row)
            app = measured[0]
            assert isinstance(app, WhooshApp)
            app.index.close()
    return rows


def markdown(rows: list[dict]) -> str:
    lines = [
        "| passages | engine | build s | p50 ms | p95 ms | index MB | top-10 agreement with Whoosh |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        disk = "–" if r["disk_mb"] is None else r["disk_mb"]
        lines.append(
            f"| {r['passages']:,} | {r['engine']} | {r['build_s']} | {r['p50_ms']} | {r['p95_ms']} | {disk} | "
            f"{r['agreement']:.2f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, required=True, help="a library whose passages to index")
    parser.add_argument("--queries", type=Path, required=True, help="a LegalBench-RAG folder (benchmarks/*.json)")
    parser.add_argument("--scale", default="1", help="comma-separated multiples of the passages, e.g. 1,10")
    parser.add_argument("--limit", type=int, default=200, help="questions (spread over the subsets)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = run(
        load_passages(args.base),
        load_questions(args.queries, args.limit),
        [int(s) for s in args.scale.split(",")],
        lambda m: print(m, file=sys.stderr),
    )
    print(json.dumps(rows, indent=2) if args.json else markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
