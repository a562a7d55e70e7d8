"""Where a click goes: an answer's [n] (``cite:N``), a search hit (``hit:I``), a document a passage cites
(``doc:ID:PAGE``) or a citation on a page all open the viewer at the passage, highlighted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl

from legalassist.domain import Answer, Continuation, Hit, Status
from legalassist.ui.context import AppContext
from legalassist.ui.viewer import Link, PdfViewer


@dataclass(frozen=True)
class Target:
    """A parsed link: its kind ("cite", "hit" or "doc") and its numbers."""

    kind: str
    numbers: tuple[int, ...]


def parse_link(url: str) -> Target | None:
    """``cite:2`` -> Target("cite", (2,)); ``doc:12:3`` -> Target("doc", (12, 3)); ``doc:12`` opens page 1."""
    kind, _, rest = url.partition(":")
    parts = rest.split(":")
    if kind not in ("cite", "hit", "doc") or not all(p.isdigit() for p in parts):
        return None
    numbers = tuple(int(p) for p in parts)
    if kind == "doc" and len(numbers) == 1:
        numbers += (1,)
    return Target(kind, numbers) if len(numbers) == (2 if kind == "doc" else 1) else None


class LinkRouter:
    def __init__(
        self,
        app: AppContext,
        viewer: PdfViewer,
        last_answer: Callable[[], Answer | None],
        hits: Callable[[], list[Hit]],
    ) -> None:
        self.app, self.viewer, self.last_answer, self.hits = app, viewer, last_answer, hits
        viewer.link_provider = self.page_links
        viewer.linkActivated.connect(self.open_document)

    def route(self, url: QUrl | str) -> None:
        target = parse_link(url.toString() if isinstance(url, QUrl) else url)
        if target is None:
            return
        if target.kind == "cite":
            answer = self.last_answer()
            cit = next((c for c in answer.citations if c.n == target.numbers[0]), None) if answer else None
            if cit:
                p = cit.passage
                self.open_source(p.doc_id, Path(cit.document.path), p.page, cit.start, cit.end, cit.document.title)
        elif target.kind == "doc":
            self.open_document(*target.numbers)
        elif target.kind == "hit" and target.numbers[0] < len(self.hits()):
            h = self.hits()[target.numbers[0]]
            p = h.passage
            title = h.document.title
            self.open_source(p.doc_id, Path(h.document.path), p.page, p.start, p.end, title, continued=p.continued)

    def open_document(self, doc_id: int, page: int) -> None:
        library = self.app.library()
        doc = library.document(doc_id) if library else None
        if doc and doc.status != Status.FAILED:
            self.viewer.open(Path(doc.path), page, f"{doc.title} — page {page}", doc_id=doc.id)

    def open_span(self, doc_id: int, page: int, start: int, end: int) -> None:
        library = self.app.library()
        doc = library.document(doc_id) if library else None
        if doc:
            self.open_source(doc.id, Path(doc.path), page, start, end, doc.title)

    def open_source(
        self,
        doc_id: int,
        path: Path,
        page: int,
        start: int,
        end: int,
        title: str,
        continued: Continuation | None = None,
    ) -> None:
        """Open a document at a passage, highlighted; with ``continued``, its last sentence's end on the next
        page is highlighted too."""
        library = self.app.library()
        if library is None:
            return
        boxes = library.highlight_boxes(doc_id, page, start, end)
        also = {}
        if continued is not None:
            also[continued.page] = library.highlight_boxes(doc_id, continued.page, continued.start, continued.end)
        doc = library.document(doc_id)
        cited_as = ", ".join(x for x in (title, doc.court if doc else "", doc.date if doc else "") if x)
        pages = f"pages {page}–{continued.page}" if continued else f"page {page}"
        self.viewer.open(
            path, page, f"{title} — {pages}", boxes, doc_id=doc_id, span=(start, end), cited_as=cited_as, also=also
        )

    def page_links(self, doc_id: int, page: int) -> list[Link]:
        """The citations on a page that open another library document (read from the catalog: fast)."""
        library = self.app.library()
        if library is None:
            return []
        shown = library.page(doc_id, page)  # read once: its word boxes serve every link on it
        return [
            (shown.boxes_for(record.start, record.end), docs[0].id, target_page, f"{record.key}: open {docs[0].title}")
            for record, docs, target_page in library.citations_in(doc_id, page)
            if docs and shown is not None
        ]
