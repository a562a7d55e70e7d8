"""The retrieval evaluation: LegalBench-RAG's character metrics, and offsets of imported text files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legalassist.evaluate import ModeScores, format_report, overlap, run
from legalassist.ingest.text import extract_text, page_offsets


@pytest.mark.parametrize(
    ("retrieved", "gold", "expected"),
    [
        ([("a", 0, 10)], [("a", 0, 10)], (10, 10, 10)),
        ([("a", 0, 10)], [("a", 5, 15)], (5, 10, 10)),
        ([("b", 0, 10)], [("a", 0, 10)], (0, 10, 10)),
        ([("a", 0, 10), ("a", 5, 20)], [("a", 0, 30)], (20, 20, 30)),  # overlapping retrievals count once
        ([("a", 0, 10), ("b", 0, 10)], [("a", 0, 5), ("a", 3, 8), ("b", 9, 12)], (9, 20, 11)),
        ([], [("a", 0, 4)], (0, 0, 4)),
    ],
)
def test_character_overlap(retrieved, gold, expected) -> None:
    assert overlap(retrieved, gold) == expected


def test_precision_recall_and_doc_hit_at_k() -> None:
    scores = ModeScores()
    gold = [("doc.txt", 100, 200)]
    scores.add([("other.txt", 0, 100), ("doc.txt", 150, 250)], gold)
    summary = scores.summary()
    assert summary["precision"]["1"] == 0.0 and summary["recall"]["1"] == 0.0 and summary["doc_hit"]["1"] == 0.0
    assert summary["precision"]["2"] == 0.25 and summary["recall"]["2"] == 0.5 and summary["doc_hit"]["2"] == 1.0


def test_text_pages_keep_file_offsets(tmp_path: Path) -> None:
    path = tmp_path / "opinion.txt"
    text = "First page.\r\nStill first.\fSecond page — “quoted”.\fThird"
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    pages = [p.text for p in extract_text(path).pages]
    assert len(pages) == 3
    for start, page in zip(page_offsets(pages), pages, strict=True):
        assert text[start : start + len(page)] == page


@pytest.mark.models
def test_eval_runs_end_to_end_on_a_tiny_bench(tmp_path: Path) -> None:
    from conftest import make_settings

    bench = tmp_path / "bench"
    (bench / "corpus" / "nda").mkdir(parents=True)
    (bench / "benchmarks").mkdir()
    docs = {
        "nda/acme.txt": "Mutual Non-Disclosure Agreement between Acme and Beta.\n\n"
        "The Receiving Party shall hold Confidential Information in strict confidence. "
        * 3
        + "\n\nThis Agreement is governed by the laws of the State of Delaware.",
        "nda/zeta.txt": "Supply Agreement between Zeta and Omega.\n\nDeliveries are due monthly. " * 5,
    }
    for name, text in docs.items():
        (bench / "corpus" / name).write_text(text, encoding="utf-8")
    law = docs["nda/acme.txt"].index("This Agreement is governed")
    tests = [
        {
            "query": "Consider the NDA between Acme and Beta; which law governs it?",
            "snippets": [{"file_path": "nda/acme.txt", "span": [law, len(docs["nda/acme.txt"])]}],
        }
    ]
    (bench / "benchmarks" / "nda.json").write_text(json.dumps({"tests": tests}))
    report = run(bench, make_settings(tmp_path / "lib", chunk_chars=200))
    assert report["queries"] == 1 and report["index_new_files"] == 2
    for mode in ("keyword", "vector", "hybrid"):
        assert report["overall"][mode]["doc_hit"]["64"] == 1.0
        assert report["overall"][mode]["recall"]["64"] == 1.0
    assert report["overall"]["hybrid"]["doc_hit"]["1"] == 1.0, "the query names its document"
    assert "OVERALL" in format_report(report)
    again = run(bench, make_settings(tmp_path / "lib", chunk_chars=200))
    assert again["index_new_files"] == 0, "the second run reuses the library"
