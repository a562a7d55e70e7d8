"""The commands around the library: models, fine-tuning, the evaluations and the desktop app."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from legalassist.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, eval_settings, progress_bar, settings_from
from legalassist.config import Settings
from legalassist.errors import LegalAssistError

if TYPE_CHECKING:
    from legalassist.modelfiles import OwnFile


def cmd_models(args: argparse.Namespace) -> int:
    from legalassist.config import EMBED_MODEL_FILE
    from legalassist.modelfiles import CHAT, OWN, check_embedder, verify_file

    settings = settings_from(args)
    failures = 0
    if settings.chat_model is None:
        try:
            verify_file(settings.chat_model_path, CHAT.sha256)
            print(f"ok    chat model {settings.chat_model_path} (sha256 verified)")
        except LegalAssistError as exc:
            failures += 1
            print(f"FAIL  {exc}", file=sys.stderr)
    else:
        print(f"skip  chat model {settings.chat_model} is the user's own; no checksum to compare")
    # The embedding model in use, and all-MiniLM-L6-v2 too when it is installed: the answer checks use it.
    embedders = [settings.embed_model_path]
    base = settings.models_dir / EMBED_MODEL_FILE
    if base != embedders[0] and (base.is_file() or settings.embed_model is None):
        embedders.append(base)
    for model in embedders:
        try:
            cosines = check_embedder(model, settings.threads)
            print(f"ok    embedding model {model}: {len(cosines)} reference texts, lowest cosine {min(cosines):.6f}")
        except LegalAssistError as exc:
            failures += 1
            print(f"FAIL  {exc}", file=sys.stderr)
    failures += sum(_check_own(settings, own) for own in OWN)
    return EXIT_FAILED if failures else EXIT_OK


def _check_own(settings: Settings, own: OwnFile) -> int:
    """One of the project's own trained files against the sha256 its manifest records; 1 on a mismatch or an
    unreadable manifest, 0 when it is good or not built."""
    from legalassist.modelfiles import verify_file

    path = settings.models_dir / own.filename
    manifest = path.with_suffix(".json")
    if not path.exists():
        print(f"skip  {own.what} {path} not built (`{own.rebuild}` builds it)")
        return 0
    try:
        verify_file(path, own.expected_sha256(path))
        print(f"ok    {own.what} {path} (sha256 verified against {manifest.name})")
        return 0
    except (OSError, KeyError, ValueError) as exc:
        print(f"FAIL  {own.what} {path}: its manifest {manifest} cannot be read ({exc})", file=sys.stderr)
    except LegalAssistError as exc:
        print(f"FAIL  {exc}", file=sys.stderr)
    return 1


def cmd_finetune(args: argparse.Namespace) -> int:
    """The answer adapter's pipeline: build-data, train, export, compare (see legalassist.finetune)."""
    from legalassist.config import ADAPTER_FILE

    settings = settings_from(args)
    data = Path(args.data)
    run = Path(args.run)
    adapter = Path(args.adapter) if args.adapter else settings.models_dir / ADAPTER_FILE
    if args.action == "build-data":
        from legalassist import evaluate_answers as ea
        from legalassist.finetune.data import build
        from legalassist.service import Library

        corpus = Path(args.corpus) if args.corpus else ea.DEFAULT_CORPUS
        questions_file = corpus / "questions.json"
        bench = Path(args.bench) if args.bench else None
        if bench is not None and not (bench / "benchmarks").is_dir():
            print(f"{bench} is not a LegalBench-RAG folder (it needs corpus/ and benchmarks/).", file=sys.stderr)
            return EXIT_USAGE
        progress = progress_bar(args.progress)
        with Library(eval_settings(args, ea.default_library(corpus))) as corpus_lib:
            corpus_lib.import_paths([corpus], progress)
            if bench is None:
                manifest = build(corpus_lib, None, corpus, questions_file, None, data, args.limit, progress)
            else:
                bench_settings = settings.model_copy(update={"library_dir": Path(args.bench_library)})
                subsets = args.bench_subsets.split(",")
                with Library(bench_settings) as bench_lib:
                    bench_lib.import_paths([bench / "corpus" / s for s in subsets], progress)
                    manifest = build(
                        corpus_lib, bench_lib, corpus, questions_file, bench, data, args.limit, progress, subsets
                    )
        print(json.dumps(manifest, indent=2))
        return EXIT_OK
    if args.action == "embedder":
        return _finetune_embedder(args, settings)
    if args.action == "reader":
        return _finetune_reader(args, settings)
    try:
        from legalassist.finetune import train as ft
    except ImportError as exc:
        return _no_finetune_extra(exc)
    if args.action == "train":
        hyper = ft.Hyper(threads=settings.threads)
        if args.quick:  # a handful of steps on a few examples: the pipeline end to end, in about a minute
            hyper = ft.Hyper(
                threads=settings.threads,
                layers=2,
                rank=4,
                alpha=8,
                accumulate=1,
                warmup=2,
                max_examples=args.steps or 6,
                abstain_share=0.5,
                valid_examples=4,
                eval_every=3,
                max_tokens=1024,
            )
        elif args.steps:
            hyper.max_examples = args.steps * hyper.accumulate
        manifest = ft.train(settings.chat_model_path, data, run, hyper)
        print(json.dumps({k: manifest[k] for k in ("examples_trained", "final_valid_loss", "seconds")}, indent=2))
        return EXIT_OK
    if args.action == "export":
        from legalassist.finetune.export import export
        from legalassist.ingest.files import file_sha256

        info = export(settings.chat_model_path, run, adapter)
        trained = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
        trained.pop("train_loss", None)
        manifest = {"adapter": adapter.name, "adapter_sha256": file_sha256(adapter), **info, **trained}
        adapter.with_suffix(".json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        print(json.dumps({k: manifest[k] for k in ("adapter", "adapter_sha256", "tensors", "bytes")}, indent=2))
        return EXIT_OK
    result = ft.compare(settings.chat_model_path, run, adapter, data, args.prompts, args.tokens, settings.threads)
    print(json.dumps(result, indent=2))
    return EXIT_OK


def _no_finetune_extra(exc: ImportError) -> int:
    print(
        f"Training needs the finetune extra ({exc.name} is not installed): "
        "pip install -e '.[finetune]' (or `make finetune`).",
        file=sys.stderr,
    )
    return EXIT_FAILED


def _finetune_embedder(args: argparse.Namespace, settings: Settings) -> int:
    """Pairs from the bench's training part and the sample corpus, contrastive training, GGUF conversion
    and the llama.cpp-against-sentence-transformers check (see legalassist.finetune.embedder)."""
    from legalassist import evaluate_answers as ea
    from legalassist.config import LEGAL_EMBED_FILE, LEGAL_EMBED_VECTOR_WEIGHT
    from legalassist.convert import convert_minilm
    from legalassist.evaluate import bench_parts
    from legalassist.finetune import pairs as fp
    from legalassist.ingest.files import file_sha256
    from legalassist.modelfiles import EMBED, cached_member
    from legalassist.service import Library

    try:
        from legalassist.finetune import embedder as fe
    except ImportError as exc:
        return _no_finetune_extra(exc)
    bench = Path(args.bench) if args.bench else None
    if bench is None or not (bench / "benchmarks").is_dir() or not (bench / "corpus").is_dir():
        print("finetune embedder needs --bench: a LegalBench-RAG folder (corpus/ and benchmarks/).", file=sys.stderr)
        return EXIT_USAGE
    work = Path(args.work or "build/finetune/embedder")
    model_zip = Path(args.base) if args.base else cached_member(EMBED, work / "base-model.zip")
    if model_zip is None:
        print("The base embedder's model.zip is not in the wheel cache: run `make models` first.", file=sys.stderr)
        return EXIT_FAILED
    out = Path(args.adapter) if args.adapter else settings.models_dir / LEGAL_EMBED_FILE
    progress = progress_bar(args.progress)
    started = time.perf_counter()
    keyword_only = settings.model_copy(update={"library_dir": work / "bench-library"})
    with Library(keyword_only) as bench_lib:
        parts = bench_parts(bench)
        bench_lib.import_paths(
            [bench / "corpus" / rel for rel, part in sorted(parts.items()) if part == "train"], progress, embed=False
        )
        if args.quick:
            pairs, manifest = fp.build(bench_lib, bench, None, None, work / "pairs", progress, limit=24)
        else:
            corpus = Path(args.corpus) if args.corpus else ea.DEFAULT_CORPUS
            corpus_settings = settings.model_copy(update={"library_dir": work / "corpus-library"})
            with Library(corpus_settings) as corpus_lib:
                corpus_lib.import_paths([corpus], progress, embed=False)
                pairs, manifest = fp.build(bench_lib, bench, corpus_lib, corpus, work / "pairs", progress)
    pairs_seconds = round(time.perf_counter() - started, 1)
    hyper = fe.EmbedHyper(threads=settings.threads)
    if args.quick:  # a few steps on a few pairs: the pipeline end to end, in well under a minute
        hyper = fe.EmbedHyper(threads=settings.threads, epochs=1, batch=4, max_pairs=12, max_passage_tokens=128)
    trained = fe.train_embedder(model_zip, pairs, work / "run", hyper, progress)
    convert_minilm(work / "run" / "model.zip", out, name="legal-MiniLM-L6-v2")
    check = fe.compare_gguf(work / "run" / "model.zip", out, fe.check_texts(pairs), settings.threads)
    record = {
        "embedder": out.name,
        "embedder_sha256": file_sha256(out),
        "bytes": out.stat().st_size,
        "data_sha256": manifest["data_sha256"],
        "pairs": manifest["pairs"],
        "by_source": manifest["by_source"],
        "pairs_seconds": pairs_seconds,
        "check": check,
        "fusion_vector_weight": LEGAL_EMBED_VECTOR_WEIGHT,
        **trained,
    }
    out.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    keys = ("embedder", "embedder_sha256", "pairs", "seconds", "dev_before", "dev_after", "check")
    print(json.dumps({k: record[k] for k in keys}, indent=2))
    return EXIT_OK


def _finetune_reader(args: argparse.Namespace, settings: Settings) -> int:
    """SNLI, then the labelled legal rows; the threshold chosen on rows it was not trained on; GGUF conversion
    and the llama.cpp-against-PyTorch check (see legalassist.finetune.reader)."""
    from legalassist.config import READER_FILE
    from legalassist.convert import convert_minilm
    from legalassist.ingest.files import file_sha256
    from legalassist.modelfiles import EMBED, cached_member

    try:
        from legalassist.finetune import reader as fr
    except ImportError as exc:
        return _no_finetune_extra(exc)
    work = Path(args.work or "build/finetune/reader")
    model_zip = Path(args.base) if args.base else cached_member(EMBED, work / "base-model.zip")
    if model_zip is None:
        print("The base embedder's model.zip is not in the wheel cache: run `make models` first.", file=sys.stderr)
        return EXIT_FAILED
    snli = Path(args.snli) if args.snli else work / fr.SNLI_SDIST
    data = Path(args.rows)
    out = Path(args.adapter) if args.adapter else settings.models_dir / READER_FILE
    hyper = fr.ReaderHyper(threads=settings.threads)
    if args.quick:  # a few steps on a few pairs: the pipeline end to end, in about a minute
        hyper = fr.ReaderHyper(threads=settings.threads, snli_pairs=64, legal_epochs=1, max_legal_rows=64)
    trained = fr.train_reader(model_zip, snli, data, work / "run", hyper, progress_bar(args.progress))
    convert_minilm(
        work / "run" / "model.zip", out, name="legal-reader-MiniLM-L6-v2",
        classifier={"threshold": float(trained["threshold"]), "max_tokens": hyper.legal_tokens},
    )  # fmt: skip
    check_rows = fr.legal_rows(data, fr.batches(*hyper.pick_batches))
    check = fr.compare_gguf(work / "run" / "model.zip", out, check_rows, settings.threads)
    record = {"reader": out.name, "reader_sha256": file_sha256(out), "bytes": out.stat().st_size, "check": check,
              **trained}  # fmt: skip
    out.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    keys = ("reader", "reader_sha256", "rows", "threshold", "report", "shapes_check", "seconds", "check")
    print(json.dumps({k: record[k] for k in keys}, indent=2))
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from legalassist import evaluate

    bench = Path(args.bench)
    if not (bench / "benchmarks").is_dir() or not (bench / "corpus").is_dir():
        print(f"{bench} is not a LegalBench-RAG folder (it needs corpus/ and benchmarks/).", file=sys.stderr)
        return EXIT_USAGE
    subsets = args.subsets.split(",") if args.subsets else None
    settings = eval_settings(args, evaluate.default_library(bench, args.part))
    report = evaluate.run(bench, settings, subsets, args.limit, progress_bar(), args.part)
    print(json.dumps(report, indent=2) if args.json else evaluate.format_report(report))
    return EXIT_OK


def cmd_eval_answers(args: argparse.Namespace) -> int:
    from legalassist import evaluate_answers as ea

    corpus = Path(args.corpus) if args.corpus else ea.DEFAULT_CORPUS
    questions_file = Path(args.questions) if args.questions else corpus / "questions.json"
    if not questions_file.is_file():
        print(f"No questions file at {questions_file}; pass --questions FILE.", file=sys.stderr)
        return EXIT_USAGE
    questions = ea.load_questions(questions_file, args.limit, args.half)
    report = ea.run(eval_settings(args, ea.default_library(corpus)), questions, corpus, progress_bar())
    print(json.dumps(report, indent=2) if args.json else ea.format_report(report))
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    if (
        sys.platform.startswith("linux")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        and os.environ.get("QT_QPA_PLATFORM") not in ("offscreen", "minimal")
    ):
        print(
            "No display is available, so the desktop app cannot open here.\n"
            "Use the command line instead, for example:\n"
            '  legalassist search "arbitration agreement"\n'
            '  legalassist ask "What does the Federal Arbitration Act say about arbitration agreements?"',
            file=sys.stderr,
        )
        return EXIT_FAILED
    from legalassist.ui.platform_check import problem

    missing = problem()  # before Qt starts: Qt's own message for this is generic and ends in an abort
    if missing:
        print(missing, file=sys.stderr)
        return EXIT_FAILED
    from legalassist.ui.app import run

    return run(settings_from(args))
