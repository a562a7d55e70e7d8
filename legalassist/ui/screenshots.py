"""Render the main screens to PNG for the README: `python -m legalassist.ui.screenshots LIBRARY OUT_DIR`.

Runs the real window on a real library: a search with its hit opened in the viewer, and an answer from the
local model with its first citation opened. Works under Xvfb or with QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, QUrl
from PySide6.QtWidgets import QApplication

from legalassist.config import Settings
from legalassist.ui.main_window import MainWindow


def _wait(signal: object, timeout_ms: int) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def main(argv: list[str]) -> int:
    library, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    window = MainWindow(Settings(library_dir=library))
    window.resize(1500, 900)
    window.show()
    window.open_library()
    while window.library is None:
        app.processEvents()
    window.refresh_documents()
    app.processEvents()
    window.grab().save(str(out / "library.png"))

    window.tabs.setCurrentIndex(1)
    window.search_panel.query.setText('"valid, irrevocable, and enforceable"')
    window.search_panel.search()
    _wait(window.searchFinished, 60_000)
    window.links.route(QUrl("hit:0"))
    app.processEvents()
    window.grab().save(str(out / "search.png"))

    window.tabs.setCurrentIndex(0)
    window.ask_panel.question.setText(
        "What does the Federal Arbitration Act say about the validity of arbitration agreements?"
    )
    window.ask_panel.ask()
    _wait(window.answerFinished, 180_000)
    answer = window.ask_panel.last_answer
    if answer is not None and answer.citations:
        window.links.route(QUrl(f"cite:{answer.citations[0].n}"))
    app.processEvents()
    window.grab().save(str(out / "answer.png"))
    window.close()
    print(f"wrote {', '.join(p.name for p in sorted(out.glob('*.png')))} to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
