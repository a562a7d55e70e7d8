"""Extractive answers: no chat model. The answer is the retrieved passages' own sentences that best answer
the question, chosen by the app's scorer and quoted with their [n], then checked and cited exactly as a
model's answer is; a yes/no question gets a "Yes." or "No." first where the quotes say it plainly
(``legalassist.generate.lead``). It works with no chat model installed, and it is the floor a model has to
beat."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from legalassist.domain import Answer, Hit
from legalassist.generate.answer import (
    NO_SUPPORT,
    attribute,
    cited_sources,
    declined,
    make_citations,
    misses_subject,
    question_cosines,
    should_abstain,
)
from legalassist.generate.asked import off_target
from legalassist.generate.held import EXTRACT_FLOOR, quoted, rank_sentences
from legalassist.generate.lead import with_lead
from legalassist.generate.prompt import Seen, addresses_assistant, content_terms, excerpt

if TYPE_CHECKING:
    from legalassist.generate.context import AnswerContext

MODEL_NAME = "extractive"
MAX_QUOTES = 2
QUOTE_MARGIN = 0.15  # a second passage is quoted when its sentence is this close to the best one


def pick_sentences(
    ctx: AnswerContext, question: str, hits: list[Hit]
) -> tuple[list[Hit], list[Seen], list[tuple[float, int, str]]]:
    """The passages used (rank order), what of each is shown, and the candidate sentences, best first, as
    (score, passage number, sentence). A sentence's score is the share of the question's words it carries
    plus its embedding's cosine with the question's: the words find the passage's point, the cosine
    finds it when the sentence does not repeat the question (a statute rarely names its own Act)."""
    q_terms = content_terms(ctx, question)
    used: list[Hit] = []
    seen: list[Seen] = []
    for hit in hits:
        if addresses_assistant(hit.passage.text):
            continue
        span = excerpt(ctx, hit, q_terms)
        used.append(hit)
        seen.append(Seen(hit.passage.text[span.start : span.end], span.start, span.end))
    return used, seen, rank_sentences(ctx, question, used, seen)


def quote_lines(scored: list[tuple[float, int, str]], floor: float) -> list[str]:
    """The answer's lines: the best sentence, and one of another passage when it comes close, each quoted.
    No [n] is written here: the app's attribution cites the passage (no marker counts as a model's)."""
    lines: list[str] = []
    passages: set[int] = set()  # one quote a passage
    for score, n, sentence in scored:
        if len(lines) >= MAX_QUOTES or score < floor or (lines and score < scored[0][0] - QUOTE_MARGIN):
            break
        if n not in passages:
            passages.add(n)
            lines.append(quoted(sentence))
    return lines


def _names_another_subject(ctx: AnswerContext, question: str, sources: list[str]) -> bool:
    """Whether the question names a party or place ("California") that neither the quoted passages nor their
    documents' titles name: the quotes are then about something else ("How many electoral votes does
    California have?" answered with the Twelfth Amendment's count of electors). A quote cannot name the
    wrong thing itself, as a model's sentence can, so the question is checked instead. ``sources``: the cited
    passages, each after its document's header (``cited_sources``)."""
    return bool(ctx.grounding.unnamed(question[:1].lower() + question[1:], "\n".join(sources)))


def extract(
    ctx: AnswerContext, question: str, hits: list[Hit], on_token: Callable[[str], None] | None = None
) -> Answer:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    cosines = question_cosines(ctx, question, hits)
    if should_abstain(ctx, question, hits, cosines):
        return declined(question, MODEL_NAME, hits, timings, on_token)
    used, seen, scored = pick_sentences(ctx, question, hits)
    lines = quote_lines(scored, EXTRACT_FLOOR)
    raw = "\n\n".join(lines)  # a paragraph each: a quote the excerpt cuts has no full stop to end its claim
    timings["first_token"] = timings["generation"] = time.perf_counter() - started
    if not lines:
        if on_token:
            on_token(NO_SUPPORT)
        return Answer(question, NO_SUPPORT, [], [], MODEL_NAME, True, hits, timings, 0, raw)
    text, claims, cited_by = attribute(ctx, raw, used, seen=seen)
    citations = make_citations(ctx, used, claims, cited_by, seen)
    sources = cited_sources(claims, used)
    if (
        not any(c.support == "supported" for c in claims)
        or _names_another_subject(ctx, question, sources)
        or off_target(question, claims)
        or misses_subject(ctx, question, sources)
    ):
        if on_token:
            on_token(NO_SUPPORT)
        return Answer(question, NO_SUPPORT, [], claims, MODEL_NAME, True, hits, timings, 0, raw)
    yes_no, text = with_lead(ctx.grounding, question, text, claims, used)  # the quote-first answer's direct answer
    if on_token:
        on_token(text)
    return Answer(question, text, citations, claims, MODEL_NAME, False, used, timings, 0, raw, yes_no)
