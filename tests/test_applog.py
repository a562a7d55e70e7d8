"""The app's log file, and the OCR engine's messages kept out of the terminal."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from legalassist import applog
from legalassist.ingest.pdf import ocr_messages_logged


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[Path]:
    path = applog.setup(tmp_path / "library")
    assert path is not None
    yield path
    applog.close()


def test_the_app_logs_to_its_library_folder_and_workers_append_to_the_same_file(logged: Path) -> None:
    assert logged == applog.log_file(logged.parent.parent)
    logging.getLogger("legalassist.ingest").info("imported %s", "a.pdf")
    assert os.environ[applog.LOG_ENV] == str(logged)
    applog.setup_worker()  # as an import worker starts: same file, appended to
    logging.getLogger("legalassist.ingest.pdf").info("from a worker")
    logging.getLogger("somelibrary").info("chatter")  # another package's INFO is not kept
    text = logged.read_text()
    assert "INFO legalassist.ingest: imported a.pdf" in text and "from a worker" in text
    assert "chatter" not in text


def test_a_library_folder_that_cannot_be_written_runs_without_a_log(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert applog.setup(blocker / "library") is None  # a file where the folder would be


def test_tesseract_messages_go_to_the_log_not_the_terminal(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # as in an import worker
    caplog.set_level(logging.INFO, logger="legalassist")
    with ocr_messages_logged("scan.pdf, page 3"):
        os.write(2, b"Line cannot be recognized!!\n")  # as Tesseract writes, from C, to the process's stderr
    assert "Line cannot be recognized" not in capfd.readouterr().err
    assert "OCR of scan.pdf, page 3: Line cannot be recognized!!" in caplog.text


def test_stderr_is_left_alone_while_other_threads_may_write_to_it(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 3)  # the app's main process: a progress thread
    with ocr_messages_logged("scan.pdf, page 3"):
        os.write(2, b"progress 40%\n")
    assert "progress 40%" in capfd.readouterr().err


def test_a_command_logs_to_the_library_it_works_on(tmp_path: Path) -> None:
    from legalassist.cli import main

    library = tmp_path / "library"
    library.mkdir()
    try:
        assert main(["--library", str(library), "documents"]) == 0
        assert applog.log_file(library).exists()
    finally:
        applog.close()
