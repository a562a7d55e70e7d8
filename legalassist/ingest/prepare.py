"""Reading a file for the library, apart from the library: its pages, metadata, passages and citations.

``prepare`` touches nothing but the file, so a large import runs it in worker processes for the next
files while the library writes the catalog rows and keyword index of the one before: reading and writing
overlap on two cores. A file that crashes the PDF reader takes a worker down, not the app; it is reported
as failed and new workers go on with the rest.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legalassist.domain import DocType, Page, displayable
from legalassist.errors import ImportFailed
from legalassist.ingest.passages import Cut

log = logging.getLogger(__name__)
AHEAD = 4  # files read ahead of the one being written: keeps the workers busy, bounds memory
# Workers read an import's files when they add up to this much: about 10 s of reading on two cores. Starting
# two workers costs about 2 s (each loads PyMuPDF and eyecite), more than they save on a smaller import.
PARALLEL_BYTES = 2 << 20


@dataclass
class Prepared:
    pages: list[Page]
    warning: str  # what the reader noticed about the whole file (repaired, no text layer), or ""
    meta: dict[str, str]  # title, court, date, citation, doc_type… as found in the document
    cuts: list[Cut]
    citations: list[Any]  # legalassist.citations.extract.FoundCitation
    targets: set[str]  # what the document itself can be cited as


def prepare(path: Path, ocr_language: str, chunk_chars: int) -> Prepared:
    """Everything the library stores for ``path``, read from the file alone. Raises ImportFailed."""
    from legalassist.citations.graph import read_citations
    from legalassist.ingest.metadata import guess_metadata
    from legalassist.ingest.passages import cut_passages
    from legalassist.ingest.pdf import extract_pdf
    from legalassist.ingest.text import extract_text

    extracted = extract_text(path) if path.suffix.lower() == ".txt" else extract_pdf(path, ocr_language)
    meta = guess_metadata(path, extracted.pages, extracted.metadata)
    doc_type = meta.get("doc_type", DocType.OTHER)
    cuts = cut_passages(extracted.pages, doc_type, meta.get("citation", ""), chunk_chars, ocr_language)
    found, targets = read_citations(  # title and citation as the catalog will keep them
        str(path),
        [(p.number, p.text) for p in extracted.pages],
        doc_type,
        displayable(meta.get("title", "")),
        displayable(meta.get("citation", "")),
    )
    return Prepared(extracted.pages, extracted.metadata.get("warning", ""), meta, cuts, found, targets)


class Preparer:
    """Prepares files ahead of their turn in ``workers`` processes or, with none, in this process when
    each file's turn comes. Results are taken in the order the files were given."""

    def __init__(
        self, ocr_language: str, chunk_chars: int, workers: int, read: Callable[..., Prepared] = prepare
    ) -> None:
        self._read = read  # ``prepare``, or a module-level function taking the same arguments
        self._args = (ocr_language, chunk_chars)
        self._workers_wanted = workers
        self._parallel = workers > 0
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[Path, Future[Prepared]] = {}
        self._proven = False  # a worker has returned a file: workers can run here

    def __enter__(self) -> Preparer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers: files they are reading are finished and dropped, nothing else is started.
        Idle workers are waited for, so their resources are released (and counted) before this returns."""
        idle = all(f.done() for f in self._futures.values())
        self._stop(wait=idle)

    def ahead(self, paths: Sequence[Path]) -> None:
        """Start reading these files (a file already started is not started again)."""
        if not self._parallel:
            return
        for path in paths:
            if path not in self._futures:
                try:
                    self._futures[path] = self._workers().submit(self._read, path, *self._args)
                except BrokenProcessPool:
                    # A worker died since the last file was taken: take() finds out which file killed it,
                    # restarts the workers and reads the rest again.
                    return
                except OSError:  # no process can be started (a limit on processes, a sandbox)
                    log.warning("worker processes cannot start; files are read in the app's own process")
                    self._parallel = False
                    return

    def discard(self, path: Path) -> None:
        """Forget a file read ahead that is not needed after all (it was moved, or is a duplicate)."""
        future = self._futures.pop(path, None)
        if future is not None:
            future.cancel()

    def take(self, path: Path) -> Prepared:
        """The prepared file: read ahead, or read now. Raises ImportFailed, also when the reader crashed."""
        future = self._futures.pop(path, None)
        if future is None and self._parallel:
            # Not read ahead: the workers were found broken when it was to be started.
            self.ahead([path])
            future = self._futures.pop(path, None)
            if future is None and self._parallel:
                return self._again_alone(path)
        if future is None:
            return self._read(path, *self._args)
        try:
            prepared = future.result()
        except BrokenProcessPool:
            return self._again_alone(path)
        self._proven = True
        return prepared

    def _again_alone(self, path: Path) -> Prepared:
        """A worker died: this file, or one read beside it, crashed the PDF reader. This file is read again
        by a worker of its own; if that one dies too, this file is the cause. The other files are read
        again afterwards."""
        log.warning("a worker stopped while %s was being read", path)
        waiting = self._stop()
        try:
            try:
                prepared = self._workers().submit(self._read, path, *self._args).result()
            except BrokenProcessPool:
                self._stop()
                if not self._proven and not self._workers_run():
                    # Worker processes cannot start here at all (a bundle or sandbox that forbids them):
                    # files are read in this process from now on.
                    log.warning("worker processes cannot run here; files are read in the app's own process")
                    self._parallel = False
                    return self._read(path, *self._args)
                raise ImportFailed(
                    f"{path}: reading this file crashed the PDF reader; the file is probably damaged. "
                    "Re-download or re-export it."
                ) from None
            self._proven = True
            return prepared
        finally:
            self.ahead(waiting)

    def _workers_run(self) -> bool:
        try:
            ok = self._workers().submit(_alive).result()
        except BrokenProcessPool:
            ok = False
        self._stop()
        return ok

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: the app has threads (Qt, the keyword index) that a fork would copy mid-work.
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers_wanted,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_end_with_parent,
            )
            # Every worker is started now, before any file. The pool otherwise starts one when work is
            # submitted and none is idle, and a worker started while the pool's own thread is ending a pool
            # that a crash broke is never stopped: that thread then waits for it forever, and the app hangs
            # on exit. A trivial task each, submitted back to back, starts them all: none can be idle yet.
            for _ in range(self._workers_wanted):
                self._pool.submit(_alive)
        return self._pool

    def _stop(self, wait: bool = False) -> list[Path]:
        """Shut the workers down; returns the files that were waiting to be read, in order."""
        waiting = list(self._futures)
        self._futures.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None
        return waiting


def _alive() -> bool:
    return True


def _end_with_parent() -> None:
    """Run in each worker as it starts: the worker ends when the app's process does, however that ends (a
    worker left behind by a killed app would wait for work forever)."""
    from legalassist.applog import setup_worker

    setup_worker()  # the worker's messages (the OCR engine's among them) go to the app's log file
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent,), name="parent-watch", daemon=True).start()


def _exit_after(parent: Any) -> None:
    parent.join()
    os._exit(0)
