"""The catalog: one SQLite file with documents, pages (text and word boxes) and passages.

The catalog is the source of truth; the keyword and vector indexes are rebuilt from it when they
disagree. Each document moves through statuses: extracted -> indexed -> embedded (or failed).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from legalassist.domain import Continuation, DocType, Document, Page, Passage, WordBox, displayable
from legalassist.index.citation_tables import CitationTables

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL DEFAULT '',
    doc_type TEXT NOT NULL DEFAULT 'other',
    court TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    citation TEXT NOT NULL DEFAULT '',
    known_as TEXT NOT NULL DEFAULT '',
    sources TEXT NOT NULL DEFAULT '{}',
    pages INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'new',
    error TEXT NOT NULL DEFAULT '',
    added_at REAL NOT NULL,
    reader INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS pages (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    words BLOB,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (doc_id, number)
);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    breadcrumb TEXT NOT NULL DEFAULT '',
    vector_row INTEGER,
    -- A passage whose last sentence runs over the page break: where that sentence ends on the next page.
    next_page INTEGER,
    next_start INTEGER,
    next_end INTEGER,
    next_text TEXT
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id);
-- Citations found in a document's text, and the targets that link them to library documents.
CREATE TABLE IF NOT EXISTS citations (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    key TEXT NOT NULL,
    pin TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    treatment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS citations_doc ON citations(doc_id, page);
CREATE TABLE IF NOT EXISTS citation_targets (
    citation_id INTEGER NOT NULL REFERENCES citations(id) ON DELETE CASCADE,
    target TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS citation_targets_target ON citation_targets(target);
CREATE INDEX IF NOT EXISTS citation_targets_citation ON citation_targets(citation_id);
-- What each document can be cited as: "9 U.S.C. § 2", "596 U.S. 528", "name:kemp v united", "docket:16-405".
CREATE TABLE IF NOT EXISTS authorities (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    target TEXT NOT NULL,
    PRIMARY KEY (doc_id, target)
);
CREATE INDEX IF NOT EXISTS authorities_target ON authorities(target);
-- The migrations run on this catalog (legalassist.index.migrations), a log.
CREATE TABLE IF NOT EXISTS migrations (name TEXT NOT NULL, detail TEXT NOT NULL, applied TEXT NOT NULL);
"""

_DOC_COLUMNS = "id, path, sha256, title, pages, status, error, doc_type, court, date, citation, size, known_as, sources"
_PASSAGE_COLUMNS = "id, doc_id, page, start, end, text, breadcrumb, next_page, next_start, next_end, next_text"
# Word boxes are stored compactly: int32 start/end then float32 x0, y0, x1, y1 per word.
_WORD_DTYPE = np.dtype([("s", "<i4"), ("e", "<i4"), ("x0", "<f4"), ("y0", "<f4"), ("x1", "<f4"), ("y1", "<f4")])


def _db_path(path: str) -> str | bytes:
    """A path as stored: text, or, for a file name that is not valid UTF-8 (possible on Linux), its raw
    bytes (SQLite keeps a BLOB in any column; it compares and stays unique like text)."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path)


def _passage(row: Sequence[Any]) -> Passage:
    continued = Continuation(row[7], row[8], row[9], row[10]) if row[7] is not None else None
    return Passage(row[0], row[1], row[2], row[3], row[4], row[5], row[6], continued)


def _pack_words(words: Sequence[WordBox]) -> bytes:
    arr = np.empty(len(words), dtype=_WORD_DTYPE)
    for i, w in enumerate(words):
        arr[i] = (w.start, w.end, w.x0, w.y0, w.x1, w.y1)
    return arr.tobytes()


def _unpack_words(blob: bytes | None) -> list[WordBox]:
    if not blob:
        return []
    arr = np.frombuffer(blob, dtype=_WORD_DTYPE)
    return [
        WordBox(int(r["s"]), int(r["e"]), float(r["x0"]), float(r["y0"]), float(r["x1"]), float(r["y1"])) for r in arr
    ]


class Catalog(CitationTables):
    is_new: bool  # created by this opening
    citations_are_new: bool  # written before citations were extracted

    def __init__(self, path: Path) -> None:
        self.path = path
        # check_same_thread=False: the GUI reads from worker threads; SQLite serialises access itself.
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        self._db.executescript(_SCHEMA)
        # A catalog written before citations were extracted: its documents are scanned (index.migrations).
        self.citations_are_new = "documents" in tables and "citations" not in tables
        self.is_new = "documents" not in tables
        from legalassist.index.migrations import migrate_schema

        migrate_schema(self)  # a catalog an older version wrote gains the columns this one reads

    # -- the catalog's own shape (legalassist.index.migrations changes it) ------------------------
    def columns(self, table: str) -> set[str]:
        return {r[1] for r in self._db.execute(f"PRAGMA table_info({table})")}

    def add_column(self, table: str, column: str) -> None:
        """``column`` is its definition: "known_as TEXT NOT NULL DEFAULT ''"."""
        self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")

    def has_documents(self) -> bool:
        return self._db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None

    def record_migration(self, name: str, detail: str = "") -> None:
        self._db.execute(
            "INSERT INTO migrations (name, detail, applied) VALUES (?, ?, ?)",
            (name, detail, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
        )

    def migrations(self) -> list[tuple[str, str, str]]:
        """Every migration run on this catalog, oldest first: (name, detail, UTC time)."""
        return [tuple(r) for r in self._db.execute("SELECT name, detail, applied FROM migrations ORDER BY rowid")]

    @property
    def citation_shapes(self) -> int:
        """The version of the citation extractor this catalog's citations were found with (SQLite's user_version)."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    @citation_shapes.setter
    def citation_shapes(self, version: int) -> None:
        self._db.execute(f"PRAGMA user_version={int(version)}")

    def fill_known_as(self, name_of: Callable[[str], str]) -> None:
        """Give each statute the popular name ``name_of`` finds for its citation."""
        rows = self._db.execute("SELECT id, citation FROM documents WHERE doc_type='statute'").fetchall()
        for doc_id, citation in rows:
            name = name_of(citation)
            if name:
                self._db.execute("UPDATE documents SET known_as=? WHERE id=?", (name, doc_id))

    def close(self) -> None:
        self._db.close()

    # -- transactions -------------------------------------------------------------------------
    def transaction(self) -> _Transaction:
        return _Transaction(self._db)

    # -- documents ----------------------------------------------------------------------------
    @staticmethod
    def _doc(row: Sequence) -> Document:
        path = row[1]
        try:
            sources = json.loads(row[-1] or "{}")
        except ValueError:
            sources = {}
        id_, _path, sha, title, pages, status, error, doc_type, court, date, citation, size, known_as = row[:-1]
        return Document(
            id_,
            os.fsdecode(path) if isinstance(path, bytes) else path,
            sha,
            title,
            pages,
            status,
            error,
            doc_type,
            court,
            date,
            citation,
            size,
            sources=sources,
            known_as=known_as,
        )

    def document(self, doc_id: int) -> Document | None:
        row = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id=?", (doc_id,)).fetchone()
        return self._doc(row) if row else None

    def document_by_path(self, path: str) -> Document | None:
        row = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE path=?", (_db_path(path),)).fetchone()
        return self._doc(row) if row else None

    def documents_by_hash(self, sha256: str) -> list[Document]:
        rows = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE sha256=?", (sha256,)).fetchall()
        return [self._doc(r) for r in rows]

    def documents(self, status: str | None = None) -> list[Document]:
        sql = f"SELECT {_DOC_COLUMNS} FROM documents"
        rows = self._db.execute(
            sql + " WHERE status=? ORDER BY id" if status else sql + " ORDER BY id", (status,) if status else ()
        ).fetchall()
        return [self._doc(r) for r in rows]

    def add_document(self, path: str, sha256: str, size: int, meta: dict[str, str], pages: int) -> int:
        cur = self._db.execute(
            "INSERT INTO documents (path, sha256, size, title, doc_type, court, date, citation, known_as, sources,"
            " pages, status, added_at, reader) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'extracted', ?, ?)",
            (
                _db_path(path),
                sha256,
                size,
                displayable(meta.get("title", "")),
                meta.get("doc_type", DocType.OTHER),
                displayable(meta.get("court", "")),
                meta.get("date", ""),
                displayable(meta.get("citation", "")),
                displayable(meta.get("known_as", "")),
                meta.get("sources", "{}"),
                pages,
                time.time(),
                int(meta.get("reader", 0)),
            ),
        )
        return int(cur.lastrowid or 0)

    def set_status(self, doc_id: int, status: str, error: str = "") -> None:
        self._db.execute("UPDATE documents SET status=?, error=? WHERE id=?", (status, displayable(error), doc_id))

    def mark_indexed(self, doc_ids: Sequence[int]) -> None:
        """Documents now in the keyword index become "indexed", unless they failed or are being removed."""
        for start in range(0, len(doc_ids), 500):
            chunk = list(doc_ids[start : start + 500])
            self._db.execute(
                "UPDATE documents SET status='indexed', error='' WHERE status NOT IN ('failed', 'removing')"
                f" AND id IN ({','.join('?' * len(chunk))})",
                chunk,
            )

    def set_metadata(self, doc_id: int, fields: dict[str, str]) -> None:
        """Replace some of a document's metadata (title, doc_type, court, date, citation, known_as) and mark
        it for re-indexing: its header is part of every passage's index entry and vector."""
        allowed = {"title", "doc_type", "court", "date", "citation", "known_as"}
        if not set(fields) <= allowed:
            raise ValueError(f"not editable: {sorted(set(fields) - allowed)}")
        self._rewrite_fields(doc_id, fields, {k: {"from": "you", "confidence": 1.0} for k in fields})

    def set_read_fields(self, doc_id: int, fields: dict[str, str], read_from: dict[str, dict[str, object]]) -> None:
        """Replace fields the app read (not ones the user gave) with ones read again by a newer reader, and
        mark the document for re-indexing like ``set_metadata``."""
        self._rewrite_fields(doc_id, fields, read_from)

    def read_before(self, reader: int) -> set[int]:
        """The documents in the library (not failed or being removed) whose fields an older metadata reader
        than ``reader`` read."""
        sql = "SELECT id FROM documents WHERE reader < ? AND status NOT IN ('failed', 'removing')"
        return {r[0] for r in self._db.execute(sql, (reader,))}

    def mark_read(self, reader: int) -> None:
        self._db.execute("UPDATE documents SET reader=? WHERE reader < ?", (reader, reader))

    def _rewrite_fields(self, doc_id: int, fields: dict[str, str], read_from: dict[str, dict[str, object]]) -> None:
        """Write ``fields`` and where each was read, and mark the document for re-indexing and re-embedding."""
        sets = ", ".join(f"{k}=?" for k in fields)
        values = [displayable(v) for v in fields.values()]
        row = self._db.execute("SELECT sources FROM documents WHERE id=?", (doc_id,)).fetchone()
        try:
            sources = json.loads(row[0]) if row else {}
        except ValueError:
            sources = {}
        sources.update(read_from)
        self._db.execute(
            f"UPDATE documents SET {sets}, sources=?, status='extracted' WHERE id=?",
            (*values, json.dumps(sources, sort_keys=True), doc_id),
        )
        self._db.execute("UPDATE passages SET vector_row=NULL WHERE doc_id=?", (doc_id,))

    def set_path(self, doc_id: int, path: str) -> None:
        self._db.execute("UPDATE documents SET path=? WHERE id=?", (_db_path(path), doc_id))

    def remove_document(self, doc_id: int) -> None:
        self._db.execute("DELETE FROM documents WHERE id=?", (doc_id,))

    # -- pages --------------------------------------------------------------------------------
    def add_pages(self, doc_id: int, pages: Iterable[Page]) -> None:
        self._db.executemany(
            "INSERT INTO pages (doc_id, number, text, words, note) VALUES (?, ?, ?, ?, ?)",
            ((doc_id, p.number, p.text, _pack_words(p.words), p.note) for p in pages),
        )

    def page(self, doc_id: int, number: int) -> Page | None:
        row = self._db.execute(
            "SELECT number, text, words, note FROM pages WHERE doc_id=? AND number=?", (doc_id, number)
        ).fetchone()
        return Page(row[0], row[1], _unpack_words(row[2]), row[3]) if row else None

    def page_text(self, doc_id: int, number: int) -> str | None:
        row = self._db.execute("SELECT text FROM pages WHERE doc_id=? AND number=?", (doc_id, number)).fetchone()
        return row[0] if row else None

    def page_texts(self, doc_id: int) -> list[tuple[int, str]]:
        return self._db.execute("SELECT number, text FROM pages WHERE doc_id=? ORDER BY number", (doc_id,)).fetchall()

    def page_notes(self, doc_id: int) -> list[tuple[int, str]]:
        return self._db.execute(
            "SELECT number, note FROM pages WHERE doc_id=? AND note != '' ORDER BY number", (doc_id,)
        ).fetchall()

    # -- passages -----------------------------------------------------------------------------
    def add_passages(
        self, doc_id: int, passages: Iterable[tuple[int, int, int, str, str, Continuation | None]]
    ) -> list[int]:
        ids = []
        for page, start, end, text, breadcrumb, cont in passages:
            after = (cont.page, cont.start, cont.end, cont.text) if cont else (None, None, None, None)
            cur = self._db.execute(
                "INSERT INTO passages (doc_id, page, start, end, text, breadcrumb,"
                " next_page, next_start, next_end, next_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, page, start, end, text, breadcrumb, *after),
            )
            ids.append(int(cur.lastrowid or 0))
        return ids

    def passages(self, ids: Sequence[int]) -> dict[int, Passage]:
        out: dict[int, Passage] = {}
        for chunk_start in range(0, len(ids), 500):
            chunk = list(ids[chunk_start : chunk_start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(f"SELECT {_PASSAGE_COLUMNS} FROM passages WHERE id IN ({marks})", chunk):
                out[row[0]] = _passage(row)
        return out

    def passages_of(self, doc_id: int) -> list[Passage]:
        rows = self._db.execute(f"SELECT {_PASSAGE_COLUMNS} FROM passages WHERE doc_id=? ORDER BY id", (doc_id,))
        return [_passage(r) for r in rows]

    def passage_ids_of(self, doc_id: int) -> list[int]:
        return [r[0] for r in self._db.execute("SELECT id FROM passages WHERE doc_id=?", (doc_id,))]

    def iter_passages_without_vectors(self, doc_id: int) -> Iterator[Passage]:
        rows = self._db.execute(
            f"SELECT {_PASSAGE_COLUMNS} FROM passages WHERE doc_id=? AND vector_row IS NULL ORDER BY id", (doc_id,)
        ).fetchall()
        return (_passage(r) for r in rows)

    def set_vector_rows(self, pairs: Iterable[tuple[int, int]]) -> None:
        self._db.executemany("UPDATE passages SET vector_row=? WHERE id=?", ((row, pid) for pid, row in pairs))

    def clear_vector_rows(self) -> None:
        self._db.execute("UPDATE passages SET vector_row=NULL")

    def has_vector_rows(self) -> bool:
        """Whether any passage is embedded."""
        return self._db.execute("SELECT 1 FROM passages WHERE vector_row IS NOT NULL LIMIT 1").fetchone() is not None

    def vector_row_count(self) -> int:
        """How many passages are embedded."""
        return int(self._db.execute("SELECT count(*) FROM passages WHERE vector_row IS NOT NULL").fetchone()[0])

    def vector_rows(self) -> list[tuple[int, int]]:
        """(passage id, vector row) for every embedded passage."""
        return self._db.execute("SELECT id, vector_row FROM passages WHERE vector_row IS NOT NULL").fetchall()

    def passage_at(self, doc_id: int, page: int, offset: int) -> int | None:
        """The passage holding a character of a page, or the nearest one before it."""
        row = self._db.execute(
            "SELECT id FROM passages WHERE doc_id=? AND page=? AND start<=? ORDER BY start DESC LIMIT 1",
            (doc_id, page, offset),
        ).fetchone()
        return int(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        docs = self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        passages = self._db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
        pages = self._db.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
        return {"documents": docs, "pages": pages, "passages": passages}


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self._db.execute("COMMIT" if exc_type is None else "ROLLBACK")
