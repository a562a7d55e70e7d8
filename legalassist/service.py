"""The facade both front ends use: open a library, import, search, ask, and find a passage's source.

Heavy dependencies (PyMuPDF, llama.cpp, llama-index) load on first use, so a window can appear
before any of them is imported.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legalassist.citations.extract import SHAPES as CITATION_SHAPES
from legalassist.config import Settings
from legalassist.domain import (
    DOC_TYPES,
    Answer,
    CitationRecord,
    CitedAuthority,
    CitingPassage,
    Document,
    Hit,
    ImportResult,
    Page,
    Passage,
    WordBox,
    displayable,
)
from legalassist.errors import ImportFailed, LibraryError, LibraryLocked
from legalassist.index.backend import open_stores
from legalassist.index.catalog import Catalog
from legalassist.index.keyword import HEAD_CHARS, DocumentEntry, KeywordDoc
from legalassist.index.lock import WriterLock
from legalassist.ingest.chunker import embedding_input, index_text
from legalassist.progress import PAUSED, NullProgress, Progress
from legalassist.scheduler import scheduler

if TYPE_CHECKING:
    from legalassist.ingest.prepare import Preparer

log = logging.getLogger(__name__)
COMPACT_SHARE = 0.2  # merge the keyword index when removed passages are this share of it
# An import commits the keyword index after this many passages or seconds, whichever comes first:
# documents become searchable within seconds, without one commit (and merge) per document.
FLUSH_PASSAGES = 5000
FLUSH_SECONDS = 3.0
SUPPORTED_SUFFIXES = {".pdf", ".txt"}
EMBED_DIM = 384  # all-MiniLM-L6-v2; checked against the model when it loads


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def resolved(path: Path) -> Path | None:
    """The real path of ``path``, or None when it is a symlink loop (or otherwise cannot be resolved)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: "Symlink loop from ..." (Python 3.11)
        return None


def _hash(path: Path, hashes: dict[Path, str]) -> str:
    """The file's SHA-256, read once per import."""
    if path not in hashes:
        hashes[path] = file_sha256(path)
    return hashes[path]


def _total_size(files: Sequence[Path]) -> int:
    total = 0
    for f in files:
        try:
            total += f.stat().st_size
        except OSError:
            pass  # reported when its turn comes
    return total


def _unchanged(existing: Document, sha: str) -> bool:
    return existing.sha256 == sha and existing.status in ("indexed", "embedded")


def _loop(path: Path) -> ImportResult:
    return ImportResult(str(path), "failed", f"{path}: a symbolic link that loops back on itself; skipped.")


def _pages_phrase(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> "pages 1-3, 7"; [4] -> "page 4"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs]
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(parts)


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[ImportResult]]:
    """Files to import from files and folders (recursively, PDFs only; symlinked folders are not
    followed, so a link back up the tree cannot loop), plus results for bad paths."""
    files: list[Path] = []
    problems: list[ImportResult] = []
    seen: set[Path] = set()

    def consider(candidate: Path) -> None:
        real = resolved(candidate)
        if real is None:
            problems.append(_loop(candidate))
        elif real not in seen:
            seen.add(real)
            files.append(candidate)

    for raw in paths:
        path = Path(raw)
        if path.is_symlink() and resolved(path) is None:
            consider(path)
        elif not path.exists():
            problems.append(ImportResult(str(path), "failed", f"{path}: no such file or folder."))
        elif path.is_dir():
            for root, dirs, names in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(names):
                    candidate = Path(root) / name
                    if candidate.suffix.lower() in SUPPORTED_SUFFIXES:
                        consider(candidate)
        else:
            consider(path)
    return files, problems


class Library:
    """One library folder: catalog.sqlite, keyword/ (Whoosh), vectors/ and library.json."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = settings.library_dir
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(
                f"Cannot create the library folder {self.root} ({exc}). Choose another with --library."
            ) from exc
        self.catalog = Catalog(self.root / "catalog.sqlite")
        try:
            self.keyword, self.vectors = open_stores(settings, self.root, EMBED_DIM)
        except BaseException:
            self.catalog.close()
            raise
        self.lock = WriterLock(self.root / "writer.lock")
        self._embedder: Any = None
        self._judge_embedder: Any = None
        self._llm: Any = None
        self._history: Any = None
        self._model_lock = threading.Lock()
        self._keyword_unflushed: list[int] = []  # documents added to the keyword index, not yet committed
        self._keyword_flushed = time.monotonic()
        stale_vectors = self.vectors.is_new and self.catalog.has_vector_rows()
        if self.catalog.known_as_is_new:  # a catalog from before popular names were kept per document
            from legalassist.citations.popular_names import popular_name

            self.catalog.fill_known_as(popular_name)
        if self.catalog.is_new:
            self.catalog.citation_shapes = CITATION_SHAPES
        stale_citations = self.catalog.citations_are_new or self.catalog.citation_shapes < CITATION_SHAPES
        if self.keyword.outdated or self.keyword.docs_index_is_new or stale_citations or stale_vectors:
            self._upgrade()

    def _upgrade(self) -> None:
        """Bring indexes written by an older version up to date now, unless another process is writing."""
        try:
            with self.lock:
                if self.vectors.is_new and self.catalog.has_vector_rows():
                    # Indexes started afresh (a library moved onto a PostgreSQL server, a deleted vectors
                    # folder): the catalog's vector rows point nowhere, so its passages are embedded again.
                    self._forget_vectors()
                self.recover()
        except LibraryLocked:
            pass  # the writer upgrades them; meanwhile phrase and document searches see less

    def close(self) -> None:
        self.keyword.close()
        self.vectors.close()
        self.catalog.close()
        if self._history is not None:
            self._history.close()
        self.lock.release()

    @property
    def history(self) -> Any:
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
    def embedder(self) -> Any:
        with self._model_lock:
            if self._embedder is None:
                from legalassist.generate.embedder import Embedder

                self._embedder = Embedder(
                    self.settings.embed_model_path, self.settings.threads, self.settings.adaptive_threads
                )
                self._check_embedder(self._embedder)
            return self._embedder

    @property
    def judge_embedder(self) -> Any:
        """The embedder the answer checks compare sentences with (claims against passages, a question against
        its passages, extractive sentence choice): all-MiniLM-L6-v2, whose cosines their thresholds were
        chosen on. The same object as ``embedder`` when that is the model in use."""
        judge = self.settings.judge_embed_model_path
        if judge == self.settings.embed_model_path:
            return self.embedder
        with self._model_lock:
            if self._judge_embedder is None:
                from legalassist.generate.embedder import Embedder

                self._judge_embedder = Embedder(judge, self.settings.threads, self.settings.adaptive_threads)
            return self._judge_embedder

    def _check_embedder(self, embedder: Any) -> None:
        """Vectors from different embedding models must never share an index."""
        if embedder.dim != EMBED_DIM:
            raise LibraryError(
                f"{embedder.model_path} makes {embedder.dim}-dimension vectors; this library needs {EMBED_DIM}."
            )
        meta_path = self.root / "library.json"
        meta = self._meta()
        fingerprint = embedder.fingerprint()
        if meta.get("embedder") not in (None, fingerprint):
            self.lock.acquire()
            self._forget_vectors()
        if meta.get("embedder") != fingerprint:
            meta["embedder"] = fingerprint
            tmp = meta_path.with_suffix(".tmp")
            tmp.write_text(json.dumps(meta))
            tmp.replace(meta_path)

    def _meta(self) -> dict[str, Any]:
        """library.json: which embedding model made the library's vectors."""
        meta_path = self.root / "library.json"
        return json.loads(meta_path.read_text()) if meta_path.exists() else {}

    def vectors_stale(self) -> bool:
        """Whether the library's vectors were made by another embedding model than the one configured (the
        next ``embed_pending`` embeds every passage again). Reads the model's first megabyte, not the model."""
        from legalassist.generate.embedder import model_fingerprint

        recorded = self._meta().get("embedder")
        model = self.settings.embed_model_path
        return recorded is not None and model.is_file() and recorded != model_fingerprint(model)

    def _forget_vectors(self) -> None:
        """Drop every vector; the passages are embedded again by the next ``embed_pending`` (writer only)."""
        self.vectors.reset()
        with self.catalog.transaction():
            self.catalog.clear_vector_rows()
            for doc in self.catalog.documents("embedded"):
                self.catalog.set_status(doc.id, "indexed")

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings for this library's next search and answer: a changed chat model, adapter,
        thread count or context size is loaded afresh on next use. (The library folder and the
        embedding model are fixed for an open library: open another Library for those.)"""
        chat_fields = (
            "chat_model",
            "chat_lora",
            "answer_mode",
            "threads",
            "adaptive_threads",
            "context_size",
            "models_dir",
        )
        with self._model_lock:
            if any(getattr(settings, f) != getattr(self.settings, f) for f in chat_fields):
                self._llm = None
            self.settings = settings

    @property
    def llm(self) -> Any:
        with self._model_lock:
            if self._llm is None:
                from legalassist.generate.llm import LocalLLM

                self._llm = LocalLLM(
                    self.settings.chat_model_path,
                    self.settings.threads,
                    self.settings.context_size,
                    self.settings.lora_path,
                    self.settings.adaptive_threads,
                )
            return self._llm

    def warm_up(self) -> None:
        """Load the models and run each once (a desktop window does this right after it opens), so the first
        question pays for neither. Background work: a question asked meanwhile goes first."""
        self.embedder.embed(["legalassist"])
        if self.judge_embedder is not self.embedder:
            self.judge_embedder.embed(["legalassist"])
        if self.settings.answer_mode != "extractive":
            from legalassist.generate.prompt import prompt_start

            self.llm.prime(prompt_start())

    # -- reading ------------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        return [d for d in self.catalog.documents() if d.status != "removing"]

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
            parallel = self.settings.import_workers > 0 and _total_size(files) >= PARALLEL_BYTES
            workers = self.settings.import_workers if parallel else 0
            with Preparer(self.settings.ocr_language, self.settings.chunk_chars, workers) as preparer:
                for i, path in enumerate(files):
                    if progress.cancelled:
                        results.append(ImportResult(str(path), "skipped", "import cancelled"))
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
            self._flush_keyword()
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
            sha = _hash(path, hashes)
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
            return _loop(path)
        if path.is_symlink() and not path.exists():
            return ImportResult(str(path), "failed", f"{path}: a symbolic link to {real}, which does not exist.")
        key = str(real)
        try:
            sha = _hash(path, hashes)
        except OSError as exc:
            return self._record_failure(key, "", 0, f"{path}: cannot be read ({exc.strerror or exc}).")
        size = path.stat().st_size
        existing = self.catalog.document_by_path(key)
        if existing is not None:
            if _unchanged(existing, sha):
                return ImportResult(key, "unchanged", "already in the library", existing.pages, doc_id=existing.id)
            self._remove_indexes([existing.id])  # changed (or previously failed): index it afresh
        for twin in self.catalog.documents_by_hash(sha):
            if twin.path == key or twin.status == "failed":
                continue
            if not Path(twin.path).exists():
                self.catalog.set_path(twin.id, key)
                return ImportResult(key, "moved", f"moved from {twin.path}; index kept", twin.pages, doc_id=twin.id)
            return ImportResult(
                key, "duplicate", f"same content as {twin.path}; not indexed twice", twin.pages, doc_id=twin.id
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
            self.catalog.set_status(doc_id, "failed", message)
        return ImportResult(key, "failed", message, doc_id=doc_id)

    def _index_new(self, path: Path, key: str, sha: str, size: int, preparer: Preparer) -> ImportResult:
        from legalassist.ingest.pdf import OCR_NOTE

        prepared = preparer.take(path)
        rows = [c.row() for c in prepared.cuts]
        with self.catalog.transaction():
            doc_id = self.catalog.add_document(key, sha, size, prepared.meta, len(prepared.pages))
            self.catalog.add_pages(doc_id, prepared.pages)
            self.catalog.add_passages(doc_id, rows)
            self.catalog.set_citations(doc_id, prepared.citations, prepared.targets)
        self._keyword_index(doc_id)
        notes = [prepared.warning] if prepared.warning else []
        page_notes = self.catalog.page_notes(doc_id)
        ocr = [n for n, note in page_notes if note == OCR_NOTE]
        if ocr:
            notes.append(f"{_pages_phrase(ocr)} read by OCR (Tesseract)")
        notes += [f"page {n}: {note}" for n, note in page_notes if note != OCR_NOTE]
        message = "; ".join(notes[:3]) + (f"; and {len(notes) - 3} more" if len(notes) > 3 else "")
        return ImportResult(key, "imported", message, len(prepared.pages), len(rows), doc_id)

    def _document_entry(self, doc: Document) -> DocumentEntry:
        head = self.catalog.page_text(doc.id, 1) or ""
        if len(head) < HEAD_CHARS and doc.pages > 1:
            head += "\n" + (self.catalog.page_text(doc.id, 2) or "")
        stem = displayable(Path(doc.path).stem)
        return DocumentEntry(doc.id, doc.header() + "\n" + stem.replace("_", " "), head)

    def _keyword_index(self, doc_id: int) -> None:
        """Add a document to the keyword index; it is searchable, and marked so, once committed
        (``_flush_keyword``): a few documents at a time during an import, at once otherwise."""
        doc = self.catalog.document(doc_id)
        assert doc is not None
        self.keyword.add_documents([self._document_entry(doc)])
        self._keyword_passages(doc)
        self._keyword_unflushed.append(doc_id)
        now = time.monotonic()
        if self.keyword.pending() >= FLUSH_PASSAGES or now - self._keyword_flushed >= FLUSH_SECONDS:
            self._flush_keyword()

    def _flush_keyword(self) -> None:
        """Commit the keyword index; only then are its new documents marked searchable ("indexed"), so
        a crash before the commit leaves them "extracted", for ``recover`` to index again."""
        self.keyword.flush()
        self._keyword_flushed = time.monotonic()
        done, self._keyword_unflushed = self._keyword_unflushed, []
        if done:
            with self.catalog.transaction():
                self.catalog.mark_indexed(done)

    def _keyword_passages(self, doc: Document) -> None:
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

    def embed_pending(self, progress: Progress | None = None, batch: int = 64) -> int:
        """Embed every passage that has no vector yet. Returns how many were embedded."""
        progress = progress or NullProgress()
        if self.vectors_stale():
            _ = self.embedder  # loading it drops the other model's vectors: every passage is pending again
        pending = self.catalog.documents("indexed")
        if not pending:
            return 0
        embedder = self.embedder
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
            self.catalog.set_status(doc.id, "embedded")
        progress.finish()
        return done

    def recover(self) -> None:
        """Bring the indexes back in line with the catalog after an interrupted run (writer only)."""
        self.vectors.trim()
        # A removal cut short: finish it.
        self._remove_indexes([d.id for d in self.catalog.documents("removing")])
        if self.catalog.citations_are_new or self.catalog.citation_shapes < CITATION_SHAPES:
            # A library made before citations were extracted, or by an extractor that found fewer shapes.
            self._rescan_citations()
            self.catalog.citations_are_new = False
        if self.keyword.outdated:
            self.keyword.rebuild()
            for doc in self.catalog.documents():
                if doc.status in ("indexed", "embedded"):
                    self._keyword_passages(doc)
                    if self.keyword.pending() >= FLUSH_PASSAGES:
                        self.keyword.flush()
            self.keyword.flush()
            self.keyword.mark_current()
        if self.keyword.docs_index_is_new:
            # A library made before the document index existed: build it from the catalog.
            live = [d for d in self.catalog.documents() if d.status in ("indexed", "embedded")]
            self.keyword.add_documents(self._document_entry(d) for d in live)
            self.keyword.flush()
            self.keyword.docs_index_is_new = False
        for doc in self.catalog.documents("extracted"):
            self._keyword_index(doc.id)
        self._flush_keyword()
        known = {pid for pid, _ in self.catalog.vector_rows()}
        orphans = self.vectors.live_ids() - known
        if orphans:
            self.vectors.remove(sorted(orphans))

    def _rescan_citations(self) -> None:
        """Find every document's citations with the current extractor (``SHAPES``); a document whose citations
        changed has its passages' cites: field written again."""
        from legalassist.citations.graph import scan

        changed = []
        live = [d for d in self.catalog.documents() if d.status in ("indexed", "embedded")]
        for doc in live:
            before = sorted((r.page, r.start, r.end, r.key) for r, _ in self.catalog.citations_of(doc.id))
            with self.catalog.transaction():
                found = scan(self.catalog, doc)
            if before != sorted((c.page, c.start, c.end, c.key) for c in found):
                changed.append(doc)
        for doc in changed:
            self._keyword_passages(doc)
        self.keyword.flush()
        self.catalog.citation_shapes = CITATION_SHAPES
        log.info("citations found again in %d documents; %d changed", len(live), len(changed))

    def edit_metadata(self, doc_id: int, **fields: str) -> Document:
        """Correct a document's title, type, court, date, reporter citation or popular name. The document is
        re-indexed at once (its header is in every passage's index entry) and re-embedded by the next
        ``embed_pending``; a crash in between is finished by ``recover``."""
        doc = self.catalog.document(doc_id)
        if doc is None or doc.status in ("failed", "removing"):
            raise LibraryError(f"No document {doc_id} to edit; `legalassist documents` lists them.")
        fields = {k: " ".join(v.split()) for k, v in fields.items()}
        if "doc_type" in fields and fields["doc_type"] not in DOC_TYPES:
            raise LibraryError(f"Unknown document type {fields['doc_type']!r}; use one of {', '.join(DOC_TYPES)}.")
        if fields.get("date") and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", fields["date"]):
            raise LibraryError(f"Date {fields['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD.")
        if "title" in fields and not fields["title"]:
            raise LibraryError("A document needs a title.")
        with self.lock:
            pids = self.catalog.passage_ids_of(doc_id)
            with self.catalog.transaction():
                self.catalog.set_metadata(doc_id, fields)
            self.vectors.remove(pids)  # the catalog no longer points at them
            self._keyword_index(doc_id)  # replaces its entries (keyed by id)
            self._flush_keyword()
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
            for d in self.documents()
            if (Path(d.path).is_relative_to(root) or Path(d.path).is_relative_to(folder)) and not Path(d.path).exists()
        ]
        if gone:
            with self.lock:
                self._remove_indexes([d.id for d in gone])
                self._compact_if_needed()
        results += [ImportResult(d.path, "removed", "no longer in the watched folder", doc_id=d.id) for d in gone]
        return results

    def remove(self, doc_id: int) -> None:
        """Remove a document from the library (the file on disk is never touched)."""
        with self.lock:
            self._remove_indexes([doc_id])
            self._compact_if_needed()

    def _remove_indexes(self, doc_ids: Sequence[int]) -> None:
        for doc_id in doc_ids:
            # Marked first, so that a crash part-way through is finished by recover(), not left half-done.
            self.catalog.set_status(doc_id, "removing")
            pids = self.catalog.passage_ids_of(doc_id)
            self.keyword.delete_documents([doc_id])
            self.vectors.remove(pids)
            with self.catalog.transaction():
                self.catalog.remove_document(doc_id)

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

    def repair(self) -> None:
        """Bring the indexes back in line with the catalog and compact the keyword index: removed passages
        leave their BM25 statistics, and a compacted index scores as a clean build does (writer only)."""
        with self.lock:
            self.recover()
            self.keyword.compact()

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
            return HybridSearch(self).search(query, k or self.settings.search_k, mode)

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

            answer = extract(self, question, hits, on_token=on_token)
        else:
            answer = answer_question(self, question, hits, on_token=on_token, cancelled=cancelled)
        answer.timings["retrieval"] = retrieved - started
        if not cancelled():
            try:
                self.history.record(answer)
            except sqlite3.Error as exc:  # the history must never cost the user an answer
                log.warning("could not record the answer in %s: %s", self.root / "history.sqlite", exc)
        return answer
