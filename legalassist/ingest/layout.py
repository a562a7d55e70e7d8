"""What on a page is not the document's running text: page furniture, and where footnotes begin.

Page text stays exactly what PyMuPDF extracts (every offset and word box keeps its meaning); this
module only finds character ranges in it, so that passages can leave them out or label them:

- furniture: running heads and feet (a line repeated at the top or bottom of many pages, page
  numbers and dates aside: "Cite as: 596 U. S. 528 (2022)", "KEMP v. UNITED STATES", a "Page Proof
  Pending Publication" watermark), page numbers alone on a line at the top or bottom, and line-number
  gutters (a run of lines holding only 1, 2, 3 … as on pleading paper);
- footnotes: a run of lines at the foot of the page set smaller than the page's body text, each
  footnote starting at its marker ("1", "*", "†").
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from legalassist.domain import Page
from legalassist.ingest.chunker import Span

HEAD_LINES = 4  # lines at the top of a page that may be a running head
FOOT_LINES = 3  # and at the bottom
REPEAT_SHARE = 0.3  # a head repeated on at least this share of the pages (and on 3 or more) is furniture
WATERMARK_SHARE = 0.6  # a line on this share of the pages, at the edge of some, is furniture wherever it is
GUTTER_RUN = 5  # consecutive numbered lines that make a line-number gutter
SMALL_TYPE = 0.9  # footnote type is smaller than this share of the body's
_PAGE_NUMBER = re.compile(r"(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s+of\s+\d{1,4})?", re.IGNORECASE)
_FOOTNOTE_MARK = re.compile(r"\s*(\d{1,3}|\*{1,3}|[†‡¶])\s*(?=[^\s\d.,;:)])")
_MARK_ALONE = re.compile(r"\s*(\d{1,3}|\*{1,3}|[†‡¶])\s*")
_SEPARATOR = re.compile(r"[-_–—‒―]{5,}")


@dataclass(frozen=True)
class PageLayout:
    furniture: list[Span] = field(default_factory=list)
    footnotes: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, marker), in text order
    gutters: list[Span] = field(default_factory=list)  # the furniture that sits between lines of text

    def footnote_at(self, offset: int) -> str:
        """The marker of the footnote holding ``offset``, or ""."""
        return next((mark for start, end, mark in self.footnotes if start <= offset < end), "")

    def breaks(self) -> list[int]:
        """Where a passage must start: at each footnote and after it, and around furniture that is not a
        gutter (a watermark in mid-page), so that no passage holds a running head."""
        heads = [s for s in self.furniture if s not in self.gutters]
        return sorted(
            {b for start, end, _ in self.footnotes for b in (start, end)} | {b for s in heads for b in (s.start, s.end)}
        )


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line) of every line with something on it."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _shape(line: str) -> str:
    """A line as a running head repeats it: numbers, dates and blanks in reporters ("____") aside."""
    line = re.sub(r"[_–—-]{2,}", "_", line.strip())
    words = re.sub(r"\d+", "#", line).split()
    while len(words) > 1 and words[-1] == "#":  # a page number beside the head, or not
        words.pop()
    while len(words) > 1 and words[0] == "#":
        words.pop(0)
    return " ".join(words)


def _edges(lines: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    return lines[:HEAD_LINES] + lines[max(HEAD_LINES, len(lines) - FOOT_LINES) :]


def _gutters(lines: list[tuple[int, int, str]]) -> list[Span]:
    """Line-number gutters: lines holding only a number, counting up 1, 2, 3 … (in a block of their own
    or each beside its line of text, as text order has them on pleading paper)."""
    spans: list[Span] = []
    run: list[tuple[int, int, int]] = []  # (start, end, number)

    def close() -> None:
        if len(run) >= GUTTER_RUN:
            spans.extend(Span(s, e) for s, e, _ in run)
        run.clear()

    for start, _end, line in lines:
        text = line.strip()
        if not (text.isdigit() and len(text) <= 3):
            continue
        if run and int(text) != run[-1][2] + 1:
            close()
        offset = start + line.index(text)
        run.append((offset, offset + len(text), int(text)))
    close()
    return spans


def _footnotes(page: Page, lines: list[tuple[int, int, str]], furniture: list[Span]) -> list[tuple[int, int, str]]:
    """Candidate footnotes, (start, end, marker): lines set in smaller type than the body and lying below
    every body line, each footnote from a line opening with a marker to the last small line after it.
    (Text order may put footnotes anywhere: before the body, or after it.)"""
    if len(page.words) < 20:
        return []
    body = statistics.median(w.y1 - w.y0 for w in page.words)
    boxes: dict[int, tuple[float, float]] = {}  # line start -> (tallest word, top)
    words = iter(page.words)
    word = next(words, None)
    for start, end, _ in lines:
        tallest, top = 0.0, float("inf")
        while word is not None and word.start < end:
            if word.end > start:
                tallest, top = max(tallest, word.y1 - word.y0), min(top, word.y0)
            word = next(words, None)
        boxes[start] = (tallest, top)

    def in_furniture(start: int) -> bool:
        return any(s.start <= start < s.end for s in furniture)

    body_lines = [
        boxes[s][1]
        for s, _, _ in lines
        if not in_furniture(s) and boxes[s][0] >= SMALL_TYPE * body and boxes[s][1] < 1e9
    ]
    if not body_lines:
        return []
    floor = max(body_lines)  # the top of the lowest body line
    found: list[tuple[int, int, str]] = []
    going = False  # inside a footnote: small lines that follow it are its text
    for start, end, line in lines:
        tallest, top = boxes[start]
        if not (0 < tallest < SMALL_TYPE * body and top > floor and not in_furniture(start)):
            going = False
            continue
        if _SEPARATOR.fullmatch(line.strip()):
            continue
        m = _FOOTNOTE_MARK.match(line) or _MARK_ALONE.fullmatch(line)  # a raised marker may be a line of its own
        if m:
            found.append((start + m.start(1), end, m.group(1)))
            going = True
        elif going:
            found[-1] = (found[-1][0], end, found[-1][2])
    return found


def _numbered(candidates: list[tuple[int, int, str]], expected: int) -> tuple[list[tuple[int, int, str]], int]:
    """Candidates whose marker continues the document's numbering (1, 2, 3 …; a new opinion starts at 1
    again); symbols (*, †) always count. Returns those kept and the next number expected."""
    kept: list[tuple[int, int, str]] = []
    for start, end, mark in candidates:
        if mark.isdigit():
            if int(mark) not in (expected, 1):
                if kept:  # a number inside a footnote's text ("520 U. S."): part of the footnote before
                    kept[-1] = (kept[-1][0], end, kept[-1][2])
                continue
            expected = int(mark) + 1
        kept.append((start, end, mark))
    return kept, expected


def page_layouts(pages: list[Page]) -> dict[int, PageLayout]:
    """The furniture and footnotes of every page of one document (running heads need all its pages)."""
    per_page = {p.number: _lines(p.text) for p in pages}
    seen: Counter[str] = Counter()  # on how many pages a line is at the top or bottom
    anywhere: Counter[str] = Counter()  # on how many pages it is at all
    for lines in per_page.values():
        seen.update({_shape(line) for _, _, line in _edges(lines)})
        anywhere.update({_shape(line) for _, _, line in lines})
    need = max(3, REPEAT_SHARE * len(pages))
    watermark = max(3, WATERMARK_SHARE * len(pages))
    layouts = {}
    expected = 1  # the next footnote number
    for page in pages:
        lines = per_page[page.number]
        furniture = []
        edges = {start for start, _, _ in _edges(lines)}
        for start, end, line in lines:
            shape = _shape(line)
            if start in edges and (seen[shape] >= need or _PAGE_NUMBER.fullmatch(line.strip())):
                furniture.append(Span(start, end))
            elif anywhere[shape] >= watermark and seen[shape] >= 1 and len(shape) > 3:
                furniture.append(Span(start, end))  # a watermark, wherever text order puts it
        gutters = _gutters(lines)
        furniture = sorted(set(furniture) | set(gutters), key=lambda s: s.start)
        footnotes, expected = _numbered(_footnotes(page, lines, furniture), expected)
        layouts[page.number] = PageLayout(furniture, footnotes, gutters)
    return layouts
