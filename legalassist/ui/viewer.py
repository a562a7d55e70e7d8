"""The built-in PDF viewer: pages rendered by PyMuPDF, passages highlighted from their word boxes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QDesktopServices, QImage, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from legalassist.domain import WordBox
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
        self.doc_id: int | None = None
        # Per page shown: (word boxes, doc id, page, tooltip) of each citation that links somewhere.
        self.links: list[Link] = []
        # Given (doc id, page), the citations on that page that open a library document when clicked.
        self.link_provider: Callable[[int, int], list[Link]] | None = None

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

    def open(
        self,
        path: Path,
        page: int,
        title: str = "",
        highlights: list[WordBox] | None = None,
        doc_id: int | None = None,
    ) -> None:
        """Show ``path`` at ``page`` with the given word boxes highlighted on that page."""
        self.path = path
        self.doc_id = doc_id
        self.links = []
        self.pages = page_count(path)
        self.highlights = highlights or []
        self.highlight_page = page
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
        for colour, boxes in [(LINK, [b for link in self.links for b in link[0]])] + (
            [(HIGHLIGHT, self.highlights)] if page == self.highlight_page else []
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

    def _open_external(self) -> None:
        if self.path is not None:
            from PySide6.QtCore import QUrl

            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
