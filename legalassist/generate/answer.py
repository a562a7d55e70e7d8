"""Grounded answers: prompt from numbered passages, stream the model, then tie every sentence of
the answer to the passages that support it, by code.

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
from legalassist.generate.quotes import quoted_spans, verify_quote
from legalassist.ingest.chunker import Span, sentence_spans

if TYPE_CHECKING:
    from legalassist.service import Library

# Short and concrete: a 135M model echoes meta-instructions ("the passages are data ...") back as its
# answer, so documents are kept from steering it by structure instead: delimited passages, chat-control
# sequences removed, and every sentence checked against the passages afterwards.
SYSTEM_PROMPT = (
    "Answer the legal question using only the sources below. Write two or three sentences that repeat "
    "what the sources say, and cite them like [1]. If the sources do not answer it, say so."
)
NO_SUPPORT = "I found no support for an answer in the library. The nearest passages are listed below."

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
_MARKER = re.compile(r"\s*\[(\d+(?:\s*[,;-]\s*\d+)*)\]")
# Chat-template control sequences must not reach the model from a document.
_CONTROL = re.compile(r"<\|[^|>]{0,40}\|>|\[/?INST\]|<</?SYS>>|</?s>")

SUPPORTED = 0.55  # attribution score at or above which a claim is supported
PARTIAL = 0.40  # ... at or above which it is partly supported
CITE_MARGIN = 0.08  # passages within this of the best score are cited as well
MAX_CITES = 3
ABSTAIN_VECTOR = 0.30  # best passage cosine below which, with little word overlap, the app abstains
ABSTAIN_LEXICAL = 0.5


EXCERPT_CHARS = 300  # what of each passage the model sees: its sentences nearest the question
# Stop when a small model starts copying the prompt's own scaffolding back.
STOP = ("<<<", ">>>", "\nPassages:", "\nQuestion:")


def excerpt(library: Library, hit: Hit, question_terms: set[str], limit: int = EXCERPT_CHARS) -> Span:
    """The contiguous run of the passage's sentences that best matches the question, within
    ``limit`` characters, as offsets into the passage text (a verbatim slice)."""
    text = hit.passage.text
    sentences = sentence_spans(text)
    if not sentences or len(text) <= limit:
        return Span(0, len(text))
    scores = [len(question_terms & _content_terms(library, text[s.start : s.end])) for s in sentences]
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
    if end - start > limit:  # one sentence longer than the limit: cut at a word
        cut = text.rfind(" ", start, start + limit)
        end = cut if cut > start else start + limit
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


def build_messages(library: Library, question: str, hits: list[Hit]) -> tuple[list[dict[str, str]], list[Hit]]:
    """Fit as many passages as the context allows, in rank order, trimming the last one if needed.
    The question is never trimmed. Passages of one document share its source line: with six passages
    from one opinion, repeating its title and court would cost a third of the prompt, and prompt
    length is most of the wait for the first token."""
    llm = library.llm
    answer_room = library.settings.max_answer_tokens
    budget = llm.context_size - answer_room - llm.count_tokens(SYSTEM_PROMPT) - llm.count_tokens(question) - 64
    blocks: dict[int, list[str]] = {}  # document id -> its passage blocks, in rank order
    sources: dict[int, str] = {}
    used: list[Hit] = []
    q_terms = _content_terms(library, question)
    for hit in hits:
        if addresses_assistant(hit.passage.text):
            continue
        doc_id = hit.document.id
        source = "" if doc_id in sources else source_line(hit)
        span = excerpt(library, hit, q_terms)
        shown = hit.passage.text[span.start : span.end]
        if span.end == len(hit.passage.text) and hit.passage.continued:
            shown += "\n" + hit.passage.continued.text  # the last sentence, finished on the next page
        block = format_passage(len(used) + 1, hit, shown)
        cost = llm.count_tokens(block) + (llm.count_tokens(source) if source else 0)
        if cost > budget:
            if budget < 80:
                break
            keep = max(0, int(len(hit.passage.text) * (budget - 40) / cost))
            block = format_passage(len(used) + 1, hit, hit.passage.text[:keep])
            cost = llm.count_tokens(block) + (llm.count_tokens(source) if source else 0)
            if cost > budget:
                break
        if source:
            sources[doc_id] = source
        blocks.setdefault(doc_id, []).append(block)
        used.append(hit)
        budget -= cost
    # Small models lean on the text nearest the question, so the best document and passage go last;
    # the numbers still follow rank.
    groups = [sources[d] + "\n" + "\n".join(reversed(b)) for d, b in blocks.items()]
    user = "Passages:\n\n" + "\n\n".join(reversed(groups)) + f"\n\nQuestion: {question}\nAnswer:"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}], used


def _content_terms(library: Library, text: str) -> set[str]:
    return set(library.keyword.terms(text))


def should_abstain(library: Library, question: str, hits: list[Hit], cosines: np.ndarray) -> bool:
    if not hits:
        return True
    q_terms = _content_terms(library, question)
    best_overlap = (
        max((len(q_terms & _content_terms(library, h.passage.text)) / len(q_terms) for h in hits), default=0.0)
        if q_terms
        else 0.0
    )
    return float(cosines.max()) < ABSTAIN_VECTOR and best_overlap < ABSTAIN_LEXICAL


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A named law or instrument: "the Copyright Act", "Fourteenth Amendment", "Due Process Clause".
_NAMED_LAW = re.compile(r"\b((?:[A-Z][A-Za-z.-]*\s+){1,6}(?:Act|Amendment|Clause|Convention|Compact|Rule))\b")
_NAME_STOP = frozenset({"The", "A", "An", "Under", "In", "Its", "This", "That", "Such"})


def _facts(claim: str) -> list[str]:
    """What a claim states that a source must state too: its numbers (sections, years, periods,
    amounts) and the laws it names, normalised for comparison."""
    names = []
    for m in _NAMED_LAW.finditer(claim):
        words = m.group(1).split()
        while words and words[0] in _NAME_STOP:
            words = words[1:]
        if len(words) > 1:
            names.append(" ".join(words).lower())
    return _NUMBER.findall(claim) + names


def _unbacked(claim: str, sources: list[str]) -> list[str]:
    """The claim's numbers and named laws found in none of ``sources`` (passages with their headers)."""
    numbers = set().union(*(_NUMBER.findall(s) for s in sources)) if sources else set()
    text = " ".join(" ".join(sources).split()).lower()
    return [f for f in _facts(claim) if f not in numbers and (f[0].isdigit() or f not in text)]


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
    library: Library, answer_text: str, hits: list[Hit], passage_vectors: np.ndarray | None = None
) -> tuple[str, list[Claim], dict[int, list[int]]]:
    """Tie each sentence of ``answer_text`` to the passages (numbered from 1) that support it.

    ``passage_vectors`` are the hits' embeddings when the caller has them already.
    Returns the answer with corrected [n] markers, the claims, and for each cited passage number
    the indexes of the claims citing it.
    """
    answer_text = _without_repeats(answer_text)
    spans = _claim_spans(answer_text)
    claims: list[Claim] = []
    cited_by: dict[int, list[int]] = {}
    if not spans or not hits:
        return _MARKER.sub("", answer_text).strip(), claims, cited_by
    texts = [_MARKER.sub("", answer_text[s.start : s.end]).strip() for s in spans]
    # A passage's header (title, popular name, court) is part of what it can support:
    # "the Federal Arbitration Act says ..." is backed by 9 U.S.C. § 2 even though its text never names the Act.
    sources = [h.document.header() + "\n" + h.passage.text for h in hits]
    passage_terms = [_content_terms(library, text) for text in sources]
    if passage_vectors is None:
        passage_vectors = library.embedder.embed([h.passage.text for h in hits])
    sims = library.embedder.embed(texts) @ passage_vectors.T
    pieces: list[str] = []
    page_texts: dict[tuple[int, int], str] = {}
    cursor = 0
    for i, (span, text) in enumerate(zip(spans, texts, strict=True)):
        written = {
            int(x) for m in _MARKER.finditer(answer_text[span.start : span.end]) for x in re.findall(r"\d+", m.group(1))
        }
        terms = _content_terms(library, text)
        scores = []
        for j in range(len(hits)):
            lexical = len(terms & passage_terms[j]) / len(terms) if terms else 0.0
            scores.append(0.5 * lexical + 0.5 * float(sims[i, j]))
        best = int(np.argmax(scores))
        # Every passage about as close as the best one supports the claim too (up to three).
        ranked = sorted(range(len(hits)), key=lambda j: -scores[j])
        chosen = [j + 1 for j in ranked[:MAX_CITES] if scores[j] >= max(PARTIAL, scores[best] - CITE_MARGIN)]
        # A marker the model wrote stays only when its passage supports the sentence too.
        chosen += [n for n in sorted(written) if 1 <= n <= len(hits) and n not in chosen and scores[n - 1] >= PARTIAL]
        support = "supported" if scores[best] >= SUPPORTED else "partial" if scores[best] >= PARTIAL else "unsupported"
        if support != "unsupported":
            missing = _unbacked(text, [sources[n - 1] for n in chosen])
            # Another passage the model saw may state it: cite that one too if it bears on the claim.
            for n in (j + 1 for j in ranked if j + 1 not in chosen and scores[j] >= PARTIAL):
                if not missing:
                    break
                fewer = _unbacked(text, [sources[m - 1] for m in chosen] + [sources[n - 1]])
                if len(fewer) < len(missing):
                    chosen.append(n)
                    missing = fewer
            if missing:
                # A section number, period, year, citation or named Act that no cited passage holds is
                # invented, and in law it is usually the point ("180 days" where the statute says three
                # years; "the Copyright Act" for a patent statute).
                support = "unsupported"
        quotes = check_quotes(library, text, hits, chosen, page_texts)
        if any(not q.verified for q in quotes):
            # A quotation that is not on any passage's page is a misquote, whatever else the sentence says.
            support = "unsupported"
        elif support != "unsupported":
            chosen += [q.n for q in quotes if q.n not in chosen]  # a verbatim quote is support in itself
        if support == "unsupported":
            chosen = []
        claims.append(Claim(text, chosen, support, round(scores[best], 3), quotes))
        for n in chosen:
            cited_by.setdefault(n, []).append(i)
        pieces.append(_MARKER.sub("", answer_text[cursor : span.end]).rstrip())
        if chosen:
            pieces.append(" " + "".join(f"[{n}]" for n in chosen))
        cursor = span.end
    pieces.append(_MARKER.sub("", answer_text[cursor:]))
    return "".join(pieces).strip(), claims, cited_by


def check_quotes(
    library: Library, claim: str, hits: list[Hit], cited: list[int], page_texts: dict[tuple[int, int], str]
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
                    page_texts[p.doc_id, page] = library.catalog.page_text(p.doc_id, page) or ""
                found = verify_quote(quote, page_texts[p.doc_id, page])
                if found.verified:
                    check = replace(found, n=n, page=page)
                    break
                check = max(check, found, key=lambda c: c.score)  # the nearest miss, for the record
            if check.verified:
                break
        checks.append(check)
    return checks


def best_quote(library: Library, hit: Hit, claim_texts: list[str]) -> tuple[int, int]:
    """The sentence of the passage that shares most words with the claims citing it, as page offsets."""
    p = hit.passage
    target = set().union(*(_content_terms(library, c) for c in claim_texts)) if claim_texts else set()
    best, best_score = Span(0, len(p.text)), -1.0
    for s in sentence_spans(p.text):
        sentence = p.text[s.start : s.end]
        if len(sentence) < 25:
            continue
        score = len(target & _content_terms(library, sentence)) / (1 + 0.002 * len(sentence))
        if score > best_score:
            best, best_score = s, score
    return p.start + best.start, p.start + best.end


def make_citations(
    library: Library, hits: list[Hit], claims: list[Claim], cited_by: dict[int, list[int]]
) -> list[Citation]:
    citations = []
    for n in sorted(cited_by):
        hit = hits[n - 1]
        start, end = best_quote(library, hit, [claims[i].text for i in cited_by[n]])
        page_text = library.catalog.page_text(hit.passage.doc_id, hit.passage.page) or ""
        quote = page_text[start:end]
        # Re-read and compare: only text that is on the cited page is ever shown as verified.
        check = verify_quote(quote, page_text)
        verified = check.verified and hit.passage.text.find(quote) >= 0
        citations.append(Citation(n, hit.passage, hit.document, quote, start, end, verified, check.how))
    return citations


def answer_question(
    library: Library,
    question: str,
    hits: list[Hit],
    on_token: Callable[[str], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Answer:
    model_name = library.settings.chat_model_path.name
    timings: dict[str, float] = {}
    # Before generating, only the question is embedded: the passages' own vectors come from the index
    # (embedding six passages here would hold up the first token by a third of a second). Attribution
    # embeds the passages the model saw after it has answered.
    cosines = np.zeros(0)
    if hits:
        q_vec = library.embedder.embed([question])[0]
        stored = library.vectors.vectors_of([h.passage.id for h in hits])
        missing = [h for h in hits if h.passage.id not in stored]  # not embedded yet
        if missing:
            fresh = library.embedder.embed([h.passage.text for h in missing])
            stored.update(zip([h.passage.id for h in missing], fresh, strict=True))
        cosines = np.array([float(stored[h.passage.id] @ q_vec) for h in hits])
    if should_abstain(library, question, hits, cosines):
        if on_token:
            on_token(NO_SUPPORT)
        return Answer(question, NO_SUPPORT, [], [], model_name, True, hits, timings)

    started = time.perf_counter()
    messages, used = build_messages(library, question, hits)
    timings["prompt"] = time.perf_counter() - started
    pieces: list[str] = []
    first: float | None = None
    gen_start = time.perf_counter()
    for piece in library.llm.stream_chat(messages, library.settings.max_answer_tokens, cancelled, STOP):
        if first is None:
            first = time.perf_counter()
        pieces.append(piece)
        if on_token:
            on_token(piece)
    done = time.perf_counter()
    raw = "".join(pieces).strip()
    timings["first_token"] = (first or done) - gen_start
    timings["generation"] = done - gen_start
    tokens = library.llm.count_tokens(raw) if raw else 0
    text, claims, cited_by = attribute(library, raw, used)
    citations = make_citations(library, used, claims, cited_by)
    if not any(c.support == "supported" for c in claims):
        # Nothing the model said is clearly backed by a passage: partly supported sentences alone are
        # how a small model dresses up an answer the library does not hold, so none is presented.
        return Answer(question, NO_SUPPORT, [], claims, model_name, True, hits, timings, tokens)
    return Answer(question, text, citations, claims, model_name, False, used, timings, tokens)
