"""The desktop app on a real X server: Xvfb, Qt's xcb platform plugin, real fonts and real input events.

`legalassist gui` starts on its own display. xdotool clicks the Ask tab and the question box, types a
question and presses Return, then clicks the answer's first [n] link where the window says it is drawn
(``legalassist.ui.automation``, a hook that only reports positions and state). The viewer must then show
the cited document. A screenshot of the screen is saved under build/test-artifacts/.

`make test` installs Xvfb and xdotool where it can (packaging/install-qt-libs.sh); without them the test
is skipped locally and fails on CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

QUESTION = "Does an employee's contributory negligence bar recovery under the Federal Employers' Liability Act?"
ARTIFACTS = ROOT / "build" / "test-artifacts"


def _tools() -> None:
    missing = [t for t in ("Xvfb", "xdotool") if shutil.which(t) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the real-window test: {', '.join(missing)} missing (make desktop-test installs them)")
        pytest.skip(f"{', '.join(missing)} not installed (make desktop-test installs them)")
    from legalassist.ui.platform_check import missing_libraries

    lacking = missing_libraries()
    if lacking:
        pytest.fail(f"Qt's xcb plugin lacks {lacking} (make desktop-test installs them)")


pytestmark = pytest.mark.models  # the window opens a library with the real models


@pytest.fixture
def display() -> Iterator[str]:
    _tools()
    for number in range(90, 120):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    name = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", name, "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        assert server.poll() is None and time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.1)
    yield name
    server.terminate()
    server.wait(10)


def _wait(read: Callable[[], dict[str, Any]], what: str, ok: Callable[[dict[str, Any]], bool], seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        state = read()
        if state and ok(state):
            return state
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}; last state: {json.dumps(state)[:1500]}")


def test_a_question_typed_into_the_real_window_answers_and_its_citation_opens_the_source(
    display: str, sample_library_dir: Path, tmp_path: Path
) -> None:
    library = tmp_path / "library"
    shutil.copytree(sample_library_dir, library, ignore=shutil.ignore_patterns("writer.lock"))
    state_file = tmp_path / "window.json"
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "LEGALASSIST_AUTOMATION": str(state_file),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
    }
    log = (tmp_path / "gui.log").open("w")
    app = subprocess.Popen(
        [sys.executable, "-m", "legalassist", "--library", str(library), "gui", "--answer-mode", "extractive"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def read() -> dict[str, Any]:
        assert app.poll() is None, (tmp_path / "gui.log").read_text()[-3000:]
        try:
            return json.loads(state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def xdo(*args: str) -> None:
        subprocess.run(["xdotool", *args], env=env, check=True, timeout=30)

    def click(at: list[int]) -> None:
        xdo("mousemove", "--sync", str(at[0]), str(at[1]))
        xdo("click", "1")

    try:
        state = _wait(read, "the window", lambda s: s["visible"] and s["library_open"], 60)
        assert state["platform"] == "xcb"
        click(state["ask_tab"])
        click(read()["question"])
        _wait(read, "the question box to take the focus", lambda s: s["question_focused"], 10)
        xdo("type", "--delay", "20", QUESTION)
        _wait(read, "the typed question", lambda s: s["question_text"] == QUESTION, 20)
        xdo("key", "Return")
        state = _wait(read, "an answer with a [n] link", lambda s: any(_is_cite(x) for x in s["links"]), 180)
        first = next(x for x in state["links"] if _is_cite(x))
        cited = state["cited"][first["href"].split(":")[1]]
        assert "§ 53" in cited, state  # FELA's contributory-negligence section (45 U.S.C. § 53) answers this
        click(first["at"])
        state = _wait(read, "the viewer to open the cited document", lambda s: cited in s["viewer_title"], 30)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / "real-window.png"
        shot.unlink(missing_ok=True)
        state_file.with_suffix(".shot").write_text(str(shot), encoding="utf-8")
        _wait(read, "the screenshot", lambda s: shot.is_file() and shot.stat().st_size > 10_000, 20)
    finally:
        app.terminate()
        try:
            app.wait(20)
        except subprocess.TimeoutExpired:
            app.kill()
        log.close()


def _is_cite(link: dict[str, Any]) -> bool:
    return link["href"].startswith("cite:") and link["visible"]
