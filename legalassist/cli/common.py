"""What every command shares: settings from the arguments, the library it works on, exit codes and progress."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legalassist.config import Settings

if TYPE_CHECKING:
    from legalassist.progress import Progress
    from legalassist.service import Library

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def settings_from(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if args.library:
        overrides["library_dir"] = Path(args.library)
    if getattr(args, "model", None):
        overrides["chat_model"] = Path(args.model)
    if getattr(args, "lora", None):
        overrides["chat_lora"] = Path(args.lora)
    if getattr(args, "answer_mode", None):
        overrides["answer_mode"] = args.answer_mode
    if getattr(args, "extractive", False):
        overrides["answer_mode"] = "extractive"
    if getattr(args, "embed_model", None):
        overrides["embed_model"] = Path(args.embed_model)
    if args.threads:
        overrides["threads"] = args.threads
    return Settings(**overrides)


def open_library(args: argparse.Namespace, vectors: bool = False) -> Library:
    """The library the command works on, brought up to date if an older version wrote it. With ``vectors`` (a
    search or a question), a library whose vectors another embedding model made (one chosen before, or the
    default of an older version) is embedded again first, as the desktop app does when it opens it: its
    vectors are never mixed with the query's model, and the search does not fall back to keywords alone."""
    from legalassist.service import Library

    lib = Library(settings_from(args))
    try:
        lib.migrate(progress_bar())  # a big library an older version wrote takes minutes, once
        if vectors and lib.vectors_stale():
            passages = lib.catalog.counts()["passages"]
            print(
                f"This library's passages were embedded by another model; embedding its {passages:,} passages "
                f"again with {lib.settings.embed_model_path.name} first (once).",
                file=sys.stderr,
            )
            lib.import_paths([], progress_bar())
    except BaseException:
        lib.close()
        raise
    return lib


def eval_settings(args: argparse.Namespace, default: Path) -> Settings:
    """Settings for an evaluation: its own reused library unless --library names one."""
    settings = settings_from(args)
    return settings if args.library else settings.model_copy(update={"library_dir": default})


def progress_bar(always: bool = False) -> Progress:
    from legalassist.progress import NullProgress, TerminalProgress

    return TerminalProgress() if always or sys.stderr.isatty() else NullProgress()
