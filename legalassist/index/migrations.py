"""What a library written by an older version needs, as ordered lists of named steps.

Each step knows whether it is needed (from the library's own state, so a deleted keyword folder or a
catalog from any older version is caught) and what to do; each run on a library with documents is
recorded in the catalog's ``migrations`` table. Steps that go through every document report each one to a
``Progress`` and stop when it is cancelled (the window closing); a stopped step is not recorded, so it runs
again in full the next time the library is opened. Two lists:

- ``SCHEMA_STEPS``: the catalog gains a column. Cheap, and needed before anything reads it, so the
  catalog runs them when it is opened (``migrate_schema``); SQLite serialises them.
- ``INDEX_STEPS``: an index is rebuilt from the catalog (text indexed another way, citations found by an
  older extractor, vectors or the document index lost). These run when a library is opened for writing
  (``Library.migrate``, which the CLI and the window call) and before any change, under the writer lock;
  a library another process is writing is migrated by that process.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

import numpy as np

from legalassist.citations.extract import SHAPES as CITATION_SHAPES
from legalassist.domain import DocType, Document, Page
from legalassist.index.backend import FLUSH_PASSAGES
from legalassist.progress import NullProgress, Progress

if TYPE_CHECKING:
    from legalassist.index.catalog import Catalog
    from legalassist.index.vectors import VectorIndex
    from legalassist.index.writer import Writer

log = logging.getLogger(__name__)
T = TypeVar("T")


class Stopped(Exception):
    """A step's progress was cancelled before it finished; what it wrote so far is consistent, and the step
    stays due."""


@dataclass(frozen=True)
class Step(Generic[T]):
    name: str
    needed: Callable[[T], bool]
    run: Callable[[T, Progress], None]
    detail: Callable[[T], str] = lambda _t: ""


def each(docs: Sequence[Document], progress: Progress, label: str) -> Iterator[Document]:
    """``docs`` one by one, each reported to ``progress`` under ``label``; raises ``Stopped`` when it is
    cancelled."""
    if not docs:
        return
    progress.start(len(docs), label)
    for doc in docs:
        if progress.cancelled:
            raise Stopped(label)
        yield doc
        progress.advance()
    progress.finish()


def _column(table: str, column: str) -> tuple[Callable[[Catalog], bool], Callable[[Catalog, Progress], None]]:
    name = column.split()[0]
    return (lambda c: name not in c.columns(table)), (lambda c, _p: c.add_column(table, column))


def _add_known_as(catalog: Catalog, _progress: Progress) -> None:
    """Statutes were indexed under the popular name the built-in table gave their citation; they keep it."""
    from legalassist.citations.popular_names import popular_name

    catalog.add_column("documents", "known_as TEXT NOT NULL DEFAULT ''")
    catalog.fill_known_as(popular_name)


def _fill_document_index(w: Writer, _progress: Progress) -> None:
    w.keyword.add_documents(w.document_entry(d) for d in w.searchable())
    w.keyword.flush()
    w.keyword.docs_index_is_new = False


def _rescan_citations(w: Writer, progress: Progress) -> None:
    """Find every document's citations with the current extractor (``SHAPES``); a document whose citations
    changed has its passages' cites: field written again."""
    from legalassist.citations.graph import scan

    changed = 0
    live = w.searchable()
    try:
        for doc in each(live, progress, "finding citations again"):
            before = sorted((r.page, r.start, r.end, r.key) for r, _ in w.catalog.citations_of(doc.id))
            with w.catalog.transaction():
                found = scan(w.catalog, doc)
            if before != sorted((c.page, c.start, c.end, c.key) for c in found):
                w.keyword_passages(doc)  # at once: scanned again after a stop, it would look unchanged
                changed += 1
    finally:
        w.keyword.flush()
    w.catalog.citation_shapes = CITATION_SHAPES
    w.catalog.citations_are_new = False
    log.info("citations found again in %d documents; %d changed", len(live), changed)


def _vectors_to_move(w: Writer) -> tuple[VectorIndex, dict[int, int]] | None:
    """When a library whose vectors were in its own folder now keeps its indexes on a PostgreSQL server: the
    folder's vector store and the catalog's (passage id -> row) pairs the server does not hold yet, if the
    folder holds every one of them, made by the embedding model configured now. Else None (nothing to move,
    or the passages are embedded again)."""
    from legalassist.index.postgres import PostgresVectorIndex
    from legalassist.index.vectors import VectorIndex

    folder = w.root / "vectors"
    if not isinstance(w.vectors, PostgresVectorIndex) or not (folder / "vector_ids.i64").is_file():
        return None
    if len(w.vectors) >= w.catalog.vector_row_count():
        return None  # moved already (checked on every open, so without reading every row)
    rows = dict(w.catalog.vector_rows())
    if not rows or w.vectors_stale():
        return None
    stored = dict(w.vectors.db.rows("SELECT pid, row_no FROM vectors"))
    # A pair the server holds at another row is moved again: a document copied just before the move stopped,
    # whose rows the catalog had not recorded yet.
    wanted = {pid: row for pid, row in rows.items() if stored.get(pid) != row}
    if not wanted:
        return None
    local = VectorIndex(folder, w.vectors.dim)
    return (local, wanted) if local.rows_not_matching(wanted) == 0 else None


def _move_vectors(w: Writer, progress: Progress) -> None:
    """Copy the vectors of the library's folder onto the server, a document at a time, instead of embedding
    every passage again (hours for a large library). Stopped part way, what was copied stays and the rest
    is copied the next time."""
    found = _vectors_to_move(w)
    if found is None:
        return
    local, wanted = found
    docs = w.catalog.documents()
    by_doc = {d.id: [p for p in w.catalog.passage_ids_of(d.id) if p in wanted] for d in docs}
    docs = [d for d in docs if by_doc[d.id]]
    for doc in each(docs, progress, "moving the library's vectors onto the server"):
        pids = by_doc[doc.id]
        vectors = local.vectors_of(pids)
        rows = w.vectors.append(pids, np.stack([vectors[p] for p in pids]))
        with w.catalog.transaction():
            w.catalog.set_vector_rows(zip(pids, rows, strict=True))
    w.vectors.is_new = False  # the server's vectors are the catalog's: nothing is lost
    local.close()
    log.info("vectors moved onto the server: %d passages of %d documents", len(wanted), len(docs))


def _rebuild_keyword(w: Writer, progress: Progress) -> None:
    """Index every passage and document entry again, as the current version indexes text
    (``keyword.TEXT_VERSION``). Stopped part way, the index stays marked outdated and is rebuilt afresh."""
    w.keyword.rebuild()
    docs = w.searchable()
    w.keyword.add_documents(w.document_entry(d) for d in docs)  # the document index, started afresh too
    try:
        for doc in each(docs, progress, "indexing the text again"):
            w.keyword_passages(doc)
            if w.keyword.pending() >= FLUSH_PASSAGES:
                w.keyword.flush()
    finally:
        w.keyword.flush()
    w.keyword.mark_current()
    w.keyword.docs_index_is_new = False


# How a contract's title was read before titles named the parties: the bare heading, the same for every NDA.
OLD_CONTRACT_TITLE = "page 1: the agreement's heading"


def _reader() -> int:
    from legalassist.ingest.metadata import READER

    return READER


def _bare_contract_titles(w: Writer) -> list[Document]:
    return [
        d
        for d in w.searchable()
        if d.doc_type == DocType.CONTRACT and d.sources.get("title", {}).get("from") == OLD_CONTRACT_TITLE
    ]


def _retitle_contracts(w: Writer, progress: Progress) -> None:
    """Read each contract's title again from its stored pages, with the parties it names (a title the user
    gave is kept). Its keyword entries are written at once; its vectors by the next embedding pass. A
    contract whose pages no longer show an agreement's heading keeps its title."""
    from legalassist.ingest.metadata import read_contract_title

    docs = _bare_contract_titles(w)
    try:
        for doc in each(docs, progress, "reading contract titles again"):
            pages = [Page(number, text) for number, text in w.catalog.page_texts(doc.id)]
            found = read_contract_title(Path(doc.path), pages)
            if found is None:
                title, source = doc.title, {"from": f"{OLD_CONTRACT_TITLE} (read again)", "confidence": 0.7}
            else:
                title, source = found.value, {"from": found.how, "confidence": found.confidence}
            with w.catalog.transaction():
                w.catalog.set_read_fields(doc.id, {"title": title}, {"title": source})
            w.keyword_index(doc.id)
    finally:
        w.flush_keyword()
    log.info("contract titles read again: %d", len(docs))


def _read_metadata_again(w: Writer, progress: Progress) -> None:
    """Read each document's fields again from its stored pages (and its PDF's own metadata) with the current
    reader (``ingest.metadata.READER``), as a fresh import would. A field the user set stays, and so does one
    the newer reader finds nothing for; a document whose file is gone or unreadable keeps its fields. Changed
    documents are re-indexed at once and embedded again by the next embedding pass (their header is part of
    every passage's vector)."""
    from legalassist.domain import displayable
    from legalassist.ingest.metadata import FIELDS, READER, guess_metadata
    from legalassist.ingest.pdf import pdf_metadata

    stale = w.catalog.read_before(READER)
    changed = 0
    try:
        for doc in each([d for d in w.searchable() if d.id in stale], progress, "reading document details again"):
            path = Path(doc.path)
            try:
                pdf_meta = pdf_metadata(path)
            except Exception:  # gone, moved or unreadable: what was read stays
                continue
            pages = [Page(number, text) for number, text in w.catalog.page_texts(doc.id)]
            meta = guess_metadata(path, pages, pdf_meta)
            read_from = json.loads(meta["sources"])
            fields = {
                name: meta[name]
                for name in FIELDS
                if meta.get(name)
                and doc.sources.get(name, {}).get("from") != "you"
                and displayable(meta[name]) != getattr(doc, name)
            }
            if fields:
                with w.catalog.transaction():
                    w.catalog.set_read_fields(doc.id, fields, {k: read_from[k] for k in fields if k in read_from})
                w.keyword_index(doc.id)
                changed += 1
    finally:
        w.flush_keyword()  # what was read so far; stopped, every document stays due
    with w.catalog.transaction():
        w.catalog.mark_read(READER)
    log.info("metadata read again: %d documents changed", changed)


SCHEMA_STEPS: tuple[Step[Catalog], ...] = (
    Step("passage continuations", *_column("passages", "next_page INTEGER")),
    Step("passage continuations (start)", *_column("passages", "next_start INTEGER")),
    Step("passage continuations (end)", *_column("passages", "next_end INTEGER")),
    Step("passage continuations (text)", *_column("passages", "next_text TEXT")),
    Step("metadata sources", *_column("documents", "sources TEXT NOT NULL DEFAULT '{}'")),
    Step("popular names", lambda c: "known_as" not in c.columns("documents"), _add_known_as),
    Step("metadata reader", *_column("documents", "reader INTEGER NOT NULL DEFAULT 0")),
)

INDEX_STEPS: tuple[Step[Writer], ...] = (
    Step(
        "citations found again",
        lambda w: w.catalog.citations_are_new or w.catalog.citation_shapes < CITATION_SHAPES,
        _rescan_citations,
        lambda w: f"citation shapes {w.catalog.citation_shapes} to {CITATION_SHAPES}",
    ),
    Step(
        "contract titles read again",
        lambda w: bool(_bare_contract_titles(w)),
        _retitle_contracts,
        lambda w: f"{len(_bare_contract_titles(w))} contracts",
    ),
    Step("keyword index rebuilt", lambda w: w.keyword.outdated, _rebuild_keyword),
    Step("document index filled", lambda w: w.keyword.docs_index_is_new, _fill_document_index),
    # A library moved onto a PostgreSQL server keeps the vectors its folder holds. After the keyword index:
    # the server's keyword tables count as current once created, so a move stopped part way must not come
    # before their filling.
    Step(
        "vectors moved onto the server",
        lambda w: _vectors_to_move(w) is not None,
        _move_vectors,
        lambda w: f"{w.catalog.vector_row_count() - len(w.vectors)} passages",
    ),
    # Indexes started afresh (a library moved onto a PostgreSQL server, a deleted vectors folder): the
    # catalog's vector rows point nowhere, so its passages are embedded again.
    Step(
        "vectors lost",
        lambda w: w.vectors.is_new and w.catalog.has_vector_rows(),
        lambda w, _p: w.forget_vectors(),
    ),
    Step(
        "metadata read again",
        lambda w: bool(w.catalog.read_before(_reader())),
        _read_metadata_again,
        lambda w: f"{len(w.catalog.read_before(_reader()))} documents, reader {_reader()}",
    ),
)


def pending(w: Writer) -> list[Step[Writer]]:
    """The index steps due now (an earlier step may make a later one unnecessary when it runs)."""
    return [s for s in INDEX_STEPS if s.needed(w)]


def _run(catalog: Catalog, target: T, steps: Sequence[Step[T]], progress: Progress) -> list[str]:
    """Run each of ``steps`` that is needed when its turn comes; a library with documents records each run (a
    new library's indexes are only initialised). Returns the names recorded. Cancelled, it stops at the step
    it is in, which is not recorded and stays due."""
    populated: bool | None = None
    done = []
    for step in steps:
        if progress.cancelled or not step.needed(target):
            continue
        if populated is None:
            populated = catalog.has_documents()
        detail = step.detail(target)
        try:
            step.run(target, progress)
        except Stopped:
            log.info("stopped %s: %s (still due)", catalog.path, step.name)
            break
        if populated:
            log.info("migrated %s: %s %s", catalog.path, step.name, detail)
            catalog.record_migration(step.name, detail)
            done.append(step.name)
    return done


def migrate_schema(catalog: Catalog) -> list[str]:
    """The catalog's schema steps that are due."""
    return _run(catalog, catalog, SCHEMA_STEPS, NullProgress())


def migrate(w: Writer, progress: Progress | None = None) -> list[str]:
    """The index steps that are due, in order (the caller holds the writer lock), each reported to
    ``progress``."""
    return _run(w.catalog, w, INDEX_STEPS, progress or NullProgress())
