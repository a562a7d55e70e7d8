"""The desktop app's start-up check of Qt's X11 plugin: it names what is missing, before Qt starts."""

from __future__ import annotations

import pytest

from legalassist import cli
from legalassist.ui import platform_check


def test_missing_libraries_map_to_their_packages() -> None:
    assert platform_check.packages_for(["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0"]) == [
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libxcb-keysyms1",
    ]
    assert platform_check.packages_for(["libunknown.so.9"]) == ["libunknown.so.9"]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": ""}, True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
        ({"DISPLAY": "", "QT_QPA_PLATFORM": "", "WAYLAND_DISPLAY": "wayland-0"}, False),
    ],
)
def test_only_an_x11_start_is_checked(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: bool) -> None:
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert platform_check.uses_xcb() is expected


def test_gui_says_in_one_line_what_to_install_when_the_x11_libraries_are_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(platform_check, "missing_libraries", lambda: ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    started = []
    monkeypatch.setattr("legalassist.ui.app.run", lambda settings: started.append(settings) or 0)
    assert cli.main(["gui"]) == cli.EXIT_FAILED
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in err
    assert started == []  # Qt never started


def test_the_xcb_plugin_is_found_in_pyside6() -> None:
    plugin = platform_check.xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
