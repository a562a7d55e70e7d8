"""Launch the desktop app as `legalassist gui` does, report when the window is on screen and when the
library is open, then quit: `python -m legalassist.ui.startup_probe LIBRARY`. Used by
``legalassist.benchmarks.startup``, which times the reports from outside the process."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from legalassist.config import Settings
from legalassist.ui.main_window import MainWindow


def main(argv: list[str]) -> int:
    app = QApplication(sys.argv[:1])
    window = MainWindow(Settings(library_dir=Path(argv[0])))
    window.show()
    window.open_library()

    def shown() -> None:
        window.repaint()
        print("shown", flush=True)
        wait_for_library()

    def wait_for_library() -> None:
        if window.library is None:
            QTimer.singleShot(5, wait_for_library)
            return
        print("library", flush=True)
        window.close()
        app.quit()

    QTimer.singleShot(0, shown)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
