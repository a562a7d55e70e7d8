"""The real PDFs of the metadata truth (tests/data/real_pdfs.json): here as fetched, and read to the targets.

A file of its own: reading the real PDFs (scans among them, read by OCR) is the fast tier's longest test,
and the fast tier's processes take whole files, so the other metadata tests run beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real_pdfs"


def test_every_real_pdf_is_here_as_fetched() -> None:
    """Each file of the truth is in the repository, byte for byte the file its source names, with a licence."""
    import hashlib

    docs = json.loads((ROOT / "tests" / "data" / "real_pdfs.json").read_text())["documents"]
    kept = [d for d in docs if not d["file"].startswith("corpus/")]
    assert len(kept) >= 78
    for d in kept:
        path = REAL / d["file"]
        assert path.is_file(), f"{d['file']} is missing from tests/data/real_pdfs/"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == d["sha256"], d["file"]
        assert d["source"]["repo"] and len(d["source"]["commit"]) == 40 and d["source"]["path"], d["file"]
        assert d["license"].startswith("Public domain"), d["file"]
    assert sorted(p.name for p in REAL.glob("*.pdf")) == sorted(d["file"] for d in kept)


def test_all_real_pdfs_meet_the_targets() -> None:
    """The 96 real PDFs of the truth (18 of the sample corpus, 78 here): each part meets every target."""
    from legalassist.benchmarks.metadata import main

    truth = ROOT / "tests" / "data" / "real_pdfs.json"
    assert main(["--pdfs", str(REAL), "--truth", str(truth), "--check"]) == 0
