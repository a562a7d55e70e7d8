"""How long the desktop window stops responding while its slow steps run: `python -m legalassist.ui.stall_probe
LIBRARY DOC_ID QUESTION` prints one JSON object. Used by ``legalassist.benchmarks.stalls``; LIBRARY is changed
(a document's title is edited), so pass a copy.

A 10 ms timer on the GUI thread records the time between its ticks; a tick late by more than its interval is
a stall: the window could not repaint or take a click for that long. The phases:

- ``idle``: the open window, nothing asked;
- ``edit``: a document's details saved as the Details dialog saves them (re-indexed under the writer lock on
  a worker), then re-embedded, until the window's ``importFinished``;
- ``answer``: a question from the Ask tab until its answer, with its citation links, is rendered;
- ``edit on the GUI thread`` and ``links on the GUI thread``: the same two steps called directly on the GUI
  thread, as the window did before they moved to workers. These show what the probe reports when the loop
  is blocked, so a small figure above is the window's doing and not the probe's blindness.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from legalassist.config import Settings
from legalassist.ui.context import answer_links
from legalassist.ui.main_window import MainWindow

TICK_MS = 10


class StallClock:
    """Records each tick's lateness, in milliseconds, under the phase that was running."""

    def __init__(self) -> None:
        self.phase = "opening"
        self.late: dict[str, list[float]] = {}
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.late.setdefault(self.phase, []).append(max(0.0, (now - self._last) * 1000 - TICK_MS))
        self._last = now

    def start(self, phase: str) -> None:
        self._tick()  # the time before this belongs to the phase before
        self.phase = phase

    def report(self) -> dict[str, dict[str, Any]]:
        out = {}
        for phase, late in self.late.items():
            ordered = sorted(late)
            out[phase] = {
                "ticks": len(late),
                "worst_ms": round(ordered[-1], 1),
                "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 1),
                "median_ms": round(statistics.median(ordered), 1),
                "stalls_over_100ms": sum(1 for v in late if v > 100),
            }
        return out


def _wait(signal: Any, timeout_ms: int) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def _pause(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(argv: list[str]) -> int:
    library_dir, doc_id, question = Path(argv[0]), int(argv[1]), argv[2]
    app = QApplication.instance() or QApplication(sys.argv[:1])
    clock = StallClock()
    window = MainWindow(Settings(library_dir=library_dir, answer_mode="model"))  # a streamed answer
    window.show()
    window.open_library()
    while window.library is None:
        app.processEvents()
    library = window.library
    _pause(3000)  # the window's background warm-up loads the models meanwhile
    clock.start("idle")
    _pause(2000)

    clock.start("edit")
    window.imports.edit(doc_id, {"title": "Edited title"})
    _wait(window.importFinished, 300_000)
    clock.start("between")
    _pause(500)

    clock.start("answer")
    window.ask_panel.question.setText(question)
    window.ask_panel.ask()
    _wait(window.answerFinished, 300_000)
    _pause(200)  # the rendered answer is painted
    answer = window.ask_panel.last_answer

    clock.start("edit on the GUI thread")
    library.edit_metadata(doc_id, title="Edited again")
    _pause(200)
    clock.start("links on the GUI thread")
    if answer is not None:
        answer_links(library, answer)
    _pause(200)
    clock.start("done")
    window.close()
    claims = len(answer.claims) if answer is not None else 0
    print(json.dumps({"phases": clock.report(), "answer_claims": claims, "tick_ms": TICK_MS}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
