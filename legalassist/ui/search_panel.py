"""The Search tab: passages matching a query (plain words, phrases, connectors, citations), with type
and year filters; works without a chat model."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from legalassist.domain import DocType, Hit
from legalassist.ui.context import AppContext, link_html
from legalassist.ui.render import SYNTAX_HELP, render_hits

ANY_TYPE = "any type"


class SearchPanel(QWidget):
    """Signals: searchFinished(list of Hit); anchorClicked(QUrl) for ``hit:i`` and document links."""

    searchFinished = Signal(list)
    anchorClicked = Signal(QUrl)

    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.app = app
        self.hits: list[Hit] = []
        self._query = ""

        self.query = QLineEdit()
        self.query.setPlaceholderText("Search passages (words, phrases, citations)…")
        self.query.returnPressed.connect(self.search)
        search_btn = QPushButton("Search")
        search_btn.clicked.connect(self.search)
        help_btn = QPushButton("?")
        help_btn.setToolTip("Search syntax: phrases, AND/OR/NOT, w/N, /s, /p, roots, fields, citations")
        help_btn.setFixedWidth(32)
        help_btn.clicked.connect(lambda: QMessageBox.information(self, "Search syntax", SYNTAX_HELP))
        self.type_filter = QComboBox()
        self.type_filter.addItems([ANY_TYPE, *DocType])
        self.since_filter, self.until_filter = QSpinBox(), QSpinBox()
        for box, label in ((self.since_filter, "from any year"), (self.until_filter, "to any year")):
            box.setRange(0, 2999)
            box.setSpecialValueText(label)  # 0: no limit
            box.setToolTip("Decision or enactment year (0: any)")
        self.results_view = QTextBrowser()
        self.results_view.setOpenLinks(False)
        self.results_view.anchorClicked.connect(self.anchorClicked)

        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(search_btn)
        row.addWidget(help_btn)
        layout.addLayout(row)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Filter:"))
        filters.addWidget(self.type_filter)
        filters.addWidget(self.since_filter)
        filters.addWidget(self.until_filter)
        filters.addStretch(1)
        layout.addLayout(filters)
        layout.addWidget(self.results_view, 1)

    def search(self) -> None:
        library = self.app.library()
        text = self.query.text().strip()
        if not text or library is None:
            return
        doc_type = self.type_filter.currentText()
        if doc_type != ANY_TYPE:
            text += f" type:{doc_type}"
        since, until = self.since_filter.value(), self.until_filter.value()
        if since or until:
            text += f" date:{since or 1600}..{until or 2999}"
        self._query = text
        self.app.status("Searching…", 0)
        k = self.app.settings().search_k

        def work(_w: object) -> tuple[list[Hit], dict[int, str]]:
            hits = library.search(text, k)
            return hits, {h.passage.id: link_html(library, h.passage) for h in hits}

        self.app.run(work, self._done)

    def _done(self, found: tuple[list[Hit], dict[int, str]]) -> None:
        library = self.app.library()
        if library is None:
            return
        hits, links = found
        self.hits = hits
        terms = library.query_terms
        wanted = set(terms(self._query))

        def matches(word: str) -> bool:
            found = terms(word)
            return bool(found) and found[0] in wanted

        self.results_view.setHtml(render_hits(hits, matches, lambda h: links.get(h.passage.id, "")))
        self.app.status(f"{len(hits)} passages", 5000)
        self.searchFinished.emit(hits)
