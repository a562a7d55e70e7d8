"""Start the desktop app: the window shows first, the library opens on a worker thread."""

from __future__ import annotations

import sys

from legalassist.config import Settings


def run(settings: Settings) -> int:
    from PySide6.QtWidgets import QApplication

    from legalassist.applog import setup
    from legalassist.ui.main_window import MainWindow

    setup(settings.library_dir)  # the library folder's log file; the app runs without one if it cannot be written
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("legalassist")
    from legalassist.ui.automation import install

    window = MainWindow(settings)
    window.show()
    window.automation = install(window)  # the real-window test's hook; off unless asked for
    window.open_library()
    return int(app.exec())


def main() -> None:
    sys.exit(run(Settings()))
