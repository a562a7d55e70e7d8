"""The keyword index: Whoosh with BM25F over passage text, title, breadcrumb and court."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from legalassist.domain import DocType
from legalassist.retrieve import querytree as T

INDEX_NAME = "passages"
DOCS_INDEX_NAME = "documents"
HEAD_CHARS = 2000  # how much of a document's opening text identifies it (caption, parties, title page)
COMMON_TERM_SHARE = 0.5  # terms in more than half the passages are left out of natural-language queries
NATURAL_FIELDS = ("body", "title", "breadcrumb")  # what a question in words is matched against
# What passages are indexed as (legalassist.ingest.chunker.index_text). Raised when that changes: an index
# written with an older one is rebuilt from the catalog when the library opens.
# 2: footnote numbers set apart from their words ("debt.8"), OCR's run-together function words split.
# 3: run-together words split by the English word list ("permonth" -> "per month").
TEXT_VERSION = 3
# Whoosh's writer releases the GIL for a moment many times a millisecond (compressing stored fields, telling
# file offsets) and takes it straight back, so a thread waiting for it, the window's event loop, is never
# handed it (CPython's "convoy"): re-indexing a 500-passage opinion froze the window for up to 430 ms
# (legalassist.benchmarks.stalls). A pause this often hands it over: 16 ms more for 500 passages.
YIELD_EVERY = 16  # passages
YIELD_SECONDS = 0.0005
VERSION_FILE = "text_version"


@dataclass(frozen=True)
class KeywordDoc:
    pid: int
    doc_id: int
    text: str
    title: str
    breadcrumb: str
    court: str
    doc_type: str
    date: str
    cites: str = ""  # the passage's citations as tokens (see legalassist.citations.names.token)


@dataclass(frozen=True)
class DocumentEntry:
    doc_id: int
    title: str
    head: str  # the opening text: caption, parties, title page


def document_schema() -> Any:
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import NUMERIC, TEXT, Schema

    analyzer = StemmingAnalyzer()
    return Schema(
        doc_id=NUMERIC(stored=True, unique=True, bits=64),
        title=TEXT(analyzer=analyzer, field_boost=2.0),
        head=TEXT(analyzer=analyzer),
    )


def body_analyzer() -> Any:
    """The analyzer of passage text (stemmed, stop words dropped): what ``KeywordIndex.terms`` uses."""
    from whoosh.analysis import StemmingAnalyzer

    return StemmingAnalyzer()


def body_terms() -> Any:
    """The passage analyzer as a terms function, text to its terms (what the grounding judge reads words by)."""
    analyzer = body_analyzer()
    return lambda text: [t.text for t in analyzer(text)]


def passage_schema() -> Any:
    from whoosh.analysis import StandardAnalyzer
    from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema

    analyzer = body_analyzer()
    return Schema(
        pid=NUMERIC(stored=True, unique=True, bits=64),
        doc_id=NUMERIC(stored=True, bits=64),
        body=TEXT(analyzer=analyzer),
        # Unstemmed, every token kept: for quoted phrases, root expansion and numbers ("9 U.S.C. § 2").
        exact=TEXT(analyzer=StandardAnalyzer(stoplist=None, minsize=1)),
        title=TEXT(analyzer=analyzer, field_boost=1.5),
        breadcrumb=TEXT(analyzer=analyzer),
        court=TEXT(analyzer=analyzer),
        doc_type=ID,
        date=ID,
        # What the passage cites, normalised ("45 U.S. C. §56" and "45 U.S.C. 56" alike): the cites: field.
        cites=KEYWORD(lowercase=True),
    )


@functools.cache
def _and_not() -> type:
    """Whoosh's AndNot query with its first match checked.

    Whoosh 2.7's ``AndNotMatcher`` looks for an excluded document at the start only when both of its
    matchers stand on the same document. When the excluded words' first match comes before the wanted
    words' first match, that first wanted document is returned even if it holds an excluded word. Whether
    that happens depends on how the index is split into segments (when its commits fell), so "arbitration
    AND NOT Kindred" returned a passage of Kindred on some builds of the same library and not on others."""
    from whoosh import query as Q
    from whoosh.matching import AndNotMatcher

    class CheckedAndNotMatcher(AndNotMatcher):
        def _find_first(self) -> None:
            if self.a.is_active() and self.b.is_active():
                self._find_next()  # moves the excluded matcher up to the first wanted document, then past it

    class CheckedAndNot(Q.AndNot):
        def matcher(self, searcher: Any, context: Any = None) -> Any:
            wanted = self.a.matcher(searcher, context)
            excluded = self.b.matcher(searcher, searcher.boolean_context())
            return CheckedAndNotMatcher(wanted, excluded)

    return CheckedAndNot


def to_whoosh(node: T.Node) -> Any:
    """The app's query tree as Whoosh's query objects (the same meaning and scoring)."""
    from whoosh import query as Q

    if isinstance(node, T.Term):
        return Q.Term(node.fieldname, node.text)
    if isinstance(node, T.Phrase):
        return Q.Phrase(node.fieldname, list(node.words), slop=node.slop)
    if isinstance(node, T.Prefix):
        return Q.Prefix(node.fieldname, node.text)
    if isinstance(node, T.And):
        return Q.And([to_whoosh(n) for n in node.subqueries])
    if isinstance(node, T.Or):
        return Q.Or([to_whoosh(n) for n in node.subqueries])
    if isinstance(node, T.AndNot):
        return _and_not()(to_whoosh(node.a), to_whoosh(node.b))
    if isinstance(node, T.Every):
        return Q.Every()
    if isinstance(node, T.Near):
        parts = [to_whoosh(n) for n in node.subqueries]
        return Q.SpanNear2(parts, slop=node.slop, ordered=node.ordered, mindist=node.mindist)
    if isinstance(node, T.SpanOr):
        return Q.SpanOr([to_whoosh(n) for n in node.subqueries])
    if isinstance(node, T.TermRange):
        return Q.TermRange(node.fieldname, node.start, node.end, node.startexcl, node.endexcl)
    raise TypeError(f"not a query tree node: {node!r}")


class KeywordIndex:
    def __init__(self, folder: Path | None) -> None:
        """The index in ``folder`` (created there if missing); with ``folder=None`` it lives in memory only,
        for a throwaway library such as the fast tests'."""
        from whoosh.filedb.filestore import FileStorage, RamStorage

        self.folder = folder
        self._version_in_memory: int | None = None  # VERSION_FILE's content when there is no folder
        if folder is None:
            self._storage: Any = RamStorage()
        else:
            folder.mkdir(parents=True, exist_ok=True)
            self._storage = FileStorage(str(folder))
        # Not yet current when created: a library whose keyword folder was lost is indexed again from its
        # catalog (``index.migrations``); for a new library that is instant.
        self._ix, _ = self._open_or_create(INDEX_NAME, passage_schema())
        # An index written by an older version lacks fields or holds text indexed the old way; the library
        # rebuilds it from the catalog.
        self.outdated = (
            set(passage_schema().names()) != set(self._ix.schema.names()) or self._text_version() < TEXT_VERSION
        )
        self._docs_ix, self.docs_index_is_new = self._open_or_create(DOCS_INDEX_NAME, document_schema())
        self._searcher: Any = None
        self._docs_searcher: Any = None
        self._arrays: Any = None  # bm25.SearcherArrays of the current searcher
        self._segment_lengths: dict[tuple[str, str], np.ndarray] = {}  # kept across index generations
        self._last_scores: Any = None  # (arrays, terms, scores) of the last question
        self._lock = threading.Lock()
        self._pending: list[KeywordDoc] = []
        self._pending_docs: list[DocumentEntry] = []

    def _open_or_create(self, name: str, schema: Any) -> tuple[Any, bool]:
        """The index ``name``, opened once; created (and reported new) when the storage holds none."""
        from whoosh.index import EmptyIndexError

        try:
            ix = self._storage.open_index(indexname=name)
            if ix.latest_generation() > -1:
                return ix, False
        except EmptyIndexError:
            pass
        return self._storage.create_index(schema, indexname=name), True

    def close(self) -> None:
        with self._lock:
            for s in (self._searcher, self._docs_searcher):
                if s is not None:
                    s.close()
            self._searcher = self._docs_searcher = None
        self._ix.close()
        self._docs_ix.close()

    # -- writing ------------------------------------------------------------------------------
    # Writes are buffered and committed together by ``flush``: each Whoosh commit writes a segment and
    # merges small ones, so one commit per document made that merging most of an import's time.
    def add(self, docs: Iterable[KeywordDoc]) -> None:
        """Add or replace passages (keyed by pid); searchable after the next ``flush``."""
        self._pending.extend(docs)

    def add_documents(self, entries: Iterable[DocumentEntry]) -> None:
        """Add or replace document-index entries; searchable after the next ``flush``."""
        self._pending_docs.extend(entries)

    def pending(self) -> int:
        """Passages added and not yet committed."""
        return len(self._pending)

    def flush(self) -> None:
        """Commit what was added, in one commit per index. A passage (or document) added twice since the
        last commit is written once, as last added: Whoosh replaces by a unique key only what is already
        committed, so two copies in one commit would both stay."""
        docs = list({d.pid: d for d in self._pending}.values())
        entries = list({e.doc_id: e for e in self._pending_docs}.values())
        self._pending, self._pending_docs = [], []
        if docs:
            self._commit_passages(docs)
        if entries:
            self._commit_documents(entries)

    def _commit_passages(self, docs: Iterable[KeywordDoc]) -> None:
        writer = self._ix.writer(limitmb=128)
        try:
            for n, d in enumerate(docs, 1):
                if n % YIELD_EVERY == 0:
                    time.sleep(YIELD_SECONDS)
                writer.update_document(
                    pid=d.pid,
                    doc_id=d.doc_id,
                    body=d.text,
                    exact=d.text,
                    title=d.title,
                    breadcrumb=d.breadcrumb,
                    court=d.court,
                    doc_type=d.doc_type or DocType.OTHER,
                    date=d.date or "",
                    cites=d.cites,
                )
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def _commit_documents(self, entries: Iterable[DocumentEntry]) -> None:
        writer = self._docs_ix.writer()
        try:
            for e in entries:
                writer.update_document(doc_id=e.doc_id, title=e.title, head=e.head[:HEAD_CHARS])
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self._drop_replaced_entries()

    def _drop_replaced_entries(self) -> None:
        """Merge the document index when it holds replaced or deleted entries (an edit, a re-import, a removal).
        Until a merge Whoosh still counts them in its BM25 statistics, so a document's routing score would
        depend on the index's history. One entry per document keeps the merge small; an import, which
        replaces nothing, never merges."""
        if self._docs_ix.doc_count_all() > self._docs_ix.doc_count():
            self._docs_ix.optimize()

    def delete_documents(self, doc_ids: Sequence[int]) -> None:
        if not doc_ids:
            return
        self.flush()  # what was added first is committed first, so a deletion never precedes its addition
        for ix in (self._ix, self._docs_ix):
            writer = ix.writer()
            try:
                for doc_id in doc_ids:
                    writer.delete_by_term("doc_id", doc_id)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
        self._drop_replaced_entries()

    def deleted_share(self) -> float:
        """The share of the passage index taken by removed passages not yet merged away. Until their
        segments merge, BM25 statistics still count them (as in Lucene), so rankings drift slightly
        from a clean build's."""
        total = self._ix.doc_count_all()
        return (total - self._ix.doc_count()) / total if total else 0.0

    def compact(self) -> None:
        """Merge every segment into one, dropping removed passages for good."""
        self.flush()
        for ix in (self._ix, self._docs_ix):
            ix.optimize()

    def rebuild(self) -> None:
        """Start the passage index and the document index afresh with the current schemas (the caller re-adds
        every passage and document entry). The document index starts afresh too: written again over the old
        one, each replaced entry would still count in its statistics until a merge, and routing would
        depend on the index's history."""
        self._pending, self._pending_docs = [], []

        with self._lock:
            for s in (self._searcher, self._docs_searcher):
                if s is not None:
                    s.close()
            self._searcher = self._docs_searcher = None
        self._ix.close()
        self._docs_ix.close()
        # Until every passage is added again (``mark_current``), a crash leaves the index outdated.
        self._version_in_memory = None
        if self.folder is not None:
            (self.folder / VERSION_FILE).unlink(missing_ok=True)
        self._ix = self._storage.create_index(passage_schema(), indexname=INDEX_NAME)
        self._docs_ix = self._storage.create_index(document_schema(), indexname=DOCS_INDEX_NAME)
        self.outdated = False

    def mark_current(self) -> None:
        """Record that every passage is indexed as this version indexes text (after a rebuild is refilled)."""
        if self.folder is None:
            self._version_in_memory = TEXT_VERSION
            return
        path = self.folder / VERSION_FILE
        path.with_suffix(".tmp").write_text(str(TEXT_VERSION))
        path.with_suffix(".tmp").replace(path)

    def _text_version(self) -> int:
        if self.folder is None:
            return self._version_in_memory or 1
        try:
            return int((self.folder / VERSION_FILE).read_text().strip())
        except (OSError, ValueError):
            return 1  # written before the version was recorded

    def analyzers(self) -> dict[str, Any]:
        schema = passage_schema()  # the code's definition: an index awaiting its upgrade may lack a field
        return {"body": schema["body"].analyzer, "exact": schema["exact"].analyzer}

    def all_pids(self) -> set[int]:
        with self._ix.searcher() as s:
            return {int(f["pid"]) for f in s.all_stored_fields()}

    def all_document_ids(self) -> set[int]:
        with self._docs_ix.searcher() as s:
            return {int(f["doc_id"]) for f in s.all_stored_fields()}

    # -- searching ----------------------------------------------------------------------------
    def _current_searcher(self, docs: bool = False) -> Any:
        with self._lock:
            ix, current = (self._docs_ix, self._docs_searcher) if docs else (self._ix, self._searcher)
            if current is not None and not current.up_to_date():
                # Searcher.refresh() fails when the old reader was empty; a new searcher always works.
                current.close()
                current = None
            if current is None:
                current = ix.searcher()
            if docs:
                self._docs_searcher = current
            else:
                self._searcher = current
            return current

    def documents_with(self, term: str) -> int:
        """In how many documents' title or opening text an (analysed) term appears. Counted over the live
        entries: Whoosh's document frequencies also count a replaced entry until its segment is merged.
        This index merges such entries away as it writes (``_drop_replaced_entries``), but a library written
        by an older version may still hold some, and routing must not depend on the index's history."""
        from whoosh import query as Q

        searcher = self._current_searcher(docs=True)
        return max(sum(1 for _ in searcher.docs_for_query(Q.Term(field, term))) for field in ("title", "head"))

    def search_documents(self, text: str, limit: int = 5) -> list[tuple[int, float]]:
        """Documents whose title or opening text match the words of ``text``: (doc id, BM25F score)."""
        from whoosh import query as Q

        terms = self.terms(text)
        if not terms:
            return []
        q: Any = Q.Or([Q.Term(f, t) for t in terms for f in ("title", "head")])
        results = self._current_searcher(docs=True).search(q, limit=limit)
        return [(int(hit["doc_id"]), float(hit.score)) for hit in results]

    def terms(self, text: str) -> list[str]:
        """The indexed terms of ``text`` (stemmed, stop words dropped), in order, without repeats."""
        analyzer = self._ix.schema["body"].analyzer
        seen: dict[str, None] = {}
        for tok in analyzer(text):
            seen.setdefault(tok.text, None)
        return list(seen)

    def search_terms(
        self, text: str, limit: int | None, doc_ids: Sequence[int] | None = None, filters: Sequence[Any] = ()
    ) -> list[tuple[int, float]]:
        """Natural-language search: any of the words, ranked by BM25F. Returns (pid, score).

        Scored with arrays over Whoosh's postings (legalassist.index.bm25): the same scores and ranking
        as Whoosh's ``Or`` of the terms over the three fields, several times faster."""

        from legalassist.index.bm25 import bm25f_scores, top_documents

        terms = self.informative_terms(self.terms(text))
        if not terms:
            return [] if not filters else self.search_query(T.Every(), limit, doc_ids, filters)
        searcher, arrays = self._searcher_arrays()
        allowed = None
        restriction = self._restriction(doc_ids, filters)
        if restriction is not None:
            allowed = np.zeros(arrays.size, dtype=bool)
            allowed[list(searcher.docs_for_query(restriction))] = True
        cached = self._last_scores  # a hybrid search asks twice: everywhere, then in the named document
        if cached is not None and cached[0] is arrays and cached[1] == tuple(terms):
            scores = cached[2]
        else:
            scores = bm25f_scores(arrays, terms, NATURAL_FIELDS)
            self._last_scores = (arrays, tuple(terms), scores)
        return [
            (int(searcher.stored_fields(d)["pid"]), float(scores[d])) for d in top_documents(scores, limit, allowed)
        ]

    def passage_share(self, term: str) -> float:
        """The share of passages whose text holds an (analysed) term: how rare a word is in this library."""
        searcher, arrays = self._searcher_arrays()
        return float(arrays.doc_frequency("body", term)) / max(1, searcher.doc_count())

    def informative_terms(self, terms: list[str], max_share: float = COMMON_TERM_SHARE) -> list[str]:
        """Drop terms found in more than ``max_share`` of passages: they add next to nothing to BM25 and
        their long posting lists are most of a query's cost. If every term is that common, keep them."""
        searcher, arrays = self._searcher_arrays()
        total = max(1, searcher.doc_count())
        kept = [t for t in terms if arrays.doc_frequency("body", t) <= max_share * total]
        return kept or terms

    def _searcher_arrays(self) -> tuple[Any, Any]:
        from legalassist.index.bm25 import SearcherArrays

        searcher = self._current_searcher()
        with self._lock:
            if self._arrays is None or self._arrays.searcher is not searcher:
                self._arrays = SearcherArrays(searcher, NATURAL_FIELDS, self._segment_lengths)
            return searcher, self._arrays

    @staticmethod
    def _restriction(doc_ids: Sequence[int] | None, filters: Sequence[T.Node]) -> Any:
        """One Whoosh query for "within these documents and matching these filters", or None."""
        from whoosh import query as Q

        parts = [to_whoosh(f) for f in filters]
        if doc_ids:
            parts.append(Q.Or([Q.Term("doc_id", d) for d in doc_ids]))
        return (parts[0] if len(parts) == 1 else Q.And(parts)) if parts else None

    def search_query(
        self, q: Any, limit: int | None, doc_ids: Sequence[int] | None = None, filters: Sequence[Any] = ()
    ) -> list[tuple[int, float]]:
        """Run a query (the app's query tree); ``doc_ids`` and ``filters`` restrict without changing the ranking."""
        searcher = self._current_searcher()
        results = searcher.search(to_whoosh(q), limit=limit, filter=self._restriction(doc_ids, filters))
        return [(int(hit["pid"]), float(hit.score)) for hit in results]
