"""The app's log: one file per library folder, written by the app and by its import workers.

The desktop app and the command line call ``setup`` with the library folder when they start; what the app
logs (imports, upgrades, the OCR engine's own messages) goes to ``<library>/logs/legalassist.log``, kept
to three files of 1 MB. Import workers (separate processes) find the file through the environment and append
to it. Messages meant for the user are still shown by the front ends; the log is for diagnosis.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LOG_ENV = "LEGALASSIST_LOG_FILE"
LOG_NAME = "legalassist.log"
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
_HANDLER_NAME = "legalassist-file"


def log_file(library_dir: Path) -> Path:
    return library_dir / "logs" / LOG_NAME


def setup(library_dir: Path) -> Path | None:
    """Send the app's log to the library folder's log file (replacing an earlier one). Returns the file, or
    None when it cannot be written (a read-only folder): the app then runs without a log file."""
    path = log_file(library_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1 << 20, backupCount=2, encoding="utf-8"
        )
    except OSError:
        return None
    _install(handler)
    os.environ[LOG_ENV] = str(path)
    return path


def setup_worker() -> None:
    """In an import worker: append to the app's log file, if the app has one (no rotation from here)."""
    path = os.environ.get(LOG_ENV)
    if not path:
        return
    try:
        _install(logging.FileHandler(path, encoding="utf-8"))
    except OSError:
        pass


def _install(handler: logging.Handler) -> None:
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    _remove_handler()
    logging.getLogger().addHandler(handler)
    # The app's own INFO messages are kept; other libraries' only from WARNING up (the root's default).
    app = logging.getLogger("legalassist")
    if app.level == logging.NOTSET or app.level > logging.INFO:
        app.setLevel(logging.INFO)


def close() -> None:
    """Stop writing the log file (the app's end; tests)."""
    _remove_handler()
    os.environ.pop(LOG_ENV, None)


def _remove_handler() -> None:
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
