"""Files read in worker processes during an import: the same library as reading them in the app's own
process, a file that kills its reader failing alone, workers that cannot start, and workers that end
with a killed app."""

from __future__ import annotations

import multiprocessing.spawn
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS, MODELS, ROOT, make_settings

from legalassist.errors import ImportFailed
from legalassist.ingest import prepare as prepare_module
from legalassist.ingest.prepare import Prepared, Preparer
from legalassist.service import Library

DOCS = [
    CORPUS / "us_code" / "9_USC_2.pdf",
    CORPUS / "scotus_ot2016" / "16-405_BNSF_R_Co_v_Tyrrell.pdf",
    CORPUS / "scotus" / "596US528_Kemp_v_United_States_prelim_print.pdf",
    CORPUS / "constitution" / "us_constitution.pdf",
]
# The test process's pid; a worker imports this module afresh but inherits the environment.
TEST_PID = int(os.environ.setdefault("LEGALASSIST_TEST_PID", str(os.getpid())))


def fake_read(path: Path, ocr_language: str, chunk_chars: int) -> Prepared:
    """A reader for the worker tests: a file named crash* kills the process reading it, as a PDF that
    crashes MuPDF would; any other file is read as an empty document carrying its name and reader's pid."""
    if path.name.startswith("crash"):
        if os.getpid() == TEST_PID:
            raise AssertionError(f"{path} was read in the test's own process, not a worker")
        os._exit(3)
    return Prepared([], "", {"title": path.name, "pid": str(os.getpid())}, [], [], set())


def _library_contents(lib: Library) -> dict[str, object]:
    db = lib.catalog._db
    return {
        "docs": db.execute(
            "SELECT path, title, doc_type, court, date, citation, pages, status FROM documents"
        ).fetchall(),
        "pages": db.execute("SELECT doc_id, number, text, words, note FROM pages ORDER BY doc_id, number").fetchall(),
        "passages": db.execute("SELECT * FROM passages ORDER BY id").fetchall(),
        "citations": db.execute("SELECT * FROM citations ORDER BY id").fetchall(),
        "authorities": sorted(db.execute("SELECT * FROM authorities").fetchall()),
        "search": [(h.passage.id, round(h.score, 6)) for h in lib.search("arbitration agreement", mode="keyword")],
    }


def test_files_read_by_workers_make_the_same_library_as_files_read_in_the_apps_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prepare_module, "PARALLEL_BYTES", 0)  # these few files are read by workers too
    pools: list[object] = []
    start_workers = Preparer._workers

    def recorded(self: Preparer) -> object:
        pool = start_workers(self)
        if pool not in pools:
            pools.append(pool)
        return pool

    monkeypatch.setattr(Preparer, "_workers", recorded)
    with Library(make_settings(tmp_path / "together")) as lib:
        results = lib.import_paths(DOCS, embed=False)
        assert [r.status for r in results] == ["imported"] * len(DOCS)
        together = _library_contents(lib)
    assert len(pools) == 1  # the files were read by workers
    with Library(make_settings(tmp_path / "apart", import_workers=0)) as lib:
        assert [r.status for r in lib.import_paths(DOCS, embed=False)] == ["imported"] * len(DOCS)
        apart = _library_contents(lib)
    assert len(pools) == 1  # ... and these in the test's own process
    monkeypatch.setattr(prepare_module, "PARALLEL_BYTES", 2 << 20)
    assert sum(d.stat().st_size for d in DOCS) < prepare_module.PARALLEL_BYTES
    with Library(make_settings(tmp_path / "small")) as lib:
        assert [r.status for r in lib.import_paths(DOCS, embed=False)] == ["imported"] * len(DOCS)
    assert len(pools) == 1  # a small import is read in the app's own process: workers would cost more
    assert together["citations"] and together["passages"]
    assert together == apart


def test_a_file_that_kills_its_reader_fails_alone_and_the_others_are_read(tmp_path: Path) -> None:
    names = ["a.pdf", "b.pdf", "crash.pdf", "c.pdf", "d.pdf", "e.pdf", "f.pdf"]
    paths = [tmp_path / n for n in names]
    got: list[str] = []
    with Preparer("eng", 900, workers=2, read=fake_read) as preparer:
        for i, path in enumerate(paths):
            preparer.ahead(paths[i : i + 4])  # the crash is read beside others each time
            try:
                prepared = preparer.take(path)
            except ImportFailed as exc:
                assert str(path) in str(exc) and "crashed" in str(exc)
                got.append("failed")
                continue
            assert int(prepared.meta["pid"]) != os.getpid()
            got.append(prepared.meta["title"])
    assert got == ["a.pdf", "b.pdf", "failed", "c.pdf", "d.pdf", "e.pdf", "f.pdf"]


def test_every_worker_starts_with_the_first_file_so_none_starts_while_a_broken_pool_is_ended(
    tmp_path: Path,
) -> None:
    # A worker that the pool started while its own thread was ending a pool broken by a crash was never
    # stopped; the thread waited for it forever and the app hung on exit (and the pool's thread could fail
    # with "dictionary changed size during iteration"). With every worker started up front, no submit can
    # start one later.
    before = set(multiprocessing.active_children())
    with Preparer("eng", 900, workers=3, read=fake_read) as preparer:
        preparer.ahead([tmp_path / "a.pdf"])
        started = set(multiprocessing.active_children()) - before
        assert len(started) == 3
        preparer.ahead([tmp_path / n for n in ("b.pdf", "c.pdf", "d.pdf", "e.pdf")])
        assert set(multiprocessing.active_children()) - before == started
        assert [preparer.take(tmp_path / n).meta["title"] for n in ("a.pdf", "b.pdf", "e.pdf")] == [
            "a.pdf",
            "b.pdf",
            "e.pdf",
        ]


def test_when_workers_cannot_start_files_are_read_in_the_apps_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every worker process exits as it starts, before it can take any work.
    monkeypatch.setattr(multiprocessing.spawn, "get_command_line", lambda **kw: [sys.executable, "-c", "pass"])
    paths = [tmp_path / n for n in ("a.pdf", "b.pdf", "c.pdf")]
    with Preparer("eng", 900, workers=2, read=fake_read) as preparer:
        pids = []
        for i, path in enumerate(paths):
            preparer.ahead(paths[i : i + 3])
            prepared = preparer.take(path)
            assert prepared.meta["title"] == path.name
            pids.append(int(prepared.meta["pid"]))
    assert pids == [os.getpid()] * 3


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_text()
    except OSError:  # ended meanwhile
        return ""


def _alive(pid: int) -> bool:
    try:
        return "Z" not in (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_workers_end_when_the_app_is_killed(tmp_path: Path) -> None:
    env = dict(os.environ, LEGALASSIST_MODELS_DIR=str(MODELS), PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "legalassist", "--library", str(tmp_path / "lib"), "import", "--no-embed"]
    proc = subprocess.Popen(
        [*command, str(CORPUS / "scotus_ot2016")], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2:
            workers = {p for p in _children(proc.pid) if "spawn_main" in _cmdline(p)}
            time.sleep(0.2)
        assert len(workers) == 2, "the import did not start its two workers"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)


def test_the_cli_leaves_sigpipe_ignored_so_a_dead_workers_pipe_cannot_end_the_app(tmp_path: Path) -> None:
    from legalassist.cli import main

    assert main(["--library", str(tmp_path / "lib"), "documents"]) == 0
    # At SIG_DFL (as the CLI once set it, for `| head`), the pool's write to a worker that a crashing PDF
    # had killed ended the whole process with SIGPIPE instead of failing that one file.
    assert signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN
    test_a_file_that_kills_its_reader_fails_alone_and_the_others_are_read(tmp_path)


def test_a_closed_stdout_ends_a_command_quietly(sample_library_dir: Path) -> None:
    env = dict(os.environ, LEGALASSIST_MODELS_DIR=str(MODELS), PYTHONPATH=str(ROOT))
    with subprocess.Popen(
        [sys.executable, "-m", "legalassist", "--library", str(sample_library_dir), "documents"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # `legalassist documents | head -0`: the reader is gone before anything is written
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err
