"""Answer evaluation over the sample corpus, through the app's own import, retrieval and answering.

    legalassist eval-answers [--json] [--questions FILE] [--corpus DIR] [--limit N]

FILE (default ``corpus/questions.json``) lists questions; each names the corpus documents that answer it
(paths relative to DIR) and the pages holding its evidence, or none for a question the corpus cannot
answer. The corpus is imported into a library of its own (reused, so a second run only asks), then every
question is asked as the app would. Reported:

- ``expected_doc_rate``: answerable questions whose answer cites an expected document;
- ``expected_page_rate``: ... cites an expected document at an evidence page;
- ``claims_supported_rate``: claims labelled supported, of all claims in the answers given;
- ``quote_verified_rate``: citations shown whose quote is verified on the cited page, re-checked here
  against the catalog's page text; ``model_quote_verified_rate``: text the model put in quotation marks
  that was found on a passage's page (the rest is flagged in the answer);
- ``abstention_rate``: unanswerable questions the app declined; ``answerable_abstention_rate``: answerable
  ones it declined (the cost of caution);
- timings: sources (retrieval) p50, first token p50/p95 from the start of generation and from the
  question, and generation speed in tokens per second.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legalassist.config import Settings
from legalassist.generate.quotes import verify_quote
from legalassist.progress import NullProgress, Progress

if TYPE_CHECKING:
    from legalassist.domain import Answer
    from legalassist.service import Library

SOURCE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = SOURCE_ROOT / "corpus"
DEFAULT_QUESTIONS = DEFAULT_CORPUS / "questions.json"


@dataclass
class Question:
    id: str
    text: str
    documents: list[str]  # relative to the corpus folder; empty: the corpus cannot answer it
    pages: list[int]

    @property
    def answerable(self) -> bool:
        return bool(self.documents)


def load_questions(path: Path, limit: int | None = None) -> list[Question]:
    raw = json.loads(path.read_text(encoding="utf-8"))["questions"]
    questions = [Question(q["id"], q["question"], list(q["documents"]), list(q.get("pages", []))) for q in raw]
    if limit is None:
        return questions
    # A limited run keeps the mix: the first answerable and unanswerable questions in proportion.
    answerable = [q for q in questions if q.answerable]
    other = [q for q in questions if not q.answerable]
    share = max(1, round(limit * len(other) / len(questions))) if other else 0
    return answerable[: max(0, limit - share)] + other[:share]


def default_library(corpus: Path) -> Path:
    from legalassist.evaluate import default_library as bench_library

    return bench_library(corpus).with_name("answers-" + bench_library(corpus).name)


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values`` by nearest rank; 0 for none."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def _record(
    lib: Library, question: Question, corpus: Path, answer: Answer, sources_s: float, first_token_s: float
) -> dict[str, Any]:
    expected = {str((corpus / d).resolve()) for d in question.documents}
    cited = answer.citations
    page_texts = {
        (c.passage.doc_id, c.passage.page): lib.catalog.page_text(c.passage.doc_id, c.passage.page) or "" for c in cited
    }
    # Checked again here, independently of the flag the answer carries.
    quotes_ok = [
        page_texts[c.passage.doc_id, c.passage.page][c.start : c.end] == c.quote
        and verify_quote(c.quote, page_texts[c.passage.doc_id, c.passage.page]).verified
        for c in cited
    ]
    claim_quotes = [q for claim in answer.claims for q in claim.quotes]
    t = answer.timings
    return {
        "id": question.id,
        "question": question.text,
        "answerable": question.answerable,
        "abstained": answer.abstained,
        "answer": answer.text,
        "cited_documents": sorted({_relative(c.document.path, corpus) for c in cited}),
        "cites_expected_document": any(str(Path(c.document.path).resolve()) in expected for c in cited),
        "cites_expected_page": any(
            str(Path(c.document.path).resolve()) in expected and c.passage.page in question.pages for c in cited
        ),
        "claims": [
            {"text": c.text, "support": c.support, "score": c.score, "quotes": [q.to_json() for q in c.quotes]}
            for c in answer.claims
        ],
        "citations": len(cited),
        "citations_verified": sum(quotes_ok),
        "model_quotes": len(claim_quotes),
        "model_quotes_verified": sum(q.verified for q in claim_quotes),
        "sources_ms": round(sources_s * 1000, 1),
        # Answers the model wrote (later declined ones included): from the start of generation, and as
        # the user waits, from the question to the first token on screen.
        "first_token_ms": round(t["first_token"] * 1000, 1) if "first_token" in t else None,
        "question_to_first_token_ms": round(first_token_s * 1000, 1) if "first_token" in t else None,
        "tokens": answer.tokens,
        "generation_s": round(t.get("generation", 0.0) - t.get("first_token", 0.0), 3),
    }


def _relative(path: str, corpus: Path) -> str:
    resolved = Path(path).resolve()
    return str(resolved.relative_to(corpus.resolve())) if resolved.is_relative_to(corpus.resolve()) else path


def _rate(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    answerable = [r for r in records if r["answerable"]]
    unanswerable = [r for r in records if not r["answerable"]]
    answered = [r for r in records if not r["abstained"]]
    claims = [c for r in answered for c in r["claims"]]
    shown = sum(r["citations"] for r in answered)
    verified = sum(r["citations_verified"] for r in answered)
    quoted = sum(r["model_quotes"] for r in answered)
    firsts = [r["first_token_ms"] for r in records if r["first_token_ms"] is not None]
    from_question = [r["question_to_first_token_ms"] for r in records if r["question_to_first_token_ms"] is not None]
    gen_tokens = sum(max(0, r["tokens"] - 1) for r in records if r["generation_s"] > 0)
    gen_s = sum(r["generation_s"] for r in records if r["generation_s"] > 0)
    return {
        "questions": len(records),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "expected_doc_rate": _rate(sum(r["cites_expected_document"] for r in answerable), len(answerable)),
        "expected_page_rate": _rate(sum(r["cites_expected_page"] for r in answerable), len(answerable)),
        "claims_supported_rate": _rate(sum(c["support"] == "supported" for c in claims), len(claims)),
        "claims_partial_rate": _rate(sum(c["support"] == "partial" for c in claims), len(claims)),
        "claims": len(claims),
        "quote_verified_rate": _rate(verified, shown),
        "citations": shown,
        # Text the model itself put in quotation marks: an unverified one is flagged and makes its claim
        # unsupported; this says how often the model quotes faithfully.
        "model_quote_verified_rate": _rate(sum(r["model_quotes_verified"] for r in answered), quoted),
        "model_quotes": quoted,
        "abstention_rate": _rate(sum(r["abstained"] for r in unanswerable), len(unanswerable)),
        "answerable_abstention_rate": _rate(sum(r["abstained"] for r in answerable), len(answerable)),
        "sources_ms_p50": round(percentile([r["sources_ms"] for r in records], 0.5), 1),
        "sources_ms_p95": round(percentile([r["sources_ms"] for r in records], 0.95), 1),
        "ttft_ms_p50": round(percentile(firsts, 0.5), 1),
        "ttft_ms_p95": round(percentile(firsts, 0.95), 1),
        "question_to_first_token_ms_p50": round(percentile(from_question, 0.5), 1),
        "tokens_per_s": round(gen_tokens / gen_s, 1) if gen_s else 0.0,
    }


def evaluate(
    lib: Library, questions: list[Question], corpus: Path = DEFAULT_CORPUS, progress: Progress | None = None
) -> dict[str, Any]:
    """Ask every question of an open library holding the corpus; the summary with per-question results."""
    progress = progress or NullProgress()
    records = []
    progress.start(len(questions), "asking")
    sources_at: list[float] = []
    tokens_at: list[float] = []
    for q in questions:
        sources_at.clear()
        tokens_at.clear()
        t0 = time.perf_counter()
        answer = lib.ask(
            q.text,
            on_token=lambda _piece: tokens_at.append(time.perf_counter()),
            on_sources=lambda _hits: sources_at.append(time.perf_counter()),
        )
        sources_s = (sources_at[0] if sources_at else t0) - t0
        records.append(_record(lib, q, corpus, answer, sources_s, (tokens_at[0] if tokens_at else t0) - t0))
        progress.advance(1, q.id)
    progress.finish()
    report = summarise(records)
    report["model"] = lib.settings.chat_model_path.name
    report["results"] = records
    return report


def run(
    settings: Settings,
    questions: list[Question],
    corpus: Path = DEFAULT_CORPUS,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Import the corpus into the library ``settings`` name (unchanged files are skipped), then evaluate."""
    from legalassist.service import Library

    with Library(settings) as lib:
        started = time.perf_counter()
        wanted = sorted({d for q in questions for d in q.documents}) if len(questions) < 20 else []
        # The whole corpus normally (the distractors are the point); a short run imports only what it asks about.
        lib.import_paths([corpus / d for d in wanted] if wanted else [corpus], progress)
        index_s = time.perf_counter() - started
        report = evaluate(lib, questions, corpus, progress)
    report["index_s"] = round(index_s, 1)
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = [
        f"{report['questions']} questions ({report['answerable']} answerable, {report['unanswerable']} not), "
        f"model {report['model']}",
        f"  answers citing an expected document   {report['expected_doc_rate']:.1%}"
        f"   (at an evidence page {report['expected_page_rate']:.1%})",
        f"  claims supported                      {report['claims_supported_rate']:.1%}"
        f"   (partly {report['claims_partial_rate']:.1%}, of {report['claims']})",
        f"  citations verified on their page       {report['quote_verified_rate']:.1%}   (of {report['citations']})",
        f"  the model's own quotations verified    {report['model_quote_verified_rate']:.1%}"
        f"   (of {report['model_quotes']}; the rest flagged)",
        f"  abstained when the corpus cannot answer {report['abstention_rate']:.1%}"
        f"   (when it can: {report['answerable_abstention_rate']:.1%})",
        f"  sources p50 {report['sources_ms_p50']} ms; first token p50 {report['ttft_ms_p50']} ms "
        f"(p95 {report['ttft_ms_p95']}; from the question {report['question_to_first_token_ms_p50']} ms); "
        f"{report['tokens_per_s']} tokens/s",
        "",
    ]
    for r in report["results"]:
        if r["answerable"]:
            mark = "ok  " if r["cites_expected_document"] else ("ABST" if r["abstained"] else "MISS")
        else:
            mark = "ok  " if r["abstained"] else "ANSW"
        lines.append(f"  {mark} {r['id']} {r['question'][:90]}")
    return "\n".join(lines)
