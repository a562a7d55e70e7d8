"""Retrieval evaluation on a LegalBench-RAG-format folder, through the app's own ingestion and search.

    legalassist eval --bench DIR [--json] [--limit N] [--subsets a,b] [--part train|valid]

DIR holds ``corpus/<subset>/*.txt`` and ``benchmarks/<subset>.json`` (``tests``: ``query`` and gold
``snippets`` of ``file_path`` + ``span``). The corpus is imported into a library of its own (reused by the
next run), then every query is searched in keyword, vector and hybrid mode. Metrics follow LegalBench-RAG:
character-level precision and recall of the top-k retrieved spans against the gold spans, per query, averaged
per subset; "overall" is the mean over subsets. Document hit@k: some top-k passage is from the gold document.

``--part`` splits the benchmark by document (``bench_parts``): whatever is trained or tuned on the bench uses
the training part only and is reported on the validation part, with only that part's documents in the library.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legalassist.config import Settings
from legalassist.domain import ImportStatus
from legalassist.progress import NullProgress, Progress

KS = (1, 2, 4, 8, 16, 32, 64)
MODES = ("keyword", "vector", "hybrid")
Span = tuple[str, int, int]  # (file_path relative to corpus/, start, end) in file characters


@dataclass
class Query:
    subset: str
    text: str
    gold: list[Span]


@dataclass
class ModeScores:
    precision: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    recall: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    doc_hit: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))

    def add(self, retrieved: list[Span], gold: list[Span]) -> None:
        gold_files = {g[0] for g in gold}
        for k in KS:
            top = retrieved[:k]
            hit, got, want = overlap(top, gold)
            self.precision[k].append(hit / got if got else 0.0)
            self.recall[k].append(hit / want if want else 0.0)
            self.doc_hit[k].append(1.0 if any(r[0] in gold_files for r in top) else 0.0)

    def summary(self) -> dict[str, dict[str, float]]:
        return {
            name: {str(k): round(statistics.fmean(values[k]), 4) if values[k] else 0.0 for k in KS}
            for name, values in (("precision", self.precision), ("recall", self.recall), ("doc_hit", self.doc_hit))
        }


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def overlap(retrieved: list[Span], gold: list[Span]) -> tuple[int, int, int]:
    """(characters retrieved that are gold, characters retrieved, gold characters), each span set unioned per file."""
    by_file_r: dict[str, list[tuple[int, int]]] = defaultdict(list)
    by_file_g: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for f, s, e in retrieved:
        by_file_r[f].append((s, e))
    for f, s, e in gold:
        by_file_g[f].append((s, e))
    hit = got = want = 0
    for f, spans in by_file_r.items():
        r = _union(spans)
        got += sum(e - s for s, e in r)
        for gs, ge in _union(by_file_g.get(f, [])):
            hit += sum(max(0, min(e, ge) - max(s, gs)) for s, e in r)
    want = sum(e - s for spans in by_file_g.values() for s, e in _union(spans))
    return hit, got, want


VALID_PERCENT = 30  # of each subset's documents, in the validation part


def bench_parts(bench: Path) -> dict[str, str]:
    """Each benchmark document (its path relative to corpus/) -> "train" or "valid". Per subset, the
    documents are ordered by a hash of that path and the first VALID_PERCENT percent (at least one) are the
    validation part: fixed across runs and machines, and no document in both."""
    parts: dict[str, str] = {}
    for folder in sorted(p for p in (bench / "corpus").iterdir() if p.is_dir()):
        names = sorted(
            (f.relative_to(bench / "corpus").as_posix() for f in folder.glob("*.txt")),
            key=lambda rel: hashlib.sha256(rel.encode()).hexdigest(),
        )
        cut = max(1, -(-len(names) * VALID_PERCENT // 100)) if names else 0
        parts.update({rel: "valid" if i < cut else "train" for i, rel in enumerate(names)})
    return parts


def part_of(query: Query, parts: dict[str, str]) -> str | None:
    """The part all of the query's gold documents are in; None when they straddle both (left out of both)."""
    found = {parts.get(g[0]) for g in query.gold}
    return found.pop() if len(found) == 1 else None


def load_queries(
    bench: Path, subsets: list[str] | None = None, limit: int | None = None, part: str | None = None
) -> list[Query]:
    parts = bench_parts(bench) if part else {}
    queries: list[Query] = []
    for path in sorted((bench / "benchmarks").glob("*.json")):
        subset = path.stem
        if subsets and subset not in subsets:
            continue
        tests = json.loads(path.read_text(encoding="utf-8"))["tests"]
        chosen: list[Query] = []
        for t in tests:
            gold = [(s["file_path"], int(s["span"][0]), int(s["span"][1])) for s in t["snippets"]]
            query = Query(subset, t["query"], gold)
            if part is None or part_of(query, parts) == part:
                chosen.append(query)
        queries.extend(chosen[:limit] if limit else chosen)
    return queries


def default_library(bench: Path, part: str | None = None) -> Path:
    from platformdirs import user_cache_dir

    key = hashlib.sha256(str(bench.resolve()).encode()).hexdigest()[:12] + (f"-{part}" if part else "")
    return Path(user_cache_dir("legalassist", appauthor=False)) / "eval" / key


def run(
    bench: Path,
    settings: Settings,
    subsets: list[str] | None = None,
    limit: int | None = None,
    progress: Progress | None = None,
    part: str | None = None,
) -> dict[str, Any]:
    """Retrieval figures for the benchmark's queries (of ``part`` only, with only that part's documents
    in the library, when it is given)."""
    from legalassist.ingest.text import page_offsets
    from legalassist.service import Library

    progress = progress or NullProgress()
    corpus = bench / "corpus"
    queries = load_queries(bench, subsets, limit, part)
    wanted = {g[0].split("/")[0] for q in queries for g in q.gold}
    files = [p for sub in sorted(wanted) for p in sorted((corpus / sub).glob("*.txt"))]
    if part:
        parts = bench_parts(bench)
        files = [p for p in files if parts.get(p.relative_to(corpus).as_posix()) == part]
    report: dict[str, Any] = {
        "bench": str(bench),
        "library": str(settings.library_dir),
        "queries": len(queries),
        "part": part or "all",
        "documents": len(files),
        "embed_model": settings.embed_model_path.name,
        "vector_weight": settings.fusion_vector_weight,
    }
    with Library(settings) as lib:
        start = time.perf_counter()
        results = lib.import_paths(files, progress)
        report["index_seconds"] = round(time.perf_counter() - start, 1)
        report["index_new_files"] = sum(r.status == ImportStatus.IMPORTED for r in results)
        report["passages"] = lib.catalog.counts()["passages"]
        rel_of = {str(p.resolve()): p.relative_to(corpus).as_posix() for p in files}
        offsets: dict[int, list[int]] = {}

        def spans(hits: list[Any]) -> list[Span]:
            out = []
            for h in hits:
                doc_id = h.passage.doc_id
                if doc_id not in offsets:
                    pages = [lib.catalog.page_text(doc_id, n) or "" for n in range(1, h.document.pages + 1)]
                    offsets[doc_id] = page_offsets(pages)
                base = offsets[doc_id][h.passage.page - 1]
                out.append((rel_of.get(h.document.path, h.document.path), base + h.passage.start, base + h.passage.end))
            return out

        scores: dict[str, dict[str, ModeScores]] = defaultdict(lambda: {m: ModeScores() for m in MODES})
        latency: dict[str, list[float]] = {m: [] for m in MODES}
        errors: list[str] = []
        progress.start(len(queries), "queries")
        for q in queries:
            if progress.cancelled:
                break
            for mode in MODES:
                t = time.perf_counter()
                try:
                    hits = lib.search(q.text, max(KS), mode)
                except Exception as exc:  # counted as retrieving nothing, and reported
                    errors.append(f"{q.subset} {mode}: {exc}")
                    hits = []
                latency[mode].append((time.perf_counter() - t) * 1000)
                scores[q.subset][mode].add(spans(hits), q.gold)
            progress.advance(1)
        progress.finish()

    report["errors"] = errors
    report["subsets"] = {s: {m: ms.summary() for m, ms in modes.items()} for s, modes in sorted(scores.items())}
    overall: dict[str, Any] = {}
    for mode in MODES:
        overall[mode] = {
            metric: {
                str(k): round(
                    statistics.fmean(report["subsets"][s][mode][metric][str(k)] for s in report["subsets"]), 4
                )
                for k in KS
            }
            for metric in ("precision", "recall", "doc_hit")
        }
    report["overall"] = overall
    hybrid = sorted(latency["hybrid"]) or [0.0]
    report["latency_ms"] = {
        "p50": round(statistics.median(hybrid), 1),
        "p95": round(hybrid[int(0.95 * (len(hybrid) - 1))], 1),
    }
    report["latency_ms_by_mode"] = {
        m: {"p50": round(statistics.median(v), 1), "p95": round(sorted(v)[int(0.95 * (len(v) - 1))], 1)}
        for m, v in latency.items()
        if v
    }
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = [
        f"{report['queries']} queries over {report['passages']} passages; "
        f"indexing took {report['index_seconds']} s ({report['index_new_files']} new files)",
        f"hybrid latency p50 {report['latency_ms']['p50']} ms, p95 {report['latency_ms']['p95']} ms",
        "",
        f"{'subset':<12} {'mode':<8} " + " ".join(f"{'R@' + str(k):>6}" for k in KS) + f" {'P@1':>6} {'doc@1':>6}",
    ]
    rows = [*report["subsets"].items(), ("OVERALL", report["overall"])]
    for subset, modes in rows:
        for mode, m in modes.items():
            recall = " ".join(f"{m['recall'][str(k)]:>6.3f}" for k in KS)
            lines.append(f"{subset:<12} {mode:<8} {recall} {m['precision']['1']:>6.3f} {m['doc_hit']['1']:>6.3f}")
    return "\n".join(lines)
