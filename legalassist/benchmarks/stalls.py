"""How long the desktop window stops responding during an edit and while an answer renders.

    python -m legalassist.benchmarks.stalls [--library .sample-library] [--runs 3]

Each run copies the library to a temporary folder and runs ``legalassist.ui.stall_probe`` on it in a fresh
process (offscreen when there is no display): it edits the title of the library's largest document (Learning
Resources v. Trump, 170 pages, 501 passages: re-indexed, then re-embedded), asks a question that the chat model
answers (streamed into the Ask tab, then rendered with its citation links), and reports how late a 10 ms timer
on the GUI thread ran in each phase. Target: no stall of 100 ms or more in
the edit and answer phases. The probe's own control, the same two steps run on the GUI thread, shows the
stalls the window would have if they ran there.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from legalassist.config import Settings
from legalassist.service import Library

QUESTION = "Within what time must an action under the Federal Employers' Liability Act be commenced?"
DOCUMENT = Path("corpus/scotus/24-1287_Learning_Resources_v_Trump_slip_2026.pdf")
PHASES = ("idle", "edit", "answer", "edit on the GUI thread", "links on the GUI thread")


def one_run(library: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="legalassist-stalls-") as tmp:
        copy = Path(tmp) / "library"
        shutil.copytree(library, copy, ignore=shutil.ignore_patterns("writer.lock"))
        with Library(Settings(library_dir=copy)) as lib:
            doc = lib.find_document(str(DOCUMENT))
        if doc is None:
            raise SystemExit(f"{DOCUMENT} is not in {library}; build the sample library first (make sample-library).")
        env = dict(os.environ)
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        out = subprocess.run(
            [sys.executable, "-m", "legalassist.ui.stall_probe", str(copy), str(doc.id), QUESTION],
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
            check=True,
        )
        return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--library", type=Path, default=Path(".sample-library"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    runs = [one_run(args.library) for _ in range(args.runs)]
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"Measured {stamp} on host `{platform.node()}` ({os.cpu_count()} cores), {args.runs} runs.\n")
    print("| phase | ticks | worst stall | p99 | stalls ≥ 100 ms |")
    print("|---|---|---|---|---|")
    for phase in PHASES:
        rows = [r["phases"][phase] for r in runs if phase in r["phases"]]
        worst = max(r["worst_ms"] for r in rows)
        p99 = max(r["p99_ms"] for r in rows)
        over = sum(r["stalls_over_100ms"] for r in rows)
        ticks = sum(r["ticks"] for r in rows)
        print(f"| {phase} | {ticks} | {worst:.0f} ms | {p99:.0f} ms | {over} |")
    print(f"\nAnswer claims per run: {[r['answer_claims'] for r in runs]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
