"""The Search tab: passages matching a query (plain words, phrases, connectors, citations), with type
and year filters; works without a chat model."""

from __future__ import annotations

from typing import TYPE_CHECKING

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

from legalassist.domain import DOC_TYPES, Hit
from legalassist.ui.render import SYNTAX_HELP, render_hits

if TYPE_CHECKING:
    from legalassist.ui.main_window import MainWindow

ANY_TYPE = "any type"


class SearchPanel(QWidget):
    """Signals: searchFinished(list of Hit); anchorClicked(QUrl) for ``hit:i`` and document links."""

    searchFinished = Signal(list)
    anchorClicked = Signal(QUrl)

    def __init__(self, host: MainWindow) -> None:
        super().__init__()
        self.host = host
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
        self.type_filter.addItems([ANY_TYPE, *DOC_TYPES])
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
        library = self.host.library
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
        self.host.statusBar().showMessage("Searching…")
        self.host.start_worker(lambda _w: library.search(text, self.host.settings.search_k), self._done)

    def _done(self, hits: list[Hit]) -> None:
        self.hits = hits
        terms = self.host.library.query_terms
        wanted = set(terms(self._query))

        def matches(word: str) -> bool:
            found = terms(word)
            return bool(found) and found[0] in wanted

        self.results_view.setHtml(render_hits(hits, matches, lambda h: self.host.link_html(h.passage)))
        self.host.statusBar().showMessage(f"{len(hits)} passages", 5000)
        self.searchFinished.emit(hits)
