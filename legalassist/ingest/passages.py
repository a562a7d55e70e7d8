"""A document's pages -> its passages: verbatim page slices with breadcrumbs, footnotes labelled, and
the sentence that runs over each page break recorded on the passage it starts in; OCR that reads as no
English (a scanned map) left out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from legalassist.domain import Continuation, Page
from legalassist.ingest.chunker import Span, chunk_page, continuation
from legalassist.ingest.layout import page_layouts
from legalassist.ingest.lexicon import frequencies
from legalassist.ingest.pdf import OCR_FIGURE_NOTE, OCR_NOTE
from legalassist.ingest.structure import Breadcrumbs, is_running_head


@dataclass
class Cut:
    page: int
    start: int
    end: int
    text: str
    breadcrumb: str
    footnote: bool
    continued: Continuation | None = None

    def row(self) -> tuple[int, int, int, str, str, Continuation | None]:
        return (self.page, self.start, self.end, self.text, self.breadcrumb, self.continued)


# OCR of a map or a figure reads as strings of letters that are no words ("psone", "agmew"). A passage of
# OCR'd English whose longer words are mostly not English words is left out of search; its page says so.
# The passages of the scanned opinions and forms here read at 88-100% English words, the appendix maps of a
# scanned opinion at 35-44% (docs/BENCHMARKS.md).
MIN_KNOWN_SHARE = 0.6
MIN_WORDS_JUDGED = 5  # fewer longer words than this says too little to judge
_LONGER_WORD = re.compile(r"[A-Za-z]{3,}")


def reads_as_english(text: str) -> bool:
    """Whether OCR'd ``text`` reads as English words (or is too short to tell)."""
    words = _LONGER_WORD.findall(text)
    if len(words) < MIN_WORDS_JUDGED:
        return True
    known = frequencies()
    return sum(w.lower() in known for w in words) >= MIN_KNOWN_SHARE * len(words)


def cut_passages(
    pages: Sequence[Page], doc_type: str, citation: str, target: int, ocr_language: str = "eng"
) -> list[Cut]:
    """Every passage of a document, in page order. On pages read by OCR in English, text that reads as no
    English words is left out (the page's note says so)."""
    crumbs = Breadcrumbs(doc_type, citation, list(pages))
    layouts = page_layouts(list(pages))
    english_ocr = ocr_language.strip().lower() == "eng"
    by_page: dict[int, list[Cut]] = {}
    for page in pages:
        layout = layouts[page.number]
        cuts = by_page.setdefault(page.number, [])
        judged = english_ocr and page.note == OCR_NOTE
        for span in chunk_page(page, target, layout.furniture, layout.breaks()):
            if judged and not reads_as_english(page.text[span.start : span.end]):
                page.note = OCR_FIGURE_NOTE
                continue
            crumb = crumbs.at(page.number, span.start)
            footnote = layout.footnote_at(span.start)
            if footnote:
                crumb = f"{crumb} › Footnote {footnote}" if crumb else f"Footnote {footnote}"
            text = page.text[span.start : span.end]
            cuts.append(Cut(page.number, span.start, span.end, text, crumb, bool(footnote)))
    # A sentence running over a page break: the page's last running-text passage (footnotes aside) also
    # records where it ends on the next page, at the start of that page's first running-text passage.
    text_of = {p.number: p.text for p in pages}
    for number, cuts in by_page.items():
        last = next((c for c in reversed(cuts) if not c.footnote), None)
        first = next((c for c in by_page.get(number + 1, []) if not c.footnote), None)
        if last is None or first is None:
            continue
        rest = continuation(last.text, text_of[number + 1], _past_running_heads(text_of[number + 1], first))
        if rest is not None:
            last.continued = Continuation(number + 1, rest.start, rest.end, text_of[number + 1][rest.start : rest.end])
    return [c for number in sorted(by_page) for c in by_page[number]]


def _past_running_heads(text: str, first: Cut) -> Span:
    """The first passage of a page without the opinion-part heads it opens with ("JACKSON, J., dissenting"),
    which the sentence from the page before does not read through."""
    start = first.start
    while start < first.end:
        end = text.find("\n", start, first.end)
        line = text[start : first.end if end < 0 else end]
        if not is_running_head(line) or end < 0:
            break
        start = end + 1
    return Span(start, first.end)
