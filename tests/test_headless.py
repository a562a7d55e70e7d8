"""The core runs with no Qt loaded; only legalassist/ui imports PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_only_ui_imports_qt_and_only_generate_imports_llama_cpp_and_only_training_modules_import_torch() -> None:
    offenders = []
    for path in (ROOT / "legalassist").rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                if name.startswith("PySide6") and not rel.startswith("legalassist/ui/"):
                    offenders.append((rel, name))
                if name.startswith("llama_cpp") and not rel.startswith("legalassist/generate/"):
                    offenders.append((rel, name))
                if name.split(".")[0] in {"requests", "httpx", "urllib3", "aiohttp", "socket"}:
                    offenders.append((rel, name))
                # Training libraries (the [finetune] extra) belong to the training modules alone.
                if name.split(".")[0] in {"torch", "transformers", "peft", "sentence_transformers"} and rel not in (
                    "legalassist/finetune/train.py",
                    "legalassist/finetune/embedder.py",
                    "legalassist/finetune/reader.py",
                ):
                    offenders.append((rel, name))
    assert offenders == []


def test_search_runs_without_loading_qt(sample_library_dir: Path) -> None:
    code = (
        "import sys; from legalassist.cli import main; "
        f"rc = main(['--library', {str(sample_library_dir)!r}, 'search', 'arbitration', '--json']); "
        "assert rc == 0; assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was loaded'"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_asking_with_the_adapter_never_loads_the_training_libraries(sample_library_dir: Path) -> None:
    """The adapter is applied by llama.cpp: asking (adapter mode, and extractive) imports no PyTorch."""
    code = (
        "import sys; from legalassist.cli import main; "
        f"rc = main(['--library', {str(sample_library_dir)!r}, 'ask', 'Is an arbitration agreement valid?', "
        "'--answer-mode', 'adapter', '--json']); assert rc == 0; "
        f"rc = main(['--library', {str(sample_library_dir)!r}, 'ask', 'Is an arbitration agreement valid?', "
        "'--extractive', '--json']); assert rc == 0; "
        "loaded = [m for m in ('torch', 'transformers', 'peft') if m in sys.modules]; assert not loaded, loaded"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr


def test_cli_starts_without_heavy_imports() -> None:
    code = (
        "import sys, legalassist.cli, legalassist.service; "
        "heavy = [m for m in ('llama_cpp', 'llama_index', 'pymupdf', 'PySide6', 'whoosh', 'torch') if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
