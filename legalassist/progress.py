"""A tiny progress interface that core functions report through.

Core code calls ``start``/``advance``/``finish`` and checks ``cancelled``; front ends decide how
to show it (terminal bar, Qt signal, nothing).
"""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO

# The label an import's progress reports while a question's model work goes first (legalassist.scheduler).
PAUSED = "paused for your question"


class Progress(Protocol):
    def start(self, total: int, label: str = "") -> None: ...
    def advance(self, n: int = 1, label: str = "") -> None: ...
    def finish(self) -> None: ...
    @property
    def cancelled(self) -> bool: ...


class NullProgress:
    """Reports nothing; can still be cancelled from another thread."""

    def __init__(self) -> None:
        self._cancelled = False

    def start(self, total: int, label: str = "") -> None:
        pass

    def advance(self, n: int = 1, label: str = "") -> None:
        pass

    def finish(self) -> None:
        pass

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled


class TerminalProgress(NullProgress):
    """A one-line bar on stderr, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO = sys.stderr, width: int = 30) -> None:
        super().__init__()
        self._stream = stream
        self._width = width
        self._total = 0
        self._done = 0
        self._label = ""
        self._last_draw = 0.0
        self._started = time.monotonic()

    def start(self, total: int, label: str = "") -> None:
        self._total, self._done, self._label = max(total, 0), 0, label
        self._started = time.monotonic()
        self._draw(force=True)

    def advance(self, n: int = 1, label: str = "") -> None:
        self._done += n
        if label:
            self._label = label
        self._draw()

    def finish(self) -> None:
        self._done = self._total
        self._draw(force=True)
        self._stream.write("\n")
        self._stream.flush()

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        frac = self._done / self._total if self._total else 1.0
        filled = int(frac * self._width)
        label = self._label[-50:]
        bar = "#" * filled + "-" * (self._width - filled)
        self._stream.write(
            f"\r[{bar}] {self._done}/{self._total}{eta(self._started, self._done, self._total)} {label:<50}"
        )
        self._stream.flush()


def eta(started: float, done: int, total: int) -> str:
    """ " ETA 12:34" (minutes:seconds left at the pace so far), or "" before there is a pace."""
    if done <= 0 or total <= done:
        return ""
    left = (time.monotonic() - started) / done * (total - done)
    return f" ETA {int(left // 60)}:{int(left % 60):02d}"
