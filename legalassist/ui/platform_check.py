"""Whether Qt's X11 platform plugin (xcb) can load here, checked before any Qt object exists.

PySide6's wheel carries Qt but not the X11 client libraries its xcb plugin links against. Many desktop
installations lack some of them (``libxcb-cursor0``, ``libxcb-icccm4``, ``libxcb-keysyms1`` …), and Qt then
aborts with a generic "could not load the Qt platform plugin" message. This names the missing
libraries and the packages that provide them, so set-up can install them and the app can say so in
one line.

    python -m legalassist.ui.platform_check            # what is missing, and the command that installs it
    python -m legalassist.ui.platform_check --packages # only the package names (for set-up scripts)

No Qt import: the plugin is found through PySide6's package folder and read with ``ldd``.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

# Shared library -> the Debian/Ubuntu package that provides it.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libglib-2.0.so.0": "libglib2.0-0",
}
# Loaded by the plugin at run time (dlopen), so ldd does not list it; Qt >= 6.5 refuses to start without it.
RUNTIME_LIBRARIES = ("libxcb-cursor.so.0",)


def xcb_plugin() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(list(spec.submodule_search_locations)[0]) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def _loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
        return True
    except OSError:
        return ctypes.util.find_library(soname.removeprefix("lib").split(".so")[0]) is not None


def missing_libraries(plugin: Path | None = None) -> list[str]:
    """The shared libraries Qt's xcb plugin needs that this system lacks (empty when it can load, or when
    this is not Linux or PySide6 has no xcb plugin)."""
    if not sys.platform.startswith("linux"):
        return []
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return []
    try:
        out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    missing = []
    for line in out.splitlines():
        name, _, where = line.strip().partition(" => ")
        if where.strip() == "not found" and name not in missing:
            missing.append(name)
    missing += [lib for lib in RUNTIME_LIBRARIES if lib not in missing and not _loadable(lib)]
    return missing


def packages_for(libraries: list[str]) -> list[str]:
    return sorted({DEBIAN_PACKAGES.get(lib, lib) for lib in libraries})


def uses_xcb() -> bool:
    """Whether Qt would pick its X11 plugin: Linux, an X display, and no other platform asked for."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform.split(":")[0] not in ("", "xcb"):
        return False
    if platform.startswith("xcb"):
        return True
    return bool(os.environ.get("DISPLAY")) and not os.environ.get("WAYLAND_DISPLAY")


def problem() -> str:
    """One line saying what is missing and how to install it, or "" when the desktop can start."""
    if not uses_xcb():
        return ""
    missing = missing_libraries()
    if not missing:
        return ""
    packages = " ".join(packages_for(missing))
    return (
        f"The desktop app cannot open: Qt's X11 plugin needs {', '.join(missing)}, which this system lacks. "
        f"Install them with `sudo apt-get install {packages}` (Debian/Ubuntu; other systems: the packages "
        "providing those libraries), or run `make run`, which installs them."
    )


def main(argv: list[str]) -> int:
    missing = missing_libraries()
    if "--packages" in argv:
        print(" ".join(packages_for(missing)))
        return 0
    if missing:
        print(f"missing: {' '.join(missing)}\ninstall: sudo apt-get install {' '.join(packages_for(missing))}")
        return 1
    print("ok: Qt's X11 platform plugin has every library it needs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
