"""Page text -> passages that are verbatim slices of one page.

Passages are packed from sentences up to a target length, each a slice of one page, so every passage
keeps its page number and exact character span. A page's last passage whose sentence runs on over the
page break also records where that sentence ends on the next page (``continuation``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from legalassist.domain import Page, Passage
from legalassist.ingest.lexicon import split_run_together

# A sentence ends at . ! ? followed by an optional closing quote/bracket and whitespace ...
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")
# ... unless the period closes an abbreviation that legal text is full of: "v.", "U. S.", "L. P.",
# "Co.", "No.", "Inc.", "Cf.", "Id." before a pin cite, "J." after a judge's name.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\bv|\bvs|\bCo|\bCorp|\bInc|\bLtd|\bNo|\bNos|\bDr|\bMr|\bMrs|\bMs|\bSt|\bJ|\bJJ|\bcf|\bCf"
    r"|\be\.g|\bi\.e|\bart|\bArt|\bch|\bcl|\bamend|\bApp|\bCir|\bSupp|\bF|\bU\.S|\bStat|\bseq|\bet al|\bid|\bId"
    r"|\bpara|\bpp|\bp|\bsec|\bSec|\bans|\bFed|\bR|\bCiv|\bCrim|\bEvid|\bProc|\bCt|\bDist|\bn|\bnn)\.$"
)
_PARAGRAPH = re.compile(r"\n\s*\n")
_WORDISH = re.compile(r"\w")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def abbreviated(text: str) -> bool:
    """Whether ``text`` ends with an abbreviation and its period ("Inc.", "v.", "U.S."), which ends no sentence."""
    return bool(_ABBREVIATION.search(text))


def sentence_spans(text: str) -> list[Span]:
    """Sentence-ish spans covering ``text`` (paragraph breaks also end a sentence)."""
    cuts = {0, len(text)}
    for m in _SENTENCE_END.finditer(text):
        if not abbreviated(text[max(0, m.start() - 8) : m.start() + 1]):
            cuts.add(m.end())
    cuts.update(m.end() for m in _PARAGRAPH.finditer(text))
    bounds = sorted(cuts)
    spans = [_trim(text, a, b) for a, b in pairwise(bounds)]
    return [s for s in spans if s.end > s.start]


# Words a wrapped line of prose may end on; a heading does not end on them.
_LINE_RUNS_ON = re.compile(
    r"(?:^|\s)(?:a|an|and|as|at|but|by|for|from|in|into|nor|of|on|or|that|the|to|under|upon|which|with)$", re.I
)
_FOOTNOTED_END = re.compile(r"[a-z][.!?][\"”’')\]]*\d{1,3}$")  # "… our review.18": a sentence's end
# A section's number ("§ 51.", "Sec. 4.", "ARTICLE II."): the words after it up to a heading line are its heading.
_SECTION_NUMBER = re.compile(r"(?:§|\bSec\.|\bSECTION|\bARTICLE)\s*[\w()\-–.]*\w\.\s*$")
_ENUMERATOR = re.compile(r"\((?:[a-z]{1,2}|\d{1,3})\)\s")  # "(a) Novelty; Prior Art.—A person …"
_SECTION_LINE = re.compile(r"(?:§+|Sec\.)\s*\d[\w.-]*\.\s+[A-Z“\"]")  # "§ 57. Who included in term …"
HEADING_RATIO = 0.8  # a heading line is shorter than this share of the line below it


def runs_on(line: str) -> bool:
    """Whether a line ends where its text cannot end: on "to", "of", "and" …, or a comma (a heading wrapped
    onto the next line)."""
    line = line.rstrip()
    return bool(_LINE_RUNS_ON.search(line)) or line.endswith(",")


def _heading_line(line: str, below: str) -> bool:
    """Whether ``line`` reads as a heading or caption over ``below`` rather than a wrapped line of a sentence:
    it ends on a word that does not run on, is markedly shorter than the line below (prose wraps near the full
    width), and that line starts a sentence. A section's heading line ("§ 102. Conditions for patentability;
    novelty") needs neither the shorter length (the line below may be a short "(a) Novelty.—") nor the last
    letter (it may end on a quoted term: "Who included in term “common carrier”")."""
    line, below = line.strip(), below.strip()
    section = bool(_SECTION_LINE.match(line))
    return (
        bool(line)
        and (line[-1].isalnum() or (section and line[-1] in "”’\"'" and line[-2:-1].isalnum()))
        and not _FOOTNOTED_END.search(line)
        and not runs_on(line)
        and (section or len(line) < HEADING_RATIO * len(below))
        and (below.lstrip("\"“‘'(")[:1].isupper() or bool(_ENUMERATOR.match(below)))
    )


def sentences_under_headings(text: str, keep_headings: bool = False, lead: str = "") -> list[Span]:
    """``sentence_spans`` cut again after heading lines: a section's heading has no full stop, so
    "§ 56. Actions; limitation; concurrent jurisdiction of courts" runs into the section's first sentence
    ("No action shall be maintained …"). A piece that is only the heading line, or follows a section's number,
    is left out unless ``keep_headings``; a longer one (a caption over two lines, or a sentence whose last line
    looks like a heading) stays a sentence of its own. ``lead``: the text before ``text`` (an excerpt's
    passage), where a section's number may be. For what an answer quotes and what the answer checks read;
    passages keep their sentences whole."""
    return [piece for piece, _ in headed_sentences(text, keep_headings, lead)]


def headed_sentences(text: str, keep_headings: bool = False, lead: str = "") -> list[tuple[Span, Span]]:
    """``sentences_under_headings``, each with the span it was cut from: the sentence with the heading left out
    in front of it (the heading tells what the sentence is about), or the sentence itself."""
    out = []
    for span in sentence_spans(text):
        start, headed_from = span.start, None
        cut = text.find("\n", start, span.end)
        while cut != -1:
            line_start = text.rfind("\n", 0, cut) + 1
            after = text.find("\n", cut + 1)
            below = text[cut + 1 : after if after != -1 else len(text)]
            # The line's start may be in the passage before the excerpt (``lead``).
            line = (lead.rsplit("\n", 1)[-1] if line_start == 0 else "") + text[line_start:cut]
            if _heading_line(line, below):
                numbered = bool(_SECTION_NUMBER.search((lead + text[:start])[-30:]))
                piece = _trim(text, start, cut)
                if keep_headings or (line_start > start and not numbered):
                    if piece.end > piece.start:
                        out.append((piece, piece))
                    headed_from = None
                elif headed_from is None:
                    headed_from = piece.start
                start = cut + 1
            cut = text.find("\n", cut + 1, span.end)
        piece = _trim(text, start, span.end)
        if piece.end > piece.start:
            out.append((piece, Span(piece.start if headed_from is None else headed_from, piece.end)))
    return out


def chunk_page(page: Page, target: int = 900, skip: Sequence[Span] = (), breaks: Sequence[int] = ()) -> list[Span]:
    """Pack the page's sentences into spans of about ``target`` characters (a long sentence is split).

    ``skip`` is page furniture (running heads, page numbers, line-number gutters): no span starts or
    ends in it, so heads and feet stay out of every passage; furniture between lines of running text
    (a gutter) stays inside the span and is left out of the passage's indexed text (``index_text``).
    A new span starts at each of ``breaks`` (where a footnote begins)."""
    text = page.text
    pieces: list[Span] = []
    for sent in sentence_spans(text):
        parts = [sent] if sent.end - sent.start <= target * 1.5 else _split_long(text, sent, target)
        for part in parts:
            for piece in _without(text, part, skip):
                pieces += _split_at(text, piece, breaks)
    pending = sorted(breaks)
    chunks: list[Span] = []
    cur_start: int | None = None
    cur_end = 0
    for piece in pieces:
        crossed = bool(pending) and piece.start >= pending[0]
        while pending and piece.start >= pending[0]:
            pending.pop(0)
        if cur_start is None:
            cur_start, cur_end = piece.start, piece.end
        elif not crossed and piece.end - cur_start <= target:
            cur_end = piece.end
        else:
            chunks.append(Span(cur_start, cur_end))
            cur_start, cur_end = piece.start, piece.end
    if cur_start is not None:
        chunks.append(Span(cur_start, cur_end))
    # A last fragment far shorter than the target joins its predecessor (unless a break parts them).
    short = len(chunks) >= 2 and chunks[-1].end - chunks[-1].start < target // 4
    if short and not any(chunks[-2].end <= b <= chunks[-1].start for b in breaks):
        last = chunks.pop()
        chunks[-1] = Span(chunks[-1].start, last.end)
    return [c for c in chunks if len(_WORDISH.findall(text[c.start : c.end])) >= 3]


def _without(text: str, span: Span, skip: Sequence[Span]) -> list[Span]:
    """``span`` with the parts inside ``skip`` cut out, each remaining part trimmed."""
    out = []
    start = span.start
    for s in skip:
        if s.end <= start or s.start >= span.end:
            continue
        if s.start > start:
            out.append(_trim(text, start, s.start))
        start = max(start, s.end)
    if start < span.end:
        out.append(_trim(text, start, span.end))
    return [p for p in out if p.end > p.start]


def _split_at(text: str, span: Span, breaks: Sequence[int]) -> list[Span]:
    """``span`` cut at every break inside it (a sentence running on into a footnote)."""
    cuts = [b for b in sorted(set(breaks)) if span.start < b < span.end]
    bounds = [span.start, *cuts, span.end]
    return [p for p in (_trim(text, a, b) for a, b in pairwise(bounds)) if p.end > p.start]


_GUTTER_LINE = re.compile(r"^[ \t]*\d{1,4}[ \t]*\n", re.MULTILINE)
_HYPHENATED = re.compile(r"(?<=[a-z])[-\u00ad\u2010][ \t]*\n[ \t]*(?=[a-z])")  # hyphen, soft hyphen, U+2010


# A footnote number printed against a word: after it ("the debt.8", "debt8 See") or, opening the note, before
# it ("8The"). It is indexed as a word of its own, so "for the debt" is found and a pasted "debt.8" still is.
_FOOTNOTE_AFTER = re.compile(
    r"(?:(?<=[a-z]{2}[.,;\"”’)])|(?<=[a-z]{2}[.,;][\"”’)]))(\d{1,3})(?=[\s.,;]|$)|(?<=[a-z]{3})(\d{1,2})(?=[\s.,;]|$)"
)
_FOOTNOTE_BEFORE = re.compile(r"^(\d{1,3})(?=[A-Z][a-z])", re.MULTILINE)
# OCR runs a short word into the next ("ofthe", "tothe"): each pair of these words, run together, is no English
# word, so it is split for the index (a dictionary of function words; "bean" and "fora" are left alone).
_FIRST_WORDS = ("of", "in", "to", "and", "for", "on", "at", "by", "from", "with", "is", "that", "under", "upon", "as")
_SECOND_WORDS = ("the", "a", "an", "this", "that", "such", "said")
_RUN_TOGETHER = re.compile(
    r"\b("
    + "|".join(
        f"{a}{b}"
        for a in _FIRST_WORDS
        for b in _SECOND_WORDS
        if f"{a}{b}" not in {"fora", "isa", "ina", "asa", "ona", "ata"}
    )
    + r")\b",
    re.IGNORECASE,
)
_SPLIT = {f"{a}{b}": f"{a} {b}" for a in _FIRST_WORDS for b in _SECOND_WORDS}
# A longer lower-case word that is no English word, for the dictionary split (``lexicon.split_run_together``):
# "sheetfor", "permonth", "thewritten".
_UNKNOWN_CANDIDATE = re.compile(r"(?<![A-Za-z'’-])[a-z]{5,}(?![A-Za-z'’-])")


def _split_unknown(match: re.Match[str]) -> str:
    return split_run_together(match.group(0)) or match.group(0)


def without_gutter(text: str) -> str:
    """``text`` without its lines that are only a number (a line-number gutter, a page number): numbers the
    text does not state."""
    return _GUTTER_LINE.sub("", text + "\n")[:-1] if text else text


def footnotes_apart(text: str) -> str:
    """``text`` with footnote numbers set apart from the words they are printed against ("the district court1
    sentenced" -> "court 1 sentenced", "debt.8" -> "debt. 8")."""
    return _FOOTNOTE_BEFORE.sub(r"\1 ", _FOOTNOTE_AFTER.sub(lambda m: " " + m.group(0), text))


def rejoin_hyphenated(text: str) -> str:
    """``text`` with each word hyphenated across a line break printed whole ("arbi-\ntration" -> "arbitration")."""
    return _HYPHENATED.sub("", text)


def index_text(text: str) -> str:
    """What a passage is searched and embedded by: its verbatim text with words hyphenated across a line
    break rejoined ("arbi-\ntration" -> "arbitration"), lines that are only a number (a line-number gutter, a
    page number) left out, footnote numbers set apart from the words they are printed against ("debt.8" ->
    "debt. 8") and words OCR or an export ran together split ("ofthe" -> "of the", "permonth" -> "per month":
    a short word and a common one that together make no English word). The passage itself, its page
    offsets and highlights stay verbatim. Changing this changes what the index holds: raise
    ``legalassist.index.keyword.TEXT_VERSION`` so libraries rebuild their keyword index."""
    if not text:
        return text
    marked = footnotes_apart(rejoin_hyphenated(without_gutter(text)))
    split = _RUN_TOGETHER.sub(lambda m: _SPLIT[m.group(0).lower()], marked)
    return _UNKNOWN_CANDIDATE.sub(_split_unknown, split)


def _split_long(text: str, span: Span, target: int) -> list[Span]:
    """Split an over-long sentence at whitespace near ``target`` characters."""
    out: list[Span] = []
    start = span.start
    while span.end - start > target:
        cut = text.rfind(" ", start + target // 2, start + target)
        if cut <= start:
            cut = start + target
        out.append(_trim(text, start, cut))
        start = cut
    out.append(_trim(text, start, span.end))
    return [s for s in out if s.end > s.start]


CONTINUATION_MAX = 400  # characters of the next page a passage's unfinished last sentence may take
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"”’')\]]*$")
_RUNS_ON = re.compile(r"(?:[a-z,(\-\u00ad\u2010–—]|\b(?:§|§§|v\.|No\.|at|of|and|or|the|to|in))$")
_HEADING = re.compile(r"^(?:[IVXLC]+\.?|[A-Z]\.|\d+\.|[A-Z][A-Z .,'’&-]{3,})$")


def continuation(last: str, next_text: str, first: Span) -> Span | None:
    """Where the unfinished last sentence of a page's last passage (``last``) ends on the next page,
    whose first passage is ``first``: from that passage's start to its first sentence end, within
    CONTINUATION_MAX characters (cut at a word). None when ``last`` ends its sentence (or cannot be
    seen to run on: it must end in a lower-case word, a comma, a hyphen or a word like "of"), or when
    the next page opens with a heading."""
    last = last.rstrip()
    if not last or _ENDS_SENTENCE.search(last) or not _RUNS_ON.search(last):
        return None
    last_line = last.rsplit("\n", 1)[-1].strip()
    if len(last_line.split()) < 3 and last_line[:1].isupper():  # a heading at the page's foot ("Conclusion")
        return None
    opening = next_text[first.start : first.end]
    first_line = opening.split("\n", 1)[0].strip()
    if not first_line or _HEADING.match(first_line):
        return None
    sentences = sentence_spans(opening)
    end = first.start + (sentences[0].end if sentences else len(opening))
    if end - first.start > CONTINUATION_MAX:
        cut = next_text.rfind(" ", first.start, first.start + CONTINUATION_MAX)
        end = cut if cut > first.start else first.start + CONTINUATION_MAX
    span = _trim(next_text, first.start, end)
    return span if span.end > span.start else None


def embedding_input(header: str, passage: Passage) -> str:
    """The text a passage's vector is made from: its document's header line, breadcrumb and searchable text.
    (The embedder's training pairs are built with this too.)"""
    body = index_text(passage.whole_text)
    return f"{header}\n{passage.breadcrumb}\n{body}" if passage.breadcrumb else f"{header}\n{body}"
