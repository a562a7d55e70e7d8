"""The desktop bundle (`make bundle`, PyInstaller) starts: its command line checks the models and searches the
sample library, and its desktop app opens a window on a real X server (Xvfb).

Building the bundle takes minutes, so this runs in its own step, `make bundle-test` (CI runs it after the
default test run); elsewhere it is skipped unless LEGALASSIST_BUNDLE_TEST=1. Its size and start times are
written to build/test-artifacts/bundle.json (docs/BENCHMARKS.md records them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import MODELS, ROOT
from test_real_window import ARTIFACTS, display  # noqa: F401 (the Xvfb fixture)

BUNDLE = ROOT / "dist" / "legalassist"

pytestmark = pytest.mark.skipif(
    not os.environ.get("LEGALASSIST_BUNDLE_TEST"), reason="the bundle is built and tested by `make bundle-test`"
)


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


@pytest.fixture(scope="module")
def bundle() -> Path:
    assert (BUNDLE / "legalassist-cli").is_file() and (BUNDLE / "legalassist").is_file(), (
        f"no bundle in {BUNDLE}: run `make bundle` first"
    )
    return BUNDLE


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    # The bundle finds models in the user's models folder; here, the checkout's.
    env = {**os.environ, "LEGALASSIST_MODELS_DIR": str(MODELS), "XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    env.pop("PYTHONPATH", None)
    env.update(extra)
    return env


def _record(**figures: float) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "bundle.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data.update(figures)
    path.write_text(json.dumps(data, indent=1))


def test_the_bundled_command_line_checks_the_models_and_searches(
    bundle: Path, sample_library_dir: Path, tmp_path: Path
) -> None:
    library = tmp_path / "library"
    shutil.copytree(sample_library_dir, library, ignore=shutil.ignore_patterns("writer.lock"))
    env = _env(tmp_path)
    started = time.perf_counter()
    check = subprocess.run(
        [str(bundle / "legalassist-cli"), "models", "check"], env=env, capture_output=True, text=True, timeout=300
    )
    checked = time.perf_counter() - started
    assert check.returncode == 0, check.stdout + check.stderr
    started = time.perf_counter()
    search = subprocess.run(
        [str(bundle / "legalassist-cli"), "--library", str(library), "search", "valid, irrevocable, and enforceable"]
        + ["--json", "--k", "3"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    searched = time.perf_counter() - started
    assert search.returncode == 0, search.stderr
    hits = json.loads(search.stdout)["hits"]
    assert hits and hits[0]["document"].endswith("9_USC_2.pdf"), hits[:1]
    # An answer needs the embedder (llama.cpp) and the answer checks; extractive answers need no chat model. (The
    # question is one the sample passages answer in so many words, 9 U.S.C. § 2; what a wider question gets is
    # the answer benchmark's business, not the bundle's.)
    ask = subprocess.run(
        [
            str(bundle / "legalassist-cli"),
            "--library",
            str(library),
            "ask",
            "Is a written agreement to arbitrate in a contract involving commerce enforceable?",
            "--extractive",
            "--json",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ask.returncode == 0, ask.stderr
    answer = json.loads(ask.stdout)
    assert not answer["abstained"] and answer["citations"], answer
    assert answer["citations"][0]["document"].endswith("9_USC_2.pdf"), answer["citations"][0]
    _record(size_mb=round(_size_mb(bundle), 1), cli_models_check_s=round(checked, 2), cli_search_s=round(searched, 2))


def test_the_bundled_desktop_app_opens_its_window(
    bundle: Path,
    display: str,  # noqa: F811
    sample_library_dir: Path,
    tmp_path: Path,
) -> None:
    library = tmp_path / "library"
    shutil.copytree(sample_library_dir, library, ignore=shutil.ignore_patterns("writer.lock"))
    state_file = tmp_path / "window.json"
    env = _env(
        tmp_path,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        LEGALASSIST_AUTOMATION=str(state_file),
        LEGALASSIST_LIBRARY_DIR=str(library),
    )
    log = (tmp_path / "gui.log").open("w")
    started = time.perf_counter()
    app = subprocess.Popen([str(bundle / "legalassist")], env=env, stdout=log, stderr=subprocess.STDOUT)
    shown = opened = None
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and opened is None:
            assert app.poll() is None, (tmp_path / "gui.log").read_text()[-3000:]
            try:
                state = json.loads(state_file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                state = {}
            if state.get("visible") and shown is None:
                shown = time.perf_counter() - started
            if state.get("library_open"):
                opened = time.perf_counter() - started
                assert state["platform"] == "xcb"
            time.sleep(0.05)
        assert opened is not None, "the bundled window did not open its library within 120 s"
    finally:
        app.terminate()
        app.wait(30)
        log.close()
    _record(gui_window_shown_s=round(shown or opened, 2), gui_library_open_s=round(opened, 2))
