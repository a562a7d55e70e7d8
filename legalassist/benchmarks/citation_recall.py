"""Citation recall on real court PDFs, against citations read and written down by hand.

    python -m legalassist.benchmarks.citation_recall [--truth tests/data/citations_real.json]
        [--pdfs tests/data/real_pdfs] [--part tune|report|all] [--show]

The truth file lists, for chosen pages of real opinions (their sources are in tests/data/real_pdfs.json),
every citation of an authority printed on the page: cases (full, short, Id.), statutes, regulations, the
Constitution, Tax Court memoranda, dockets and journals. Record cites ("Tr. at 23", "Id. at 14" after a
transcript) and treatises are left out. Each entry is the text as printed (the n-th entry with one text on
a page is its n-th occurrence) and the authority it names, written as the app keys it ("45 U.S.C. § 56",
"347 U.S. 483"). An entry counts as found when a citation the app extracts from that document overlaps the
printed text on that page and names the same authority (compared without case, spaces, punctuation, "§" or
a state code's "Ann."). A citation over the printed text that names another authority is counted as wrong.

Part 'tune' documents were looked at while changing the extractor; 'report' documents were not; 'fresh' documents
were written down after both, and their first run is out of sample.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from legalassist.citations.extract import FoundCitation, extract_citations
from legalassist.ingest.pdf import extract_pdf

TARGET = 0.90


def authority_key(key: str) -> str:
    """ "Okla. Stat. Ann. tit. 10, § 7301-1.3" and "okla stat tit 10 7301-1.3" are one authority."""
    key = re.sub(r"\bAnn\.", "", key, flags=re.IGNORECASE)
    return re.sub(r"[^a-z0-9]+", "", key.lower())


@dataclass
class Tally:
    found: int = 0
    wrong: int = 0
    total: int = 0
    extra: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)  # misses by the truth's kind of authority
    lines: list[str] = field(default_factory=list)

    def row(self, label: str) -> str:
        share = self.found / self.total if self.total else 0.0
        verdict = "met" if share >= TARGET else "**missed**"
        return (
            f"| {label} | {self.found}/{self.total} ({100 * share:.1f}%) | {self.wrong} | {self.extra} | "
            f"≥ {TARGET:.0%}: {verdict} |"
        )


def kind_of(key: str) -> str:
    if "U.S.C." in key:
        return "U.S. Code"
    if "Const." in key:
        return "Constitution"
    if "§" in key:
        return "state code"
    if "Memo." in key:
        return "Tax Court memo"
    if key.startswith("No. "):
        return "docket"
    return "case or journal"


def score_page(text: str, truth: list[tuple[str, str]], found: list[FoundCitation], tally: Tally, where: str) -> None:
    seen: Counter[str] = Counter()
    spans: list[tuple[int, int]] = []
    for printed, key in truth:
        at = -1
        for _ in range(seen[printed] + 1):
            at = text.find(printed, at + 1)
            if at < 0:
                raise ValueError(f"{where}: {printed!r} occurs fewer than {seen[printed] + 1} times on the page")
        seen[printed] += 1
        start, end = at, at + len(printed)
        spans.append((start, end))
        over = [c for c in found if c.start < end and start < c.end]
        want = authority_key(key)
        tally.total += 1
        if any(want in {authority_key(c.key), *(authority_key(t) for t in c.targets)} for c in over):
            tally.found += 1
            continue
        tally.by_kind[kind_of(key)] += 1
        if over:
            tally.wrong += 1
            tally.lines.append(f"  wrong {where}: {printed!r} is {key!r}; read as {sorted({c.key for c in over})}")
        else:
            context = " ".join(text[max(0, start - 30) : end + 30].split())
            tally.lines.append(f"  miss  {where}: {printed!r} ({key}) in “…{context}…”")
    for c in found:
        if not any(c.start < e and s < c.end for s, e in spans):
            tally.extra += 1
            tally.lines.append(f"  extra {where}: {c.text!r} read as {c.key!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--truth", type=Path, default=Path("tests/data/citations_real.json"))
    parser.add_argument("--sources", type=Path, default=Path("tests/data/real_pdfs.json"))
    parser.add_argument("--pdfs", type=Path, default=Path("tests/data/real_pdfs"))
    parser.add_argument("--part", choices=("tune", "report", "fresh", "all"), default="all")
    parser.add_argument("--show", action="store_true", help="print every miss, wrong authority and extra citation")
    parser.add_argument("--check", action="store_true", help="exit 1 when a part misses the target")
    args = parser.parse_args(argv)

    started = time.time()
    sha = {d["file"]: d["sha256"] for d in json.loads(args.sources.read_text())["documents"]}
    tallies: dict[str, Tally] = {}
    for doc in json.loads(args.truth.read_text())["documents"]:
        if args.part != "all" and doc["part"] != args.part:
            continue
        name = doc["file"]
        path = Path(name) if name.startswith("corpus/") else args.pdfs / name
        if not path.exists():
            print(f"{path}: not found; the real PDFs' sources are listed in {args.sources}", file=sys.stderr)
            return 2
        if hashlib.sha256(path.read_bytes()).hexdigest() != sha.get(name):
            print(f"{path}: sha256 differs from {args.sources}; is it the same document?", file=sys.stderr)
            return 2
        pages = extract_pdf(path, "eng").pages
        texts = {p.number: p.text for p in pages}
        found = extract_citations([(p.number, p.text) for p in pages])
        tally = tallies.setdefault(doc["part"], Tally())
        for page, truth in doc["pages"].items():
            on_page = [c for c in found if c.page == int(page)]
            score_page(texts[int(page)], [tuple(t) for t in truth], on_page, tally, f"{name} p{page}")

    print(f"Citation recall on real PDFs, {time.strftime('%Y-%m-%d %H:%M')}, host {platform.node()}")
    print("| part | found | wrong authority | extra (not in the truth) | target |")
    print("|---|---|---|---|---|")
    for part, tally in tallies.items():
        print(tally.row(part))
    for part, tally in tallies.items():
        if tally.by_kind:
            print(f"misses in {part} by kind: " + ", ".join(f"{k} {n}" for k, n in tally.by_kind.most_common()))
        if args.show:
            print("\n".join(tally.lines))
    print(f"({time.time() - started:.0f} s)")
    missed = [p for p, t in tallies.items() if t.found < TARGET * t.total]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
