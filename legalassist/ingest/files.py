"""Which files an import reads: folders expanded to their documents, symbolic-link loops caught, and
contents hashed (the catalog knows a document by its file's SHA-256)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from legalassist.domain import ImportResult, ImportStatus

SUPPORTED_SUFFIXES = {".pdf", ".txt"}


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def hashed(path: Path, hashes: dict[Path, str]) -> str:
    """The file's SHA-256, read once per import (``hashes`` keeps what was read)."""
    if path not in hashes:
        hashes[path] = file_sha256(path)
    return hashes[path]


def resolved(path: Path) -> Path | None:
    """The real path of ``path``, or None when it is a symlink loop (or otherwise cannot be resolved)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: "Symlink loop from ..." (Python 3.11)
        return None


def loop_result(path: Path) -> ImportResult:
    return ImportResult(str(path), ImportStatus.FAILED, f"{path}: a symbolic link that loops back on itself; skipped.")


def total_size(files: Sequence[Path]) -> int:
    total = 0
    for f in files:
        try:
            total += f.stat().st_size
        except OSError:
            pass  # reported when its turn comes
    return total


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[ImportResult]]:
    """Files to import from files and folders (recursively, PDFs only; symlinked folders are not
    followed, so a link back up the tree cannot loop), plus results for bad paths."""
    files: list[Path] = []
    problems: list[ImportResult] = []
    seen: set[Path] = set()

    def consider(candidate: Path) -> None:
        real = resolved(candidate)
        if real is None:
            problems.append(loop_result(candidate))
        elif real not in seen:
            seen.add(real)
            files.append(candidate)

    for raw in paths:
        path = Path(raw)
        if path.is_symlink() and resolved(path) is None:
            consider(path)
        elif not path.exists():
            problems.append(ImportResult(str(path), ImportStatus.FAILED, f"{path}: no such file or folder."))
        elif path.is_dir():
            for root, dirs, names in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(names):
                    candidate = Path(root) / name
                    if candidate.suffix.lower() in SUPPORTED_SUFFIXES:
                        consider(candidate)
        else:
            consider(path)
    return files, problems
