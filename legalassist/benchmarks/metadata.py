"""Metadata read from real PDFs against hand-checked truth: title, court, decision date and type.

    python -m legalassist.benchmarks.metadata [--truth tests/data/real_pdfs.json] [--pdfs tests/data/real_pdfs]
        [--part tune|report|fresh|fresh-2|fresh-3|fresh-4|all] [--corpus-manifest corpus/manifest.json] [--show]

The truth file names each PDF's source, licence and sha256; files named ``corpus/…`` are the sample
corpus's own real PDFs, the others are read from ``--pdfs``. Extraction runs as on import (OCR included), on
the pages the reader looks at (the first ten and the last);
no PDF keywords are read (the corpus builder writes its truth there), so every field is read from the page.
``--corpus-manifest`` also measures every document of the sample corpus (most rendered from text) the same
way, against its manifest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from legalassist.ingest.metadata import guess_metadata
from legalassist.ingest.pdf import extract_pdf

FIELDS = ("title", "court", "date", "doc_type")
TARGETS = {"title": 0.85, "court": 0.9, "date": 0.9, "doc_type": 0.9}  # the share right, per field
# tune: the rules were written on it; report: first run after the rules were frozen, then fixed; fresh,
# fresh-2, fresh-3 and fresh-4: sets labelled later, each run once before any rule was written for it.
PARTS = ("tune", "report", "fresh", "fresh-2", "fresh-3", "fresh-4")
MAX_TITLE = 150  # a caption pasted whole is not a title (a statute's section heading is: it is the section's name)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9&]+", " ", text.lower()).split())


def court_key(name: str) -> str:
    """Court names compared without case, punctuation or "United States"/"U.S." spelling."""
    key = _words(name).replace("united states", "us").replace("u s ", "us ")
    return re.sub(r"^the ", "", key)


def title_ok(title: str, keys: list[str], statute: bool = False) -> bool:
    words = f" {_words(title)} "
    return (statute or len(title) <= MAX_TITLE) and all(f" {_words(k)} " in words for k in keys)


@dataclass
class Tally:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, got: dict[str, str], truth: dict[str, object]) -> None:
        checks = {
            "title": title_ok(
                got.get("title", ""),
                [str(k) for k in truth["title_keys"]],  # type: ignore[attr-defined]
                statute=truth["doc_type"] == "statute",
            ),
            "court": court_key(got.get("court", "")) == court_key(str(truth["court"] or "")),
            "date": truth["date"] is None or got.get("date", "") == truth["date"],
            "doc_type": got.get("doc_type", "") == truth["doc_type"],
        }
        for f, ok in checks.items():
            if f == "date" and truth["date"] is None:
                continue
            self.scored[f] += 1
            self.right[f] += int(ok)
            if not ok:
                want = truth["title_keys"] if f == "title" else truth[f]
                self.misses.append(f"{name}: {f} {got.get(f, '')!r}, truth {want!r}")

    def below_target(self) -> list[str]:
        return [f for f in FIELDS if self.scored[f] and self.right[f] < TARGETS[f] * self.scored[f]]

    def row(self, label: str) -> str:
        cells = []
        for f in FIELDS:
            n, r = self.scored[f], self.right[f]
            cells.append(f"{r}/{n} ({100 * r / n:.0f}%)" if n else "–")
        return f"| {label} | " + " | ".join(cells) + " |"


def _read(path: Path) -> tuple[list, dict[str, str]]:
    # The pages the reader looks at (ingest.metadata: the first three, a letter's first ten, the last), OCR
    # included; the others stay empty, which spares OCR of long scans and changes no field scored here.
    extracted = extract_pdf(path, "eng", read=lambda index, count: index < 10 or index == count - 1)
    return extracted.pages, extracted.metadata


def _measure(entries: list[tuple[str, Path, dict[str, object]]], show: bool) -> Tally:
    tally = Tally()
    for name, path, truth in entries:
        pages, pdf_meta = _read(path)
        got = guess_metadata(path, pages, pdf_meta)
        tally.add(name, got, truth)
        if show:
            print(
                f"  {name}: {got.get('title')!r} · {got.get('court')!r} · {got.get('date')!r} · {got.get('doc_type')}"
            )
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--truth", type=Path, default=Path("tests/data/real_pdfs.json"))
    parser.add_argument("--pdfs", type=Path, default=Path("tests/data/real_pdfs"))
    parser.add_argument("--part", choices=(*PARTS, "all"), default="all")
    parser.add_argument("--corpus-manifest", type=Path, default=None)
    parser.add_argument("--show", action="store_true", help="print every document's fields and every miss")
    parser.add_argument("--check", action="store_true", help="exit 1 when a part misses a target")
    args = parser.parse_args(argv)

    started = time.time()
    docs = json.loads(args.truth.read_text())["documents"]
    parts: dict[str, list[tuple[str, Path, dict[str, object]]]] = {part: [] for part in PARTS}
    missing = []
    for d in docs:
        if args.part != "all" and d["part"] != args.part:
            continue
        file = d["file"]
        path = Path(file) if file.startswith("corpus/") else args.pdfs / file
        if not path.exists():
            missing.append(file)
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() != d["sha256"]:
            print(f"{path}: sha256 differs from the truth file's; is it the same document?", file=sys.stderr)
            return 2
        parts[d["part"]].append((file, path, d["truth"]))
    if missing:
        print(f"{len(missing)} PDFs not found under {args.pdfs} (first: {missing[0]})", file=sys.stderr)
        return 2

    print(f"Metadata read from the page, {time.strftime('%Y-%m-%d %H:%M')}, host {platform.node()}")
    print("| part | title | court | decision date | type |")
    print("|---|---|---|---|---|")
    tallies = {}
    for part, entries in parts.items():
        if entries:
            tallies[part] = _measure(entries, args.show)
            print(tallies[part].row(f"{part} ({len(entries)} PDFs)"))
    if args.corpus_manifest:
        root = args.corpus_manifest.parent
        entries = []
        for m in json.loads(args.corpus_manifest.read_text()):
            if m["format"] == "pdf":
                continue  # the corpus's real PDFs are in the truth file
            name = m["title"].split(" v. ")[0] if " v. " in m["title"] else m.get("citation") or m["title"]
            truth = {
                "title_keys": [name],
                "court": m.get("court", ""),
                "date": m.get("date") or None,
                "doc_type": m["doc_type"],
            }
            entries.append((m["corpus_path"], root / m["corpus_path"], truth))
        tallies["corpus"] = _measure(entries, args.show)
        print(tallies["corpus"].row(f"sample corpus rendered from text, keywords ignored ({len(entries)})"))
    if args.show:
        for part, tally in tallies.items():
            for miss in tally.misses:
                print(f"  miss ({part}) {miss}")
    print(f"({time.time() - started:.0f} s)")
    missed = {part: t.below_target() for part, t in tallies.items() if t.below_target()}
    for part, fields in missed.items():
        print(f"missed: {part}: {', '.join(fields)} below target {', '.join(f'{TARGETS[f]:.0%}' for f in fields)}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
