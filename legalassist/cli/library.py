"""The commands over a library: import, search, ask, edit, sync, history, documents, citations, verify and remove."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from legalassist.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, open_library, progress_bar
from legalassist.domain import ImportStatus


def cmd_import(args: argparse.Namespace) -> int:
    from legalassist.progress import NullProgress, TerminalProgress

    progress = TerminalProgress() if sys.stderr.isatty() or args.progress else NullProgress()
    with open_library(args) as lib:
        results = lib.import_paths([Path(p) for p in args.paths], progress, embed=not args.no_embed)
    failed = [r for r in results if not r.ok]
    if args.json:
        print(json.dumps({"results": [r.__dict__ for r in results], "failed": len(failed)}, indent=2))
    else:
        for r in results:
            detail = f" ({r.pages} pages, {r.passages} passages)" if r.status == ImportStatus.IMPORTED else ""
            line = f"{r.status:<9} {r.path}{detail}"
            if r.message:
                line += f"\n          {r.message}"
            print(line, file=sys.stderr if r.status == ImportStatus.FAILED else sys.stdout)
        ok = len(results) - len(failed)
        print(f"{ok} of {len(results)} files in the library; {len(failed)} failed.", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    with open_library(args, vectors=args.mode != "keyword") as lib:
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
    from legalassist.domain import LEAD_NOTE, NEAREST

    streaming = not args.json

    def on_token(piece: str) -> None:
        if streaming:
            sys.stdout.write(piece)
            sys.stdout.flush()

    with open_library(args, vectors=True) as lib:
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
        lead = f"{answer.lead}. ({LEAD_NOTE}) " if answer.lead else ""
        print(f"Answer with citations ({hidden} unsupported sentence(s) hidden):\n  " + lead + text + "\n")
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
    with open_library(args) as lib:
        doc = _find_document(lib, args.doc)
        if doc is None:
            return EXIT_FAILED
        doc = lib.edit_metadata(doc.id, **fields)
        lib.embed_pending()
    print(f"{doc.id:>4}  {doc.doc_type:<12} {doc.court} {doc.date}  {doc.title}")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        results = lib.sync_folder(Path(args.folder), progress_bar(), embed=not args.no_embed)
    for r in results:
        if r.status in (ImportStatus.IMPORTED, ImportStatus.MOVED, ImportStatus.REMOVED, ImportStatus.FAILED):
            print(f"{r.status:<9} {r.path}" + (f": {r.message}" if r.status == ImportStatus.FAILED else ""))
    counts = {
        s: sum(r.status == s for r in results)
        for s in (ImportStatus.IMPORTED, ImportStatus.MOVED, ImportStatus.REMOVED, ImportStatus.FAILED)
    }
    print(", ".join(f"{n} {s}" for s, n in counts.items()), file=sys.stderr)
    return EXIT_FAILED if counts[ImportStatus.FAILED] else EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
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
    with open_library(args) as lib:
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
    with open_library(args) as lib:
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
    with open_library(args) as lib:
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
    with open_library(args) as lib:
        doc = _find_document(lib, args.doc)
        if doc is None:
            return EXIT_FAILED
        lib.remove(doc.id)
    print(f"removed {doc.title} from the library (the file {doc.path} is untouched)")
    return EXIT_OK
