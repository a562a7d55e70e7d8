"""A document's pages -> its passages: verbatim page slices with breadcrumbs, footnotes labelled, and
the sentence that runs over each page break recorded on the passage it starts in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from legalassist.domain import Continuation, Page
from legalassist.ingest.chunker import Span, chunk_page, continuation
from legalassist.ingest.layout import page_layouts
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


def cut_passages(pages: Sequence[Page], doc_type: str, citation: str, target: int) -> list[Cut]:
    """Every passage of a document, in page order."""
    crumbs = Breadcrumbs(doc_type, citation, list(pages))
    layouts = page_layouts(list(pages))
    by_page: dict[int, list[Cut]] = {}
    for page in pages:
        layout = layouts[page.number]
        cuts = by_page.setdefault(page.number, [])
        for span in chunk_page(page, target, layout.furniture, layout.breaks()):
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
