"""Reading order for two-column pages whose text comes out interleaved.

PyMuPDF gives a page's text in the order the PDF draws it. Most two-column documents draw a whole
column before the next, and their text is left exactly as extracted. Some (text layers laid down row by
row, converted or OCR'd pages) draw a line of the left column, then the line beside it on the right, so
the extracted text alternates columns line by line and no passage cut from it reads as the document
does. For those pages only, the page text is rebuilt from PyMuPDF's own lines, each verbatim, put in
reading order: within each band between full-width lines (a caption, a heading across both columns),
the left column top to bottom, then the right. Word boxes follow their lines, so offsets and highlights
keep their meaning.

A side-by-side table is not a pair of columns: both sides must be text columns (four or more lines each,
most lines filling their column, neither column under half the other's width), with a clear gutter
between them that no column line crosses.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

MIN_COLUMN_LINES = 4  # lines each side needs before a page counts as two columns
MIN_SIDE_BY_SIDE = 3  # left and right lines at the same height: the columns run beside each other
MIN_FILL = 0.6  # a column's median line is at least this share of the column's width
MIN_WIDTH_RATIO = 0.5  # the narrower column is at least this share of the wider one's width
MIN_GUTTER = 6.0  # points of clear space between the columns


@dataclass
class _Line:
    start: int  # the line's span in the page text (without its newline)
    end: int
    x0: float
    y0: float
    x1: float
    y1: float
    words: list[int]  # indexes into the words list, in reading order


def _lines(text: str, words: Sequence[tuple]) -> list[_Line] | None:
    """PyMuPDF's lines, from its words (block and line numbers) placed in ``text``; None when a word
    cannot be placed or two lines share a line of text (nothing is reordered then)."""
    by_key: dict[tuple[int, int], _Line] = {}
    pos = 0
    for i, (x0, y0, x1, y1, word, block, line, *_) in enumerate(words):
        at = text.find(word, pos)
        if at < 0:
            return None
        pos = at + len(word)
        found = by_key.get((block, line))
        if found is None:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", pos)
            by_key[(block, line)] = _Line(start, len(text) if end < 0 else end, x0, y0, x1, y1, [i])
        else:
            if pos > found.end:  # one PyMuPDF line over two lines of text: not a layout this can order
                return None
            found.x0, found.y0 = min(found.x0, x0), min(found.y0, y0)
            found.x1, found.y1 = max(found.x1, x1), max(found.y1, y1)
            found.words.append(i)
    lines = list(by_key.values())
    spans = sorted((ln.start, ln.end) for ln in lines)
    if any(b[0] <= a[1] for a, b in zip(spans, spans[1:], strict=False)):
        return None
    return lines


def _gutter(lines: list[_Line]) -> float | None:
    """The x of a clear gutter between two text columns, or None when the page is not two columns."""
    if len(lines) < 2 * MIN_COLUMN_LINES:
        return None
    left_edge = min(ln.x0 for ln in lines)
    right_edge = max(ln.x1 for ln in lines)
    middle = (left_edge + right_edge) / 2
    # Lines under ~half the text's width are column lines, on the side of the middle their centre lies;
    # wider ones run across both columns (a caption, a closing line).
    narrow = [ln for ln in lines if ln.x1 - ln.x0 < 0.55 * (right_edge - left_edge)]
    left = [ln for ln in narrow if (ln.x0 + ln.x1) / 2 < middle]
    right = [ln for ln in narrow if (ln.x0 + ln.x1) / 2 >= middle]
    if len(left) < MIN_COLUMN_LINES or len(right) < MIN_COLUMN_LINES:
        return None
    gap_from, gap_to = max(ln.x1 for ln in left), min(ln.x0 for ln in right)
    if gap_to - gap_from < MIN_GUTTER:
        return None
    widths = []
    for side in (left, right):
        width = max(ln.x1 for ln in side) - min(ln.x0 for ln in side)
        if statistics.median(ln.x1 - ln.x0 for ln in side) < MIN_FILL * width:
            return None  # short entries: a table or a list, not running text
        widths.append(width)
    if min(widths) < MIN_WIDTH_RATIO * max(widths):
        return None
    beside = sum(1 for a in left if any(b.y0 < a.y1 and a.y0 < b.y1 for b in right))
    if beside < MIN_SIDE_BY_SIDE:
        return None
    return (gap_from + gap_to) / 2


def column_order(text: str, words: Sequence[tuple]) -> tuple[str, list[tuple]] | None:
    """The page's text and words in reading order, when its text interleaves two columns; None when the
    page is not two columns or its text already reads one column, then the other."""
    lines = _lines(text, words)
    if not lines:
        return None
    gutter = _gutter(lines)
    if gutter is None:
        return None
    full = sorted((ln for ln in lines if ln.x0 < gutter < ln.x1), key=lambda ln: ln.y0)
    full_tops = [(ln.y0 + ln.y1) / 2 for ln in full]
    # Reading order: (band, left 0 / right 1 / the full-width line below the band 2, top, left edge).
    keys: dict[int, tuple[int, int, float, float]] = {id(ln): (rank, 2, ln.y0, ln.x0) for rank, ln in enumerate(full)}
    for ln in lines:
        if id(ln) not in keys:
            band = bisect.bisect_left(full_tops, (ln.y0 + ln.y1) / 2)
            keys[id(ln)] = (band, 0 if ln.x1 <= gutter else 1, ln.y0, ln.x0)

    in_text = sorted(lines, key=lambda ln: ln.start)
    # A page whose text already reads each band's left column, then its right, is left verbatim (a
    # raised footnote marker or a heading drawn out of place there is not worth a page text of our own).
    sides = [keys[id(ln)][:2] for ln in in_text if keys[id(ln)][1] < 2]
    switches = sum(1 for a, b in zip(sides, sides[1:], strict=False) if a[0] == b[0] and a[1] != b[1])
    if switches < MIN_SIDE_BY_SIDE or switches <= 2 * len({band for band, _ in sides}):
        return None
    ordered = sorted(lines, key=lambda ln: keys[id(ln)])
    # Only text between lines (blank lines, spaces) is left out of the rebuilt page.
    covered = [(ln.start, ln.end) for ln in in_text]
    gaps = [text[a[1] : b[0]] for a, b in zip([(0, 0), *covered], [*covered, (len(text), len(text))], strict=True)]
    if any(gap.strip() for gap in gaps):
        return None
    new_text = "".join(text[ln.start : ln.end] + "\n" for ln in ordered)
    new_words = [words[i] for ln in ordered for i in ln.words]
    return new_text, new_words
