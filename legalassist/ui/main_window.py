"""The main window: library on the left, ask and search in the middle, the PDF viewer on the right.

It owns the library's lifecycle, the workers and the layout; the panels get an ``AppContext``, imports go
through the ``ImportController`` and clicks on links through the ``LinkRouter``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMainWindow, QMessageBox, QSplitter, QTabWidget

from legalassist.config import Settings
from legalassist.domain import Status
from legalassist.ui.ask_panel import AskPanel
from legalassist.ui.citations_panel import CitationsPanel
from legalassist.ui.context import AppContext
from legalassist.ui.documents_panel import DocumentsPanel
from legalassist.ui.import_controller import ImportController
from legalassist.ui.links import LinkRouter
from legalassist.ui.search_panel import SearchPanel
from legalassist.ui.viewer import PdfViewer
from legalassist.ui.workers import MainThreadCollector, Worker, WorkerPool

if TYPE_CHECKING:
    from legalassist.service import Library


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
    links: LinkRouter
    citations: CitationsPanel

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.library: Library | None = None  # opened on a worker thread right after the window shows
        self.workers = WorkerPool(self)
        self.workers.error.connect(self._show_error)
        self.collector = MainThreadCollector(self)
        self.collector.start()
        self.automation: Any = None  # legalassist.ui.automation, when a test drives the window
        status = self.statusBar().showMessage
        self.app = AppContext(lambda: self.library, lambda: self.settings, self.workers.start, status)
        self.setWindowTitle("legalassist")
        self.setAcceptDrops(True)
        self._build()
        self._restore_layout()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.documents = DocumentsPanel()
        self.documents.openDocument.connect(lambda doc_id, page: self.links.open_document(doc_id, page))
        self.documents.selected.connect(lambda doc_id: self.citations.load(self.app, doc_id) if doc_id else None)
        self.documents.importRequested.connect(self._choose_files)
        self.documents.detailsRequested.connect(self._edit_document)
        self.imports = ImportController(self.app, self)
        self.imports.finished.connect(self.importFinished)
        self.imports.documentsChanged.connect(self.refresh_documents)

        self.ask_panel = AskPanel(self.app)
        self.ask_panel.answerFinished.connect(self.answerFinished)
        self.search_panel = SearchPanel(self.app)
        self.search_panel.searchFinished.connect(self.searchFinished)
        self.viewer = PdfViewer()
        self.viewer.page_provider = lambda doc_id, number: self.library.page(doc_id, number) if self.library else None
        self.viewer.texts_provider = lambda doc_id: self.library.page_texts(doc_id) if self.library else []
        self.links = LinkRouter(
            self.app, self.viewer, lambda: self.ask_panel.last_answer, lambda: self.search_panel.hits
        )
        self.ask_panel.anchorClicked.connect(self.links.route)
        self.search_panel.anchorClicked.connect(self.links.route)

        self.tabs = QTabWidget()
        self.ask_panel.historyShown.connect(lambda: self.tabs.setCurrentIndex(0))
        self.tabs.addTab(self.ask_panel, "Ask")
        self.tabs.addTab(self.search_panel, "Search")
        self.tabs.addTab(self.ask_panel.history_list, "History")
        self.citations = CitationsPanel()
        self.citations.openDocument.connect(self.links.open_document)
        self.citations.openSpan.connect(self.links.open_span)
        self.citations.shown.connect(self.citationsShown)
        self.tabs.addTab(self.citations, "Citations")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for w in (self.documents, self.tabs, self.viewer):
            self.splitter.addWidget(w)
        self.splitter.setSizes([380, 520, 620])
        self.setCentralWidget(self.splitter)
        self.statusBar().addPermanentWidget(self.imports.progress)
        self.statusBar().addPermanentWidget(self.imports.cancel_btn)
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
        for label, keys, box in (
            ("Ask", "Ctrl+L", self.ask_panel.question),
            ("Search", "Ctrl+F", self.search_panel.query),
        ):
            focus_action = QAction(label, self)
            focus_action.setShortcut(QKeySequence(keys))
            focus_action.triggered.connect(lambda _checked=False, tab=label, widget=box: self._focus(tab, widget))
            self.addAction(focus_action)

    def _focus(self, tab: str, widget: QLineEdit) -> None:
        self.tabs.setCurrentIndex(0 if tab == "Ask" else 1)
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
        self.workers.close()
        # What the finished workers reported is still queued: deliver it while the library is open,
        # not to a closed library on the next turn of the event loop.
        QCoreApplication.sendPostedEvents()
        self.workers.detach()
        if self.library is not None:
            self.library.close()
            self.library = None
        self.collector.stop()
        super().closeEvent(event)

    def _show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        QMessageBox.warning(self, "legalassist", message)

    # -- the library --------------------------------------------------------------------------
    def open_library(self) -> None:
        from legalassist.service import Library

        def work(worker: Worker) -> Library:
            library = Library(self.settings)
            # A library an older version wrote is brought up to date before it is shown, with a progress bar
            # (minutes for thousands of documents, once); closing the window stops it, to go on next time.
            library.migrate(worker.progress)
            return library

        self.workers.start(work, self._library_opened, self.imports.show_opening)

    def _library_opened(self, library: Library) -> None:
        self.library = library
        self.imports.progress.hide()
        self.statusBar().showMessage(f"Library: {self.settings.library_dir}", 8000)
        self.refresh_documents()
        self.ask_panel.refresh_history()
        self._load_models()
        if self.settings.watched_folder is not None:
            self.imports.sync_watched()  # also finishes what an earlier session left
        else:
            # Files dropped while the library opened; what an earlier session left (a crash, a cancelled
            # import); or the library embedded again for an embedding model chosen since.
            unfinished = library.vectors_stale() or any(
                d.status in (Status.EXTRACTED, Status.INDEXED) for d in library.documents()
            )
            self.imports.start_queued(finish_pending=unfinished)

    def _load_models(self) -> None:
        """Load and warm up the models in the background once the library is open, so the first question does
        not wait for them. A model that cannot be loaded is named in the status bar; asking reports it in full."""
        library = self.library
        assert library is not None

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

        self.workers.start(work, loaded)

    def refresh_documents(self) -> None:
        if self.library is not None:
            self.documents.set_documents(self.library.documents())

    def _edit_document(self, doc_id: int) -> None:
        from legalassist.ui.document_dialog import DocumentDialog

        doc = self.library.document(doc_id) if self.library is not None else None
        if doc is None:
            return
        dialog = DocumentDialog(doc, self)
        if dialog.exec() and dialog.changes():
            self.imports.edit(doc.id, dialog.changes())

    # -- files and settings -------------------------------------------------------------------
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
            question = f"Use {models[0].name} as the chat model for answers?\n\n{models[0]}"
            if QMessageBox.question(self, "Use this model?", question) == QMessageBox.StandardButton.Yes:
                self.change_settings({"chat_model": models[0]})
        if paths:
            self.imports.import_paths(paths)

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Import PDFs", str(Path.home()), "PDF files (*.pdf)")
        if files:
            self.imports.import_paths([Path(f) for f in files])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of PDFs", str(Path.home()))
        if folder:
            self.imports.import_paths([Path(folder)])

    def _choose_watched(self) -> None:
        start = str(self.settings.watched_folder or Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Keep the library in step with a folder", start)
        if folder:
            self.change_settings({"watched_folder": Path(folder)})

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
        # The embedding model is fixed for an open library: opened again, a library whose vectors another
        # model made is embedded again (``_library_opened``).
        embedder = new.embed_model_path != self.settings.embed_model_path
        reopen = new.library_dir != self.settings.library_dir or embedder
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
                self.imports.sync_watched()
        lora = new.lora_path
        model = (
            "quotes from the sources (no chat model)"
            if new.answer_mode == "extractive"
            else new.chat_model_path.name + (f" + {lora.name}" if lora else "")
        )
        searched = f" Search uses {new.embed_model_path.name}; the library is embedded again." if embedder else ""
        self.statusBar().showMessage(f"Settings saved. Answers use {model}.{searched}", 8000)
