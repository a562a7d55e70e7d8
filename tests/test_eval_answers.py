"""The answer-evaluation question set and `legalassist eval-answers`."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
from conftest import CORPUS, run_cli

from legalassist.domain import Answer, Claim
from legalassist.evaluate_answers import contradictions, load_questions, statement, states_expected, summarise
from legalassist.generate.facts import normalise
from legalassist.generate.quotes import verify_quote

QUESTIONS = CORPUS / "questions.json"


def _quoted_on(evidence: str, page_text: str) -> bool:
    """Whether ``evidence`` is on the page as written (exactly, or with whitespace and quotes normalised)."""
    check = verify_quote(evidence, page_text)
    return check.verified and check.how in {"exact", "normalised"}


def test_the_question_set_is_large_enough_and_its_evidence_is_on_the_pages_it_names() -> None:
    questions = json.loads(QUESTIONS.read_text(encoding="utf-8"))["questions"]
    answerable = [q for q in questions if q["documents"]]
    unanswerable = [q for q in questions if not q["documents"]]
    assert len(answerable) >= 120 and len(unanswerable) >= 40
    assert sum(q["kind"] == "near_miss" for q in unanswerable) >= 20
    assert {q["kind"] for q in unanswerable} == {"near_miss", "off_domain"}
    assert len({q["id"] for q in questions}) == len(questions)
    for q in answerable:
        assert q["pages"], q["id"]
        assert q["expect"].get("facts") or q["expect"].get("polarity") in ("yes", "no"), q["id"]
        with pymupdf.open(CORPUS / q["documents"][0]) as doc:
            for page in q["pages"]:
                assert _quoted_on(q["evidence"], doc[page - 1].get_text()), (q["id"], page)
                # What a correct answer must state is on the page too (number words as digits).
                for fact in q["expect"].get("facts", []):
                    text = normalise(doc[page - 1].get_text())
                    assert any(normalise(alt) in text for alt in fact.split("|")) or page != q["pages"][0], (
                        q["id"],
                        fact,
                    )


def test_the_fresh_yes_no_questions_are_on_report_half_documents_with_their_evidence() -> None:
    """corpus/questions_leads.json checks the Yes/No the app reads from quotes on questions it was not made on:
    report-half documents only, each question's evidence on the page it names."""
    questions = json.loads(QUESTIONS.read_text(encoding="utf-8"))["questions"]
    report = {d for q in questions if q["half"] == "report" for d in q["documents"]}
    fresh = json.loads((CORPUS / "questions_leads.json").read_text(encoding="utf-8"))["questions"]
    assert len(fresh) >= 30 and len({q["id"] for q in fresh}) == len(fresh)
    for q in fresh:
        assert q["half"] == "report" and set(q["documents"]) <= report, q["id"]
        assert q["expect"]["polarity"] in ("yes", "no") and q["pages"], q["id"]
        with pymupdf.open(CORPUS / q["documents"][0]) as doc:
            assert _quoted_on(q["evidence"], doc[q["pages"][0] - 1].get_text()), q["id"]


def test_the_halves_are_split_by_document_and_balanced() -> None:
    questions = json.loads(QUESTIONS.read_text(encoding="utf-8"))["questions"]
    halves: dict[str, set[str]] = {}
    for q in questions:
        for d in q["documents"]:
            halves.setdefault(d, set()).add(q["half"])
    assert all(len(h) == 1 for h in halves.values()), "a document in both halves"
    for category in ("answerable", "near_miss", "off_domain"):
        mine = [q for q in questions if (q.get("kind") or "answerable") == category]
        tune = sum(q["half"] == "tune" for q in mine)
        assert abs(2 * tune - len(mine)) <= 2, category


def test_a_limited_run_keeps_answerable_and_unanswerable_questions() -> None:
    picked = load_questions(QUESTIONS, limit=10)
    assert len(picked) == 10
    assert any(q.answerable for q in picked) and any(not q.answerable for q in picked)
    assert {q.half for q in load_questions(QUESTIONS, half="tune")} == {"tune"}


def _answer(text: str, claims: list[tuple[str, str]], abstained: bool = False) -> Answer:
    return Answer("q", text, [], [Claim(t, [], s) for t, s in claims], "model", abstained)


@pytest.mark.parametrize(
    ("text", "expect", "stated"),
    [
        ("Within three years from the day it accrued.", {"facts": ["3 years"]}, True),
        ("Within 5 years.", {"facts": ["3 years"]}, False),
        ("No. The Convention does not prohibit service by mail.", {"polarity": "no"}, True),
        ("The Convention does not prohibit service by mail.", {"polarity": "no"}, True),
        ("The Convention prohibits service by mail.", {"polarity": "no"}, False),
        ("Yes, it may.", {"polarity": "yes"}, True),
        ("It exhausts its patent rights.", {"polarity": "yes", "facts": ["exhaust"]}, True),
        ("", {"polarity": "yes"}, False),
        # A quotation's negations are its source's, so a quote states no yes or no.
        (
            '"No person except a natural born Citizen … shall be eligible to the Office of President" [1]',
            {"polarity": "yes"},
            False,
        ),
        ("\u201cNo person except a natural born Citizen … shall be eligible\u201d [1]", {"polarity": "no"}, False),
        ('Yes. "No person except a natural born Citizen … shall be eligible" [1]', {"polarity": "yes"}, True),
    ],
)
def test_what_counts_as_stating_the_expected_answer(text: str, expect: dict, stated: bool) -> None:
    assert states_expected(text, expect) is stated


def test_the_statement_is_what_the_app_stands_behind_and_contradictions_are_counted() -> None:
    answer = _answer(
        "No. It shall be commenced within 5 years. It must be commenced within three years.",
        [
            ("It shall be commenced within 5 years.", "supported"),
            ("It must be commenced within three years.", "unsupported"),
        ],
    )
    assert statement(answer) == "No. It shall be commenced within 5 years."
    assert contradictions(answer, {"facts": ["3 years"]}) == ["It shall be commenced within 5 years."]
    assert contradictions(answer, {"polarity": "yes"}) == ["No"]
    assert contradictions(_answer("x", [], abstained=True), {"polarity": "yes"}) == []
    quoted = _answer(
        '"Any such contract shall to that extent be void." [1]',
        [('"Any such contract shall to that extent be void." [1]', "supported")],
    )
    assert contradictions(quoted, {"polarity": "no", "facts": ["void"]}) == [], "a quote is not a Yes"
    two = '"No person … for more than two years of a term … shall be elected … more than once." [1]'
    assert contradictions(_answer(two, [(two, "supported")]), {"facts": ["4 years"]}) == [two], (
        "a quote's period still counts"
    )


def _record(
    category: str, abstained: bool, correct: bool, claims: list[str], contradicted: int = 0, tokens: int = 51
) -> dict:
    """One question's record as evaluate_answers writes it."""
    return {
        "half": "report",
        "category": category,
        "answerable": category == "answerable",
        "abstained": abstained,
        "correct": correct,
        "states_expected": correct,
        "cites_evidence": correct,
        "cites_expected_document": correct,
        "contradicted_shown": ["x"] * contradicted,
        "claims": [{"support": s} for s in claims],
        "citations": 0 if abstained else 2,
        "citations_verified": 0 if abstained else 2,
        "citations_inside_seen": 0 if abstained else 1,
        "markers_written": 0 if abstained else 2,
        "markers_kept": 0 if abstained else 1,
        "sources_ms": 40.0,
        "first_token_ms": None if abstained else 2000.0,
        "question_to_first_token_ms": None if abstained else 2100.0,
        "tokens": 0 if abstained else tokens,
        "generation_s": 0.0 if abstained else 0.5,
    }


def test_rates_are_computed_over_the_right_questions_with_counts() -> None:
    report = summarise(
        [
            _record("answerable", False, True, ["supported", "unsupported"], contradicted=1),
            _record("answerable", True, False, ["partial"]),  # declined: its claims are not counted
            _record("near_miss", True, False, []),
            _record("off_domain", False, False, ["supported"]),
        ]
    )
    assert report["correct"] == {"rate": 0.5, "n": 1, "of": 2}
    assert report["abstained_answerable"]["n"] == 1
    assert report["abstained_near_miss"] == {"rate": 1.0, "n": 1, "of": 1}
    assert report["abstained_off_domain"] == {"rate": 0.0, "n": 0, "of": 1}
    assert report["grounded_claims"] == {"rate": round(2 / 3, 4), "n": 2, "of": 3}
    assert report["contradicted_shown"] == {"rate": 0.5, "n": 1, "of": 2}
    assert report["model_markers_kept"] == {"rate": 0.5, "n": 2, "of": 4}
    assert report["quote_integrity"]["rate"] == 1.0 and report["quotes_inside_seen"]["rate"] == 0.5
    assert report["tokens_per_s"] == 100.0  # 50 tokens after the first, over 0.5 s per answer


def test_the_benchmark_table_marks_each_writers_targets_met_or_missed() -> None:
    from legalassist.benchmarks.suite import answers_table, halves_of

    model = summarise(
        [
            _record("answerable", False, True, ["supported"], contradicted=1),
            _record("near_miss", False, False, ["supported"]),
        ]
    )
    extractive = summarise(
        [_record("answerable", False, True, ["supported"], tokens=0), _record("near_miss", True, False, [])]
    )
    arms = {"date": "2026-12-05", "host": "h", "questions": 4, "model": {"report": model}}
    arms["extractive"] = {"report": extractive, "tune": model}  # as make bench puts the default writer's run
    table = answers_table(halves_of(arms, "report"), "extractive")
    assert table[0] == "| measure | target | extractive (the default) | base model |"
    rows = {line.split(" | ")[0].lstrip("| "): line.split(" | ")[2:] for line in table[2:]}
    assert rows["contradicted claims shown as supported"] == ["0.0% (0 of 1): met", "50.0% (1 of 2): **missed** |"]
    assert rows["abstained, near-miss questions"][1].startswith("0.0% (0 of 1): **missed**")
    assert rows["generation speed"][0] == "no model"


def test_eval_answers_runs_the_real_model_and_prints_the_contract(sample_library_dir: Path, tmp_path: Path) -> None:
    questions = {
        "questions": [
            {
                "id": "faa",
                "question": "What does the Federal Arbitration Act say about the validity of arbitration agreements?",
                "documents": ["us_code/9_USC_2.pdf"],
                "pages": [1],
                "evidence": "shall be valid, irrevocable, and enforceable",
                "expect": {"facts": ["valid", "enforceable"]},
                "half": "report",
            },
            {
                "id": "off",
                "question": "What is the recipe for sourdough bread?",
                "documents": [],
                "pages": [],
                "kind": "off_domain",
                "half": "report",
            },
        ]
    }
    path = tmp_path / "questions.json"
    path.write_text(json.dumps(questions), encoding="utf-8")
    proc = run_cli(
        "eval-answers",
        "--questions",
        path,
        "--json",
        library=sample_library_dir,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    half = report["report"]
    for key in (
        "correct",
        "grounded_claims",
        "contradicted_shown",
        "abstained_off_domain",
        "abstained_near_miss",
        "abstained_answerable",
        "model_markers_kept",
        "quote_integrity",
        "quotes_inside_seen",
        "ttft_ms_p50",
        "tokens_per_s",
    ):
        assert key in half, key
    assert report["questions"] == 2 and "tune" not in report
    assert half["abstained_off_domain"] == {"rate": 1.0, "n": 1, "of": 1}, "the bread question must not get an answer"
    faa = next(r for r in report["results"] if r["id"] == "faa")
    assert faa["model_text"], "the model's raw output is part of the record"
    if not faa["abstained"]:
        assert faa["cited_documents"] and faa["citations"] == faa["citations_verified"] == faa["citations_inside_seen"]
        assert half["ttft_ms_p50"] > 0 and half["tokens_per_s"] > 0


@pytest.mark.parametrize(
    ("name", "at_least", "report"),
    [
        ("questions_near.json", 39, 20),
        ("questions_near_2.json", 40, 20),
        ("questions_near_3.json", 30, 30),
        ("questions_near_4.json", 20, 20),
        ("questions_near_5.json", 20, 20),
    ],
)
def test_the_fresh_near_misses_are_unanswerable_questions_split_in_halves(
    name: str, at_least: int, report: int
) -> None:
    """corpus/questions_near*.json: near misses written before anything ran on them, tuning and report batches
    (the third to fifth files are all report), none asking what another question file asks."""
    near = json.loads((CORPUS / name).read_text(encoding="utf-8"))["questions"]
    assert len({q["id"] for q in near}) == len(near) >= at_least
    assert all(q["kind"] == "near_miss" and not q["documents"] and not q["evidence"] for q in near)
    assert sum(q["half"] == "report" for q in near) == report
    picked = load_questions(CORPUS / name, half="report")
    assert len(picked) == report and not any(q.answerable for q in picked)
    others = [
        q
        for other in CORPUS.glob("questions*.json")
        if other.name != name
        for q in json.loads(other.read_text(encoding="utf-8"))["questions"]
    ]
    asked = {q["question"].casefold() for q in others}
    assert not [q["id"] for q in near if q["question"].casefold() in asked]
    assert not {q["id"] for q in others} & {q["id"] for q in near}, "ids are unique across the question files"
