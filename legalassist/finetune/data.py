"""Training data for the answer adapter, made by the app itself (``legalassist finetune build-data``).

Every example is the exact prompt the app sends for its question (the library's hybrid retrieval, the
excerpts, their numbering and the system prompt: ``legalassist.generate.prompt.build_messages``), and a
target answer in the app's quote-first shape: "Yes."/"No." first when the question asks yes or no and
the answer is known, then the passage's own words in quotation marks, each with the [n] of the passage
it is from. Where the evidence is not among the passages shown, the target is the fixed no-answer
sentence (``NO_ANSWER``), and a share of the questions is asked a second time with the passages that hold
their evidence taken out, to teach the same.

Questions come from:
- the LegalBench-RAG slice (``bench/benchmarks/*.json``): the gold spans are the evidence to quote;
- the sample corpus: statute sections (asked by their headings), constitutional clauses (by their
  bracketed titles), opinions' "Held:" and "we hold" sentences, and the tune half of the answer
  benchmark's questions. No document of the benchmark's report half is used.

Split by document: a document's questions are all in training or all in validation. The manifest
records the data's sha256.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from legalassist.domain import COURT_PAPERS, DocType
from legalassist.generate.prompt import NO_ANSWER, SYSTEM_PROMPT, build_messages
from legalassist.ingest.chunker import sentence_spans
from legalassist.progress import NullProgress, Progress

if TYPE_CHECKING:
    from legalassist.domain import Hit
    from legalassist.service import Library

VALID_SHARE = 12  # percent of documents held out for validation
ABSTAIN_EVERY = 3  # one question in this many is also asked with its evidence taken out
MAX_QUOTES = 2
MAX_QUOTE_CHARS = 360
MIN_WORDS = 6
NEAR = 90  # rapidfuzz partial ratio at which a sentence counts as (part of) the evidence


@dataclass(frozen=True)
class Item:
    """A question, the document and text that answer it, and "Yes."/"No." when that is known."""

    question: str
    document: str  # resolved path
    evidence: tuple[str, ...]
    source: str
    lead: str = ""


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower().replace("- ", "")).split())


def _sentences(text: str) -> list[str]:
    return [" ".join(text[s.start : s.end].split()) for s in sentence_spans(text)]


def _in_evidence(sentence: str, normed: tuple[str, ...]) -> bool:
    """Whether ``sentence`` is part of the evidence (``normed``: its texts through ``_norm``), or the
    evidence part of it: exactly, or nearly (the shorter one found in the longer at a rapidfuzz partial
    ratio of at least 90: a gold span cut inside a sentence, a line-end hyphen, a page header between)."""
    s = _norm(sentence)
    if len(s.split()) < MIN_WORDS:
        return False
    for e in normed:
        if s in e or (len(e.split()) >= MIN_WORDS and e in s):
            return True
        if len(e.split()) >= MIN_WORDS and fuzz.partial_ratio(s, e) >= NEAR:
            return True
    return False


def holds(text: str, evidence: tuple[str, ...]) -> bool:
    """Whether ``text`` holds the evidence: one of its sentences is part of it, or it all."""
    normed = tuple(_norm(e) for e in evidence)
    joined = _norm(text)
    return any(len(e.split()) >= MIN_WORDS and e in joined for e in normed) or any(
        _in_evidence(s, normed) for s in _sentences(text)
    )


def quote(text: str, evidence: tuple[str, ...]) -> str:
    """The run of ``text``'s sentences that are evidence, verbatim (spaces collapsed), cut at a word near
    ``MAX_QUOTE_CHARS``."""
    normed = tuple(_norm(e) for e in evidence)
    run: list[str] = []
    for s in _sentences(text):
        if _in_evidence(s, normed):
            run.append(s)
        elif run:
            break
    said = " ".join(run)
    if len(said) > MAX_QUOTE_CHARS:
        said = said[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0]
    return said.replace('"', "'")


def _same(path: str, document: str) -> bool:
    return str(Path(path).resolve()) == document


def split_of(document: str, root: Path) -> str:
    """ "valid" for about VALID_SHARE percent of documents, by a hash of the path inside its collection."""
    try:
        key = Path(document).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        key = Path(document).name
    return "valid" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 100 < VALID_SHARE else "train"


# -- where questions come from ------------------------------------------------------------------------
def bench_items(bench: Path, subsets: list[str] | None = None) -> list[Item]:
    items = []
    for path in sorted((bench / "benchmarks").glob("*.json")):
        if subsets and path.stem not in subsets:
            continue
        for test in json.loads(path.read_text(encoding="utf-8"))["tests"]:
            snippets = test.get("snippets") or []
            if not snippets:
                continue
            document = snippets[0]["file_path"]
            evidence = tuple(s["answer"] for s in snippets if s["file_path"] == document and s.get("answer"))
            doc_path = str((bench / "corpus" / document).resolve())
            items.append(Item(test["query"], doc_path, evidence, f"bench/{path.stem}"))
    return items


def report_documents(questions_file: Path, corpus: Path) -> set[str]:
    """The documents of the answer benchmark's report half (resolved paths): never trained on."""
    raw = json.loads(questions_file.read_text(encoding="utf-8"))["questions"]
    return {str((corpus / d).resolve()) for q in raw if q.get("half") == "report" for d in q["documents"]}


def question_items(questions_file: Path, corpus: Path) -> list[Item]:
    """The answer benchmark's tune half: its questions, evidence and known yes/no."""
    items = []
    for q in json.loads(questions_file.read_text(encoding="utf-8"))["questions"]:
        if q.get("half") != "tune" or not q["documents"] or not q.get("evidence"):
            continue
        polarity = q.get("expect", {}).get("polarity", "")
        lead = {"yes": "Yes.", "no": "No."}.get(polarity, "")
        for d in q["documents"][:1]:
            items.append(Item(q["question"], str((corpus / d).resolve()), (q["evidence"],), "questions", lead))
    return items


_BRACKET = re.compile(r"\[([A-Z][^\]\n]{3,80})\]\s*")
_HELD = re.compile(r"\bHeld:\s*")
_WE_HOLD = re.compile(r"\b[Ww]e (?:therefore |now |also )?hold that\b")


def _first_sentence(text: str) -> str:
    for s in _sentences(text[:1500]):
        if len(s.split()) >= MIN_WORDS:
            return s
    return ""


def corpus_items(lib: Library, corpus: Path, excluded: set[str]) -> list[Item]:
    """Questions the sample corpus's own structure answers: statute sections by heading, constitutional
    clauses by title, and opinions' holdings."""
    items = []
    root = corpus.resolve()
    for doc in lib.documents():
        path = str(Path(doc.path).resolve())
        if path in excluded or not Path(path).is_relative_to(root):
            continue
        text = "\n".join(lib.catalog.page_text(doc.id, n) or "" for n in range(1, doc.pages + 1))
        if doc.doc_type == DocType.STATUTE and doc.citation and doc.title.startswith(doc.citation):
            heading = doc.title[len(doc.citation) :].strip(" .")
            at = text.find(heading)
            body = _first_sentence(text[at + len(heading) :]) if heading and at >= 0 else ""
            if body:
                topic = heading.rstrip(".").lower()
                items.append(Item(f"What does {doc.citation} provide on {topic}?", path, (body,), "statute"))
                items.append(Item(f"What is the federal rule on {topic}?", path, (body,), "statute"))
        elif doc.doc_type == DocType.CONSTITUTION:
            for m in _BRACKET.finditer(text):
                body = _first_sentence(text[m.end() :])
                if body:
                    title = m.group(1).strip()
                    items.append(Item(f"What does the Constitution provide on {title}?", path, (body,), "constitution"))
        elif doc.doc_type in COURT_PAPERS:
            held = _HELD.search(text)
            body = _first_sentence(text[held.end() :]) if held else ""
            if body:
                items.append(Item(f"What did the Court hold in {doc.title}?", path, (body,), "holding"))
            we = _WE_HOLD.search(text)
            if we:
                start = max(text.rfind(".", 0, we.start()) + 1, we.start() - 200)
                body = _first_sentence(text[start:])
                if body and (not held or body not in items[-1].evidence):
                    items.append(Item(f"What did the court hold in {doc.title}?", path, (body,), "we-hold"))
    return items


# -- examples ---------------------------------------------------------------------------------------
def _example(messages: list[dict[str, str]], target: str, item: Item, kind: str) -> dict[str, Any]:
    return {
        "question": item.question,
        "source": item.source,
        "document": item.document,
        "kind": kind,
        "messages": messages,
        "target": target,
    }


def examples_for(lib: Library, item: Item, with_abstention: bool) -> list[dict[str, Any]]:
    """The answer example (when the evidence is among the passages shown) and, when asked or when the
    evidence is not shown, the no-answer example (with no passage holding the evidence)."""
    hits = lib.search(item.question, lib.settings.top_k)
    if not hits:
        return []
    messages, used, seen = build_messages(lib.answers, item.question, hits)
    lines: list[str] = []
    for i, (hit, shown) in enumerate(zip(used, seen, strict=True)):
        if len(lines) < MAX_QUOTES and _same(hit.document.path, item.document) and holds(shown.text, item.evidence):
            said = quote(shown.text, item.evidence)
            if said:
                lines.append(f'"{said}" [{i + 1}]')
    out = []
    if lines:
        target = (item.lead + " " if item.lead else "") + "\n".join(lines)
        out.append(_example(messages, target, item, "answer"))
    if with_abstention or not lines:
        rest: list[Hit] = [
            h for h in hits if not (_same(h.document.path, item.document) and holds(h.passage.text, item.evidence))
        ]
        if len(rest) >= 2:
            messages, _, _ = build_messages(lib.answers, item.question, rest)
            out.append(_example(messages, NO_ANSWER, item, "abstain"))
    return out


def _digest(item: Item) -> int:
    return int(hashlib.sha256(item.question.encode()).hexdigest(), 16)


def build(
    corpus_lib: Library,
    bench_lib: Library | None,
    corpus: Path,
    questions_file: Path,
    bench: Path | None,
    out: Path,
    limit: int | None = None,
    progress: Progress | None = None,
    subsets: list[str] | None = None,
) -> dict[str, Any]:
    """Write ``train.jsonl``, ``valid.jsonl`` and ``data.json`` (counts and the data's sha256) to ``out``."""
    progress = progress or NullProgress()
    excluded = report_documents(questions_file, corpus)
    jobs: list[tuple[Library, Item, Path]] = [(corpus_lib, i, corpus) for i in question_items(questions_file, corpus)]
    jobs += [(corpus_lib, i, corpus) for i in corpus_items(corpus_lib, corpus, excluded)]
    if bench is not None and bench_lib is not None:
        jobs += [(bench_lib, i, bench / "corpus") for i in bench_items(bench, subsets)]
    jobs = [j for j in jobs if j[1].document not in excluded]
    if limit is not None:
        jobs = jobs[:limit]
    out.mkdir(parents=True, exist_ok=True)
    splits: dict[str, list[dict[str, Any]]] = {"train": [], "valid": []}
    progress.start(len(jobs), "building examples")
    for lib, item, root in jobs:
        if progress.cancelled:
            break
        for example in examples_for(lib, item, _digest(item) % ABSTAIN_EVERY == 0):
            splits[split_of(item.document, root)].append(example)
        progress.advance(1, item.source)
    progress.finish()
    digest = hashlib.sha256()
    for name, examples in splits.items():
        body = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in examples)
        (out / f"{name}.jsonl").write_text(body, encoding="utf-8")
        digest.update(body.encode())
    documents = {s: sorted({e["document"] for e in ex}) for s, ex in splits.items()}
    leaked = set(documents["train"]) & set(documents["valid"])
    if leaked:  # the split is by document; a document in both would make validation meaningless
        raise AssertionError(f"documents in both splits: {sorted(leaked)[:3]}")
    manifest = {
        "data_sha256": digest.hexdigest(),
        "system_prompt_sha256": hashlib.sha256(SYSTEM_PROMPT.encode()).hexdigest(),
        "questions": len(jobs),
        "examples": {s: len(ex) for s, ex in splits.items()},
        "by_kind": {s: {k: sum(e["kind"] == k for e in ex) for k in ("answer", "abstain")} for s, ex in splits.items()},
        "by_source": {
            s: {src: sum(e["source"] == src for e in ex) for src in sorted({e["source"] for e in ex})}
            for s, ex in splits.items()
        },
        "documents": {s: len(d) for s, d in documents.items()},
        "report_documents_excluded": len(excluded),
        "bench_subsets": subsets or [],
        "top_k": corpus_lib.settings.top_k,
        "context_size": corpus_lib.settings.context_size,
    }
    (out / "data.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest
