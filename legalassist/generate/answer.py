"""Grounded answers: the prompt (legalassist.generate.prompt) from numbered passages, the model streamed,
then every sentence of the answer tied by code to the passages that back it (the judge:
legalassist.generate.grounding).

The model is never trusted to cite: markers it writes are checked, kept only when the passage
supports the sentence, and markers are added where a passage does. Each citation's quote is a
verbatim slice of the cited page, re-read from the catalog and compared before it is shown.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from legalassist.domain import Answer, Citation, Claim, Hit, QuoteCheck
from legalassist.generate.asked import off_target, unheld_provision, unheld_subject
from legalassist.generate.grounding import CONTRADICTS, RELEVANT, SUPPORTS, strongest, support_of
from legalassist.generate.held import answer_grammar, shortlist
from legalassist.generate.lead import with_lead
from legalassist.generate.lexicon import LAW_NAME, is_formula
from legalassist.generate.prompt import (
    NO_ANSWER,
    STOP,
    Seen,
    build_messages,
    content_terms,
    declines,
    source_line,
)
from legalassist.generate.quotes import quoted_spans, verify_quote
from legalassist.ingest.chunker import Span, sentence_spans

if TYPE_CHECKING:
    from legalassist.generate.context import AnswerContext

NO_SUPPORT = "I found no support for an answer in the library. The nearest passages are listed below."

_MARKER = re.compile(r"\s*\[(\d+(?:\s*[,;-]\s*\d+)*)\]")
_TRAILING_MARKERS = re.compile(r"(?:[ \t]*\[\d+(?:\s*[,;-]\s*\d+)*\])+")

# Probability the adapter must give the no-answer sentence's first token to decline: chosen on the adapter's
# own validation prompts (build/finetune/data/valid.jsonl), where that token's probability was 0.40-0.78 on
# prompts holding the answer and 0.37-0.94 on prompts that do not.
DECLINE_FLOOR = 0.9
ABSTAIN_VECTOR = 0.30  # best passage cosine below which, with little word overlap, the app abstains
ABSTAIN_LEXICAL = 0.5


def should_abstain(ctx: AnswerContext, question: str, hits: list[Hit], cosines: np.ndarray) -> bool:
    if not hits:
        return True
    q_terms = content_terms(ctx, question)
    best_overlap = (
        max((len(q_terms & content_terms(ctx, h.passage.text)) / len(q_terms) for h in hits), default=0.0)
        if q_terms
        else 0.0
    )
    return float(cosines.max()) < ABSTAIN_VECTOR and best_overlap < ABSTAIN_LEXICAL


_NAME_STOP = frozenset({"The", "A", "An", "Under", "In", "Its", "This", "That", "Such", "No", "Yes"})
# What the prompt itself is made of: a small model sometimes copies it back as if it were an answer.
_SCAFFOLD_START = re.compile(r"^\s*(?:passages?|sources?|question|answer|excerpt)\s*:", re.IGNORECASE)
_LEAD_IN = re.compile(r"[:?]\s*$")  # "... on grounds that include:", "The question is: ...?"
CITE_MARGIN = 0.1  # passages whose cover is within this of the best one are cited as well
MAX_CITES = 3


def _named_laws(claim: str) -> list[str]:
    """The laws a claim names, lower case, leading articles dropped."""
    names = []
    for m in LAW_NAME.finditer(claim):
        words = m.group(1).split()
        while words and words[0] in _NAME_STOP:
            words = words[1:]
        if len(words) > 1:
            names.append(" ".join(words).lower())
    return names


def _unnamed(claim: str, sources: list[str]) -> list[str]:
    """The laws ``claim`` names that none of ``sources`` names, in full or by its initials ("FELA")."""
    joined = " ".join(" ".join(sources).replace("’", "'").split())
    text = joined.lower()
    missing = []
    for name in _named_laws(claim.replace("’", "'")):
        initials = "".join(w[0] for w in name.split() if w not in ("of", "the", "and", "for")).upper()
        if name not in text and not (len(initials) >= 3 and re.search(rf"\b{initials}\b", joined)):
            missing.append(name)
    return missing


def scaffold_lines(hits: list[Hit]) -> set[str]:
    """The prompt's own lines for these passages (source lines, passage heads), normalised."""
    lines = set()
    for hit in hits:
        p = hit.passage
        lines.add(_squash(source_line(hit)))
        lines.add(_squash(p.page_label() + (f", {p.breadcrumb}" if p.breadcrumb else "")))
        if p.breadcrumb:
            lines.add(_squash(p.breadcrumb))
    lines.discard("")
    return lines


def _squash(text: str) -> str:
    return " ".join(re.sub(r"[^\w§]+", " ", text.lower()).split())


def is_scaffold(claim: str, lines: set[str]) -> bool:
    """Whether ``claim`` is the prompt's scaffolding echoed back ("page 2, Opinion of the Court (THOMAS,
    J.)", "Source: ...", "Passages:") rather than a statement."""
    if _SCAFFOLD_START.match(claim):
        return True
    squashed = _squash(_MARKER.sub("", claim))
    squashed = re.sub(r"^\d+\s+", "", squashed)  # "[1] page 2 ..." with its marker number left
    # A list number or a lone word is no echo: only a run of two or more words of the prompt's lines, or
    # whole lines run together ("page 1, 45 U.S.C. § 56": a passage's head and its source's title).
    return " " in squashed and (any(squashed in line for line in lines) or _lines_joined(squashed, lines))


def _lines_joined(text: str, lines: set[str]) -> bool:
    """Whether ``text`` is a whole line of ``lines`` followed by another line or a run of two or more of its
    words (the title of "Source: 45 U.S.C. § 56"), or by more such lines."""
    for line in lines:
        if text.startswith(line + " "):
            rest, others = text[len(line) + 1 :], lines - {line}
            if (" " in rest and any(rest in other for other in others)) or _lines_joined(rest, others):
                return True
    return False


def _not_a_claim(sentence: str) -> bool:
    """An answer's formula ("Yes.", "The answer is no."), a lead-in to a list ("... include:") or a question:
    shown as written, but nothing that a passage could back."""
    return is_formula(sentence) or bool(_LEAD_IN.search(sentence))


def _claim_spans(text: str) -> list[Span]:
    return [s for s in sentence_spans(text) if re.search(r"[A-Za-z]{3}", text[s.start : s.end])]


def _without_repeats(text: str) -> str:
    """The text with any sentence that repeats an earlier one left out: greedy decoding of a small
    model sometimes loops, and a repeated claim is noise, not a second claim."""
    seen: set[str] = set()
    kept: list[str] = []
    cursor = 0
    for span in sentence_spans(text):
        key = " ".join(_MARKER.sub("", text[span.start : span.end]).split()).lower()
        if key in seen:
            kept.append(text[cursor : span.start])
            cursor = span.end
            continue
        seen.add(key)
    kept.append(text[cursor:])
    return "".join(kept)


def attribute(
    ctx: AnswerContext,
    answer_text: str,
    hits: list[Hit],
    passage_vectors: np.ndarray | None = None,
    seen: list[Seen] | None = None,
) -> tuple[str, list[Claim], dict[int, list[int]]]:
    """Tie each sentence of ``answer_text`` to the passages (numbered from 1) that support it.

    Each sentence is judged against what the model was shown of each passage (``seen``; the whole
    passage when not given) by :class:`~legalassist.generate.grounding.Grounding`: supported only
    where one or two adjacent sentences hold most of its words and nothing there contradicts it.
    ``passage_vectors`` are the hits' embeddings when the caller has them already (they order
    passages that back a claim equally well).
    Returns the answer with corrected [n] markers, the claims, and for each cited passage number
    the indexes of the claims citing it.
    """
    answer_text = _without_repeats(answer_text)
    lines = scaffold_lines(hits)
    spans = [
        s
        for s in _claim_spans(answer_text)
        if not is_scaffold(answer_text[s.start : s.end], lines)
        and not _not_a_claim(_MARKER.sub("", answer_text[s.start : s.end]))
    ]
    claims: list[Claim] = []
    cited_by: dict[int, list[int]] = {}
    if not spans or not hits:
        return _strip_scaffold(answer_text, lines), claims, cited_by
    if seen is None:
        seen = [Seen(h.passage.text, 0, len(h.passage.text)) for h in hits]
    judge = ctx.grounding
    reader = ctx.reader
    texts = [_MARKER.sub("", answer_text[s.start : s.end]).strip() for s in spans]
    headers = [h.document.header() for h in hits]
    if passage_vectors is None:
        passage_vectors = ctx.judge_embedder.embed([v.text for v in seen])
    sims = ctx.judge_embedder.embed(texts) @ passage_vectors.T
    pieces: list[str] = []
    page_texts: dict[tuple[int, int], str] = {}
    cursor = 0
    for i, (span, text) in enumerate(zip(spans, texts, strict=True)):
        # A marker right after the sentence's end ('… accrued." [1]') is the sentence's too.
        after = _TRAILING_MARKERS.match(answer_text, span.end)
        written = sorted(
            {
                int(x)
                for m in _MARKER.finditer(answer_text[span.start : after.end() if after else span.end])
                for x in re.findall(r"\d+", m.group(1))
                if 1 <= int(x) <= len(hits)
            }
        )
        verdicts = [judge.judge(text, seen[j].text, headers[j]) for j in range(len(hits))]
        best = strongest(verdicts)
        support = support_of(verdicts[best])
        reason = verdicts[best].reason
        against = [v for v in verdicts if v.label == CONTRADICTS]
        strongest_against = max(against, key=lambda v: v.cover) if against else None
        if support != "unsupported" and strongest_against and strongest_against.cover >= verdicts[best].cover:
            # Another passage the model saw says otherwise, at least as squarely: not supported.
            support, reason = "unsupported", strongest_against.reason
        if support != "unsupported" and reader is not None:
            # What the rules over words cannot see ("fired" against "asked to leave"): a second reader.
            sentence = judge.resting_sentence(text, seen[best].text, verdicts[best])
            contradicts = reader.contradicts(sentence, text)
            if contradicts >= reader.threshold:
                support = "unsupported"
                reason = f"the entailment reader reads the passage as saying otherwise ({contradicts:.0%})"
        backing = [j for j in range(len(hits)) if verdicts[j].label == SUPPORTS]
        backing.sort(key=lambda j: (-verdicts[j].cover, -float(sims[i, j])))
        top = verdicts[backing[0]].cover if backing else 0.0
        chosen = [j + 1 for j in backing[:MAX_CITES] if verdicts[j].cover >= top - CITE_MARGIN]
        # A marker the model wrote stays only when its passage backs the sentence too.
        chosen += [n for n in written if n not in chosen and verdicts[n - 1].label == SUPPORTS]
        if support != "unsupported":
            # Names are looked for in the cited passages whole: a statute's excerpt rarely repeats its name.
            missing = _unnamed(text, [headers[n - 1] + "\n" + hits[n - 1].passage.text for n in chosen])
            if missing:
                # "the Copyright Act" for a patent statute: in law the name is usually the point.
                support, reason = "unsupported", f"no cited passage names {', '.join(missing)}"
        quotes = check_quotes(ctx, text, hits, chosen, page_texts)
        if any(not q.verified for q in quotes):
            # A quotation that is not on any passage's page is a misquote, whatever else the sentence says.
            support, reason = "unsupported", "a quotation in it is not in the sources"
        elif support != "unsupported":
            chosen += [q.n for q in quotes if q.n not in chosen]  # a verbatim quote is support in itself
        if support == "unsupported":
            chosen = []
            reason = reason or "no passage the model was shown states it"
        score = round(verdicts[best].cover, 3)
        claims.append(Claim(text, chosen, support, score, quotes, written, reason))
        for n in chosen:
            cited_by.setdefault(n, []).append(i)
        pieces.append(_MARKER.sub("", _strip_scaffold(answer_text[cursor : span.start], lines)))
        pieces.append(_MARKER.sub("", answer_text[span.start : span.end]).rstrip())
        if chosen:
            pieces.append(" " + "".join(f"[{n}]" for n in chosen))
        cursor = span.end
    pieces.append(_MARKER.sub("", _strip_scaffold(answer_text[cursor:], lines)))
    return "".join(pieces).strip(), claims, cited_by


def _strip_scaffold(text: str, lines: set[str]) -> str:
    """``text`` without the sentences that echo the prompt's scaffolding."""
    kept, cursor = [], 0
    for s in sentence_spans(text):
        if is_scaffold(text[s.start : s.end], lines):
            kept.append(text[cursor : s.start])
            cursor = s.end
    kept.append(text[cursor:])
    return "".join(kept)


def check_quotes(
    ctx: AnswerContext, claim: str, hits: list[Hit], cited: list[int], page_texts: dict[tuple[int, int], str]
) -> list[QuoteCheck]:
    """Every quotation in ``claim``, looked for on the pages of the passages it cites, then on the
    pages of the other passages the model saw (numbered from 1)."""
    checks = []
    order = [*cited, *(n for n in range(1, len(hits) + 1) if n not in cited)]
    for start, end in quoted_spans(claim):
        quote = claim[start:end]
        check = QuoteCheck(quote, False)
        for n in order:
            p = hits[n - 1].passage
            for page in p.pages:  # a passage running over a page break: its next page too
                if (p.doc_id, page) not in page_texts:
                    page_texts[p.doc_id, page] = ctx.page_text(p.doc_id, page) or ""
                found = verify_quote(quote, page_texts[p.doc_id, page])
                if found.verified:
                    check = replace(found, n=n, page=page)
                    break
                check = max(check, found, key=lambda c: c.score)  # the nearest miss, for the record
            if check.verified:
                break
        checks.append(check)
    return checks


def best_quote(ctx: AnswerContext, hit: Hit, seen: Seen, claim_texts: list[str]) -> tuple[int, int]:
    """The sentences of what the model saw of ``hit`` that back the first claim citing it, as page
    offsets: the text the support label was decided on, never text the model was not shown."""
    p = hit.passage
    own = seen.text[: seen.end - seen.start]  # the excerpt without the next page's continuation
    if claim_texts and own.strip():
        _, start, end = ctx.grounding.align(claim_texts[0], own)
        start, end = min(start, len(own)), min(end, len(own))
        if end > start:
            return p.start + seen.start + start, p.start + seen.start + end
    return p.start + seen.start, p.start + seen.end


def make_citations(
    ctx: AnswerContext,
    hits: list[Hit],
    claims: list[Claim],
    cited_by: dict[int, list[int]],
    seen: list[Seen] | None = None,
) -> list[Citation]:
    if seen is None:
        seen = [Seen(h.passage.text, 0, len(h.passage.text)) for h in hits]
    citations = []
    for n in sorted(cited_by):
        hit, shown = hits[n - 1], seen[n - 1]
        start, end = best_quote(ctx, hit, shown, [claims[i].text for i in cited_by[n]])
        page_text = ctx.page_text(hit.passage.doc_id, hit.passage.page) or ""
        quote = page_text[start:end]
        # Re-read and compare: only text that is on the cited page is ever shown as verified.
        check = verify_quote(quote, page_text)
        verified = check.verified and hit.passage.text.find(quote) >= 0
        seen_span = (hit.passage.start + shown.start, hit.passage.start + shown.end)
        citations.append(Citation(n, hit.passage, hit.document, quote, start, end, verified, check.how, seen_span))
    return citations


def question_cosines(ctx: AnswerContext, question: str, hits: list[Hit]) -> np.ndarray:
    """The question's cosine with each hit. Only the question is embedded: the passages' own vectors come
    from the index (embedding six passages here would hold up the first token by a third of a second)."""
    if not hits:
        return np.zeros(0)
    judge = ctx.judge_embedder
    if judge is not ctx.embedder:  # the index holds another model's vectors: embed the hits with the judge's
        from legalassist.ingest.chunker import embedding_input  # what the index's vectors are made of

        vectors = judge.embed([question] + [embedding_input(h.document.header(), h.passage) for h in hits])
        return np.asarray(vectors[1:] @ vectors[0], dtype=float)
    q_vec = ctx.embedder.embed([question])[0]
    stored = ctx.vectors_of([h.passage.id for h in hits])
    missing = [h for h in hits if h.passage.id not in stored]  # not embedded yet
    if missing:
        fresh = ctx.embedder.embed([h.passage.text for h in missing])
        stored.update(zip([h.passage.id for h in missing], fresh, strict=True))
    return np.array([float(stored[h.passage.id] @ q_vec) for h in hits])


def stands_behind(ctx: AnswerContext, question: str, claims: list[Claim], hits: list[Hit]) -> bool:
    """Whether any claim is clearly backed by a passage and about the question (its words, or the names of the
    documents it cites, carry most of the question's own). Partly supported sentences, or supported ones on
    another subject, are how a small model dresses up an answer the library does not hold: an answer with none
    of these is declined."""
    judge = ctx.grounding
    for c in claims:
        if c.support != "supported":
            continue
        docs = [hits[n - 1].document for n in c.citations if 0 < n <= len(hits)]
        named = " ".join(f"{d.title} {d.known_as} {d.citation}" for d in docs)
        if judge.relevance(question, c.text, named) > RELEVANT:
            return True
    return False


def cited_sources(claims: list[Claim], hits: list[Hit]) -> list[str]:
    """The passages the supported claims cite, each after its document's header line."""
    cited = sorted({n for c in claims if c.support == "supported" for n in c.citations if 0 < n <= len(hits)})
    return [hits[n - 1].document.header() + "\n" + hits[n - 1].passage.text for n in cited]


def misses_subject(ctx: AnswerContext, question: str, sources: list[str]) -> bool:
    """Whether the cited passages (``cited_sources``) hold none of the rare words the question names its
    subject by (``legalassist.generate.asked.unheld_subject``), or never name a provision the question names
    by its number (``legalassist.generate.asked.unheld_provision``)."""
    return bool(unheld_subject(ctx.grounding, ctx.share, question, sources) or unheld_provision(question, sources))


def declined(
    question: str,
    writer: str,
    hits: list[Hit],
    timings: dict[str, float],
    on_token: Callable[[str], None] | None,
) -> Answer:
    """The app's no-answer, with the nearest passages, given before any answer text is written."""
    if on_token:
        on_token(NO_SUPPORT)
    return Answer(question, NO_SUPPORT, [], [], writer, True, hits, timings)


def answer_question(
    ctx: AnswerContext,
    question: str,
    hits: list[Hit],
    on_token: Callable[[str], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Answer:
    model_name = ctx.llm.name
    timings: dict[str, float] = {}
    # Attribution embeds the passages the model saw after it has answered.
    cosines = question_cosines(ctx, question, hits)
    if should_abstain(ctx, question, hits, cosines):
        return declined(question, model_name, hits, timings, on_token)

    started = time.perf_counter()
    messages, used, seen = build_messages(ctx, question, hits)
    timings["prompt"] = time.perf_counter() - started
    pieces: list[str] = []
    first: float | None = None
    gen_start = time.perf_counter()
    # The adapter was taught to decline with NO_ANSWER, but its first token barely tells answerable prompts
    # from others (docs/BENCHMARKS.md): it declines only when sure, and the app's own checks do the rest. Held
    # to the passages, the default model's usual opening ("The answer is") could only go on into NO_ANSWER, so
    # the same gate applies to it.
    gate = (NO_ANSWER, DECLINE_FLOOR) if ctx.settings.answer_mode == "adapter" or ctx.settings.held_quotes else None
    grammar = None
    if ctx.settings.held_quotes:
        quotes = shortlist(ctx, question, used, seen)
        if not quotes:  # no sentence answers it well enough to quote
            return declined(question, model_name, hits, timings, on_token)
        grammar = answer_grammar(quotes)
    for piece in ctx.llm.stream_chat(messages, ctx.settings.max_answer_tokens, cancelled, STOP, gate, grammar):
        if first is None:
            first = time.perf_counter()
        pieces.append(piece)
        if on_token:
            on_token(piece)
    done = time.perf_counter()
    raw = "".join(pieces).strip()
    timings["first_token"] = (first or done) - gen_start
    timings["generation"] = done - gen_start
    tokens = ctx.llm.count_tokens(raw) if raw else 0
    if declines(raw):
        # The model says the sources do not answer it: the app's own no-answer, with the nearest passages.
        return Answer(question, NO_SUPPORT, [], [], model_name, True, hits, timings, tokens, raw)
    text, claims, cited_by = attribute(ctx, raw, used, seen=seen)
    citations = make_citations(ctx, used, claims, cited_by, seen)
    if (
        not stands_behind(ctx, question, claims, used)
        or off_target(question, claims)
        or misses_subject(ctx, question, cited_sources(claims, used))
    ):
        return Answer(question, NO_SUPPORT, [], claims, model_name, True, hits, timings, tokens, raw)
    yes_no = ""
    if ctx.settings.held_quotes:  # quotes alone: the app reads a yes or no from them, as for extractive answers
        yes_no, text = with_lead(ctx.grounding, question, text, claims, used)
    return Answer(question, text, citations, claims, model_name, False, used, timings, tokens, raw, yes_no)
