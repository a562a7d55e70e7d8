"""The window's worker pool (legalassist.ui.workers): what a worker that outlives its window reports."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from legalassist.ui.workers import Worker, WorkerPool


def test_a_worker_that_outlives_its_closed_window_reports_to_nothing(qtbot) -> None:
    """Loading the models can take longer than a closing window waits for its workers. What such a worker
    reports afterwards (its result, its progress, an error) must not reach the deleted window."""
    window = QWidget()
    pool = WorkerPool(window)
    release = threading.Event()
    got: list[object] = []
    errors: list[str] = []
    pool.error.connect(errors.append)

    def slow(worker: Worker) -> str:
        release.wait(10)
        worker.progress.start(1, "loading")
        return "models loaded"

    pool.start(slow, got.append, lambda *a: got.append(a))
    pool.close(wait_ms=10)  # the window closes while the worker still runs
    QCoreApplication.sendPostedEvents()
    pool.detach()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, 0)  # the window and its pool are gone
    release.set()
    pool.pool.waitForDone(10_000)
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()
    assert got == [] and errors == []


def test_a_worker_that_finishes_while_its_window_is_open_reports(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    pool = WorkerPool(window)
    got: list[object] = []
    pool.start(lambda worker: "done", got.append)
    qtbot.waitUntil(lambda: got == ["done"], timeout=5_000)
