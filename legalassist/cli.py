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
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from legalassist.config import Settings
from legalassist.errors import LegalAssistError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _settings(args: argparse.Namespace) -> Settings:
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


def _open(args: argparse.Namespace) -> Any:
    from legalassist.service import Library

    return Library(_settings(args))


def cmd_import(args: argparse.Namespace) -> int:
    from legalassist.progress import NullProgress, TerminalProgress

    progress = TerminalProgress() if sys.stderr.isatty() or args.progress else NullProgress()
    with _open(args) as lib:
        results = lib.import_paths([Path(p) for p in args.paths], progress, embed=not args.no_embed)
    failed = [r for r in results if not r.ok]
    if args.json:
        print(json.dumps({"results": [r.__dict__ for r in results], "failed": len(failed)}, indent=2))
    else:
        for r in results:
            detail = f" ({r.pages} pages, {r.passages} passages)" if r.status == "imported" else ""
            line = f"{r.status:<9} {r.path}{detail}"
            if r.message:
                line += f"\n          {r.message}"
            print(line, file=sys.stderr if r.status == "failed" else sys.stdout)
        ok = len(results) - len(failed)
        print(f"{ok} of {len(results)} files in the library; {len(failed)} failed.", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        hits = lib.search(args.query, args.k, args.mode)
    if args.json:
        print(json.dumps({"query": args.query, "mode": args.mode, "hits": [h.to_json() for h in hits]}, indent=2))
        return EXIT_OK
    if not hits:
        print("No passages match.", file=sys.stderr)
    for i, h in enumerate(hits, 1):
        snippet = " ".join(h.passage.text.split())[:300]
        print(
            f"{i:>2}. {h.document.title} — {h.passage.page_label()}  [{h.score:.4f}]\n    {h.document.path}\n    {snippet}\n"
        )
    return EXIT_OK


def cmd_ask(args: argparse.Namespace) -> int:
    from legalassist.domain import NEAREST

    streaming = not args.json

    def on_token(piece: str) -> None:
        if streaming:
            sys.stdout.write(piece)
            sys.stdout.flush()

    with _open(args) as lib:
        answer = lib.ask(args.question, on_token=on_token)
    if args.memo:
        from legalassist.memo import answer_memo

        Path(args.memo).write_text(answer_memo(answer) + "\n", encoding="utf-8")
        print(f"memo written to {args.memo}", file=sys.stderr)
    if args.json:
        print(json.dumps(answer.to_json(), indent=2))
        return EXIT_OK
    print("\n")
    if answer.abstained:
        if answer.model_text.strip() and answer.model_text.strip() != answer.text:
            # What streamed above was the model's text, which the app's checks then rejected.
            print(f"The app declined that answer: {answer.text}\n")
        print("Nearest passages:")
        for i, h in enumerate(answer.hits[:NEAREST], 1):
            print(f"  {i}. {h.document.title}, {h.passage.page_label()}: {' '.join(h.passage.text.split())[:160]}")
        return EXIT_OK
    show_unsupported = lib.settings.show_unsupported and not args.hide_unsupported
    shown = [c for c in answer.claims if show_unsupported or c.support != "unsupported"]
    if show_unsupported:
        print("Answer with citations:\n  " + answer.text + "\n")
    else:
        hidden = len(answer.claims) - len(shown)
        text = " ".join(c.text + "".join(f" [{n}]" for n in c.citations) for c in shown)
        print(f"Answer with citations ({hidden} unsupported sentence(s) hidden):\n  " + text + "\n")
    print("Claims:")
    for c in shown:
        mark = {"supported": "✓", "partial": "~", "unsupported": "✗ UNSUPPORTED"}[c.support]
        refs = "".join(f"[{n}]" for n in c.citations)
        why = f" ({c.reason})" if c.support == "unsupported" and c.reason else ""
        print(f"  {mark} {c.text} {refs}{why}")
        for q in c.quotes:
            state = (
                f"quote verified ({q.how}) on [{q.n}], page {q.page}"
                if q.verified
                else "quote NOT found in the sources"
            )
            print(f"      “{' '.join(q.text.split())}”: {state}")
    print("\nSources:")
    for cit in answer.citations:
        state = f"verified ({cit.verified_how})" if cit.verified else "NOT verified"
        print(
            f"  [{cit.n}] {cit.document.title}, page {cit.passage.page} — {state}\n      {cit.document.path}\n      “{' '.join(cit.quote.split())}”"
        )
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    fields = {
        name: value
        for name, value in (
            ("title", args.title),
            ("doc_type", args.type),
            ("court", args.court),
            ("date", args.date),
            ("citation", args.citation),
            ("known_as", args.known_as),
        )
        if value is not None
    }
    if not fields:
        print("Nothing to change: give --title, --type, --court, --date, --citation or --known-as.", file=sys.stderr)
        return EXIT_USAGE
    with _open(args) as lib:
        doc = _find_document(lib, args.doc)
        if doc is None:
            return EXIT_FAILED
        doc = lib.edit_metadata(doc.id, **fields)
        lib.embed_pending()
    print(f"{doc.id:>4}  {doc.doc_type:<12} {doc.court} {doc.date}  {doc.title}")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        results = lib.sync_folder(Path(args.folder), _progress(), embed=not args.no_embed)
    for r in results:
        if r.status in ("imported", "moved", "removed", "failed"):
            print(f"{r.status:<9} {r.path}" + (f": {r.message}" if r.status == "failed" else ""))
    counts = {s: sum(r.status == s for r in results) for s in ("imported", "moved", "removed", "failed")}
    print(", ".join(f"{n} {s}" for s, n in counts.items()), file=sys.stderr)
    return EXIT_FAILED if counts["failed"] else EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        entries = lib.history.entries(args.limit)
    if args.json:
        print(json.dumps({"history": [e.to_json() for e in entries]}, indent=2))
        return EXIT_OK
    if args.memo is not None:
        entry = next((e for e in entries if e.id == args.memo), None)
        if entry is None:
            print(f"No history entry {args.memo}; `legalassist history` lists them.", file=sys.stderr)
            return EXIT_FAILED
        print(entry.memo)
        return EXIT_OK
    for e in entries:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(e.asked_at))
        print(f"{e.id:>5}  {when}  {'(no support) ' if e.abstained else ''}{e.question}")
    return EXIT_OK


def cmd_documents(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        docs = lib.documents()
    if args.json:
        print(json.dumps({"documents": [d.__dict__ for d in docs]}, indent=2))
        return EXIT_OK
    for d in docs:
        print(f"{d.id:>4}  {d.status:<9} {d.doc_type:<12} {d.pages:>4}p  {d.title[:70]}")
        if d.error:
            print(f"      {d.error}")
        if args.details:
            for name, value in (
                ("title", d.title),
                ("type", d.doc_type),
                ("court", d.court),
                ("date", d.date),
                ("citation", d.citation),
                ("known as", d.known_as),
            ):
                source = d.source_of({"type": "doc_type", "known as": "known_as"}.get(name, name))
                if value or source:
                    print(f"      {name:<9} {value or '—'}" + (f"   [{source}]" if source else ""))
    return EXIT_OK


def _find_document(lib: Any, ref: str) -> Any:
    doc = lib.find_document(ref)
    if doc is None:
        print(f"No document {ref!r} in the library; `legalassist documents` lists them.", file=sys.stderr)
    return doc


def _citation_links(args: argparse.Namespace, field: str) -> int | tuple[Any, list[Any]]:
    """The document named on the command line and its ``cites`` or ``cited_by`` list, or the exit code
    when that is all there is to do (printed as JSON for --json, or the document is not found)."""
    with _open(args) as lib:
        doc = _find_document(lib, args.doc)
        if doc is None:
            return EXIT_FAILED
        items = lib.cites(doc.id) if field == "cites" else lib.cited_by(doc.id)
    if args.json:
        print(json.dumps({"doc_id": doc.id, "title": doc.title, field: [i.to_json() for i in items]}, indent=2))
        return EXIT_OK
    return doc, items


def cmd_cites(args: argparse.Namespace) -> int:
    found = _citation_links(args, "cites")
    if isinstance(found, int):
        return found
    doc, authorities = found
    linked = sum(1 for a in authorities if a.documents)
    print(f"{doc.title} cites {len(authorities)} authorities; {linked} of them are in this library.\n")
    for a in authorities:
        pages = sorted({c.page for c in a.places})
        where = ", ".join(str(p) for p in pages[:8]) + (" …" if len(pages) > 8 else "")
        name = f"  {a.name}" if a.name and a.name != a.key else ""
        print(f"  {a.kind:<12} {a.key}{name}  ×{len(a.places)}  (p. {where})")
        for d in a.documents:
            print(f"               → [{d.id}] {d.title[:70]}, page {a.page}")
    return EXIT_OK


def cmd_cited_by(args: argparse.Namespace) -> int:
    found = _citation_links(args, "cited_by")
    if isinstance(found, int):
        return found
    doc, places = found
    citing_docs = {p.document.id for p in places}
    if not places:
        print(f"Nothing else in this library cites {doc.title}.")
        return EXIT_OK
    print(f"{doc.title} is cited {len(places)} times in {len(citing_docs)} other documents of this library.\n")
    current = None
    for p in places:
        if p.document.id != current:
            current = p.document.id
            print(f"  [{p.document.id}] {p.document.title[:80]}")
        hint = f"   (nearby: “{p.citation.treatment}”; from the text, not a citator)" if p.citation.treatment else ""
        print(f"      page {p.citation.page}: {p.snippet[:220]}{hint}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        found = lib.verify()
        if args.repair:
            lib.repair()
            print("repaired and compacted; checking again", file=sys.stderr)
            found = lib.verify()
    for line in found:
        print(f"problem: {line}")
    if not found:
        print("The catalog, keyword index and vector index agree.")
    return EXIT_FAILED if found else EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        doc = _find_document(lib, args.doc)
        if doc is None:
            return EXIT_FAILED
        lib.remove(doc.id)
    print(f"removed {doc.title} from the library (the file {doc.path} is untouched)")
    return EXIT_OK


def cmd_models(args: argparse.Namespace) -> int:
    from legalassist.modelfiles import CHAT, check_embedder, verify_file

    settings = _settings(args)
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
    try:
        cosines = check_embedder(settings.embed_model_path, settings.threads)
        print(
            f"ok    embedding model {settings.embed_model_path}: {len(cosines)} reference texts, lowest cosine {min(cosines):.6f}"
        )
    except LegalAssistError as exc:
        failures += 1
        print(f"FAIL  {exc}", file=sys.stderr)
    failures += _check_adapter(settings)
    return EXIT_FAILED if failures else EXIT_OK


def _check_adapter(settings: Settings) -> int:
    """The project's answer adapter against the sha256 its manifest records; 1 on a mismatch."""
    from legalassist.config import ADAPTER_FILE
    from legalassist.modelfiles import verify_file

    adapter = settings.models_dir / ADAPTER_FILE
    manifest = adapter.with_suffix(".json")
    if not adapter.exists():
        print(f"skip  answer adapter {adapter} not built (`make finetune` builds it)")
        return 0
    try:
        expected = json.loads(manifest.read_text(encoding="utf-8"))["adapter_sha256"]
        verify_file(adapter, expected)
        print(f"ok    answer adapter {adapter} (sha256 verified against {manifest.name})")
        return 0
    except (OSError, KeyError, ValueError) as exc:
        print(f"FAIL  answer adapter {adapter}: its manifest {manifest} cannot be read ({exc})", file=sys.stderr)
    except LegalAssistError as exc:
        print(f"FAIL  {exc}", file=sys.stderr)
    return 1


def cmd_finetune(args: argparse.Namespace) -> int:
    """The answer adapter's pipeline: build-data, train, export, compare (see legalassist.finetune)."""
    from legalassist.config import ADAPTER_FILE

    settings = _settings(args)
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
        progress = _progress(args.progress)
        with Library(_own_library(args, ea.default_library(corpus))) as corpus_lib:
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
        from legalassist.modelfiles import sha256_of

        info = export(settings.chat_model_path, run, adapter)
        trained = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
        trained.pop("train_loss", None)
        manifest = {"adapter": adapter.name, "adapter_sha256": sha256_of(adapter), **info, **trained}
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
    from legalassist.config import LEGAL_EMBED_FILE
    from legalassist.convert import convert_minilm
    from legalassist.evaluate import bench_parts
    from legalassist.finetune import pairs as fp
    from legalassist.modelfiles import EMBED, cached_member, sha256_of
    from legalassist.service import Library

    try:
        from legalassist.finetune import embedder as fe
    except ImportError as exc:
        return _no_finetune_extra(exc)
    bench = Path(args.bench) if args.bench else None
    if bench is None or not (bench / "benchmarks").is_dir() or not (bench / "corpus").is_dir():
        print("finetune embedder needs --bench: a LegalBench-RAG folder (corpus/ and benchmarks/).", file=sys.stderr)
        return EXIT_USAGE
    work = Path(args.work)
    model_zip = Path(args.base) if args.base else cached_member(EMBED, work / "base-model.zip")
    if model_zip is None:
        print("The base embedder's model.zip is not in the wheel cache: run `make models` first.", file=sys.stderr)
        return EXIT_FAILED
    out = Path(args.adapter) if args.adapter else settings.models_dir / LEGAL_EMBED_FILE
    progress = _progress(args.progress)
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
        "embedder_sha256": sha256_of(out),
        "bytes": out.stat().st_size,
        "data_sha256": manifest["data_sha256"],
        "pairs": manifest["pairs"],
        "by_source": manifest["by_source"],
        "pairs_seconds": pairs_seconds,
        "check": check,
        **trained,
    }
    out.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    keys = ("embedder", "embedder_sha256", "pairs", "seconds", "dev_before", "dev_after", "check")
    print(json.dumps({k: record[k] for k in keys}, indent=2))
    return EXIT_OK


def _own_library(args: argparse.Namespace, default: Path) -> Settings:
    """Settings for an evaluation: its own reused library unless --library names one."""
    settings = _settings(args)
    return settings if args.library else settings.model_copy(update={"library_dir": default})


def _progress(always: bool = False) -> Any:
    from legalassist.progress import NullProgress, TerminalProgress

    return TerminalProgress() if always or sys.stderr.isatty() else NullProgress()


def cmd_eval(args: argparse.Namespace) -> int:
    from legalassist import evaluate

    bench = Path(args.bench)
    if not (bench / "benchmarks").is_dir() or not (bench / "corpus").is_dir():
        print(f"{bench} is not a LegalBench-RAG folder (it needs corpus/ and benchmarks/).", file=sys.stderr)
        return EXIT_USAGE
    subsets = args.subsets.split(",") if args.subsets else None
    settings = _own_library(args, evaluate.default_library(bench, args.part))
    report = evaluate.run(bench, settings, subsets, args.limit, _progress(), args.part)
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
    report = ea.run(_own_library(args, ea.default_library(corpus)), questions, corpus, _progress())
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

    return run(_settings(args))


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
    p.add_argument("--model", help="GGUF chat model to use instead of the default")
    p.add_argument("--lora", help="LoRA adapter (GGUF) to apply on top of the chat model")
    p.add_argument(
        "--answer-mode",
        choices=("adapter", "model", "extractive"),
        help="who writes the answer: the chat model with the project's answer adapter, the chat model alone, "
        "or the sources' own sentences (no chat model)",
    )
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
    p.add_argument("--model", help="GGUF chat model to use instead of the default")
    p.add_argument("--lora", help="LoRA adapter (GGUF) to apply on top of the chat model")
    p.add_argument(
        "--answer-mode",
        choices=("adapter", "model", "extractive"),
        help="who writes the answer: the chat model with the project's answer adapter, the chat model alone, "
        "or the sources' own sentences (no chat model)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_eval_answers)

    p = sub.add_parser(
        "finetune",
        help="build the answer adapter (training data, LoRA training, GGUF export) or the legal embedder",
    )
    p.add_argument("action", choices=("build-data", "train", "export", "compare", "embedder"))
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
    p.add_argument("--work", default="build/finetune/embedder", help="embedder: libraries, pairs and run folder")
    p.add_argument("--base", help="embedder: the base model.zip (default: from the wheel set-up fetched)")
    p.set_defaults(func=cmd_finetune)

    p = sub.add_parser("gui", help="open the desktop app")
    p.add_argument("--model", help="GGUF chat model")
    p.add_argument("--lora", help="LoRA adapter (GGUF) to apply on top of the chat model")
    p.add_argument(
        "--answer-mode",
        choices=("adapter", "model", "extractive"),
        help="who writes the answer: the chat model with the project's answer adapter, the chat model alone, "
        "or the sources' own sentences (no chat model)",
    )
    p.set_defaults(func=cmd_gui)
    return parser


def _log_to_library(args: argparse.Namespace) -> None:
    """The command's log goes to its library's log file (see legalassist.applog)."""
    from legalassist.applog import setup

    try:
        library_dir = _settings(args).library_dir
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
