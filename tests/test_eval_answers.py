"""The answer-evaluation question set and `legalassist eval-answers`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pymupdf
from conftest import CORPUS, ROOT

from legalassist.evaluate_answers import load_questions, summarise
from legalassist.generate.quotes import verify_quote

QUESTIONS = CORPUS / "questions.json"


def test_the_question_set_is_large_enough_and_its_evidence_is_on_the_pages_it_names() -> None:
    questions = json.loads(QUESTIONS.read_text(encoding="utf-8"))["questions"]
    answerable = [q for q in questions if q["documents"]]
    assert len(answerable) >= 40 and len(questions) - len(answerable) >= 10
    assert len({q["id"] for q in questions}) == len(questions)
    for q in answerable:
        assert q["pages"], q["id"]
        with pymupdf.open(CORPUS / q["documents"][0]) as doc:
            for page in q["pages"]:
                check = verify_quote(q["evidence"], doc[page - 1].get_text())
                assert check.verified and check.how in {"exact", "normalised"}, (q["id"], page)


def test_a_limited_run_keeps_answerable_and_unanswerable_questions() -> None:
    picked = load_questions(QUESTIONS, limit=10)
    assert len(picked) == 10
    assert any(q.answerable for q in picked) and any(not q.answerable for q in picked)


def test_rates_are_computed_over_the_right_questions() -> None:
    def record(answerable: bool, abstained: bool, expected: bool, claims: list[str]) -> dict:
        return {
            "answerable": answerable,
            "abstained": abstained,
            "cites_expected_document": expected,
            "cites_expected_page": expected,
            "claims": [{"support": s} for s in claims],
            "citations": 0 if abstained else 2,
            "citations_verified": 0 if abstained else 2,
            "model_quotes": 1,
            "model_quotes_verified": 0,
            "sources_ms": 40.0,
            "first_token_ms": None if abstained else 2000.0,
            "question_to_first_token_ms": None if abstained else 2100.0,
            "tokens": 0 if abstained else 51,
            "generation_s": 0.0 if abstained else 0.5,
        }

    report = summarise(
        [
            record(True, False, True, ["supported", "unsupported"]),
            record(True, True, False, ["partial"]),  # declined: its claims are not counted
            record(False, True, False, []),
            record(False, False, False, ["supported"]),
        ]
    )
    assert report["expected_doc_rate"] == 0.5
    assert report["answerable_abstention_rate"] == 0.5
    assert report["abstention_rate"] == 0.5
    assert report["claims_supported_rate"] == round(2 / 3, 4)
    assert report["quote_verified_rate"] == 1.0 and report["model_quote_verified_rate"] == 0.0
    assert report["tokens_per_s"] == 100.0  # 50 tokens after the first, over 0.5 s per answer


def test_eval_answers_runs_the_real_model_and_prints_the_contract(sample_library_dir: Path, tmp_path: Path) -> None:
    questions = {
        "questions": [
            {
                "id": "faa",
                "question": "What does the Federal Arbitration Act say about the validity of arbitration agreements?",
                "documents": ["us_code/9_USC_2.pdf"],
                "pages": [1],
                "evidence": "shall be valid, irrevocable, and enforceable",
            },
            {"id": "off", "question": "What is the recipe for sourdough bread?", "documents": [], "pages": []},
        ]
    }
    path = tmp_path / "questions.json"
    path.write_text(json.dumps(questions), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "legalassist", "--library", str(sample_library_dir), "eval-answers"]
        + ["--questions", str(path), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    for key in (
        "expected_doc_rate",
        "claims_supported_rate",
        "quote_verified_rate",
        "abstention_rate",
        "questions",
        "ttft_ms_p50",
        "tokens_per_s",
    ):
        assert key in report
    assert report["questions"] == 2
    assert report["abstention_rate"] == 1.0, "the bread question must not get an answer"
    faa = next(r for r in report["results"] if r["id"] == "faa")
    assert faa["cited_documents"] and faa["citations"] == faa["citations_verified"]
    if not faa["abstained"]:
        assert report["ttft_ms_p50"] > 0 and report["tokens_per_s"] > 0
