"""Long work off the GUI thread: QRunnable workers whose signals carry progress, results and errors."""

from __future__ import annotations

import gc
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from legalassist.progress import NullProgress


class WorkerSignals(QObject):
    """Signals: started(), progress(done, total, label), token(str), sources(object), result(object),
    error(str), finished()."""

    started = Signal()
    progress = Signal(int, int, str)
    token = Signal(str)
    sources = Signal(object)
    result = Signal(object)
    error = Signal(str)
    finished = Signal()


class SignalProgress(NullProgress):
    """The core's progress interface, reported as Qt signals (queued to the GUI thread)."""

    def __init__(self, signals: WorkerSignals) -> None:
        super().__init__()
        self._signals = signals
        self._total = 0
        self._done = 0

    def start(self, total: int, label: str = "") -> None:
        self._total, self._done = total, 0
        self._signals.progress.emit(0, total, label)

    def advance(self, n: int = 1, label: str = "") -> None:
        self._done += n
        self._signals.progress.emit(self._done, self._total, label)

    def finish(self) -> None:
        self._signals.progress.emit(self._total, self._total, "")


class Worker(QRunnable):
    """Runs ``fn(worker)`` on the thread pool; ``fn`` may use ``worker.progress`` and ``worker.signals``."""

    def __init__(self, fn: Callable[[Worker], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = WorkerSignals()
        self.progress = SignalProgress(self.signals)
        self.setAutoDelete(False)  # the window keeps a reference until `finished`

    def cancel(self) -> None:
        self.progress.cancel()

    @property
    def cancelled(self) -> bool:
        return self.progress.cancelled

    def run(self) -> None:
        self.signals.started.emit()
        try:
            self.signals.result.emit(self.fn(self))
        except Exception as exc:  # shown to the person as a message, never as a crash
            message = str(exc) or exc.__class__.__name__
            if not message.strip():
                message = traceback.format_exc(limit=2)
            self.signals.error.emit(message)
        finally:
            self.signals.finished.emit()


class MainThreadCollector(QObject):
    """Runs Python's cycle collector in the GUI thread only.

    Left automatic, the collector runs in whichever thread happens to allocate; a window or dialog freed
    by it on a worker thread (an import, a search) destroys Qt objects off the GUI thread, which crashes
    Qt. So automatic collection is off while a window is open, and this timer collects in the GUI thread
    whenever Python's own thresholds say a generation is due."""

    _active = 0  # windows holding collection in the GUI thread

    def __init__(self, parent: QObject, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._running = False

    def start(self) -> None:
        if not self._running:
            self._running = True
            MainThreadCollector._active += 1
            gc.disable()
            self._timer.start()

    def collect_due(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        due = [gen for gen in (2, 1, 0) if counts[gen] > thresholds[gen]]
        if due:
            gc.collect(due[0])

    def stop(self) -> None:
        """Collect what is left (in this, the GUI thread) and give collection back to Python."""
        if self._running:
            self._running = False
            self._timer.stop()
            gc.collect()
            MainThreadCollector._active -= 1
            if MainThreadCollector._active == 0:
                gc.enable()


class WorkerPool(QObject):
    """The window's workers: started on Qt's thread pool, each kept until it finishes; a worker's error is
    reported by ``error``. Once closing, nothing new starts; once detached (the window closed), what a worker
    that outlived the close reports goes nowhere."""

    error = Signal(str)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.pool = QThreadPool.globalInstance()
        self.running: set[Worker] = set()
        self.closing = False
        self.detached = False

    def start(
        self,
        fn: Callable[[Worker], Any],
        on_result: Callable[[Any], None],
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> Worker:
        worker = Worker(fn)
        if self.closing:
            return worker  # never started: the window is closing
        self.running.add(worker)

        # A worker still running when the window closed (models loading for longer than close() waits) reports
        # after the window is gone: what it reports is dropped, not handed to deleted widgets.
        def live(fn: Callable[..., None]) -> Callable[..., None]:
            def call(*args: Any) -> None:
                if not self.detached:
                    fn(*args)

            return call

        worker.signals.result.connect(live(on_result))
        worker.signals.error.connect(live(self.error.emit))
        if on_progress:
            worker.signals.progress.connect(live(on_progress))
        worker.signals.finished.connect(lambda: self.running.discard(worker))
        self.pool.start(worker)
        return worker

    def close(self, wait_ms: int = 5000) -> None:
        """Cancel every worker and wait for them (their results are then still queued for the GUI thread)."""
        self.closing = True
        for worker in list(self.running):
            worker.cancel()
        self.pool.waitForDone(wait_ms)

    def detach(self) -> None:
        """The window is closed: what workers still running report from now on is dropped."""
        self.detached = True
