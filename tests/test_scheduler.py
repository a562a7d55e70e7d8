"""Model work on a shared machine (legalassist.scheduler): one computation at a time, questions first, and
thread counts that follow other programs' load. No model is needed here; the real models under load are
measured by `python -m legalassist.benchmarks.load` and exercised by test_gui's import-during-a-question."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from legalassist.scheduler import CpuLoad, ModelScheduler, ModelThread, ThreadFit


def test_nested_interactive_and_compute_in_one_thread_do_not_wait_for_themselves(tmp_path: Path) -> None:
    sched = ModelScheduler(tmp_path)
    with sched.interactive(), sched.interactive(), sched.compute(), sched.compute():
        assert not sched.interactive_pending(), "a thread's own question is not pending work for it"
    assert not sched.interactive_pending()


def _run_background(
    sched: ModelScheduler, steps: int, log: list[tuple[str, float, float]], paused: list[float]
) -> None:
    for _ in range(steps):
        with sched.compute(on_pause=lambda: paused.append(time.monotonic())):
            started = time.monotonic()
            time.sleep(0.01)
            log.append(("background", started, time.monotonic()))


def test_background_work_makes_way_for_a_question_in_another_thread(tmp_path: Path) -> None:
    sched = ModelScheduler(tmp_path)
    log: list[tuple[str, float, float]] = []
    paused: list[float] = []
    background = threading.Thread(target=_run_background, args=(sched, 60, log, paused))
    background.start()
    time.sleep(0.1)
    asked = time.monotonic()
    with sched.interactive():
        registered = time.monotonic()
        time.sleep(0.1)  # the question's own preparation: background work must not run meanwhile
        with sched.compute():
            started = time.monotonic()
            time.sleep(0.05)
            log.append(("question", started, time.monotonic()))
        time.sleep(0.1)
        # Noted inside the question: once it closes, the background thread may start a step and note its start
        # before this thread runs again, so a time taken after the block would count that step as late.
        finished = time.monotonic()
    background.join()

    spans = sorted(log, key=lambda row: row[1])
    for (_, _, end), (_, start, _) in zip(spans, spans[1:], strict=False):
        assert start >= end, "two computations overlapped"
    # One background step may have been granted just before the question came (on a busy machine its thread
    # can be descheduled before it notes its start); none may start after that until the question is done.
    # Without the question first, about twenty 10 ms steps would fall in this 0.25 s.
    late = [row for row in log if row[0] == "background" and registered < row[1] < finished]
    assert len(late) <= 1, f"background work ran during the question: {late}"
    assert all(end <= started for _, _, end in late), "the step under way ended before the question computed"
    assert len(paused) == 1 and paused[0] >= asked, "the background work said it paused, once, after the question"
    assert sum(1 for row in log if row[0] == "background") == 60, "the background work finished afterwards"


def _holder(folder: Path, body: str) -> subprocess.Popen[str]:
    """Another legalassist process running ``body`` with a scheduler ``s`` on ``folder``; it prints when its
    work ends."""
    script = (
        "import sys, time\nfrom pathlib import Path\nfrom legalassist.scheduler import ModelScheduler\n"
        "s = ModelScheduler(Path(sys.argv[1]))\n" + body + "print(time.monotonic(), flush=True)\n"
    )
    return subprocess.Popen([sys.executable, "-c", script, str(folder)], stdout=subprocess.PIPE, text=True)


def test_background_work_waits_for_a_question_in_another_process(tmp_path: Path) -> None:
    body = "with s.interactive():\n    print('held', flush=True)\n    time.sleep(1.0)\n    print(time.monotonic(), flush=True)\n"
    with _holder(tmp_path, body) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        sched = ModelScheduler(tmp_path)
        assert sched.interactive_pending()
        paused: list[float] = []
        with sched.compute(on_pause=lambda: paused.append(time.monotonic())):
            entered = time.monotonic()
        last_held = float(holder.stdout.readline())  # printed inside the question, just before it ends
    assert paused, "the background work reported that it made way"
    assert entered >= last_held, "the background work ran while the other process's question was open"
    assert not sched.interactive_pending()


def test_a_dead_process_leaves_nothing_locked(tmp_path: Path) -> None:
    with _holder(
        tmp_path, "with s.interactive(), s.compute():\n    print('held', flush=True)\n    time.sleep(60)\n"
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        sched = ModelScheduler(tmp_path)
        assert sched.interactive_pending()
        holder.kill()
        holder.wait(timeout=10)
    assert not sched.interactive_pending()
    with sched.compute():
        pass


def _stat_line(busy_ticks: int, idle_ticks: int) -> str:
    # user nice system idle iowait irq softirq steal
    return f"cpu  {busy_ticks} 0 0 {idle_ticks} 0 0 0 0 0 0\ncpu0 0 0 0 0 0 0 0 0 0 0\n"


class _Stat:
    """A fake /proc/stat whose busy and idle time grow with the real time passed, so a reading says the
    same however long a busy test machine took to wake this thread."""

    def __init__(self, path: Path) -> None:
        import os

        self.path, self.hz = path, os.sysconf("SC_CLK_TCK")
        self.busy, self.idle, self.at = 1000, 5000, time.monotonic()
        self._write()

    def _write(self) -> None:
        self.path.write_text(_stat_line(round(self.busy), round(self.idle)))

    def advance(self, busy_cores: float, cores: int = 2) -> None:
        now = time.monotonic()
        span, self.at = (now - self.at) * self.hz, now
        self.busy += span * busy_cores
        self.idle += span * (cores - busy_cores)
        self._write()


def test_cpu_load_counts_other_processes_busy_cores(tmp_path: Path) -> None:
    stat = _Stat(tmp_path / "stat")
    load = CpuLoad(stat.path)
    assert load.others() is None, "too short a span says nothing"
    time.sleep(0.3)
    stat.advance(busy_cores=1.0)  # another program kept one core busy; this process slept
    others = load.others()
    assert others is not None and 0.7 < others < 1.3

    fit = ThreadFit(2, cores=2, interval=0.0, load=CpuLoad(stat.path))
    time.sleep(0.3)
    stat.advance(busy_cores=1.0)  # one core busy: one thread
    assert fit.threads() == 1
    time.sleep(0.3)
    stat.advance(busy_cores=0.0)  # quiet again: both
    assert fit.threads() == 2
    assert ThreadFit(2, adaptive=False, cores=2).threads() == 2
    assert CpuLoad(tmp_path / "missing").others() is None, "no /proc/stat: no opinion"


def test_model_work_runs_on_one_thread_whoever_asks_for_it() -> None:
    """llama.cpp's OpenMP keeps a team of threads for every thread that computed; with more than the cores,
    decoding halves (docs/BENCHMARKS.md). So all of a process's model work runs on one thread."""
    runner = ModelThread()
    seen: set[int] = set()

    def work() -> int:
        seen.add(threading.get_ident())
        return 7

    callers = [threading.Thread(target=runner.run, args=(work,)) for _ in range(4)]
    for t in callers:
        t.start()
    for t in callers:
        t.join()
    assert runner.run(work) == 7
    assert len(seen) == 1 and threading.get_ident() not in seen
    assert runner.run(lambda: runner.run(lambda: 5)) == 5, "work that runs more work on the model thread"
    with pytest.raises(ValueError):
        runner.run(int, "not a number")
    assert runner.run(work) == 7, "an error does not stop the thread"


def test_the_lock_folder_is_the_runtime_folder_else_one_in_the_cache(tmp_path: Path, monkeypatch) -> None:
    from legalassist.errors import ModelError
    from legalassist.scheduler import runtime_dir

    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.delenv("LEGALASSIST_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run").mkdir()
    assert runtime_dir() == tmp_path / "run" / "legalassist"
    monkeypatch.setenv("LEGALASSIST_RUNTIME_DIR", str(blocked / "locks"))  # unusable: a file is in the way
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "missing"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert runtime_dir() == tmp_path / "cache" / "legalassist" / "run"
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked / "cache"))
    with pytest.raises(ModelError, match="LEGALASSIST_RUNTIME_DIR"):
        runtime_dir()


def test_models_loading_on_two_threads_at_once_leave_stderr_as_it_was() -> None:
    """llama.cpp's load messages are silenced by pointing fd 2 at /dev/null; loads that overlap (a window's
    warm-up and an import) must not leave it there."""
    import os

    from legalassist.generate.embedder import quiet_stderr

    def identity() -> tuple[int, int]:
        st = os.fstat(2)
        return st.st_dev, st.st_ino

    original = identity()
    devnull = os.stat(os.devnull)
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[tuple[int, int]] = []

    def first() -> None:
        with quiet_stderr():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with quiet_stderr():
            second_in.set()
            first_out.wait(5)
            seen.append(identity())  # the first has left; this load is still running

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [(devnull.st_dev, devnull.st_ino)], "still silenced while a load runs"
    assert identity() == original, "stderr restored when the last load ends"
