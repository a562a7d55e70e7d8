"""Training pairs for the legal embedder (``legalassist finetune embedder``), made by the app itself.

A pair is a question and the passage that answers it, as the app cuts and embeds passages
(``legalassist.ingest.chunker.embedding_input``: the document's header line, the breadcrumb and the passage's searchable
text), with hard negatives: other passages of the same document that the app's keyword search ranks
high for the question but that hold none of its evidence.

Questions come from:
- the LegalBench-RAG slice, **training part only** (``evaluate.bench_parts``, split by document): a gold
  span's passage is the one that holds most of it;
- the sample corpus: statute sections asked by their headings, constitutional clauses by their titles,
  opinions' holdings, and the answer benchmark's tune half. No document of its report half is used.

A tenth of the training documents (by a hash of their path) is kept apart as a development set, to
follow training; nothing is chosen on the benchmark's validation part. No torch here.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legalassist.progress import NullProgress, Progress

if TYPE_CHECKING:
    from legalassist.domain import Document, Passage
    from legalassist.service import Library

DEV_SHARE = 10  # percent of training documents followed during training, not trained on
HARD_NEGATIVES = 3  # kept per pair; training uses them in turn
SEARCH_DEPTH = 40  # keyword hits looked through for hard negatives
MIN_COVER = 0.5  # a positive passage holds at least this share of the gold span (or is this full of it)
MAX_POSITIVES = 2  # per question: a gold span running over several passages gives up to this many pairs
# Percent of benchmark questions trained without the clause that names their document ("Consider the
# Non-Disclosure Agreement between A and B; Does the document …" → "Does the document …"), chosen by a hash
# of the question. Every benchmark question names its document, so trained only that way the embedder learns
# to match a passage's header to the name: a question naming a statute then ranks that statute's sections
# above the opinion that answers it. Naming a document is the keyword side's and the router's job.
NAMELESS_SHARE = 50


def _dev(key: str) -> bool:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % 100 < DEV_SHARE


def training_question(question: str) -> str:
    """The question as trained: for a hashed share of questions, without a leading "Consider …;" clause
    naming the document (NAMELESS_SHARE)."""
    head, sep, rest = question.partition(";")
    if not sep or not rest.strip() or not head.lower().startswith("consider "):
        return question
    if int(hashlib.sha256(question.encode()).hexdigest(), 16) % 100 >= NAMELESS_SHARE:
        return question
    return rest.strip()


class _Doc:
    """A document's passages with their offsets in the whole document's text."""

    def __init__(self, lib: Library, doc: Document) -> None:
        from legalassist.ingest.chunker import embedding_input
        from legalassist.ingest.text import page_offsets

        self.doc = doc
        self.passages: list[Passage] = lib.catalog.passages_of(doc.id)
        pages = [lib.catalog.page_text(doc.id, n) or "" for n in range(1, doc.pages + 1)]
        base = page_offsets(pages)
        self.spans = [(base[p.page - 1] + p.start, base[p.page - 1] + p.end) for p in self.passages]
        header = doc.header()
        self.texts = [embedding_input(header, p) for p in self.passages]
        self.index = {p.id: i for i, p in enumerate(self.passages)}

    def covered(self, i: int, gold: list[tuple[int, int]]) -> int:
        s, e = self.spans[i]
        return sum(max(0, min(e, ge) - max(s, gs)) for gs, ge in gold)


def _negatives(lib: Library, question: str, doc: _Doc, excluded: set[int]) -> list[str]:
    hits = lib.search(question, SEARCH_DEPTH, "keyword")
    out = []
    for h in hits:
        i = doc.index.get(h.passage.id)
        if i is not None and i not in excluded:
            out.append(doc.texts[i])
            if len(out) == HARD_NEGATIVES:
                break
    if len(out) < HARD_NEGATIVES:  # a short document, or few keyword hits: other passages of it, seeded
        rest = [t for i, t in enumerate(doc.texts) if i not in excluded and t not in out]
        random.Random(question).shuffle(rest)
        out += rest[: HARD_NEGATIVES - len(out)]
    return out


def bench_pairs(lib: Library, bench: Path, progress: Progress, limit: int | None = None) -> list[dict[str, Any]]:
    """Pairs from the benchmark's training part; ``lib`` holds (at least) that part's documents."""
    from legalassist.evaluate import load_queries

    corpus = (bench / "corpus").resolve()
    by_rel: dict[str, Document] = {}
    for d in lib.documents():
        path = Path(d.path).resolve()
        if path.is_relative_to(corpus):
            by_rel[path.relative_to(corpus).as_posix()] = d
    queries = load_queries(bench, part="train")[:limit] if limit else load_queries(bench, part="train")
    docs: dict[str, _Doc] = {}
    pairs: list[dict[str, Any]] = []
    progress.start(len(queries), "benchmark pairs")
    for q in queries:
        progress.advance(1, q.subset)
        gold_by: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for rel, s, e in q.gold:
            gold_by[rel].append((s, e))
        for rel, gold in gold_by.items():
            if rel not in by_rel:
                continue
            if rel not in docs:
                docs[rel] = _Doc(lib, by_rel[rel])
            doc = docs[rel]
            want = sum(e - s for s, e in gold)
            scored = []
            for i, (s, e) in enumerate(doc.spans):
                got = doc.covered(i, gold)
                if got and got >= MIN_COVER * min(want, e - s):
                    scored.append((got, i))
            if not scored:
                continue
            touching = {i for i in range(len(doc.spans)) if doc.covered(i, gold)}
            negatives = _negatives(lib, q.text, doc, touching)
            for _, i in sorted(scored, reverse=True)[:MAX_POSITIVES]:
                pairs.append(_pair(training_question(q.text), doc.texts[i], negatives, f"bench/{q.subset}", rel))
    progress.finish()
    return pairs


def corpus_pairs(lib: Library, corpus: Path, progress: Progress) -> list[dict[str, Any]]:
    """Pairs from the sample corpus's own structure and the answer benchmark's tune half."""
    from legalassist.finetune.data import corpus_items, holds, question_items, report_documents

    questions_file = corpus / "questions.json"
    excluded = report_documents(questions_file, corpus)
    items = question_items(questions_file, corpus) + corpus_items(lib, corpus, excluded)
    items = [i for i in items if i.document not in excluded]
    by_path = {str(Path(d.path).resolve()): d for d in lib.documents()}
    docs: dict[str, _Doc] = {}
    pairs: list[dict[str, Any]] = []
    root = corpus.resolve()
    progress.start(len(items), "sample corpus pairs")
    for item in items:
        progress.advance(1, item.source)
        document = by_path.get(item.document)
        if document is None:
            continue
        if item.document not in docs:
            docs[item.document] = _Doc(lib, document)
        doc = docs[item.document]
        holding = [i for i, p in enumerate(doc.passages) if holds(p.whole_text, item.evidence)]
        if not holding:
            continue
        negatives = _negatives(lib, item.question, doc, set(holding))
        rel = Path(item.document).relative_to(root).as_posix()
        for i in holding[:MAX_POSITIVES]:
            pairs.append(_pair(item.question, doc.texts[i], negatives, f"corpus/{item.source}", rel))
    progress.finish()
    return pairs


def _pair(query: str, positive: str, negatives: list[str], source: str, document: str) -> dict[str, Any]:
    return {
        "query": query,
        "positive": positive,
        "negatives": negatives,
        "source": source,
        "document": document,
        "split": "dev" if _dev(f"{source.split('/')[0]}/{document}") else "train",
    }


def write(pairs: list[dict[str, Any]], out: Path, extra: dict[str, Any]) -> dict[str, Any]:
    """``pairs.jsonl`` and ``pairs.json`` (counts and the data's sha256) in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    body = "".join(json.dumps(p, ensure_ascii=False, sort_keys=True) + "\n" for p in pairs)
    (out / "pairs.jsonl").write_text(body, encoding="utf-8")
    splits = ("train", "dev")
    manifest = {
        "data_sha256": hashlib.sha256(body.encode()).hexdigest(),
        "pairs": {s: sum(p["split"] == s for p in pairs) for s in splits},
        "documents": {s: len({(p["source"], p["document"]) for p in pairs if p["split"] == s}) for s in splits},
        "by_source": {src: sum(p["source"] == src for p in pairs) for src in sorted({p["source"] for p in pairs})},
        "hard_negatives": HARD_NEGATIVES,
        **extra,
    }
    (out / "pairs.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def read(out: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    pairs = [json.loads(line) for line in (out / "pairs.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return pairs, json.loads((out / "pairs.json").read_text(encoding="utf-8"))


def build(
    bench_lib: Library,
    bench: Path,
    corpus_lib: Library | None,
    corpus: Path | None,
    out: Path,
    progress: Progress | None = None,
    limit: int | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every pair, written to ``out``; returns the pairs and the manifest."""
    progress = progress or NullProgress()
    pairs = bench_pairs(bench_lib, bench, progress, limit)
    if corpus_lib is not None and corpus is not None:
        pairs += corpus_pairs(corpus_lib, corpus, progress)
    return pairs, write(pairs, out, {"bench_part": "train", "limit": limit})
