"""Model work on a shared machine: one llama.cpp computation at a time, questions first, and threads that fit
the load.

llama.cpp's CPU threads wait for each other at every step by spinning. Two computations at once on a
2-core laptop (an import embedding passages while a question is answered, in one window or two processes)
leave each waiting for threads the other has descheduled, and both crawl (docs/BENCHMARKS.md, "Model work
under load"). So:

- ``ModelScheduler`` lets one computation run at a time on the machine, through two lock files in the
  user's runtime folder. Interactive work (a search, an answer) holds ``interactive.lock`` shared from
  start to end; background work (embedding an import) runs one passage at a time and, before each, waits
  while anyone holds it. Every computation holds ``compute.lock`` exclusively. The OS drops both when a
  process dies, so nothing stays locked after a crash.
- ``model_thread()`` runs every llama.cpp computation of the process on one thread. llama.cpp's threads come
  from OpenMP, which keeps a team of threads for every thread that ever computed; while more such threads
  exist than cores (an import worker and an ask worker each with their team, even idle), OpenMP makes them
  sleep at once between steps, and decoding runs at about half speed.
- ``ThreadFit`` picks how many threads a computation uses: the configured count, less the cores other
  processes keep busy (measured from /proc/stat), at least one. Spinning threads that share a core with
  another program make decoding ~10x slower; one thread on the free core keeps ~60% of the speed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from legalassist.errors import ModelError

T = TypeVar("T")

RUNTIME_ENV = "LEGALASSIST_RUNTIME_DIR"


def runtime_dir() -> Path:
    """The folder of the machine-wide model locks, shared by every legalassist process of this user: the user's
    runtime folder (``$XDG_RUNTIME_DIR/legalassist``), else a folder in the user's cache."""
    from platformdirs import user_cache_dir

    from legalassist.config import APP_NAME

    override = os.environ.get(RUNTIME_ENV)
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    candidates = [Path(override)] if override else []
    if xdg and Path(xdg).is_dir():
        candidates.append(Path(xdg) / APP_NAME)
    candidates.append(Path(user_cache_dir(APP_NAME, appauthor=False)) / "run")
    problems = []
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            probe = os.open(folder / "compute.lock", os.O_RDWR | os.O_CREAT, 0o600)
            os.close(probe)
            return folder
        except OSError as exc:
            problems.append(f"{folder} ({exc.strerror or exc})")
    raise ModelError(
        "No folder for the model locks could be created: " + "; ".join(problems) + f". Set {RUNTIME_ENV} to a "
        "folder you can write to."
    )


class ModelScheduler:
    """One llama.cpp computation at a time across this user's legalassist processes; interactive work first.

    ``interactive()`` wraps a whole search or answer (nested calls, in the same thread, are free);
    ``compute()`` wraps one computation. Inside ``interactive()`` a computation waits only for the one that
    is running; outside, it is background work and also waits while any interactive work is pending,
    anywhere. Threads of one process exclude each other as processes do (every acquisition opens its own
    file description)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._local = threading.local()

    @property
    def folder(self) -> Path:
        if self._folder is None:
            self._folder = runtime_dir()
        return self._folder

    def _open(self, name: str) -> int:
        # A new open file description each time: flock then excludes other threads of this process too.
        return os.open(self.folder / name, os.O_RDWR | os.O_CREAT, 0o600)

    @contextlib.contextmanager
    def interactive(self) -> Iterator[None]:
        local = self._local
        depth = getattr(local, "interactive", 0)
        fd = None
        if depth == 0:
            fd = self._open("interactive.lock")
            fcntl.flock(fd, fcntl.LOCK_SH)
        local.interactive = depth + 1
        try:
            yield
        finally:
            local.interactive = depth
            if fd is not None:
                os.close(fd)  # releases the lock

    def interactive_pending(self) -> bool:
        """Whether a search or an answer is waiting or running anywhere (not counting this thread's own)."""
        if getattr(self._local, "interactive", 0):
            return False
        fd = self._open("interactive.lock")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        return False

    def _wait_for_interactive(self) -> None:
        fd = self._open("interactive.lock")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # granted once no search or answer holds it
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def compute(self, on_pause: Callable[[], None] | None = None) -> Iterator[None]:
        """Run one computation. Background work that has to make way calls ``on_pause()`` once before it
        waits (an import's progress says so)."""
        local = self._local
        depth = getattr(local, "compute", 0)
        if depth:
            local.compute = depth + 1
            try:
                yield
            finally:
                local.compute = depth
            return
        fd = self._open("compute.lock")
        try:
            paused = False
            while True:
                if self.interactive_pending():
                    if not paused and on_pause is not None:
                        on_pause()
                    paused = True
                    self._wait_for_interactive()
                fcntl.flock(fd, fcntl.LOCK_EX)
                if not self.interactive_pending():
                    break
                fcntl.flock(fd, fcntl.LOCK_UN)  # a question came while this waited: it goes first
            local.compute = 1
            try:
                yield
            finally:
                local.compute = 0
        finally:
            os.close(fd)  # releases the lock


_SCHEDULER: ModelScheduler | None = None
_SCHEDULER_LOCK = threading.Lock()


def scheduler() -> ModelScheduler:
    """This process's scheduler (its locks are machine-wide)."""
    global _SCHEDULER
    with _SCHEDULER_LOCK:
        if _SCHEDULER is None:
            _SCHEDULER = ModelScheduler()
        return _SCHEDULER


class ModelThread:
    """One long-lived thread on which every llama.cpp computation of this process runs (see the module's
    docstring). ``run(fn, *args)`` runs ``fn`` there and returns its result or raises its exception; called
    from that thread itself, it just calls ``fn``."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[..., Any], tuple[Any, ...], Future[Any]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        if threading.current_thread() is self._thread:
            return fn(*args)
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="legalassist-models", daemon=True)
                self._thread.start()
        future: Future[T] = Future()
        self._jobs.put((fn, args, future))
        return future.result()

    def _serve(self) -> None:
        while True:
            fn, args, future = self._jobs.get()
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # handed to the caller, which raises it in its own thread
                future.set_exception(exc)


_MODEL_THREAD = ModelThread()


def model_thread() -> ModelThread:
    return _MODEL_THREAD


class CpuLoad:
    """How many cores other processes kept busy since the last reading: /proc/stat's busy time less this
    process's own CPU time. None where there is no /proc/stat (the caller then keeps its thread count)."""

    def __init__(self, stat: Path = Path("/proc/stat")) -> None:
        self._stat = stat
        self._hz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        self._last = self._read()

    def _read(self) -> tuple[float, float, float] | None:
        try:
            with self._stat.open(encoding="ascii") as fh:
                fields = fh.readline().split()
        except OSError:
            return None
        if not fields or fields[0] != "cpu" or len(fields) < 8:
            return None
        values = [int(v) for v in fields[1:9]]
        busy = sum(values) - values[3] - values[4]  # all but idle and iowait
        return time.monotonic(), busy / self._hz, time.process_time()

    def others(self, min_interval: float = 0.1) -> float | None:
        """Cores busy with other work since the last reading, or None if too little time has passed to say
        (the reading is kept then, so the next call covers a longer span)."""
        now = self._read()
        if now is None or self._last is None:
            self._last = now
            return None
        wall = now[0] - self._last[0]
        if wall < min_interval:
            return None
        busy = (now[1] - self._last[1]) - (now[2] - self._last[2])
        self._last = now
        return max(0.0, busy / wall)


class ThreadFit:
    """The thread count for the next computation: ``wanted`` threads, one fewer for each core other
    processes keep busy, at least one; re-measured at most every ``interval`` seconds."""

    def __init__(
        self,
        wanted: int,
        adaptive: bool = True,
        cores: int | None = None,
        interval: float = 0.5,
        load: CpuLoad | None = None,
    ) -> None:
        self.wanted = max(1, wanted)
        self.cores = cores or os.cpu_count() or 1
        self.interval = interval
        self.current = self.wanted
        self.applied = self.wanted  # what the model runs with: it is loaded with ``wanted`` threads
        self._load = (load or CpuLoad()) if adaptive else None
        self._checked = time.monotonic()

    def apply(self, set_threads: Callable[[int], None]) -> None:
        """Give the model the thread count for its next computation, when that changed."""
        threads = self.threads()
        if threads != self.applied:
            set_threads(threads)
            self.applied = threads

    def threads(self) -> int:
        if self._load is None:
            return self.wanted
        now = time.monotonic()
        if now - self._checked < self.interval:
            return self.current
        others = self._load.others()
        if others is not None:
            self._checked = now
            free = self.cores - int(others + 0.5)
            self.current = max(1, min(self.wanted, free))
        return self.current
