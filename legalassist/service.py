"""The facade both front ends use: open a library, import, search, ask, and find a passage's source.

The work is done by its collaborators: the catalog and the two stores (``index``), the one writer
(``index.writer``), the migrations (``index.migrations``), the models (``generate.models``), search
(``retrieve.search``) and the answer code (``generate``). Heavy dependencies (PyMuPDF, llama.cpp,
llama-index) load on first use, so a window can appear before any of them is imported.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from legalassist.config import Settings
from legalassist.domain import (
    Answer,
    CitationRecord,
    CitedAuthority,
    CitingPassage,
    Document,
    Hit,
    ImportResult,
    Page,
    Passage,
    Status,
    WordBox,
)
from legalassist.errors import LibraryError, LibraryLocked
from legalassist.generate.context import AnswerContext
from legalassist.generate.models import Models
from legalassist.index.backend import KeywordStore, VectorStore, open_stores
from legalassist.index.catalog import Catalog
from legalassist.index.migrations import migrate, pending
from legalassist.index.writer import EMBED_DIM, Writer
from legalassist.progress import Progress
from legalassist.scheduler import scheduler

if TYPE_CHECKING:
    from legalassist.generate.embedder import Embedder
    from legalassist.generate.llm import LocalLLM
    from legalassist.history import History

log = logging.getLogger(__name__)
Stores = tuple[Catalog, KeywordStore, VectorStore]  # a catalog, a keyword index, a vector index


class Library:
    """One library folder: catalog.sqlite, keyword/ (Whoosh), vectors/ and library.json."""

    def __init__(self, settings: Settings, models: Models | None = None, stores: Stores | None = None) -> None:
        """Opens the catalog and the stores; nothing is rebuilt here (``migrate`` does that). ``models`` and
        ``stores`` replace the settings' models and the folder's stores (the fast tests' fakes, in memory)."""
        self.root = settings.library_dir
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(
                f"Cannot create the library folder {self.root} ({exc}). Choose another with --library."
            ) from exc
        if stores is not None:
            self.catalog, self.keyword, self.vectors = stores
        else:
            self.catalog = Catalog(self.root / "catalog.sqlite")
            try:
                self.keyword, self.vectors = open_stores(settings, self.root, EMBED_DIM)
            except BaseException:
                self.catalog.close()
                raise
        self.models = models or Models(settings, on_embedder=lambda embedder: self.writer.check_embedder(embedder))
        # What the answer code may use, and all it sees of the library.
        self.answers = AnswerContext(
            self.models, self.keyword.terms, self.catalog.page_text, self.vectors.vectors_of, self.keyword.passage_share
        )
        self.writer = Writer(settings, self.root, self.catalog, self.keyword, self.vectors, lambda: self.embedder)
        self._history: History | None = None

    def migrate(self, progress: Progress | None = None) -> list[str]:
        """Bring indexes written by an older version up to date now, unless another process is writing (which
        then does it). The front ends call this when they open a library, with ``progress`` for the steps that
        go through every document; cancelled, the step under way stops and runs again at the next open.
        Returns the steps run to the end."""
        if not pending(self.writer):
            return []  # the usual case: no lock taken, so an open never gets in a writer's way
        try:
            with self.writer.lock:
                return migrate(self.writer, progress)
        except LibraryLocked:
            return []  # the writer upgrades them; meanwhile phrase and document searches see less

    def close(self) -> None:
        self.keyword.close()
        self.vectors.close()
        self.catalog.close()
        if self._history is not None:
            self._history.close()
        self.writer.lock.release()

    @property
    def settings(self) -> Settings:
        return self.models.settings

    @property
    def history(self) -> History:
        """The questions asked of this library and their answers (opened on first use)."""
        if self._history is None:
            from legalassist.history import History

            self._history = History(self.root / "history.sqlite")
        return self._history

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- models -------------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        return self.models.embedder

    @property
    def llm(self) -> LocalLLM:
        return self.models.llm

    def vectors_stale(self) -> bool:
        """Whether the library's vectors were made by another embedding model than the one configured."""
        return self.writer.vectors_stale()

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings for this library's next search and answer: a changed chat model, adapter,
        thread count or context size is loaded afresh on next use. (The library folder and the
        embedding model are fixed for an open library: open another Library for those.)"""
        self.models.apply(settings)
        self.writer.settings = settings

    def warm_up(self) -> None:
        """Load the models and run each once (a desktop window does this right after it opens), so the first
        question pays for neither. Background work: a question asked meanwhile goes first."""
        self.models.warm_up()

    # -- reading ------------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        return [d for d in self.catalog.documents() if d.status != Status.REMOVING]

    def document(self, doc_id: int) -> Document | None:
        return self.catalog.document(doc_id)

    def page(self, doc_id: int, number: int) -> Page | None:
        return self.catalog.page(doc_id, number)

    def page_texts(self, doc_id: int) -> list[tuple[int, str]]:
        """Every page of a document as (number, text)."""
        return self.catalog.page_texts(doc_id)

    def find_document(self, ref: str) -> Document | None:
        """A document by its id ("12") or its file's path."""
        return self.document(int(ref)) if ref.isdigit() else self.catalog.document_by_path(str(Path(ref).resolve()))

    def query_terms(self, text: str) -> list[str]:
        """The terms the keyword index makes of ``text`` (what a search matched, for highlighting)."""
        return list(self.keyword.terms(text))

    def highlight_boxes(self, doc_id: int, page: int, start: int, end: int) -> list[WordBox]:
        p = self.catalog.page(doc_id, page)
        return p.boxes_for(start, end) if p else []

    # -- changes (the writer) -----------------------------------------------------------------
    def import_paths(
        self, paths: Sequence[Path], progress: Progress | None = None, embed: bool = True
    ) -> list[ImportResult]:
        """Import files and folders; one bad file is reported and the rest go on (``Writer.import_paths``)."""
        return self.writer.import_paths(paths, progress, embed)

    def embed_pending(self, progress: Progress | None = None, batch: int = 64) -> int:
        """Embed every passage that has no vector yet. Returns how many were embedded."""
        return self.writer.embed_pending(progress, batch)

    def edit_metadata(self, doc_id: int, **fields: str) -> Document:
        """Correct a document's title, type, court, date, reporter citation or popular name."""
        return self.writer.edit_metadata(doc_id, **fields)

    def sync_folder(self, folder: Path, progress: Progress | None = None, embed: bool = True) -> list[ImportResult]:
        """Bring the library in line with a watched folder (``Writer.sync_folder``)."""
        return self.writer.sync_folder(folder, progress, embed)

    def remove(self, doc_id: int) -> None:
        """Remove a document from the library (the file on disk is never touched)."""
        self.writer.remove(doc_id)

    def repair(self) -> None:
        """Bring the indexes back in line with the catalog and compact the keyword index."""
        self.writer.repair()

    # -- citations ----------------------------------------------------------------------------
    def cites(self, doc_id: int) -> list[CitedAuthority]:
        """The authorities a document cites, each with the library documents it names."""
        from legalassist.citations.graph import cites

        self._known(doc_id)
        return cites(self.catalog, doc_id)

    def cited_by(self, doc_id: int) -> list[CitingPassage]:
        """The places in other library documents that cite this one."""
        from legalassist.citations.graph import cited_by

        self._known(doc_id)
        return cited_by(self.catalog, doc_id)

    def citations_in(self, doc_id: int, page: int) -> list[tuple[CitationRecord, list[Document], int]]:
        """The citations written on one page, each with the library documents it names and the page of
        the first of them to open (for links in the viewer)."""
        from legalassist.citations.graph import linked

        rows = self.catalog.citations_of(doc_id, page)
        links = linked(self.catalog, [(r.key, t) for r, t in rows], exclude=doc_id)
        return [(record, docs, to_page) for (record, _), (docs, to_page) in zip(rows, links, strict=True)]

    def passage_links(self, passage: Passage) -> list[tuple[CitationRecord, Document, int]]:
        """Citations inside a passage that name a library document: (citation, document, page to open)."""
        return [
            (record, docs[0], page)
            for record, docs, page in self.citations_in(passage.doc_id, passage.page)
            if docs and passage.start <= record.start < passage.end
        ]

    def citations_linked(self, text: str) -> list[tuple[int, int, Document, int]]:
        """Citations written in a text (an answer's sentence) that name a library document:
        (start, end, document, page to open)."""
        from legalassist.citations.extract import extract_citations
        from legalassist.citations.graph import linked

        found = extract_citations([(1, text)])
        links = linked(self.catalog, [(c.key, (c.key, *c.targets)) for c in found])
        return [(c.start, c.end, docs[0], page) for c, (docs, page) in zip(found, links, strict=True) if docs]

    def verify(self) -> list[str]:
        """Disagreements between the catalog and the indexes (none in a healthy library)."""
        from legalassist.integrity import problems

        return problems(self)

    def _known(self, doc_id: int) -> Document:
        doc = self.catalog.document(doc_id)
        if doc is None:
            raise LibraryError(f"There is no document {doc_id} in this library; `legalassist documents` lists them.")
        return doc

    # -- search -------------------------------------------------------------------------------
    def search(self, query: str, k: int | None = None, mode: str = "hybrid") -> list[Hit]:
        from legalassist.retrieve.search import HybridSearch

        with scheduler().interactive():
            embed = lambda text: self.embedder.embed_one(text)  # noqa: E731 - the embedder loads on first use
            searcher = HybridSearch(self.catalog, self.keyword, self.vectors, embed, self.settings)
            return searcher.search(query, k or self.settings.search_k, mode)

    def passages(self, ids: Sequence[int]) -> dict[int, Passage]:
        return self.catalog.passages(ids)

    # -- ask ----------------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        on_token: Callable[[str], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        on_sources: Callable[[list[Hit]], None] | None = None,
    ) -> Answer:
        with scheduler().interactive():  # background embedding waits from here to the last token
            return self._ask(question, on_token, cancelled, on_sources)

    def _ask(
        self,
        question: str,
        on_token: Callable[[str], None] | None,
        cancelled: Callable[[], bool],
        on_sources: Callable[[list[Hit]], None] | None,
    ) -> Answer:
        from legalassist.generate.answer import answer_question

        started = time.perf_counter()
        hits = self.search(question, self.settings.top_k)
        retrieved = time.perf_counter()
        if on_sources:
            on_sources(hits)
        if self.settings.answer_mode == "extractive":
            from legalassist.generate.extractive import extract

            answer = extract(self.answers, question, hits, on_token=on_token)
        else:
            answer = answer_question(self.answers, question, hits, on_token=on_token, cancelled=cancelled)
        answer.timings["retrieval"] = retrieved - started
        if not cancelled():
            try:
                self.history.record(answer)
            except sqlite3.Error as exc:  # the history must never cost the user an answer
                log.warning("could not record the answer in %s: %s", self.root / "history.sqlite", exc)
        return answer
