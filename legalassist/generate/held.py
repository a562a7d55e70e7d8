"""Quotes held to the passages: a grammar the chat model's answer is decoded under.

A small model asked to quote its sources paraphrases them, cuts a sentence into a fragment, or numbers the
wrong passage; the answer checks then decline the answer or flag its sentences. Under this grammar (GBNF,
applied by llama.cpp at each token) the model can write only the no-answer sentence, or the sentences the app
offers it (its scorer's best for the question, ``SHORTLIST``), verbatim, each followed by its passage's [n].

What was tried on the tune half and left out (docs/BENCHMARKS.md, "Quotes held to the passages"):
- a "Yes." or "No." written by the model ahead of the quotes: the default model led with "No." 25 times in 26,
  and neither it nor the answer adapter tells yes from no better than chance (first-token odds). The app reads
  the lead from the quotes instead, where they say it plainly (``legalassist.generate.lead``);
- offering three sentences instead of one: both models chose worse than the app's scorer;
- a free sentence ahead of the quotes: the default model paraphrased and drifted there as before.

So the model decides whether the library answers the question; the quote and its [n] are the app's. The
[n] markers are the grammar's, not evidence of what a model learnt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legalassist.generate.prompt import NO_ANSWER, as_quoted
from legalassist.ingest.chunker import headed_sentences

if TYPE_CHECKING:
    from legalassist.domain import Hit
    from legalassist.generate.context import AnswerContext
    from legalassist.generate.prompt import Seen

MAX_QUOTES = 2
SHORTLIST = 1  # sentences offered: the app's best only (chosen on the tune half, docs/BENCHMARKS.md)
# The best sentence's score (word share + cosine) below which the library is taken not to answer, for extractive
# answers and held ones alike: chosen on the tune half of corpus/questions.json (docs/BENCHMARKS.md).
EXTRACT_FLOOR = 1.1
QUOTE_SEPARATOR = "\n\n"  # a paragraph each: a quote the excerpt cuts has no full stop to end its claim
MIN_WORDS = 5  # shorter sentences (headings, "It is so ordered.") answer nothing


def rank_sentences(
    ctx: AnswerContext, question: str, used: list[Hit], seen: list[Seen]
) -> list[tuple[float, int, str]]:
    """The sentences of what is shown of each passage (``seen``, numbered from 1), best first, as (score,
    passage number, sentence) and written as quoted (``as_quoted``). A sentence's score is the share of the
    question's words it carries plus its embedding's cosine with the question's: the words find the
    passage's point, the cosine finds it when the sentence does not repeat the question (a statute rarely
    names its own Act)."""
    judge = ctx.grounding
    candidates: list[tuple[float, int, str, str]] = []  # (word share, passage number, sentence, as scored)
    for n, (hit, shown) in enumerate(zip(used, seen, strict=True), start=1):
        cut_before, cut_after = shown.start > 0, shown.end < len(hit.passage.text)
        # A statute rarely names its own Act: the words of its document's names count as carried, as they do
        # for the answer check (``answer.stands_behind``).
        doc = hit.document
        named = f"{doc.title} {doc.known_as} {doc.citation}"
        titled = judge.content(doc.header())
        for s, headed in headed_sentences(shown.text, lead=hit.passage.text[: shown.start]):
            # Quoted without the heading above it, scored with it: the heading says what the sentence is about.
            sentence = as_quoted(shown.text, s.start, s.end, cut_before, cut_after)
            scored_as = as_quoted(shown.text, headed.start, headed.end, cut_before, cut_after)
            # A lower court's holding or a party's argument is what the deciding court did not hold; a
            # sentence made of its document's title is the section's heading or the case's caption.
            if (
                len(sentence.split()) >= MIN_WORDS
                and not judge.recital(sentence)
                and not judge.content(sentence) <= titled
            ):
                candidates.append((judge.relevance(question, scored_as, named), n, sentence, scored_as))
    if not candidates:
        return []
    vectors = ctx.judge_embedder.embed([question] + [c[3] for c in candidates])
    cosines = vectors[1:] @ vectors[0]
    # Rank breaks ties: retrieval already weighed the whole passage against the question.
    scored = [(share + float(cos) - 0.01 * n, n, s) for (share, n, s, _), cos in zip(candidates, cosines, strict=True)]
    scored.sort(key=lambda x: -x[0])
    return scored


def shortlist(ctx: AnswerContext, question: str, used: list[Hit], seen: list[Seen]) -> list[tuple[int, str]]:
    """(passage number, sentence): the sentences the model may quote, the app's best for the question
    (``rank_sentences``), headings and captions left out."""
    out = []
    for score, n, sentence in rank_sentences(ctx, question, used, seen):
        if score < EXTRACT_FLOOR:
            break
        if sum(w[:1].islower() for w in sentence.split()) >= 3:
            out.append((n, sentence))
        if len(out) >= SHORTLIST:
            break
    return out


def quoted(sentence: str) -> str:
    """A sentence in quotation marks, as an answer quotes it (its own double quotation marks made single)."""
    return '"' + sentence.replace('"', "'") + '"'


def quote_line(n: int, sentence: str) -> str:
    """How an answer quotes a sentence of passage ``n``."""
    return f"{quoted(sentence)} [{n}]"


def _literal(text: str) -> str:
    """A GBNF string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def answer_grammar(sentences: list[tuple[int, str]]) -> str | None:
    """The GBNF grammar of an answer: the no-answer sentence, or up to ``MAX_QUOTES`` of ``sentences`` (from
    :func:`shortlist`) quoted with their [n]; None when there is nothing to quote."""
    quotes = list(dict.fromkeys(sentences))
    if not quotes:
        return None
    choices = " | ".join(_literal(quote_line(n, sentence)) for n, sentence in quotes)
    more = " ".join([f"({_literal(QUOTE_SEPARATOR)} quote)?"] * (min(MAX_QUOTES, len(quotes)) - 1))
    return "\n".join(
        [f"root ::= {_literal(NO_ANSWER)} | answer", f"answer ::= quote {more}".rstrip(), f"quote ::= {choices}"]
    )
