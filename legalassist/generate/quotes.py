"""Quote verification: is this quoted text really on that page, and where?

Three levels, tried in order, each reported as ``how``:

- ``exact``: the quote is a substring of the page text;
- ``normalised``: equal once both sides have whitespace runs collapsed, curly quotes and dashes made
  plain, ligatures spelled out, a hyphen inside a word dropped (so a word hyphenated across a line break is
  rejoined, however a quote of it spells it), letter case ignored and
  the bracketed alterations of legal quoting ("[T]he") unbracketed; an ellipsis ("...", "…") in the
  quote matches any text between its parts, in order;
- ``fuzzy``: a near-exact match (rapidfuzz's best-aligned substring scoring at least FUZZY_MIN), for a
  quote long enough that such a score means something.

Every level returns the span of the page text it matched, so a verified quote can be highlighted.
Nothing here trusts the model: a quote that fails all three is reported unverified.
"""

from __future__ import annotations

import re

from legalassist.domain import QuoteCheck

FUZZY_MIN = 90.0  # rapidfuzz score (0-100) at or above which a near-exact match verifies a quote
FUZZY_MIN_CHARS = 40  # shorter quotes must match exactly or normalised: a few edits change their meaning
MIN_QUOTE_CHARS = 4  # quoted text shorter than this ("a", "§") is not a quotation worth checking

_FOLD = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\u00ad": "",  # soft hyphen
    "[": "",  # "[T]he", "employ[ee]": legal quoting's alterations
    "]": "",
}
# Compared, a hyphen inside a word is dropped on both sides: a quote of a line-broken word loses the line
# break ("incor- porated", "incor-porated", "incorporated"). The cost: a quote is taken to match a page that
# hyphenates the same letters otherwise ("resign" for "re-sign"), which seldom changes what it says.
_WORD_HYPHEN = re.compile(r"(?<=[A-Za-z])[-\u00ad\u2010]\s*(?=[a-z])")
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|\u2026)\s*")


def normalise(text: str) -> tuple[str, list[int]]:
    """The text in the form compared at the ``normalised`` level, and for each of its characters the
    offset in ``text`` it came from (plus one past the end)."""
    joined = _WORD_HYPHEN.sub("", text)
    # Offsets of the characters kept by the hyphen rejoining.
    kept: list[int] = []
    pos = 0
    for m in _WORD_HYPHEN.finditer(text):
        kept.extend(range(pos, m.start()))
        pos = m.end()
    kept.extend(range(pos, len(text)))
    out: list[str] = []
    offsets: list[int] = []
    space = True  # drop leading whitespace
    for ch, at in zip(joined, kept, strict=True):
        if ch.isspace():
            if not space and out[-1] != "-":  # "enforceable - save" is "enforceable—save"
                out.append(" ")
                offsets.append(at)
            space = True
            continue
        folded = _FOLD.get(ch, ch).lower()
        if folded == "-" and out and out[-1] == " ":
            out.pop()
            offsets.pop()
        for c in folded:
            out.append(c)
            offsets.append(at)
        space = False if folded else space
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    offsets.append(len(text))
    return "".join(out), offsets


def verify_quote(quote: str, page_text: str) -> QuoteCheck:
    """Check ``quote`` against ``page_text``: exact, then normalised, then near-exact."""
    quote = quote.strip()
    if not quote:
        return QuoteCheck(quote, False)
    at = page_text.find(quote)
    if at >= 0:
        return QuoteCheck(quote, True, "exact", 100.0, at, at + len(quote))
    norm_page, offsets = normalise(page_text)
    parts = [normalise(p)[0] for p in _ELLIPSIS.split(quote)]
    parts = [p.strip(" \"'") for p in parts if p.strip(" \"'")]
    if not parts:
        return QuoteCheck(quote, False)
    span = _find_in_order(parts, norm_page)
    if span is not None:
        return QuoteCheck(quote, True, "normalised", 100.0, offsets[span[0]], _end_offset(offsets, span[1]))
    whole = " ".join(parts)
    if len(whole) < FUZZY_MIN_CHARS or len(parts) > 1:
        return QuoteCheck(quote, False)
    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(whole, norm_page)
    if found is None:
        return QuoteCheck(quote, False)
    # The alignment is a window as long as the quote: widen it to whole words.
    start, end = found.dest_start, found.dest_end
    while start > 0 and norm_page[start - 1].isalnum():
        start -= 1
    while end < len(norm_page) and norm_page[end].isalnum():
        end += 1
    if found.score < FUZZY_MIN or not _same_words(whole, norm_page[start:end]):
        return QuoteCheck(quote, False, "", float(found.score))
    return QuoteCheck(quote, True, "fuzzy", float(found.score), offsets[start], _end_offset(offsets, end))


_WORD = re.compile(r"\w+")
_NEGATION = frozenset({"not", "no", "never", "nor", "neither", "without", "except", "unless", "non"})
# Words a near-exact quote may get wrong without changing what it says ("and" and "or" are not among them).
_SHORT = frozenset({"or", "no", "if", "as"})  # short words that change what a quote says
_SLACK = frozenset(
    {"the", "a", "an", "of", "to", "in", "that", "this", "its", "it", "is", "was", "for", "by", "on", "at"}
)


def _same_words(quote: str, region: str) -> bool:
    """A near-exact match may differ in punctuation, spacing and small words, never in what it says:
    every word of the quote (three letters or more, and every number) is in the matched text, and the
    matched text negates nothing the quote does not ("is void" is not a quote of "is not void").
    Apostrophes are ignored ("employers" for "employer's")."""
    from rapidfuzz.distance import Levenshtein

    said = set(_WORD.findall(quote.replace("'", "")))
    there = set(_WORD.findall(region.replace("'", "")))

    def present(word: str) -> bool:
        # A letter dropped or doubled in a long word ("arbitation") is tolerated; a letter changed is
        # not ("insured" is not "insurer"), nor a different word or number.
        return word in there or (
            len(word) >= 6
            and not word.isdigit()
            and any(abs(len(w) - len(word)) == 1 and Levenshtein.distance(word, w, score_cutoff=1) <= 1 for w in there)
        )

    needed = {w for w in said - _SLACK if len(w) >= 3 or w.isdigit() or w in _SHORT}
    return all(present(w) for w in needed) and not (there & _NEGATION) - said


def _find_in_order(parts: list[str], text: str) -> tuple[int, int] | None:
    """The span from the first part to the last, each found after the one before (an ellipsis
    stands for what lies between)."""
    start = end = -1
    pos = 0
    for i, part in enumerate(parts):
        at = text.find(part, pos)
        if at < 0:
            return None
        if i == 0:
            start = at
        end = pos = at + len(part)
    return start, end


def _end_offset(offsets: list[int], end: int) -> int:
    # One past the original character of the last matched character (ligatures map several to one).
    return offsets[end - 1] + 1 if end > 0 else offsets[0]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the text inside double quotation marks in ``text`` (the marks excluded). Curly marks
    open and close; a straight mark closes the quotation it opened, so marks pair up left to right."""
    spans = []
    opened = -1
    for i, ch in enumerate(text):
        if ch == "\u201c" or (ch == '"' and opened < 0):
            opened = i + 1
        elif ch in '"\u201d' and opened >= 0:
            inner = text[opened:i]
            if len(inner.strip()) >= MIN_QUOTE_CHARS and re.search(r"\w", inner):
                spans.append((opened, i))
            opened = -1
    return spans
