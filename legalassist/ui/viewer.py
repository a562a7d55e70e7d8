"""The built-in PDF viewer: pages rendered by PyMuPDF, passages highlighted from their word boxes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QGuiApplication,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from legalassist.domain import Page, WordBox
from legalassist.ingest.pdf import page_count, page_size, render_page

HIGHLIGHT = QColor(255, 214, 0, 110)
LINK = QColor(30, 90, 200, 40)  # citations that open another library document
Link = tuple[list[WordBox], int, int, str]  # word boxes, doc id and page to open, tooltip


class PdfViewer(QWidget):
    """Signals: pageChanged(int) when another page is shown; linkActivated(doc_id, page) when a citation
    on the page that names a library document is clicked."""

    pageChanged = Signal(int)
    linkActivated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.page = 1
        self.pages = 0
        self.zoom = 1.5
        self.highlights: list[WordBox] = []
        self.highlight_page = 0
        self.also_highlights: dict[int, list[WordBox]] = {}  # page -> boxes: a passage's end on the next page
        self.doc_id: int | None = None
        # Per page shown: (word boxes, doc id, page, tooltip) of each citation that links somewhere.
        self.links: list[Link] = []
        # Given (doc id, page), the citations on that page that open a library document when clicked.
        self.link_provider: Callable[[int, int], list[Link]] | None = None
        # Given (doc id, page), that page's text and word boxes from the library (for find and copy).
        self.page_provider: Callable[[int, int], Page | None] | None = None
        # Given a doc id, (page number, text) of every page (for find).
        self.texts_provider: Callable[[int], list[tuple[int, str]]] | None = None
        self.highlight_span: tuple[int, int] | None = None  # the highlighted characters of highlight_page
        self.citation_label = ""  # "Title, court, date": what a copied quote is cited as
        self._matches: list[tuple[int, int, int]] = []  # (page, start, end) of the find term
        self._matches_for = ""  # the term they are for
        self._match = -1

        self.title = QLabel("No document open. Click a citation or a search hit.")
        self.title.setWordWrap(True)
        self.prev_btn = QPushButton("◀")
        self.next_btn = QPushButton("▶")
        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.count_label = QLabel("")
        self.zoom_in = QPushButton("+")
        self.zoom_out = QPushButton("−")
        self.open_external = QPushButton("Open in system viewer")
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("Find in document… (Ctrl+Shift+F)")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.returnPressed.connect(self.find_next)
        self.find_label = QLabel("")
        self.copy_btn = QPushButton("Copy with citation")
        self.copy_btn.setToolTip("Copy the highlighted text with its document and page")
        self.copy_btn.clicked.connect(self.copy_with_citation)
        # Ctrl+F is the window's search; finding within the open document is Ctrl+Shift+F.
        QShortcut(QKeySequence("Ctrl+Shift+F"), self, self._focus_find)
        for b, tip in (
            (self.prev_btn, "Previous page (PgUp)"),
            (self.next_btn, "Next page (PgDown)"),
            (self.zoom_in, "Zoom in (Ctrl++)"),
            (self.zoom_out, "Zoom out (Ctrl+-)"),
        ):
            b.setToolTip(tip)
        bar = QHBoxLayout()
        for w in (self.prev_btn, self.page_box, self.count_label, self.next_btn, self.zoom_out, self.zoom_in):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.open_external)
        tools = QHBoxLayout()
        tools.addWidget(self.find_box, 1)
        tools.addWidget(self.find_label)
        tools.addWidget(self.copy_btn)

        self.canvas = QLabel()
        self.canvas.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.canvas.installEventFilter(self)
        self.canvas.setMouseTracking(True)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setWidgetResizable(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addLayout(tools)
        layout.addWidget(self.scroll_area, 1)

        self.prev_btn.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_btn.clicked.connect(lambda: self.show_page(self.page + 1))
        self.page_box.valueChanged.connect(self._page_requested)
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self.zoom * 1.25))
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self.zoom / 1.25))
        self.open_external.clicked.connect(self._open_external)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for w in (self.prev_btn, self.next_btn, self.page_box, self.zoom_in, self.zoom_out, self.open_external):
            w.setEnabled(on)
        self.find_box.setEnabled(on and self.texts_provider is not None)
        self.copy_btn.setEnabled(on and self.highlight_span is not None)

    def open(
        self,
        path: Path,
        page: int,
        title: str = "",
        highlights: list[WordBox] | None = None,
        doc_id: int | None = None,
        span: tuple[int, int] | None = None,
        cited_as: str = "",
        also: dict[int, list[WordBox]] | None = None,
    ) -> None:
        """Show ``path`` at ``page`` with the given word boxes highlighted on that page; ``span`` is the
        highlighted range of the page text and ``cited_as`` the document's citation line (for copying).
        ``also`` highlights boxes on other pages (a passage's sentence that ends on the next page)."""
        self.path = path
        self.doc_id = doc_id
        self.highlight_span = span if highlights else None
        self.citation_label = cited_as or re.split(" — pages? ", title)[0] or path.name
        self._matches, self._matches_for, self._match = [], "", -1
        self.find_label.setText("")
        self.links = []
        self.pages = page_count(path)
        self.highlights = highlights or []
        self.highlight_page = page
        self.also_highlights = dict(also or {})
        self.title.setText(title or path.name)
        self.page_box.setMaximum(max(1, self.pages))
        self.zoom = self._fit_width_zoom(path, page)
        self.count_label.setText(f"of {self.pages}")
        self._enable(True)
        self.show_page(page)

    def _fit_width_zoom(self, path: Path, page: int) -> float:
        width, _ = page_size(path, page)
        available = self.scroll_area.viewport().width() - 24
        return min(4.0, max(0.5, available / width)) if width > 0 and available > 100 else self.zoom

    def _page_requested(self, page: int) -> None:
        if page != self.page:
            self.show_page(page)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(4.0, max(0.5, zoom))
        self.show_page(self.page)

    def show_page(self, page: int) -> None:
        if self.path is None or not 1 <= page <= self.pages:
            return
        self.page = page
        self.page_box.blockSignals(True)
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)
        ratio = self.devicePixelRatioF() or 1.0
        png, _, _ = render_page(self.path, page, self.zoom * ratio)
        image = QImage.fromData(png)
        provider = self.link_provider
        self.links = provider(self.doc_id, page) if provider is not None and self.doc_id is not None else []
        scale = self.zoom * ratio
        painter = QPainter(image)
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, boxes in (
            [(LINK, [b for link in self.links for b in link[0]])]
            + ([(HIGHLIGHT, self.highlights)] if page == self.highlight_page else [])
            + ([(HIGHLIGHT, self.also_highlights[page])] if page in self.also_highlights else [])
        ):
            painter.setBrush(colour)
            for box in boxes:
                painter.drawRect(
                    QRectF(box.x0 * scale, box.y0 * scale, (box.x1 - box.x0) * scale, (box.y1 - box.y0) * scale)
                )
        painter.end()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.canvas.setPixmap(pixmap)
        if page == self.highlight_page and self.highlights:
            top = min(b.y0 for b in self.highlights) * self.zoom
            self.scroll_area.verticalScrollBar().setValue(max(0, int(top) - 80))
        self.pageChanged.emit(page)

    def link_at(self, point: QPointF) -> tuple[int, int, str] | None:
        """(doc id, page, tooltip) of the citation under a point of the canvas, if any."""
        pixmap = self.canvas.pixmap()
        if pixmap is None or pixmap.isNull() or not self.links:
            return None
        width = pixmap.width() / (pixmap.devicePixelRatio() or 1.0)
        x = (point.x() - max(0.0, (self.canvas.width() - width) / 2)) / self.zoom
        y = point.y() / self.zoom
        for boxes, doc_id, page, tip in self.links:
            if any(b.x0 - 1 <= x <= b.x1 + 1 and b.y0 - 1 <= y <= b.y1 + 1 for b in boxes):
                return doc_id, page, tip
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.canvas and isinstance(event, QMouseEvent):
            hit = self.link_at(event.position())
            if event.type() == QEvent.Type.MouseMove:
                self.canvas.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
                self.canvas.setToolTip(hit[2] if hit else "")
            elif event.type() == QEvent.Type.MouseButtonRelease and hit and event.button() == Qt.MouseButton.LeftButton:
                self.linkActivated.emit(hit[0], hit[1])
                return True
        return super().eventFilter(watched, event)

    def find_next(self) -> None:
        """Highlight the next place the find box's text occurs (case-insensitive), page after page,
        wrapping round at the end."""
        term = " ".join(self.find_box.text().split()).lower()
        if not term or self.page_provider is None or self.texts_provider is None or self.doc_id is None:
            return
        if not self._matches or self._matches_for != term:
            self._matches = []
            for number, page_text in self.texts_provider(self.doc_id):
                text = page_text.lower()
                at = text.find(term)
                while at >= 0:
                    self._matches.append((number, at, at + len(term)))
                    at = text.find(term, at + 1)
            self._matches_for = term
            # Start from the page in view.
            self._match = next((i - 1 for i, m in enumerate(self._matches) if m[0] >= self.page), -1)
        if not self._matches:
            self.find_label.setText("not found")
            return
        self._match = (self._match + 1) % len(self._matches)
        number, start, end = self._matches[self._match]
        page = self.page_provider(self.doc_id, number)
        self.highlights = page.boxes_for(start, end) if page else []
        self.highlight_page, self.highlight_span = number, (start, end)
        self.find_label.setText(f"{self._match + 1} of {len(self._matches)}")
        self.copy_btn.setEnabled(True)
        self.show_page(number)

    def _focus_find(self) -> None:
        self.find_box.setFocus()
        self.find_box.selectAll()

    def copied_text(self) -> str:
        """The highlighted text with its citation: “…” Title, page N."""
        if self.highlight_span is None or self.page_provider is None or self.doc_id is None:
            return ""
        page = self.page_provider(self.doc_id, self.highlight_page)
        if page is None:
            return ""
        quote = " ".join(page.text[self.highlight_span[0] : self.highlight_span[1]].split())
        return f"“{quote}” {self.citation_label}, page {self.highlight_page}."

    def copy_with_citation(self) -> None:
        text = self.copied_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def _open_external(self) -> None:
        if self.path is not None:
            from PySide6.QtCore import QUrl

            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
