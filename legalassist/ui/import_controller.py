"""Imports and watched-folder syncs: one at a time on a worker, with a progress bar and a Cancel button in the
status bar; files dropped while another import runs or the library opens, and a sync asked for meanwhile, run
once that is done; what failed is listed by file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QProgressBar, QPushButton, QWidget

from legalassist.domain import ImportResult, ImportStatus
from legalassist.progress import PAUSED
from legalassist.ui.context import AppContext
from legalassist.ui.watcher import FolderWatcher
from legalassist.ui.workers import Worker


class ImportController(QObject):
    """Signals: finished(list of ImportResult), documentsChanged() when the library's documents may have
    changed (the table shows them again)."""

    finished = Signal(list)
    documentsChanged = Signal()

    def __init__(self, app: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.app = app
        self.window = window  # the parent of its message boxes
        self.worker: Worker | None = None
        self._sync_pending = False
        self.queued: list[Path] = []  # dropped while another import ran or the library opened
        self._opening = ""  # the step under way while the library opens
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.cancel_btn = QPushButton("Cancel import")
        self.cancel_btn.hide()
        self.cancel_btn.clicked.connect(self.cancel)
        self.watcher = FolderWatcher(self)
        self.watcher.changed.connect(self.sync_watched)

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def import_paths(self, paths: list[Path], sync: Path | None = None) -> None:
        """Import files and folders on a worker; with ``sync``, bring the library in step with that
        folder instead (deleted files leave the library). No paths: finish what is pending (embedding)."""
        library = self.app.library()
        if library is None or self.worker is not None:
            if sync is not None:
                self._sync_pending = True  # run again when the current import is done
            elif paths:
                self.queued.extend(p for p in paths if p not in self.queued)
                after = "the library has opened" if library is None else "the current import is done"
                self.app.status(f"{len(self.queued)} dropped item(s) will be imported when {after}.", 0)
            return

        def work(worker: Worker) -> list[ImportResult]:
            from legalassist.errors import LibraryLocked

            try:
                if sync is not None:
                    return list(library.sync_folder(sync, worker.progress))
                return list(library.import_paths(paths, worker.progress))
            except LibraryLocked:
                if paths:
                    raise
                return []  # another window is writing; it finishes the work

        self.progress.setValue(0)
        self.progress.show()
        self.cancel_btn.show()
        self.worker = self.app.run(work, self._done, self._progress)
        self.worker.signals.finished.connect(self._finished)

    def edit(self, doc_id: int, fields: dict[str, str]) -> None:
        """Save a document's corrected details on a worker (it is re-indexed under the writer lock), then
        re-embed it with a progress bar."""
        library = self.app.library()
        if library is None:
            return

        def saved(_doc: object) -> None:
            self.documentsChanged.emit()
            self.import_paths([])

        self.app.run(lambda _w: library.edit_metadata(doc_id, **fields), saved)

    def sync_watched(self) -> None:
        """Import what is new or changed in the watched folder and drop what was deleted from it."""
        folder = self.app.settings().watched_folder
        self.watcher.watch(folder)
        if folder is not None:
            self.import_paths([], sync=folder)

    def start_queued(self, finish_pending: bool) -> None:
        """Once the library is open: import what was dropped meanwhile, or with ``finish_pending`` (and nothing
        dropped) finish what is pending (embedding)."""
        if self.queued or finish_pending:
            paths, self.queued = self.queued, []
            self.import_paths(paths)

    def show_opening(self, done: int, total: int, label: str) -> None:
        """The progress of bringing a library an older version wrote up to date, as it opens."""
        self._opening = label or self._opening  # a step's end reports no label
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.show()
        self.app.status(f"Updating the library for this version: {self._opening} ({done:,} of {total:,})", 0)

    def _progress(self, done: int, total: int, label: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if label == PAUSED:
            self.app.status("Import paused for your question; it goes on after the answer.", 0)
        elif label:
            self.app.status(f"Importing: {label}", 0)
        if done == total:
            self.documentsChanged.emit()

    def _finished(self) -> None:
        self.worker = None
        self.progress.hide()
        self.cancel_btn.hide()
        self.documentsChanged.emit()
        if self._sync_pending:
            self._sync_pending = False
            self.sync_watched()
        elif self.queued:
            self.start_queued(finish_pending=False)

    def _done(self, results: list[ImportResult]) -> None:
        failed = [r for r in results if r.status == ImportStatus.FAILED]
        imported = sum(1 for r in results if r.status == ImportStatus.IMPORTED)
        removed = sum(1 for r in results if r.status == ImportStatus.REMOVED)
        if results:
            gone = f"; {removed} removed (deleted from the watched folder)" if removed else ""
            self.app.status(f"Imported {imported} file(s); {len(failed)} failed{gone}.", 15000)
        else:
            self.app.status("The library is up to date.", 8000)
        if failed:
            lines = "\n".join(f"• {r.message}" for r in failed[:20])
            more = f"\n… and {len(failed) - 20} more" if len(failed) > 20 else ""
            QMessageBox.warning(self.window, "Some files were not imported", lines + more)
        self.finished.emit(results)
