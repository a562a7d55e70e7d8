"""The number format training runs in on this machine.

bfloat16 autocast halves the time of a training step on a CPU that computes bfloat16 natively (AVX-512 BF16 or
AMX), and more than doubles it on one that does not, where PyTorch emulates it. Measured on 2026-12-05 on a
2-core Intel Xeon without either (docs/BENCHMARKS.md, "Training in the CPU's own number format"): an embedder
training step 23.4 s in bfloat16 against 17.3 s in float32, and 20 of the answer adapter's training examples
(with 24 validation ones) 207 s against 73 s. So training uses bfloat16 only where the CPU has it.
"""

from __future__ import annotations

import re
from pathlib import Path

# Linux's names for the CPU features that compute bfloat16 in hardware.
_NATIVE_BF16 = re.compile(r"\b(?:avx512_bf16|amx_bf16)\b")


def native_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether the CPU computes bfloat16 natively, read from ``cpuinfo`` (Linux). Where that file cannot be
    read (macOS, Windows) the answer is no: float32 is never the slow choice."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(_NATIVE_BF16.search(line) for line in text.splitlines() if line.startswith("flags"))


def use_bf16(asked: bool | None) -> bool:
    """bfloat16 autocast as asked, or (None) where the CPU computes it natively."""
    return native_bf16() if asked is None else asked
