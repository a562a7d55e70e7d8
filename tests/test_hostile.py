"""Hostile and broken files: a generated set of 550 malformed PDFs and odd file names, imported by the real
CLI in its own process. No crash, a clear reason per failed file naming it, bounded time and memory per
file, everything valid imported, and a consistent library afterwards. LEGALASSIST_FULL=1 triples the
randomised families (about 1,400 files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import MODELS, ROOT, make_settings
from hostile import generate

from legalassist.ingest.files import file_sha256
from legalassist.service import Library

SCALE = 3 if os.environ.get("LEGALASSIST_FULL") else 1
MAX_SECONDS_PER_FILE = 20.0
MAX_RSS_MB = 2500

# Families whose bytes are a valid PDF (with hostile extras): each must import, or be recognised as a
# duplicate of another file of the set with the same bytes.
VALID = ("active", "image", "invisible", "nested", "nesteddict", "pagesize", "textbomb")


def _run_import(library: Path, folder: Path, out: Path, *extra: str) -> tuple[int, float, int, str]:
    """Exit code, wall seconds, peak RSS (MB) and stderr of `legalassist import` in its own process."""
    env = dict(os.environ, LEGALASSIST_MODELS_DIR=str(MODELS), PYTHONPATH=str(ROOT))
    # The import is started by a small launcher that reports its children's peak RSS: a process forked
    # straight from this test process counts this process's own memory (models and PyTorch loaded by
    # earlier tests) in its peak until it execs.
    peak = out.with_suffix(".rss")
    launcher = (
        "import resource, subprocess, sys; rc = subprocess.call(sys.argv[2:]); "
        "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
        "sys.exit(rc if rc >= 0 else 128 - rc)"
    )
    began = time.monotonic()
    with out.open("wb") as stdout, (out.with_suffix(".err")).open("wb") as stderr:
        code = subprocess.call(
            [
                sys.executable,
                "-c",
                launcher,
                str(peak),
                sys.executable,
                "-m",
                "legalassist",
                "--library",
                str(library),
                "import",
                "--no-embed",
                *extra,
                str(folder),
            ],
            stdout=stdout,
            stderr=stderr,
            env=env,
        )
    return (
        code,
        time.monotonic() - began,
        int(peak.read_text()) // 1024,
        out.with_suffix(".err").read_text("utf-8", "replace"),
    )


def test_hundreds_of_hostile_files_fail_one_by_one_and_the_rest_imports(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    files = generate(folder, seed=11, scale=SCALE)
    assert len(files) >= 500
    untouched = {f: file_sha256(f) for f in files if f.is_file()}
    code, seconds, rss_mb, err = _run_import(tmp_path / "lib", folder, tmp_path / "out.json", "--json")
    assert code == 1, err  # some files failed; the command itself did not crash
    assert "Traceback" not in err
    results = json.loads((tmp_path / "out.json").read_text())["results"]
    by_path = {r["path"]: r for r in results}
    for f in files:
        real = str(f.resolve()) if not f.is_symlink() or f.exists() else str(f)
        assert real in by_path or str(f) in by_path or f.is_symlink(), f"no result for {f}"
    for r in results:
        assert r["status"] in ("imported", "duplicate", "failed"), r
        if r["status"] == "failed":
            assert r["message"] and Path(r["path"]).name in r["message"], r
        assert r["seconds"] <= MAX_SECONDS_PER_FILE, r
        family = Path(r["path"]).name.split("_")[0]
        if family in VALID:
            assert r["status"] in ("imported", "duplicate"), r
    odd = [r for r in results if "_" not in Path(r["path"]).name and not r["path"].startswith(str(folder / "loops"))]
    assert odd and all(r["status"] in ("imported", "duplicate") for r in odd), odd
    loops = {Path(r["path"]).name: r for r in results if "/loops/" in r["path"]}
    assert "loops back on itself" in loops["self.pdf"]["message"]
    assert loops["dangling.pdf"]["status"] == "failed"
    assert rss_mb <= MAX_RSS_MB
    assert {f: file_sha256(f) for f in untouched} == untouched, "import must never modify a user's file"
    slowest = max(results, key=lambda r: r["seconds"])
    with Library(make_settings(tmp_path / "lib")) as lib:
        assert lib.verify() == []
        failed = sum(1 for d in lib.documents() if d.status == "failed")
    print(
        f"\n{len(results)} files, {failed} failed with a reason, 0 crashes; {seconds:.1f} s in all, slowest "
        f"{slowest['seconds']:.2f} s ({Path(slowest['path']).name}); peak RSS {rss_mb} MB"
    )

    # The same folder again, with the human-readable output: odd names print, nothing is redone.
    code, _, _, err = _run_import(tmp_path / "lib", folder, tmp_path / "again.txt")
    assert code == 1 and "Traceback" not in err
    text = (tmp_path / "again.txt").read_text("utf-8", "replace")
    assert "unchanged" in text and "caf" in text
