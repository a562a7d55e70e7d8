"""The built-in PDF viewer: pages rendered by PyMuPDF, passages highlighted from their word boxes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from legalassist.domain import WordBox
from legalassist.ingest.pdf import page_count, page_size, render_page

HIGHLIGHT = QColor(255, 214, 0, 110)


class PdfViewer(QWidget):
    """Signals: pageChanged(int) when another page is shown."""

    pageChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.page = 1
        self.pages = 0
        self.zoom = 1.5
        self.highlights: list[WordBox] = []
        self.highlight_page = 0

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

    def open(self, path: Path, page: int, title: str = "", highlights: list[WordBox] | None = None) -> None:
        """Show ``path`` at ``page`` with the given word boxes highlighted on that page."""
        self.path = path
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
        if page == self.highlight_page and self.highlights:
            painter = QPainter(image)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(HIGHLIGHT)
            scale = self.zoom * ratio
            for box in self.highlights:
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

    def _open_external(self) -> None:
        if self.path is not None:
            from PySide6.QtCore import QUrl

            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
