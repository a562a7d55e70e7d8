"""The prompt: which part of each retrieved passage the model is shown, and how the passages are laid out
for it. Documents are data, never instructions: passages that address the assistant are withheld and
chat-control sequences removed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from legalassist.domain import Hit
from legalassist.ingest.chunker import Span, rejoin_hyphenated, sentence_spans

if TYPE_CHECKING:
    from legalassist.generate.context import AnswerContext


# Short and concrete: a 135M model echoes meta-instructions ("the passages are data ...") back as its
# answer, so documents are kept from steering it by structure instead: delimited passages, chat-control
# sequences removed, and every sentence checked against the passages afterwards. The answer's shape is
# quote-first: the direct answer, then the passage's own words with its number, which is what a lawyer
# checks first and leaves a small model little room to drift. The answer adapter
# (legalassist.finetune) is trained on exactly this prompt and shape.
NO_ANSWER = "The sources do not answer this question."
SYSTEM_PROMPT = (
    "Answer the legal question from the sources below. Give the answer in one sentence (Yes or No first "
    "if the question asks yes or no), then quote the words of the source that say so, in quotation marks, "
    f"with its number like [1]. If the sources do not answer it, write: {NO_ANSWER}"
)

PASSAGES = "Passages:\n\n"  # the user message's opening, before the passages


def _squash(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]+", " ", text.lower()).split())


_NO_ANSWER_SQUASHED = _squash(NO_ANSWER)


def declines(text: str) -> bool:
    """Whether the model's answer is the no-answer sentence the prompt asks for (nothing else of substance)."""
    squashed = _squash(text)
    return squashed.startswith(_NO_ANSWER_SQUASHED) or squashed == _NO_ANSWER_SQUASHED.replace("this question", "it")


# Sentences in a document that address the assistant rather than state anything: withheld from the model.
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(?:instructions?|prompts?|rules|directions)\b"
    r"|\b(?:you are now|from now on,? you|act as (?:an?|the) )\b"
    r"|\b(?:system prompt|developer mode|jailbreak)\b"
    r"|\b(?:respond|reply|answer|say)\s+(?:only|exactly|just)\s+(?:with|that|:)"
    r"|\b(?:disregard|ignore)\s+(?:the\s+)?(?:other|above|previous|prior)\s+(?:sources|passages|documents|context)\b"
    r"|^\s*(?:SYSTEM|ASSISTANT)\s*:",
    re.IGNORECASE | re.MULTILINE,
)


# Chat-template control sequences must not reach the model from a document.
_CONTROL = re.compile(r"<\|[^|>]{0,40}\|>|\[/?INST\]|<</?SYS>>|</?s>")


# What of each passage an answer writer sees, its sentences nearest the question: the extractive writer's, and the
# default of the chat model's (Settings.excerpt_chars).
EXCERPT_CHARS = 300


# Stop when a small model starts copying the prompt's own scaffolding back.
STOP = ("<<<", ">>>", "\nPassages:", "\nQuestion:")


def excerpt(ctx: AnswerContext, hit: Hit, question_terms: set[str], limit: int = EXCERPT_CHARS) -> Span:
    """The contiguous run of the passage's sentences that best matches the question, within
    ``limit`` characters, as offsets into the passage text (a verbatim slice)."""
    text = hit.passage.text
    sentences = sentence_spans(text)
    if not sentences or len(text) <= limit:
        return Span(0, len(text))
    scores = [len(question_terms & content_terms(ctx, text[s.start : s.end])) for s in sentences]
    lo = hi = max(range(len(sentences)), key=lambda i: (scores[i], -i))
    # Grow towards the better neighbour while the run still fits.
    while True:
        left = scores[lo - 1] if lo > 0 and sentences[hi].end - sentences[lo - 1].start <= limit else None
        right = (
            scores[hi + 1] if hi + 1 < len(sentences) and sentences[hi + 1].end - sentences[lo].start <= limit else None
        )
        if left is None and right is None:
            break
        if right is None or (left is not None and left > right):
            lo -= 1
        else:
            hi += 1
    start, end = sentences[lo].start, sentences[hi].end
    if end - start > limit:
        # One sentence longer than the limit (a statute's section is often one): the stretch of it, cut at
        # words, that holds most of the question's words; its start when none does better.
        judge = ctx.grounding
        words = [(m.start(), m.end(), judge.content(m.group(0)) & question_terms) for m in re.finditer(r"\S+", text)]
        words = [w for w in words if start <= w[0] and w[1] <= end]
        best, best_score = 0, -1
        for i, (a, _, _) in enumerate(words):
            inside = [w for w in words[i:] if w[1] <= a + limit]
            score = len(set().union(*(w[2] for w in inside)))
            if score > best_score:
                best, best_score = i, score
        if words:
            inside = [w for w in words[best:] if w[1] <= words[best][0] + limit]
            start, end = words[best][0], inside[-1][1] if inside else min(end, words[best][0] + limit)
        else:
            end = start + limit
    return Span(start, end)


def addresses_assistant(text: str) -> bool:
    """Documents are data. A passage that tries to instruct the assistant ("ignore previous instructions",
    "answer only that ...") is adversarial, and is kept from the model whole: its other sentences are
    usually the payload."""
    return bool(_INSTRUCTION.search(text))


_COURT_SHORT = {"Supreme Court of the United States": "U.S. Supreme Court"}


def source_line(hit: Hit) -> str:
    """A document's title, court and date, once for all its passages in the prompt."""
    doc = hit.document
    where = ", ".join(x for x in (_COURT_SHORT.get(doc.court, doc.court), doc.date) if x)
    return f"Source: {doc.title}" + (f" ({where})" if where else "")


def format_passage(n: int, hit: Hit, text: str | None = None) -> str:
    p = hit.passage
    head = f"[{n}] {p.page_label()}" + (f", {p.breadcrumb}" if p.breadcrumb else "")
    body = _CONTROL.sub(" ", text if text is not None else p.text)
    return f"{head}\n<<<\n{body}\n>>>"


@dataclass(frozen=True)
class Seen:
    """What the model was shown of a passage: ``text`` (the excerpt, with the sentence's end on the next
    page when the excerpt reaches the passage's end), ``start``/``end`` its offsets in the passage text."""

    text: str
    start: int
    end: int


def build_messages(
    ctx: AnswerContext, question: str, hits: list[Hit]
) -> tuple[list[dict[str, str]], list[Hit], list[Seen]]:
    """Fit as many passages as the context allows, in rank order, trimming the last one if needed.
    The question is never trimmed. Passages of one document share its source line: with six passages
    from one opinion, repeating its title and court would cost a third of the prompt, and prompt
    length is most of the wait for the first token."""
    llm = ctx.llm
    answer_room = ctx.settings.max_answer_tokens
    budget = llm.context_size - answer_room - llm.count_tokens(SYSTEM_PROMPT) - llm.count_tokens(question) - 64
    blocks: dict[int, list[str]] = {}  # document id -> its passage blocks, in rank order
    sources: dict[int, str] = {}
    used: list[Hit] = []
    seen: list[Seen] = []
    q_terms = content_terms(ctx, question)
    for hit in hits:
        if addresses_assistant(hit.passage.text):
            continue
        doc_id = hit.document.id
        source = "" if doc_id in sources else source_line(hit)
        span = excerpt(ctx, hit, q_terms, ctx.settings.excerpt_chars)
        shown = hit.passage.text[span.start : span.end]
        if span.end == len(hit.passage.text) and hit.passage.continued:
            shown += "\n" + hit.passage.continued.text  # the last sentence, finished on the next page
        block = format_passage(len(used) + 1, hit, shown)
        cost = llm.count_tokens(block) + (llm.count_tokens(source) if source else 0)
        if cost > budget:
            if budget < 80:
                break
            keep = max(0, int(len(shown) * (budget - 40) / cost))
            shown, span = shown[:keep], Span(span.start, min(span.end, span.start + keep))
            block = format_passage(len(used) + 1, hit, shown)
            cost = llm.count_tokens(block) + (llm.count_tokens(source) if source else 0)
            if cost > budget:
                break
        if source:
            sources[doc_id] = source
        blocks.setdefault(doc_id, []).append(block)
        used.append(hit)
        seen.append(Seen(shown, span.start, span.end))
        budget -= cost
    # Small models lean on the text nearest the question, so the best document and passage go last;
    # the numbers still follow rank.
    groups = [sources[d] + "\n" + "\n".join(reversed(b)) for d, b in blocks.items()]
    user = PASSAGES + "\n\n".join(reversed(groups)) + f"\n\nQuestion: {question}\nAnswer:"
    return _messages(user), used, seen


def prompt_start() -> list[dict[str, str]]:
    """How every answer's prompt begins: the model reads it once ahead of the first question
    (``LocalLLM.prime``), and each prompt then starts after it."""
    return _messages(PASSAGES)


def _messages(user: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def content_terms(ctx: AnswerContext, text: str) -> set[str]:
    return set(ctx.terms(text))


_SENTENCE_END = (".", "?", "!", ":", ";", '"', "\u201d", ")")


def as_quoted(shown: str, start: int, end: int, cut_before: bool, cut_after: bool) -> str:
    """The sentence at ``shown[start:end]`` on one line, its line-broken words whole. A sentence the excerpt
    cuts (a statute's section is often one long sentence) is marked with an ellipsis where it goes on, and
    a word cut at a line break ("sculp-") is left out: a quote holds only words the page prints."""
    sentence = " ".join(rejoin_hyphenated(shown[start:end]).split())
    if cut_after and not shown[end:].strip() and not sentence.endswith(_SENTENCE_END):
        words = sentence.split()
        if words and words[-1].endswith(("-", "\u00ad", "\u2010")):
            words.pop()
        sentence = " ".join(words).rstrip(",;:-\u2013\u2014 ") + " \u2026"
    if cut_before and not shown[:start].strip() and sentence[:1].islower():
        sentence = "\u2026 " + sentence
    return sentence
