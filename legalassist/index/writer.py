"""The one writer of a library's catalog and indexes: import, keyword flushes, embedding, edits, removal,
folder sync and recovery after a crash. Every change runs under the library's writer lock."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legalassist.citations.extract import SHAPES as CITATION_SHAPES
from legalassist.config import Settings
from legalassist.domain import (
    SEARCHABLE,
    Document,
    ImportResult,
    ImportStatus,
    Status,
    displayable,
    edit_problem,
    pages_phrase,
)
from legalassist.errors import ImportFailed, LibraryError
from legalassist.index.backend import FLUSH_PASSAGES, KeywordStore, VectorStore
from legalassist.index.catalog import Catalog
from legalassist.index.keyword import HEAD_CHARS, DocumentEntry, KeywordDoc
from legalassist.index.lock import WriterLock
from legalassist.ingest.chunker import embedding_input, index_text
from legalassist.ingest.files import expand_paths, hashed, loop_result, resolved, total_size
from legalassist.progress import PAUSED, NullProgress, Progress

if TYPE_CHECKING:
    from legalassist.generate.embedder import Embedder
    from legalassist.ingest.prepare import Preparer

log = logging.getLogger(__name__)
COMPACT_SHARE = 0.2  # merge the keyword index when removed passages are this share of it
# An import commits the keyword index after FLUSH_PASSAGES passages or this many seconds, whichever comes
# first: documents become searchable within seconds, without one commit (and merge) per document.
FLUSH_SECONDS = 3.0
EMBED_DIM = 384  # all-MiniLM-L6-v2; checked against the model when it loads


def _unchanged(existing: Document, sha: str) -> bool:
    return existing.sha256 == sha and existing.status in SEARCHABLE


class Writer:
    def __init__(
        self,
        settings: Settings,
        root: Path,
        catalog: Catalog,
        keyword: KeywordStore,
        vectors: VectorStore,
        embedder: Callable[[], Embedder],
    ) -> None:
        """``embedder`` loads the library's embedding model when embedding needs it."""
        self.settings: Settings = settings
        self.root: Path = root
        self.catalog: Catalog = catalog
        self.keyword: KeywordStore = keyword
        self.vectors: VectorStore = vectors
        self.lock = WriterLock(root / "writer.lock")
        self._embedder = embedder
        if catalog.is_new:
            catalog.citation_shapes = CITATION_SHAPES  # nothing to find again
        self._unflushed: list[int] = []  # documents added to the keyword index, not yet committed
        self._flushed = time.monotonic()

    # -- which model made the vectors ---------------------------------------------------------
    def meta(self) -> dict[str, Any]:
        """library.json: which embedding model made the library's vectors."""
        meta_path = self.root / "library.json"
        return json.loads(meta_path.read_text()) if meta_path.exists() else {}

    def check_embedder(self, embedder: Embedder) -> None:
        """Vectors from different embedding models must never share an index: another model's are dropped."""
        if embedder.dim != EMBED_DIM:
            raise LibraryError(
                f"{embedder.model_path} makes {embedder.dim}-dimension vectors; this library needs {EMBED_DIM}."
            )
        meta = self.meta()
        fingerprint = embedder.fingerprint()
        if meta.get("embedder") not in (None, fingerprint):
            self.lock.acquire()
            self.forget_vectors()
        if meta.get("embedder") != fingerprint:
            meta["embedder"] = fingerprint
            meta_path = self.root / "library.json"
            tmp = meta_path.with_suffix(".tmp")
            tmp.write_text(json.dumps(meta))
            tmp.replace(meta_path)

    def vectors_stale(self) -> bool:
        """Whether the library's vectors were made by another embedding model than the one configured (the
        next ``embed_pending`` embeds every passage again). Reads the model's first megabyte, not the model."""
        from legalassist.generate.embedder import model_fingerprint

        recorded = self.meta().get("embedder")
        model = self.settings.embed_model_path
        return recorded is not None and model.is_file() and recorded != model_fingerprint(model)

    def forget_vectors(self) -> None:
        """Drop every vector; the passages are embedded again by the next ``embed_pending`` (writer only)."""
        self.vectors.reset()
        with self.catalog.transaction():
            self.catalog.clear_vector_rows()
            for doc in self.catalog.documents(Status.EMBEDDED):
                self.catalog.set_status(doc.id, Status.INDEXED)

    # -- import -------------------------------------------------------------------------------
    def import_paths(
        self, paths: Sequence[Path], progress: Progress | None = None, embed: bool = True
    ) -> list[ImportResult]:
        """Import files and folders. One bad file is reported and the rest go on.

        Every document becomes keyword-searchable as soon as its text is extracted; embeddings
        follow for all of them afterwards.
        """
        from legalassist.ingest.prepare import AHEAD, PARALLEL_BYTES, Preparer

        progress = progress or NullProgress()
        files, results = expand_paths(paths)
        hashes: dict[Path, str] = {}
        with self.lock:
            self.recover()
            progress.start(len(files), "reading")
            # In a large import the next files are read (text, passages, citations) by worker processes
            # while this one writes the catalog and keyword index; a file that crashes the PDF reader then
            # takes a worker down, not the app.
            parallel = self.settings.import_workers > 0 and total_size(files) >= PARALLEL_BYTES
            workers = self.settings.import_workers if parallel else 0
            with Preparer(self.settings.ocr_language, self.settings.chunk_chars, workers) as preparer:
                for i, path in enumerate(files):
                    if progress.cancelled:
                        results.append(ImportResult(str(path), ImportStatus.SKIPPED, "import cancelled"))
                        continue
                    if parallel:
                        preparer.ahead([p for p in files[i : i + AHEAD + 1] if self._to_read(p, hashes)])
                    progress.advance(0, path.name)
                    began = time.perf_counter()
                    result = self._import_one(path, preparer, hashes)
                    preparer.discard(path)  # read ahead, but moved or a duplicate after all
                    result.seconds = round(time.perf_counter() - began, 3)
                    results.append(result)
                    progress.advance(1, path.name)
            self.flush_keyword()
            progress.finish()
            if embed and not progress.cancelled:
                self.embed_pending(progress)
            self._compact_if_needed()
        return results

    def _to_read(self, path: Path, hashes: dict[Path, str]) -> bool:
        """Whether importing ``path`` may need its content read: not when it is unreadable or already in
        the library unchanged."""
        real = resolved(path)
        if real is None or not path.is_file():
            return False
        try:
            sha = hashed(path, hashes)
        except OSError:
            return False
        existing = self.catalog.document_by_path(str(real))
        return not (existing is not None and _unchanged(existing, sha))

    def _compact_if_needed(self) -> None:
        if self.keyword.deleted_share() > COMPACT_SHARE:
            self.keyword.compact()

    def _import_one(self, path: Path, preparer: Preparer, hashes: dict[Path, str]) -> ImportResult:
        real = resolved(path)
        if real is None:
            return loop_result(path)
        if path.is_symlink() and not path.exists():
            return ImportResult(
                str(path), ImportStatus.FAILED, f"{path}: a symbolic link to {real}, which does not exist."
            )
        key = str(real)
        try:
            sha = hashed(path, hashes)
        except OSError as exc:
            return self._record_failure(key, "", 0, f"{path}: cannot be read ({exc.strerror or exc}).")
        size = path.stat().st_size
        existing = self.catalog.document_by_path(key)
        if existing is not None:
            if _unchanged(existing, sha):
                return ImportResult(
                    key, ImportStatus.UNCHANGED, "already in the library", existing.pages, doc_id=existing.id
                )
            self._remove_indexes([existing.id])  # changed (or previously failed): index it afresh
        for twin in self.catalog.documents_by_hash(sha):
            if twin.path == key or twin.status == Status.FAILED:
                continue
            if not Path(twin.path).exists():
                self.catalog.set_path(twin.id, key)
                return ImportResult(
                    key, ImportStatus.MOVED, f"moved from {twin.path}; index kept", twin.pages, doc_id=twin.id
                )
            return ImportResult(
                key,
                ImportStatus.DUPLICATE,
                f"same content as {twin.path}; not indexed twice",
                twin.pages,
                doc_id=twin.id,
            )
        try:
            return self._index_new(path, key, sha, size, preparer)
        except ImportFailed as exc:
            return self._record_failure(key, sha, size, str(exc))
        except Exception as exc:  # a file that breaks a library below us: report it, keep the others going
            log.debug("importing %s failed", path, exc_info=True)
            partial = self.catalog.document_by_path(key)
            if partial is not None:
                self._remove_indexes([partial.id])
            return self._record_failure(
                key,
                sha,
                size,
                f"{path}: could not be imported ({exc.__class__.__name__}: {exc}). The file may be damaged.",
            )

    def _record_failure(self, key: str, sha: str, size: int, message: str) -> ImportResult:
        with self.catalog.transaction():
            doc_id = self.catalog.add_document(key, sha, size, {"title": Path(key).name}, 0)
            self.catalog.set_status(doc_id, Status.FAILED, message)
        return ImportResult(key, ImportStatus.FAILED, message, doc_id=doc_id)

    def _index_new(self, path: Path, key: str, sha: str, size: int, preparer: Preparer) -> ImportResult:
        from legalassist.ingest.pdf import OCR_NOTE, OCR_NOTES

        prepared = preparer.take(path)
        rows = [c.row() for c in prepared.cuts]
        with self.catalog.transaction():
            doc_id = self.catalog.add_document(key, sha, size, prepared.meta, len(prepared.pages))
            self.catalog.add_pages(doc_id, prepared.pages)
            self.catalog.add_passages(doc_id, rows)
            self.catalog.set_citations(doc_id, prepared.citations, prepared.targets)
        self.keyword_index(doc_id)
        notes = [prepared.warning] if prepared.warning else []
        page_notes = self.catalog.page_notes(doc_id)
        ocr = [n for n, note in page_notes if note in OCR_NOTES]
        if ocr:
            notes.append(f"{pages_phrase(ocr)} read by OCR (Tesseract)")
        notes += [f"page {n}: {note}" for n, note in page_notes if note != OCR_NOTE]
        message = "; ".join(notes[:3]) + (f"; and {len(notes) - 3} more" if len(notes) > 3 else "")
        return ImportResult(key, ImportStatus.IMPORTED, message, len(prepared.pages), len(rows), doc_id)

    # -- the keyword index --------------------------------------------------------------------
    def document_entry(self, doc: Document) -> DocumentEntry:
        """A document's entry in the document index (routing a question that names it): its header, its
        file's name, and the start of its text."""
        head = self.catalog.page_text(doc.id, 1) or ""
        if len(head) < HEAD_CHARS and doc.pages > 1:
            head += "\n" + (self.catalog.page_text(doc.id, 2) or "")
        stem = displayable(Path(doc.path).stem)
        return DocumentEntry(doc.id, doc.header() + "\n" + stem.replace("_", " "), head)

    def keyword_index(self, doc_id: int) -> None:
        """Add a document to the keyword index; it is searchable, and marked so, once committed
        (``flush_keyword``): a few documents at a time during an import, at once otherwise."""
        doc = self.catalog.document(doc_id)
        assert doc is not None
        self.keyword.add_documents([self.document_entry(doc)])
        self.keyword_passages(doc)
        self._unflushed.append(doc_id)
        now = time.monotonic()
        if self.keyword.pending() >= FLUSH_PASSAGES or now - self._flushed >= FLUSH_SECONDS:
            self.flush_keyword()

    def flush_keyword(self) -> None:
        """Commit the keyword index; only then are its new documents marked searchable ("indexed"), so
        a crash before the commit leaves them "extracted", for ``recover`` to index again."""
        self.keyword.flush()
        self._flushed = time.monotonic()
        done, self._unflushed = self._unflushed, []
        if done:
            with self.catalog.transaction():
                self.catalog.mark_indexed(done)

    def keyword_passages(self, doc: Document) -> None:
        """Add (or replace) a document's passages in the keyword index, uncommitted."""
        from legalassist.citations.graph import passage_tokens

        header = doc.header()
        passages = self.catalog.passages_of(doc.id)
        cites = passage_tokens(self.catalog, doc.id, passages)
        self.keyword.add(
            KeywordDoc(
                p.id,
                doc.id,
                index_text(p.whole_text),
                header,
                p.breadcrumb,
                doc.court,
                doc.doc_type,
                doc.date,
                cites[p.id],
            )
            for p in passages
        )

    def searchable(self) -> list[Document]:
        return [d for d in self.catalog.documents() if d.status in SEARCHABLE]

    # -- vectors ------------------------------------------------------------------------------
    def embed_pending(self, progress: Progress | None = None, batch: int = 64) -> int:
        """Embed every passage that has no vector yet. Returns how many were embedded."""
        progress = progress or NullProgress()
        if self.vectors_stale():
            self._embedder()  # loading it drops the other model's vectors: every passage is pending again
        pending = self.catalog.documents(Status.INDEXED)
        if not pending:
            return 0
        embedder = self._embedder()
        total = sum(len(self.catalog.passage_ids_of(d.id)) for d in pending)
        progress.start(total, "embedding")
        done = 0

        def paused() -> None:  # a question goes first (legalassist.scheduler); embedding resumes after it
            progress.advance(0, PAUSED)

        for doc in pending:
            header = doc.header()
            passages = list(self.catalog.iter_passages_without_vectors(doc.id))
            for i in range(0, len(passages), batch):
                if progress.cancelled:
                    progress.finish()
                    return done
                part = passages[i : i + batch]
                vectors = embedder.embed([embedding_input(header, p) for p in part], on_pause=paused)
                rows = self.vectors.append([p.id for p in part], vectors)
                with self.catalog.transaction():
                    self.catalog.set_vector_rows(zip([p.id for p in part], rows, strict=True))
                done += len(part)
                progress.advance(len(part), doc.title[:40])
            self.catalog.set_status(doc.id, Status.EMBEDDED)
        progress.finish()
        return done

    # -- recovery -----------------------------------------------------------------------------
    def recover(self) -> None:
        """Bring the indexes back in line with the catalog after an interrupted run (writer only): index
        format upgrades (``migrations``), a removal cut short, documents extracted but not committed to the
        keyword index, and vectors the catalog does not know."""
        from legalassist.index.migrations import migrate

        self.vectors.trim()
        self._remove_indexes([d.id for d in self.catalog.documents(Status.REMOVING)])
        migrate(self)
        for doc in self.catalog.documents(Status.EXTRACTED):
            self.keyword_index(doc.id)
        self.flush_keyword()
        known = {pid for pid, _ in self.catalog.vector_rows()}
        orphans = self.vectors.live_ids() - known
        if orphans:
            self.vectors.remove(sorted(orphans))

    # -- edits and removal --------------------------------------------------------------------
    def edit_metadata(self, doc_id: int, **fields: str) -> Document:
        """Correct a document's title, type, court, date, reporter citation or popular name. The document is
        re-indexed at once (its header is in every passage's index entry) and re-embedded by the next
        ``embed_pending``; a crash in between is finished by ``recover``."""
        doc = self.catalog.document(doc_id)
        if doc is None or doc.status in (Status.FAILED, Status.REMOVING):
            raise LibraryError(f"No document {doc_id} to edit; `legalassist documents` lists them.")
        fields = {k: " ".join(v.split()) for k, v in fields.items()}
        problem = edit_problem(fields)
        if problem:
            raise LibraryError(problem)
        with self.lock:
            pids = self.catalog.passage_ids_of(doc_id)
            with self.catalog.transaction():
                self.catalog.set_metadata(doc_id, fields)
            self.vectors.remove(pids)  # the catalog no longer points at them
            self.keyword_index(doc_id)  # replaces its entries (keyed by id)
            self.flush_keyword()
        edited = self.catalog.document(doc_id)
        assert edited is not None
        return edited

    def sync_folder(self, folder: Path, progress: Progress | None = None, embed: bool = True) -> list[ImportResult]:
        """Bring the library in line with ``folder``: new and changed files imported, moved and renamed
        ones kept (same content), and documents whose file was under the folder but is gone removed
        (from the library only). Used for a watched folder."""
        folder = Path(folder)
        if not folder.is_dir():
            raise LibraryError(f"{folder} is not a folder (it may have been moved or unmounted); choose it again.")
        results = self.import_paths([folder], progress, embed)
        root = resolved(folder) or folder
        gone = [
            d
            for d in self.catalog.documents()
            if d.status != Status.REMOVING
            and (Path(d.path).is_relative_to(root) or Path(d.path).is_relative_to(folder))
            and not Path(d.path).exists()
        ]
        if gone:
            with self.lock:
                self._remove_indexes([d.id for d in gone])
                self._compact_if_needed()
        results += [
            ImportResult(d.path, ImportStatus.REMOVED, "no longer in the watched folder", doc_id=d.id) for d in gone
        ]
        return results

    def remove(self, doc_id: int) -> None:
        """Remove a document from the library (the file on disk is never touched)."""
        with self.lock:
            self._remove_indexes([doc_id])
            self._compact_if_needed()

    def _remove_indexes(self, doc_ids: Sequence[int]) -> None:
        for doc_id in doc_ids:
            # Marked first, so that a crash part-way through is finished by recover(), not left half-done.
            self.catalog.set_status(doc_id, Status.REMOVING)
            pids = self.catalog.passage_ids_of(doc_id)
            self.keyword.delete_documents([doc_id])
            self.vectors.remove(pids)
            with self.catalog.transaction():
                self.catalog.remove_document(doc_id)

    def repair(self) -> None:
        """Bring the indexes back in line with the catalog and compact the keyword index: removed passages
        leave their BM25 statistics, and a compacted index scores as a clean build does (writer only)."""
        with self.lock:
            self.recover()
            self.keyword.compact()
