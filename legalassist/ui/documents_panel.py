"""The library's document list: a table model of the documents behind a filter (text, including a court's full
name, and folder), with the Import and Details buttons."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legalassist.citations.courts import short_court
from legalassist.domain import Document

COLUMNS = ("Title", "Type", "Court", "Date", "Pages", "Status")
COURT_COLUMN = 2
TITLE_WIDTH = 230  # the title's own width; the other columns fit their content
DOC_ID_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


class DocumentTableModel(QAbstractTableModel):
    """The documents as rows: title, type, court (short form; the full name in the tooltip), date, pages,
    status. ``DOC_ID_ROLE`` gives a row's document id."""

    def __init__(self) -> None:
        super().__init__()
        self.docs: list[Document] = []
        self.rows: list[list[str]] = []  # each document's cells, worked out once (the view asks per paint)
        self.folders: list[str] = []

    def set_documents(self, docs: list[Document]) -> None:
        self.beginResetModel()
        self.docs = list(docs)
        self.rows = [[d.title, d.doc_type, short_court(d.court), d.date, str(d.pages), d.status] for d in docs]
        self.folders = [str(Path(d.path).parent) for d in docs]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.docs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d, col = self.docs[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][col]
        if role == DOC_ID_ROLE:
            return d.id
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = d.court if col == COURT_COLUMN and d.court else d.error or d.path
            return f"{d.title}\n{tip}" if col == 0 and not d.error else tip
        if role == Qt.ItemDataRole.InitialSortOrderRole and col == 4:
            return d.pages
        return None


class DocumentFilter(QSortFilterProxyModel):
    """Rows whose cells (or court's full name) hold the filter text, in the chosen folder or below it."""

    def __init__(self, model: DocumentTableModel) -> None:
        super().__init__()
        self.setSourceModel(model)
        self.model_ = model
        self.text = ""
        self.folder = ""

    def set_filter(self, text: str, folder: str) -> None:
        self.beginFilterChange()
        self.text, self.folder = text.lower(), folder
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        where = self.model_.folders[row]
        if self.folder and not (where == self.folder or where.startswith(self.folder + os.sep)):
            return False
        cells = [*self.model_.rows[row], self.model_.docs[row].court]
        return not self.text or any(self.text in c.lower() for c in cells)


class DocumentsPanel(QWidget):
    """Signals: openDocument(doc_id, page), selected(doc_id or 0), importRequested(), detailsRequested(doc_id)."""

    openDocument = Signal(int, int)
    selected = Signal(int)
    importRequested = Signal()
    detailsRequested = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.model = DocumentTableModel()
        self.proxy = DocumentFilter(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        header = self.table.horizontalHeader()
        # The other columns fit their content (courts as short forms, the full name in the tooltip); the title
        # keeps a readable width of its own, and the table scrolls sideways when the pane is narrower.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, TITLE_WIDTH)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(40)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setSortingEnabled(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda index: self.openDocument.emit(int(index.data(DOC_ID_ROLE)), 1))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter documents…")
        self.filter_box.textChanged.connect(self._refilter)
        self.folder_filter = QComboBox()
        self.folder_filter.setToolTip("Show the documents of one folder (and its subfolders)")
        self.folder_filter.addItem("All folders", "")
        self.folder_filter.currentIndexChanged.connect(self._refilter)
        import_btn = QPushButton("Import PDFs…")
        import_btn.clicked.connect(self.importRequested)
        self.details_btn = QPushButton("Details…")
        self.details_btn.setToolTip("Correct the selected document's title, type, court, date or citation")
        self.details_btn.setEnabled(False)
        self.details_btn.clicked.connect(self._details)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Library</b> — drop PDFs or folders anywhere on this window"))
        layout.addWidget(self.filter_box)
        layout.addWidget(self.folder_filter)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(import_btn, 1)
        buttons.addWidget(self.details_btn)
        layout.addLayout(buttons)

    def set_documents(self, docs: list[Document]) -> None:
        chosen = self.selected_document_id()
        self.model.set_documents(docs)
        self._set_folders(sorted(set(self.model.folders)))
        self._refilter()
        if chosen is not None:
            self.select(chosen)

    def visible_ids(self) -> list[int]:
        """The documents shown, in the order shown."""
        return [int(self.proxy.index(r, 0).data(DOC_ID_ROLE)) for r in range(self.proxy.rowCount())]

    def select(self, doc_id: int) -> None:
        rows = self.visible_ids()
        if doc_id in rows:
            self.table.selectRow(rows.index(doc_id))

    def selected_document_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(DOC_ID_ROLE)) if rows else None

    def _set_folders(self, folders: list[str]) -> None:
        """The folder list: every folder documents came from, named from where they differ."""
        chosen = self.folder_filter.currentData()
        self.folder_filter.blockSignals(True)
        self.folder_filter.clear()
        self.folder_filter.addItem("All folders", "")
        common = os.path.commonpath(folders) if len(folders) > 1 else ""
        parent = os.path.dirname(common) if common else ""
        for folder in folders:
            self.folder_filter.addItem(os.path.relpath(folder, parent) if parent else folder, folder)
        self.folder_filter.setCurrentIndex(max(0, self.folder_filter.findData(chosen)))
        self.folder_filter.blockSignals(False)

    def _refilter(self, *_: object) -> None:
        self.proxy.set_filter(self.filter_box.text(), self.folder_filter.currentData() or "")

    def _selection_changed(self, *_: object) -> None:
        doc_id = self.selected_document_id()
        self.details_btn.setEnabled(doc_id is not None)
        self.selected.emit(doc_id or 0)

    def _details(self) -> None:
        doc_id = self.selected_document_id()
        if doc_id is not None:
            self.detailsRequested.emit(doc_id)
