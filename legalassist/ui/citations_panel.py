"""The Citations tab: what the selected document cites and what in the library cites it, as links."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from legalassist.domain import CitedAuthority, CitingPassage, Document
from legalassist.ui.context import AppContext

TREATMENT_NOTE = "words near the citation in your library's text, not a citator's treatment"


def render_citations(doc: Document, cites: list[CitedAuthority], cited_by: list[CitingPassage]) -> str:
    """HTML for one document: cited-by first (what a lawyer checks), then the authorities it cites.
    Links: ``doc:ID:PAGE`` opens a document at a page, ``span:ID:PAGE:START:END`` a highlighted place."""
    parts = [f"<h3>{html.escape(doc.title)}</h3>"]
    citing_docs = {p.document.id for p in cited_by}
    parts.append(f"<h4>Cited by ({len(cited_by)} places in {len(citing_docs)} documents of this library)</h4>")
    if not cited_by:
        parts.append("<p><i>Nothing else in this library cites this document.</i></p>")
    current = None
    items: list[str] = []
    for p in cited_by:
        if p.document.id != current:
            if items:
                parts.append("<ul>" + "".join(items) + "</ul>")
                items = []
            current = p.document.id
            parts.append(f'<p><a href="doc:{p.document.id}:1"><b>{html.escape(p.document.title)}</b></a></p>')
        c = p.citation
        hint = (
            f' <span style="color:#8a5a00" title="{TREATMENT_NOTE}">[nearby: {html.escape(c.treatment)}]</span>'
            if c.treatment
            else ""
        )
        items.append(
            f'<li><a href="span:{c.doc_id}:{c.page}:{c.start}:{c.end}">page {c.page}</a>: '
            f"{html.escape(p.snippet[:300])}{hint}</li>"
        )
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    linked = [a for a in cites if a.documents]
    parts.append(f"<h4>Cites ({len(cites)} authorities, {len(linked)} in this library)</h4><ul>")
    for a in cites:
        pages = sorted({c.page for c in a.places})
        first = a.places[0]
        where = ", ".join(
            f'<a href="span:{c.doc_id}:{c.page}:{c.start}:{c.end}">{c.page}</a>'
            for c in sorted({c.page: c for c in a.places}.values(), key=lambda c: c.page)[:8]
        )
        more = " …" if len(pages) > 8 else ""
        name = f" <i>{html.escape(a.name)}</i>" if a.name and a.name != a.key else ""
        targets = "".join(f' → <a href="doc:{d.id}:{a.page}"><b>{html.escape(d.title)}</b></a>' for d in a.documents)
        label = html.escape(a.key)
        parts.append(
            f"<li>{label}{name} ×{len(a.places)} (p. {where}{more}){targets}"
            f'<br><span style="color:gray">{html.escape(" ".join(first.text.split())[:120])}</span></li>'
        )
    parts.append("</ul>")
    return "".join(parts)


class CitationsPanel(QWidget):
    """Signals: openDocument(doc_id, page); openSpan(doc_id, page, start, end); shown(doc_id)."""

    openDocument = Signal(int, int)
    openSpan = Signal(int, int, int, int)
    shown = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc_id: int | None = None
        self.hint = QLabel("Select a document in the library to see what it cites and what cites it.")
        self.hint.setWordWrap(True)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)

    def load(self, app: AppContext, doc_id: int) -> None:
        """Show one document's citations, worked out on a worker (a document cited in many places takes a
        while)."""
        library = app.library()
        if library is None:
            return

        def work(_w: object) -> Any:
            doc = library.document(doc_id)
            return (doc, library.cites(doc_id), library.cited_by(doc_id)) if doc else None

        app.run(work, lambda result: self.show_for(*result) if result is not None else None)

    def show_for(self, doc: Document, cites: list[CitedAuthority], cited_by: list[CitingPassage]) -> None:
        self.doc_id = doc.id
        self.hint.setText("Click a page to see the citation in place, a title to open the cited document.")
        self.view.setHtml(render_citations(doc, cites, cited_by))
        self.shown.emit(doc.id)

    def _clicked(self, url: QUrl) -> None:
        kind, _, rest = url.toString().partition(":")
        numbers = [int(x) for x in rest.split(":") if x.lstrip("-").isdigit()]
        if kind == "doc" and len(numbers) == 2:
            self.openDocument.emit(*numbers)
        elif kind == "span" and len(numbers) == 4:
            self.openSpan.emit(*numbers)
