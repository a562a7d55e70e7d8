"""How many of the sample corpus's document-to-document citations the library finds.

    python -m legalassist.benchmarks.citations [--library DIR] [--corpus corpus] [--json]

corpus/manifest.json lists, for each document, the other corpus documents it cites (``cites_in_corpus``,
found by a plain regex when the corpus was assembled: a reference to check against, not the truth).
The sample corpus is imported (keyword index only; citations do not need embeddings) into DIR, or a
temporary folder, and each document's ``cites`` links are compared with the manifest's. Prints the
share of manifest links found, and every disagreement both ways with the citing text, for a judgment.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from legalassist.config import Settings
from legalassist.service import Library


def compare(lib: Library, corpus: Path) -> dict[str, Any]:
    manifest = json.loads((corpus / "manifest.json").read_text())
    by_path = {Path(d.path).resolve(): d for d in lib.documents()}

    def doc_of(rel: str) -> Any:
        return by_path.get((corpus / rel).resolve())

    expected_total = found_expected = 0
    missed: list[dict[str, Any]] = []
    extra: list[dict[str, Any]] = []
    per_doc = []
    for record in manifest:
        citing = doc_of(record["corpus_path"])
        if citing is None:
            continue
        expected = {d.id: rel for rel in record.get("cites_in_corpus", []) if (d := doc_of(rel)) is not None}
        links: dict[int, str] = {}
        for authority in lib.cites(citing.id):
            for d in authority.documents:
                links.setdefault(d.id, f"{authority.key} (p. {authority.places[0].page}: {authority.places[0].text!r})")
        hit = set(expected) & set(links)
        expected_total += len(expected)
        found_expected += len(hit)
        for d, rel in expected.items():
            if d not in links:
                missed.append({"citing": record["corpus_path"], "cited": rel})
        for d, why in links.items():
            if d not in expected:
                cited = lib.document(d)
                extra.append({"citing": record["corpus_path"], "cited": cited.path if cited else d, "because": why})
        per_doc.append(
            {"doc": record["corpus_path"], "expected": len(expected), "found": len(hit), "links": len(links)}
        )
    # What extraction costs at import: eyecite plus the added shapes, over every page of the library.
    from legalassist.citations.extract import extract_citations

    started = time.perf_counter()
    pages = found_citations = 0
    for d in lib.documents():
        texts = lib.catalog.page_texts(d.id)
        pages += len(texts)
        found_citations += len(extract_citations(texts))
    seconds = time.perf_counter() - started
    return {
        "extraction": {
            "pages": pages,
            "citations": found_citations,
            "seconds": round(seconds, 1),
            "pages_per_s": round(pages / seconds, 1) if seconds else None,
        },
        "manifest_links": expected_total,
        "found": found_expected,
        "recall": round(found_expected / expected_total, 3) if expected_total else None,
        "missed": missed,
        "extra": extra,
        "documents": per_doc,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--library", type=Path, help="library folder (default: a temporary one)")
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="legalassist-cites-") as tmp:
        folder = args.library or Path(tmp)
        with Library(Settings(library_dir=folder)) as lib:
            started = time.perf_counter()
            lib.import_paths([args.corpus], embed=False)
            result = compare(lib, args.corpus)
            result["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        json.dump(result, sys.stdout, indent=1)
        print()
        return 0
    ex = result["extraction"]
    print(
        f"extraction: {ex['citations']} citations on {ex['pages']} pages in {ex['seconds']} s ({ex['pages_per_s']} pages/s)"
    )
    print(f"manifest links found: {result['found']} of {result['manifest_links']} (recall {result['recall']})")
    print(f"\nmissed ({len(result['missed'])}):")
    for m in result["missed"]:
        print(f"  {m['citing']} -> {m['cited']}")
    print(f"\nfound, not in the manifest ({len(result['extra'])}):")
    for e in result["extra"]:
        print(f"  {e['citing']} -> {Path(str(e['cited'])).name}: {e['because']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
