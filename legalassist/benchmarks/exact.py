"""Exact text wins: sentences and distinctive phrases pasted from real PDFs, searched in the default mode.

    python -m legalassist.benchmarks.exact --library DIR [--pdfs tests/data/real_pdfs]
        [--truth tests/data/real_pdfs.json] [--parts tune,report] [--seed 1] [--sentences 40] [--phrases 30] [--json]

The library at DIR is the sample corpus's library or a copy of it (``import`` skips what it holds); the real
PDFs of the truth file are imported into it, so the queries come from real court papers and the rest of the
corpus competes with them. Queries are drawn, with ``--seed``, from those PDFs' passages:

- a *pasted sentence*: one whole sentence of 12 to 45 words, as a user copies it from the viewer;
- a *distinctive phrase*: 6 to 9 consecutive words found in exactly one passage of the library.

A query is answered right when the first hit's passage holds its text (case, punctuation and line breaks
aside). Seeds split the set: choose on one seed, report on another.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import time
from pathlib import Path
from typing import Any

from legalassist.config import Settings

SENTENCE = (12, 45)
PHRASE = (6, 9)


def normalised(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def _sentences(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [s for s in re.split(r"(?<=[.?!])\s+(?=[A-Z“\"(])", flat) if s]


def draw_queries(
    passages: list[tuple[int, str]], everything: list[str], seed: int, sentences: int, phrases: int
) -> list[dict[str, Any]]:
    """``passages``: (passage id, text) of the real PDFs; ``everything``: every passage's text in the library,
    for telling a distinctive phrase (found once) from a common one."""
    rng = random.Random(seed)
    pool = passages[:]
    rng.shuffle(pool)
    corpus = [normalised(t) for t in everything]
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for kind, wanted in (("sentence", sentences), ("phrase", phrases)):
        got = 0
        for pid, text in pool:
            if got >= wanted:
                break
            candidates = [s for s in _sentences(text) if SENTENCE[0] <= len(s.split()) <= SENTENCE[1]]
            if not candidates:
                continue
            sentence = rng.choice(candidates)
            if kind == "sentence":
                query = sentence
            else:
                words = sentence.split()
                size = rng.randint(*PHRASE)
                start = rng.randint(0, max(0, len(words) - size))
                query = " ".join(words[start : start + size]).strip(" ,;:.")
                key = normalised(query)
                if len(key.split()) < PHRASE[0] or sum(key in c for c in corpus) != 1:
                    continue  # not distinctive: the phrase is in more than one passage
            key = normalised(query)
            if key in seen or not key:
                continue
            seen.add(key)
            out.append({"kind": kind, "query": query, "passage": pid})
            got += 1
    return out


def run(library_dir: Path, pdfs: list[Path], seed: int, sentences: int, phrases: int) -> dict[str, Any]:
    from legalassist.service import Library

    lib = Library(Settings(library_dir=library_dir))
    try:
        started = time.time()
        lib.import_paths(pdfs)
        imported = time.time() - started
        wanted = {str(p.resolve()) for p in pdfs}
        documents = lib.documents()
        real = [d for d in documents if d.path in wanted]
        by_doc = {d.id: lib.catalog.passages_of(d.id) for d in documents}
        passages = [(p.id, p.text) for d in real for p in by_doc[d.id]]
        everything = [p.text for ps in by_doc.values() for p in ps]
        queries = draw_queries(passages, everything, seed, sentences, phrases)
        results: dict[str, dict[str, int]] = {}
        misses: list[dict[str, Any]] = []
        for mode in ("hybrid", "keyword", "vector"):
            for q in queries:
                hits = lib.search(q["query"], 5, mode)
                ok = bool(hits) and normalised(q["query"]) in normalised(hits[0].passage.whole_text)
                tally = results.setdefault(f"{mode} {q['kind']}", {"right": 0, "of": 0})
                tally["of"] += 1
                tally["right"] += int(ok)
                if not ok and mode == "hybrid":
                    first = hits[0] if hits else None
                    misses.append(
                        {
                            "query": q["query"],
                            "kind": q["kind"],
                            "first": f"{first.document.title}, {first.passage.page_label()}" if first else "",
                        }
                    )
        return {
            "host": platform.node(),
            "date": time.strftime("%Y-%m-%d %H:%M"),
            "seed": seed,
            "documents": len(real),
            "library_documents": len(documents),
            "import_seconds": round(imported, 1),
            "queries": len(queries),
            "results": results,
            "misses": misses,
        }
    finally:
        lib.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--truth", type=Path, default=Path("tests/data/real_pdfs.json"))
    parser.add_argument("--pdfs", type=Path, default=Path("tests/data/real_pdfs"))
    # The 42 PDFs the recorded runs used; the metadata truth's later "fresh" part is added by naming it.
    parser.add_argument("--parts", default="tune,report", help="parts of the truth file whose PDFs are imported")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sentences", type=int, default=40)
    parser.add_argument("--phrases", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))
    docs = [d for d in json.loads(args.truth.read_text())["documents"] if d["part"] in parts]
    pdfs = [Path(d["file"]) if d["file"].startswith("corpus/") else args.pdfs / d["file"] for d in docs]
    report = run(args.library, [p for p in pdfs if p.exists()], args.seed, args.sentences, args.phrases)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"Exact text, seed {report['seed']}, {report['date']}, host {report['host']}: {report['queries']} queries "
        f"from {report['documents']} real PDFs in a library of {report['library_documents']} documents"
    )
    for key, t in report["results"].items():
        print(f"  {key:<18} {t['right']}/{t['of']} ({100 * t['right'] / max(1, t['of']):.0f}%) first")
    for m in report["misses"]:
        print(f"  missed ({m['kind']}): {m['query'][:90]!r} -> {m['first']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
