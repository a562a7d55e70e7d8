"""Time from launching the desktop app to its window on screen, and to its library being open.

    python -m legalassist.benchmarks.startup [--library DIR] [--runs 5]

Each run is a fresh process (interpreter start included, as a user sees it) running
``legalassist.ui.startup_probe``, which does what ``legalassist gui`` does and reports when the window has
been shown and painted and when the library is open; this script times both from just before it
started the process. Runs under QT_QPA_PLATFORM=offscreen
when there is no display.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def one_run(library: Path) -> tuple[float, float]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "legalassist.ui.startup_probe", str(library)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    marks: dict[str, float] = {}
    for line in proc.stdout:
        marks[line.strip()] = time.perf_counter() - started
    proc.wait(timeout=120)
    return marks["shown"], marks["library"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--library", type=Path, default=Path(".sample-library"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    one_run(args.library)  # warm the disk cache, as a second launch would be
    runs = [one_run(args.library) for _ in range(args.runs)]
    shown = [r[0] for r in runs]
    opened = [r[1] for r in runs]
    print(f"library {args.library}, {args.runs} runs after one warm-up")
    print(f"window shown:   median {statistics.median(shown):.2f} s, max {max(shown):.2f} s (target ≤ 2 s)")
    print(f"library opened: median {statistics.median(opened):.2f} s, max {max(opened):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
