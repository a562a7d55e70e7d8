"""Watches a folder (and its subfolders) for PDFs added, changed, renamed or deleted."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 1500  # wait for a copy or a burst of changes to finish before syncing


class FolderWatcher(QObject):
    """Signals: changed() once things have been quiet for SETTLE_MS after a change in the folder."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self._fs = QFileSystemWatcher(self)
        self._fs.directoryChanged.connect(self._touched)
        self._fs.fileChanged.connect(self._touched)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._settled)

    def watch(self, folder: Path | None) -> None:
        """Watch ``folder`` (None: stop watching)."""
        self.folder = folder
        self._rewatch()

    def _rewatch(self) -> None:
        for group in (self._fs.directories(), self._fs.files()):
            if group:
                self._fs.removePaths(group)
        if self.folder is None or not self.folder.is_dir():
            return
        dirs, files = [str(self.folder)], []
        for root, subdirs, names in os.walk(self.folder, followlinks=False):
            dirs += [os.path.join(root, d) for d in subdirs]
            files += [os.path.join(root, n) for n in names if n.lower().endswith(".pdf")]
        self._fs.addPaths(dirs + files)  # files too: a PDF rewritten in place changes no directory

    def _touched(self, _path: str) -> None:
        self._timer.start()

    def _settled(self) -> None:
        self._rewatch()  # new subfolders and files
        self.changed.emit()
