"""The main window: library on the left, ask and search in the middle, the PDF viewer on the right."""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from legalassist.citations.courts import short_court
from legalassist.config import Settings
from legalassist.domain import Continuation, ImportResult, Passage
from legalassist.progress import PAUSED
from legalassist.ui.ask_panel import AskPanel
from legalassist.ui.citations_panel import CitationsPanel
from legalassist.ui.search_panel import SearchPanel
from legalassist.ui.viewer import Link, PdfViewer
from legalassist.ui.watcher import FolderWatcher
from legalassist.ui.workers import MainThreadCollector, Worker

FOLDER_ROLE = Qt.ItemDataRole.UserRole + 1  # the folder a document's file is in
FULL_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2  # what the filter matches besides the cell's text (a court's full name)
COURT_COLUMN = 2
TITLE_WIDTH = 230  # pixels: about 35 characters of a case name


def default_size(available: QSize) -> tuple[int, int]:
    """The first window's size: 1500 × 900, or 95% of the screen's free area where that is smaller (a 1366 × 768
    laptop), never less than 900 × 600."""
    width = min(1500, int(available.width() * 0.95))
    height = min(900, int(available.height() * 0.95))
    return max(width, min(900, available.width())), max(height, min(600, available.height()))


class MainWindow(QMainWindow):
    """Signals: importFinished(list), answerFinished(object), searchFinished(list), citationsShown(int),
    modelsLoaded(str)."""

    importFinished = Signal(list)
    modelsLoaded = Signal(str)  # "" when the models are ready, else why one could not be loaded
    citationsShown = Signal(int)
    answerFinished = Signal(object)
    searchFinished = Signal(list)

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.library: Any = None  # opened on a worker thread right after the window shows
        self.pool = QThreadPool.globalInstance()
        self.workers: set[Worker] = set()
        self.collector = MainThreadCollector(self)
        self.collector.start()
        self.import_worker: Worker | None = None
        self._closing = False
        self._sync_pending = False
        self.automation: Any = None  # legalassist.ui.automation, when a test drives the window
        self.folder_watcher = FolderWatcher(self)
        self.folder_watcher.changed.connect(self.sync_watched)
        self.setWindowTitle("legalassist")
        self.setAcceptDrops(True)
        self._build()
        self._restore_layout()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.docs = QTableWidget(0, 6)
        self.docs.setHorizontalHeaderLabels(["Title", "Type", "Court", "Date", "Pages", "Status"])
        header = self.docs.horizontalHeader()
        # The other columns fit their content (courts as short forms, the full name in the tooltip); the title
        # keeps a readable width of its own, and the table scrolls sideways when the pane is narrower.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, TITLE_WIDTH)
        for col in range(1, 6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(40)
        self.docs.setWordWrap(False)
        self.docs.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.docs.setSortingEnabled(True)
        self.docs.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.docs.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.docs.cellDoubleClicked.connect(self._open_document_row)
        self.docs.itemSelectionChanged.connect(self._document_selected)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter documents…")
        self.filter_box.textChanged.connect(self._filter_documents)
        self.folder_filter = QComboBox()
        self.folder_filter.setToolTip("Show the documents of one folder (and its subfolders)")
        self.folder_filter.addItem("All folders", "")
        self.folder_filter.currentIndexChanged.connect(lambda _i: self._filter_documents(self.filter_box.text()))
        import_btn = QPushButton("Import PDFs…")
        import_btn.clicked.connect(self._choose_files)
        self.details_btn = QPushButton("Details…")
        self.details_btn.setToolTip("Correct the selected document's title, type, court, date or citation")
        self.details_btn.setEnabled(False)
        self.details_btn.clicked.connect(self._edit_selected_document)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel("<b>Library</b> — drop PDFs or folders anywhere on this window"))
        lv.addWidget(self.filter_box)
        lv.addWidget(self.folder_filter)
        lv.addWidget(self.docs, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(import_btn, 1)
        buttons.addWidget(self.details_btn)
        lv.addLayout(buttons)

        self.ask_panel = AskPanel(self)
        self.ask_panel.answerFinished.connect(self.answerFinished)
        self.ask_panel.anchorClicked.connect(self._anchor_clicked)
        self.search_panel = SearchPanel(self)
        self.search_panel.searchFinished.connect(self.searchFinished)
        self.search_panel.anchorClicked.connect(self._anchor_clicked)

        self.tabs = QTabWidget()
        self.ask_panel.historyShown.connect(lambda: self.tabs.setCurrentIndex(0))
        self.tabs.addTab(self.ask_panel, "Ask")
        self.tabs.addTab(self.search_panel, "Search")
        self.tabs.addTab(self.ask_panel.history_list, "History")
        self.citations = CitationsPanel()
        self.citations.openDocument.connect(self.open_document)
        self.citations.openSpan.connect(self._open_span)
        self.tabs.addTab(self.citations, "Citations")
        self.viewer = PdfViewer()
        self.viewer.link_provider = self._page_links
        self.viewer.page_provider = lambda doc_id, number: self.library.page(doc_id, number) if self.library else None
        self.viewer.texts_provider = lambda doc_id: self.library.page_texts(doc_id) if self.library else []
        self.viewer.linkActivated.connect(self.open_document)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for w in (left, self.tabs, self.viewer):
            self.splitter.addWidget(w)
        self.splitter.setSizes([380, 520, 620])
        self.setCentralWidget(self.splitter)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.cancel_import_btn = QPushButton("Cancel import")
        self.cancel_import_btn.hide()
        self.cancel_import_btn.clicked.connect(self._cancel_import)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_import_btn)
        self.statusBar().showMessage("Opening the library…")

        menu = self.menuBar().addMenu("&File")
        for text, shortcut, slot in (
            ("&Import PDFs…", QKeySequence.StandardKey.Open, self._choose_files),
            ("Import &folder…", QKeySequence("Ctrl+Shift+O"), self._choose_folder),
            ("&Watch a folder…", QKeySequence("Ctrl+Shift+W"), self._choose_watched),
            ("&Settings…", QKeySequence("Ctrl+,"), self._open_settings),
            ("&Quit", QKeySequence.StandardKey.Quit, self.close),
        ):
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            menu.addAction(action)
        for label, keys, focus in (
            ("Ask", "Ctrl+L", lambda: self._focus(0, self.ask_panel.question)),
            ("Search", "Ctrl+F", lambda: self._focus(1, self.search_panel.query)),
        ):
            focus_action = QAction(label, self)
            focus_action.setShortcut(QKeySequence(keys))
            focus_action.triggered.connect(focus)
            self.addAction(focus_action)

    def _cancel_import(self) -> None:
        if self.import_worker is not None:
            self.import_worker.cancel()

    def _focus(self, tab: int, widget: QLineEdit) -> None:
        self.tabs.setCurrentIndex(tab)
        widget.setFocus()
        widget.selectAll()

    def _restore_layout(self) -> None:
        qs = QSettings("legalassist", "legalassist")
        geometry = qs.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(*default_size(self.screen().availableGeometry().size()))
        state = qs.value("window/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    def closeEvent(self, event: Any) -> None:
        qs = QSettings("legalassist", "legalassist")
        qs.setValue("window/geometry", self.saveGeometry())
        qs.setValue("window/splitter", self.splitter.saveState())
        self._closing = True  # no new work from here on
        for w in list(self.workers):
            w.cancel()
        self.pool.waitForDone(5000)
        # What the finished workers reported is still queued: deliver it while the library is open,
        # not to a closed library on the next turn of the event loop.
        QCoreApplication.sendPostedEvents()
        if self.library is not None:
            self.library.close()
            self.library = None
        self.collector.stop()
        super().closeEvent(event)

    # -- workers ------------------------------------------------------------------------------
    def start_worker(self, fn: Any, on_result: Any, on_progress: Any = None) -> Worker:
        worker = Worker(fn)
        if self._closing:
            return worker  # never started: the window is closing
        self.workers.add(worker)
        worker.signals.result.connect(on_result)
        worker.signals.error.connect(self._show_error)
        if on_progress:
            worker.signals.progress.connect(on_progress)
        worker.signals.finished.connect(lambda: self.workers.discard(worker))
        self.pool.start(worker)
        return worker

    def _show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        QMessageBox.warning(self, "legalassist", message)

    def open_library(self) -> None:
        from legalassist.service import Library

        def work(_: Worker) -> Any:
            library = Library(self.settings)
            library.migrate()  # a library an older version wrote is brought up to date before it is shown
            return library

        self.start_worker(work, self._library_opened)

    def _library_opened(self, library: Any) -> None:
        self.library = library
        self.statusBar().showMessage(f"Library: {self.settings.library_dir}", 8000)
        self.refresh_documents()
        self.ask_panel.refresh_history()
        self._load_models()
        if self.settings.watched_folder is not None:
            self.sync_watched()  # also finishes what an earlier session left
        elif library.vectors_stale() or any(d.status in ("extracted", "indexed") for d in library.documents()):
            # Finish what an earlier session left (a crash, a cancelled import), or embed the library again
            # for an embedding model chosen since.
            self.import_paths([])

    def _load_models(self) -> None:
        """Load and warm up the models in the background once the library is open, so the first question does
        not wait for them. A model that cannot be loaded is named in the status bar; asking reports it in full."""
        library = self.library

        def work(_: Worker) -> str:
            from legalassist.errors import ModelError

            try:
                library.warm_up()
            except ModelError as exc:
                return str(exc)
            return ""

        def loaded(problem: str) -> None:
            if problem:
                self.statusBar().showMessage(problem, 15000)
            self.modelsLoaded.emit(problem)

        self.start_worker(work, loaded)

    def refresh_documents(self) -> None:
        if self.library is None:
            return
        docs = self.library.documents()
        self.docs.setSortingEnabled(False)
        self.docs.setRowCount(len(docs))
        for row, d in enumerate(docs):
            values = [d.title, d.doc_type, short_court(d.court), d.date, str(d.pages), d.status]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, d.id)
                item.setData(FOLDER_ROLE, str(Path(d.path).parent))
                if col == COURT_COLUMN:
                    item.setData(FULL_TEXT_ROLE, d.court)
                tip = d.court if col == COURT_COLUMN and d.court else d.error or d.path
                item.setToolTip(f"{d.title}\n{tip}" if col == 0 and not d.error else tip)
                self.docs.setItem(row, col, item)
        self.docs.setSortingEnabled(True)
        self._refresh_folders(sorted({str(Path(d.path).parent) for d in docs}))
        self._filter_documents(self.filter_box.text())

    def _refresh_folders(self, folders: list[str]) -> None:
        """The folder list: every folder documents came from, named from where they differ."""
        chosen = self.folder_filter.currentData()
        self.folder_filter.blockSignals(True)
        self.folder_filter.clear()
        self.folder_filter.addItem("All folders", "")
        common = os.path.commonpath(folders) if len(folders) > 1 else ""
        parent = os.path.dirname(common) if common else ""
        for folder in folders:
            label = os.path.relpath(folder, parent) if parent else folder
            self.folder_filter.addItem(label, folder)
        index = self.folder_filter.findData(chosen)
        self.folder_filter.setCurrentIndex(max(0, index))
        self.folder_filter.blockSignals(False)

    def _filter_documents(self, text: str) -> None:
        needle = text.lower()
        folder = self.folder_filter.currentData() or ""
        for row in range(self.docs.rowCount()):
            items = [self.docs.item(row, c) for c in range(self.docs.columnCount())]
            cells = [f"{item.text()} {item.data(FULL_TEXT_ROLE) or ''}".lower() for item in items if item is not None]
            where = items[0].data(FOLDER_ROLE) if items[0] is not None else ""
            outside = bool(folder) and not (where == folder or where.startswith(folder + os.sep))
            self.docs.setRowHidden(row, outside or (bool(needle) and not any(needle in c for c in cells)))

    def _open_document_row(self, row: int, _col: int) -> None:
        item = self.docs.item(row, 0)
        if item is not None:
            self.open_document(item.data(Qt.ItemDataRole.UserRole), 1)

    def _selected_document_id(self) -> int | None:
        rows = self.docs.selectionModel().selectedRows() if self.docs.selectionModel() else []
        item = self.docs.item(rows[0].row(), 0) if rows else None
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _edit_selected_document(self) -> None:
        from legalassist.ui.document_dialog import DocumentDialog

        doc_id = self._selected_document_id()
        doc = self.library.document(doc_id) if self.library is not None and doc_id is not None else None
        if doc is None:
            return
        dialog = DocumentDialog(doc, self)
        if dialog.exec() and dialog.changes():
            self.edit_document(doc.id, dialog.changes())

    def edit_document(self, doc_id: int, fields: dict[str, str]) -> None:
        """Save corrected details; the document is searchable under them at once and re-embedded on a
        worker."""
        from legalassist.errors import LegalAssistError

        try:
            self.library.edit_metadata(doc_id, **fields)
        except LegalAssistError as exc:
            QMessageBox.warning(self, "Document details", str(exc))
            return
        self.refresh_documents()
        self.import_paths([])  # re-embeds it, with a progress bar

    def _document_selected(self) -> None:
        self.details_btn.setEnabled(self._selected_document_id() is not None)
        items = self.docs.selectedItems()
        if items and self.library is not None:
            self.show_citations(items[0].data(Qt.ItemDataRole.UserRole))

    def show_citations(self, doc_id: int) -> None:
        """Fill the Citations tab for one document (worked out off the GUI thread)."""

        def work(_w: Worker) -> Any:
            doc = self.library.document(doc_id)
            return (doc, self.library.cites(doc_id), self.library.cited_by(doc_id)) if doc else None

        def done(result: Any) -> None:
            if result is not None:
                self.citations.show_for(*result)
                self.citationsShown.emit(result[0].id)

        self.start_worker(work, done)

    def open_document(self, doc_id: int, page: int) -> None:
        doc = self.library.document(doc_id) if self.library else None
        if doc and doc.status != "failed":
            self.viewer.open(Path(doc.path), page, f"{doc.title} — page {page}", doc_id=doc.id)

    def _open_span(self, doc_id: int, page: int, start: int, end: int) -> None:
        doc = self.library.document(doc_id) if self.library else None
        if doc:
            self.open_source(doc.id, Path(doc.path), page, start, end, doc.title)

    def _page_links(self, doc_id: int, page: int) -> list[Link]:
        """The citations on a page that open another library document (read from the catalog: fast)."""
        if self.library is None:
            return []
        shown = self.library.page(doc_id, page)  # read once: its word boxes serve every link on it
        return [
            (shown.boxes_for(record.start, record.end), docs[0].id, target_page, f"{record.key}: open {docs[0].title}")
            for record, docs, target_page in self.library.citations_in(doc_id, page)
            if docs and shown is not None
        ]

    def link_html(self, passage: Passage) -> str:
        """Links to the library documents a passage cites, for a search hit or an answer's source."""
        links = self.library.passage_links(passage) if self.library else []
        seen: dict[int, str] = {}
        for record, doc, page in links:
            seen.setdefault(doc.id, f'<a href="doc:{doc.id}:{page}">{html.escape(record.key)}</a>')
        return f'<br><span style="color:gray">cites:</span> {" · ".join(seen.values())}' if seen else ""

    # -- import -------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        models = [p for p in paths if p.suffix.lower() == ".gguf"]
        paths = [p for p in paths if p.suffix.lower() != ".gguf"]
        if models or paths:
            event.acceptProposedAction()
        if models:
            reply = QMessageBox.question(
                self,
                "Use this model?",
                f"Use {models[0].name} as the chat model for answers?\n\n{models[0]}",
            )
            if reply == QMessageBox.StandardButton.Yes:
                self.change_settings({"chat_model": models[0]})
        if paths:
            self.import_paths(paths)

    def _open_settings(self) -> None:
        from legalassist.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() and dialog.changes():
            self.change_settings(dialog.changes())

    def change_settings(self, changes: dict[str, Any]) -> None:
        """Save ``changes`` to the settings file and use them now (another library folder is opened)."""
        from legalassist.config import save_settings

        try:
            save_settings(changes)
        except OSError as exc:
            QMessageBox.warning(
                self, "Settings", f"The settings could not be saved ({exc}); they apply until you quit."
            )
        new = self.settings.model_copy(update=changes)
        reopen = new.library_dir != self.settings.library_dir
        resync = new.watched_folder != self.settings.watched_folder
        self.settings = new
        self.ask_panel.show_unsupported.setChecked(new.show_unsupported)
        if reopen:
            if self.library is not None:
                self.library.close()
                self.library = None
            self.open_library()
        elif self.library is not None:
            self.library.apply_settings(new)
            if resync:
                self.sync_watched()
        lora = new.lora_path
        model = (
            "quotes from the sources (no chat model)"
            if new.answer_mode == "extractive"
            else new.chat_model_path.name + (f" + {lora.name}" if lora else "")
        )
        self.statusBar().showMessage(f"Settings saved. Answers use {model}.", 8000)

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Import PDFs", str(Path.home()), "PDF files (*.pdf)")
        if files:
            self.import_paths([Path(f) for f in files])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of PDFs", str(Path.home()))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path], sync: Path | None = None) -> None:
        """Import files and folders on a worker; with ``sync``, bring the library in step with that
        folder instead (deleted files leave the library)."""
        if self.library is None or self.import_worker is not None:
            if sync is not None:
                self._sync_pending = True  # run again when the current import is done
                return
            self.statusBar().showMessage("An import is already running; wait for it to finish.", 5000)
            return

        def work(worker: Worker) -> list[ImportResult]:
            from legalassist.errors import LibraryLocked

            try:
                if sync is not None:
                    return list(self.library.sync_folder(sync, worker.progress))
                return list(self.library.import_paths(paths, worker.progress))
            except LibraryLocked:
                if paths:
                    raise
                return []  # another window is writing; it finishes the work

        self.progress.setValue(0)
        self.progress.show()
        self.cancel_import_btn.show()
        self.import_worker = self.start_worker(work, self._import_done, self._import_progress)
        self.import_worker.signals.finished.connect(self._import_finished)

    def _import_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if label == PAUSED:
            self.statusBar().showMessage("Import paused for your question; it goes on after the answer.")
        elif label:
            self.statusBar().showMessage(f"Importing: {label}")
        self.refresh_documents() if done == total else None

    def _import_finished(self) -> None:
        self.import_worker = None
        self.progress.hide()
        self.cancel_import_btn.hide()
        self.refresh_documents()
        if self._sync_pending:
            self._sync_pending = False
            self.sync_watched()

    def _choose_watched(self) -> None:
        start = str(self.settings.watched_folder or Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Keep the library in step with a folder", start)
        if folder:
            self.change_settings({"watched_folder": Path(folder)})

    def sync_watched(self) -> None:
        """Import what is new or changed in the watched folder and drop what was deleted from it."""
        folder = self.settings.watched_folder
        self.folder_watcher.watch(folder)
        if folder is not None:
            self.import_paths([], sync=folder)

    def _import_done(self, results: list[ImportResult]) -> None:
        failed = [r for r in results if r.status == "failed"]
        imported = sum(1 for r in results if r.status == "imported")
        removed = sum(1 for r in results if r.status == "removed")
        if results:
            gone = f"; {removed} removed (deleted from the watched folder)" if removed else ""
            self.statusBar().showMessage(f"Imported {imported} file(s); {len(failed)} failed{gone}.", 15000)
        else:
            self.statusBar().showMessage("The library is up to date.", 8000)
        if failed:
            lines = "\n".join(f"• {r.message}" for r in failed[:20])
            more = f"\n… and {len(failed) - 20} more" if len(failed) > 20 else ""
            QMessageBox.warning(self, "Some files were not imported", lines + more)
        self.importFinished.emit(results)

    # -- citations ----------------------------------------------------------------------------
    def _anchor_clicked(self, url: QUrl) -> None:
        kind, _, index = url.toString().partition(":")
        if kind == "cite":
            answer = self.ask_panel.last_answer
            cit = next((c for c in answer.citations if c.n == int(index)), None) if answer else None
            if cit:
                self.open_source(
                    cit.passage.doc_id,
                    Path(cit.document.path),
                    cit.passage.page,
                    cit.start,
                    cit.end,
                    cit.document.title,
                )
        elif kind == "doc":
            doc_id, _, page = index.partition(":")
            self.open_document(int(doc_id), int(page or 1))
        elif kind == "hit":
            h = self.search_panel.hits[int(index)]
            self.open_source(
                h.passage.doc_id,
                Path(h.document.path),
                h.passage.page,
                h.passage.start,
                h.passage.end,
                h.document.title,
                continued=h.passage.continued,
            )

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
        boxes = self.library.highlight_boxes(doc_id, page, start, end)
        also = {}
        if continued is not None:
            also[continued.page] = self.library.highlight_boxes(doc_id, continued.page, continued.start, continued.end)
        doc = self.library.document(doc_id)
        cited_as = ", ".join(x for x in (title, doc.court if doc else "", doc.date if doc else "") if x)
        pages = f"pages {page}–{continued.page}" if continued else f"page {page}"
        self.viewer.open(
            path, page, f"{title} — {pages}", boxes, doc_id=doc_id, span=(start, end), cited_as=cited_as, also=also
        )
