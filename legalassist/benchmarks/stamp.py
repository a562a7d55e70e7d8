"""The line each benchmark result is dated with (the machine's name and processor), and "met" or "missed"
beside a target."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def host() -> str:
    """The machine's name and processor, for the line each section is dated with."""
    return f"host `{platform.node()}` ({cpu_name()}, {os.cpu_count()} cores)"


def met(value: float, op: str, target: float) -> str:
    """ "met" or "missed" for ``value`` against a target such as ``>= 0.9``."""
    ok = {">=": value >= target, "<=": value <= target, "==": value == target}[op]
    return "met" if ok else "**missed**"
