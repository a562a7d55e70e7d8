"""Answer evaluation over the sample corpus, through the app's own import, retrieval and answering.

    legalassist eval-answers [--json] [--questions FILE] [--corpus DIR] [--limit N] [--half tune|report]

FILE (default ``corpus/questions.json``) lists questions. An answerable one names the corpus documents
that answer it (paths relative to DIR), the pages holding its evidence, the evidence itself, and what a
correct answer must state (``expect``: key facts, each "a|b" for alternatives, and/or the yes/no
``polarity``). An unanswerable one has no documents and a ``kind``: ``near_miss`` (the corpus's own
fields: a copyright term, a railroad statute, a procedure rule no document holds) or ``off_domain``.
Every question belongs to a ``half``, split by document: ``tune`` (where thresholds and prompts are
chosen) and ``report`` (what is reported).

The corpus is imported into a library of its own (reused, so a second run only asks), every question is
asked as the app would, and each half is summarised with counts beside every rate:

- ``correct``: the answer states the expected facts or polarity (in what it shows as supported or
  partly supported, with a leading "Yes"/"No") *and* cites a passage holding the evidence;
- ``grounded_claims``: claims of the answers given that the grounding judge finds entailed by their
  cited text (shown as supported);
- ``contradicted_shown``: claims shown as supported that contradict the expected answer (the wrong
  yes/no as the direct answer, or a period, age or amount other than the expected one): measured
  against the question's own answer, independently of the judge;
- abstention on ``near_miss`` and ``off_domain`` questions separately, and on answerable ones;
- ``model_markers_kept``: [n] markers the model itself wrote that the app kept, and the answers given
  in which the model wrote at least one that was kept;
- ``quote_integrity``: citation quotes that are the cited page's text at their offsets (re-read here),
  and ``quotes_inside_seen``: that lie inside what the model was shown of the passage;
- timings: sources p50, first token p50/p95 from the start of generation and from the question, and
  generation speed in tokens per second.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legalassist.config import Settings
from legalassist.generate.facts import normalise, quantities
from legalassist.generate.lexicon import NEGATION
from legalassist.generate.quotes import verify_quote
from legalassist.progress import NullProgress, Progress

if TYPE_CHECKING:
    from legalassist.domain import Answer
    from legalassist.service import Library

SOURCE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = SOURCE_ROOT / "corpus"
DEFAULT_QUESTIONS = DEFAULT_CORPUS / "questions.json"
HALVES = ("tune", "report")
# A leading Yes/No, after punctuation but never inside a quotation (a quote's "No person …" is not a "No").
_LEAD = re.compile(
    r"^[^\w\"\u201c]*(?:the\s+answer(?:\s+to\s+(?:this|the)\s+question)?\s+is\s*:?\s*)?(yes|no)\b", re.IGNORECASE
)


@dataclass
class Question:
    id: str
    text: str
    documents: list[str]  # relative to the corpus folder; empty: the corpus cannot answer it
    pages: list[int]
    evidence: str = ""
    expect: dict[str, Any] = field(default_factory=dict)  # {"facts": ["3 years|three years"], "polarity": "no"}
    kind: str = ""  # unanswerable ones: near_miss | off_domain
    half: str = "report"

    @property
    def answerable(self) -> bool:
        return bool(self.documents)

    @property
    def category(self) -> str:
        return "answerable" if self.answerable else self.kind or "off_domain"


def load_questions(path: Path, limit: int | None = None, half: str | None = None) -> list[Question]:
    raw = json.loads(path.read_text(encoding="utf-8"))["questions"]
    questions = [
        Question(
            q["id"],
            q["question"],
            list(q["documents"]),
            list(q.get("pages", [])),
            q.get("evidence", ""),
            dict(q.get("expect", {})),
            q.get("kind", ""),
            q.get("half", "report"),
        )
        for q in raw
    ]
    if half:
        questions = [q for q in questions if q.half == half]
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


# -- what an answer states --------------------------------------------------------------------------
def polarity(text: str) -> str:
    """ "yes" or "no": a leading Yes/No, else whether the first sentence is negated; "" (no yes or no stated)
    when the text opens with a verbatim quotation. A quote states what its source says, and its negations
    are the source's: "No person except a natural born Citizen … shall be eligible" is not a "No" to "Must
    the President be a natural born citizen?", nor is "… shall to that extent be void" a "Yes"."""
    if text.lstrip().startswith(('"', "\u201c")):
        return ""
    lead = _LEAD.match(text)
    if lead:
        return lead.group(1).lower()
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return "no" if NEGATION.search(first) else "yes"


def _lone_lead(answer: Answer) -> str:
    """A "Yes." / "No." the answer opens with as a sentence of its own (it is not a claim)."""
    lead = _LEAD.match(answer.text)
    if not lead or (answer.claims and _LEAD.match(answer.claims[0].text)):
        return ""
    return lead.group(1).capitalize()


def statement(answer: Answer) -> str:
    """What the answer stands behind: its supported or partly supported claims, after a lone leading
    Yes/No when the claim it opens is one of them."""
    if answer.abstained:
        return ""
    backed = [c.text for c in answer.claims if c.support != "unsupported"]
    lead = _lone_lead(answer)
    first_backed = bool(answer.claims) and answer.claims[0].support != "unsupported"
    return " ".join(([lead + "."] if lead and first_backed else []) + backed)


def states_expected(text: str, expect: dict[str, Any]) -> bool:
    """Whether ``text`` states every expected fact (any alternative of each) and the expected polarity."""
    if not text:
        return False
    said = normalise(text)
    for fact in expect.get("facts", []):
        if not any(normalise(alt) in said for alt in fact.split("|")):
            return False
    return "polarity" not in expect or polarity(text) == expect["polarity"]


def contradictions(answer: Answer, expect: dict[str, Any]) -> list[str]:
    """Claims shown as supported that contradict the expected answer (and a wrong leading Yes/No)."""
    if answer.abstained:
        return []
    supported = [c.text for c in answer.claims if c.support == "supported"]
    found = []
    if "polarity" in expect and answer.claims and answer.claims[0].support == "supported":
        # The direct answer: the first claim, after a lone "Yes." / "No." if the answer opens with one.
        lead = _lone_lead(answer)
        direct = lead or answer.claims[0].text
        if polarity(direct) not in ("", expect["polarity"]):
            found.append(direct)
    wanted = {q for fact in expect.get("facts", []) for alt in fact.split("|") for q in quantities(alt)}
    units = {u for _, u in wanted}
    for text in supported:
        if any(u in units and (n, u) not in wanted for n, u in quantities(text)):
            found.append(text)
    return found


def _evidence_spans(lib: Library, question: Question, doc_ids: set[int]) -> set[tuple[int, int, int, int]]:
    """Where the evidence is: (doc id, page, start, end) on the evidence pages of the expected documents."""
    spans = set()
    for doc_id in doc_ids:
        for page in question.pages:
            text = lib.catalog.page_text(doc_id, page) or ""
            found = verify_quote(question.evidence, text) if text and question.evidence else None
            if found is not None and found.verified and found.start >= 0:
                spans.add((doc_id, page, found.start, found.end))
    return spans


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
    inside_seen = [c.seen[0] <= c.start and c.end <= c.seen[1] for c in cited]
    expected_ids = {c.document.id for c in cited if str(Path(c.document.path).resolve()) in expected}
    evidence = _evidence_spans(lib, question, expected_ids) if question.answerable else set()
    # A cited passage of an expected document holds the evidence: it overlaps the evidence on its page,
    # or states the same words elsewhere in the document (a holding restated in the opinion).
    cites_evidence = any(
        doc == c.passage.doc_id and page == c.passage.page and start < c.passage.end and end > c.passage.start
        for c in cited
        for doc, page, start, end in evidence
    ) or any(
        c.document.id in expected_ids and verify_quote(question.evidence, c.passage.whole_text).verified
        for c in cited
        if question.evidence
    )
    said = statement(answer)
    states = states_expected(said, question.expect) if question.answerable else False
    # For a yes/no question the app answered: the yes or no its statement gives ("" for quotes alone).
    yes_no = polarity(said) if question.answerable and "polarity" in question.expect and said else None
    contradicted = contradictions(answer, question.expect) if question.answerable else []
    written = {n for c in answer.claims for n in c.written}
    kept = {n for c in answer.claims for n in c.written if n in c.citations}
    t = answer.timings
    return {
        "id": question.id,
        "question": question.text,
        "half": question.half,
        "category": question.category,
        "answerable": question.answerable,
        "abstained": answer.abstained,
        "answer": answer.text,
        "model_text": answer.model_text,
        "cited_documents": sorted({_relative(c.document.path, corpus) for c in cited}),
        "cites_expected_document": bool(expected_ids),
        "cites_evidence": cites_evidence,
        "states_expected": states,
        "correct": states and cites_evidence,
        "contradicted_shown": contradicted,
        "yes_no": yes_no,
        "claims": [
            {
                "text": c.text,
                "support": c.support,
                "score": c.score,
                "reason": c.reason,
                "citations": c.citations,
                "written": c.written,
                "quotes": [q.to_json() for q in c.quotes],
            }
            for c in answer.claims
        ],
        "citations": len(cited),
        "citations_verified": sum(quotes_ok),
        "citations_inside_seen": sum(inside_seen),
        "markers_written": len(written),
        "markers_kept": len(kept),
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


def _count(hits: int, total: int) -> dict[str, Any]:
    """A rate with its counts: {"rate": 0.75, "n": 3, "of": 4}."""
    return {"rate": round(hits / total, 4) if total else 0.0, "n": hits, "of": total}


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures of one set of records (one half)."""
    answerable = [r for r in records if r["answerable"]]
    near = [r for r in records if r["category"] == "near_miss"]
    off = [r for r in records if r["category"] == "off_domain"]
    answered = [r for r in records if not r["abstained"]]
    claims = [c for r in answered for c in r["claims"]]
    shown_supported = [c for c in claims if c["support"] == "supported"]
    marked = [r for r in answered if r["markers_written"]]
    firsts = [r["first_token_ms"] for r in records if r["first_token_ms"] is not None]
    from_question = [r["question_to_first_token_ms"] for r in records if r["question_to_first_token_ms"] is not None]
    gen_tokens = sum(max(0, r["tokens"] - 1) for r in records if r["generation_s"] > 0)
    gen_s = sum(r["generation_s"] for r in records if r["generation_s"] > 0)
    return {
        "questions": len(records),
        "answerable": len(answerable),
        "unanswerable": len(records) - len(answerable),
        "correct": _count(sum(r["correct"] for r in answerable), len(answerable)),
        "states_expected": _count(sum(r["states_expected"] for r in answerable), len(answerable)),
        "cites_evidence": _count(sum(r["cites_evidence"] for r in answerable), len(answerable)),
        "cites_expected_document": _count(sum(r["cites_expected_document"] for r in answerable), len(answerable)),
        "grounded_claims": _count(len(shown_supported), len(claims)),
        "partial_claims": _count(sum(c["support"] == "partial" for c in claims), len(claims)),
        "contradicted_shown": _count(sum(len(r["contradicted_shown"]) for r in answered), len(shown_supported)),
        "yes_no_unstated": _count(
            sum(r.get("yes_no") == "" for r in answerable), sum(r.get("yes_no") is not None for r in answerable)
        ),
        "abstained_near_miss": _count(sum(r["abstained"] for r in near), len(near)),
        "abstained_off_domain": _count(sum(r["abstained"] for r in off), len(off)),
        "abstained_unanswerable": _count(sum(r["abstained"] for r in near + off), len(near) + len(off)),
        "abstained_answerable": _count(sum(r["abstained"] for r in answerable), len(answerable)),
        "model_markers_kept": _count(
            sum(r["markers_kept"] for r in answered), sum(r["markers_written"] for r in answered)
        ),
        "answers_keeping_model_markers": _count(sum(r["markers_kept"] > 0 for r in marked), len(answered)),
        "quote_integrity": _count(
            sum(r["citations_verified"] for r in answered), sum(r["citations"] for r in answered)
        ),
        "quotes_inside_seen": _count(
            sum(r["citations_inside_seen"] for r in answered), sum(r["citations"] for r in answered)
        ),
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
    """Ask every question of an open library holding the corpus: each half's summary, and the records."""
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
    report: dict[str, Any] = {"model": answer_writer(lib.settings), "questions": len(records)}
    for half in HALVES:
        mine = [r for r in records if r["half"] == half]
        if mine:
            report[half] = summarise(mine)
    report["results"] = records
    return report


def answer_writer(settings: Settings) -> str:
    """Who writes the answers: "extractive", or the chat model's file name (+ its adapter's)."""
    if settings.answer_mode == "extractive":
        return "extractive"
    lora = settings.lora_path
    return settings.chat_model_path.name + (f" + {lora.name}" if lora else "")


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


def rate(figure: dict[str, Any]) -> str:
    """ "42.0% (21 of 50)"."""
    return f"{figure['rate']:.1%} ({figure['n']} of {figure['of']})" if figure["of"] else "n/a (0 of 0)"


def format_half(name: str, s: dict[str, Any]) -> list[str]:
    return [
        f"{name} half: {s['questions']} questions ({s['answerable']} answerable, {s['unanswerable']} not)",
        f"  correct (expected facts or yes/no, citing the evidence)  {rate(s['correct'])}",
        f"    states the expected answer {rate(s['states_expected'])}; cites the evidence {rate(s['cites_evidence'])}",
        f"  grounded claims (shown as supported)                   {rate(s['grounded_claims'])}",
        f"  contradicted claims shown as supported                 {rate(s['contradicted_shown'])}",
        f"  yes/no questions answered with quotes alone (no yes or no stated) {rate(s['yes_no_unstated'])}",
        f"  abstained: near-miss {rate(s['abstained_near_miss'])}, off-domain {rate(s['abstained_off_domain'])}, "
        f"answerable {rate(s['abstained_answerable'])}",
        f"  model-written [n] kept {rate(s['model_markers_kept'])}; answers keeping one "
        f"{rate(s['answers_keeping_model_markers'])}",
        f"  quote integrity (page text at the quote's offsets)     {rate(s['quote_integrity'])}; "
        f"inside what the model saw {rate(s['quotes_inside_seen'])}",
        f"  sources p50 {s['sources_ms_p50']} ms; first token p50 {s['ttft_ms_p50']} ms (p95 {s['ttft_ms_p95']}; "
        f"from the question {s['question_to_first_token_ms_p50']} ms); {s['tokens_per_s']} tokens/s",
    ]


def format_report(report: dict[str, Any]) -> str:
    lines = [f"{report['questions']} questions, model {report['model']}"]
    for half in HALVES:
        if half in report:
            lines += format_half(half, report[half])
    lines.append("")
    for r in report["results"]:
        if r["answerable"]:
            mark = "ok  " if r["correct"] else ("ABST" if r["abstained"] else "MISS")
        else:
            mark = "ok  " if r["abstained"] else "ANSW"
        flag = " CONTRADICTED" if r["contradicted_shown"] else ""
        lines.append(f"  {mark} {r['half'][:3]} {r['id']} {r['question'][:90]}{flag}")
    return "\n".join(lines)
