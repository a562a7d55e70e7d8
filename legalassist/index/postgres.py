"""A firm's shared library: passages, keyword postings and vectors in PostgreSQL.

The same two stores as the embedded default (`legalassist.index.backend`), on a PostgreSQL server with
pgvector:

- matching (terms, phrases, roots, proximity, boolean, filters) is PostgreSQL's full-text search over
  ``tsvector`` columns with GIN indexes; the tsvectors hold the tokens of the app's own analyzers (the
  same stemming and positions as the Whoosh index), so a query means the same on both stores;
- ranking is BM25F over a postings table (field, term, passage, weight, field length), with Whoosh's
  formula and parameters, so natural-language questions rank as they do on the laptop;
- vectors are a pgvector column with an HNSW index; searches inside an allowed set (a document, a
  filter's matches) are exact.

One library lives in one PostgreSQL schema (``postgres_schema``); the catalog stays in the library
folder. psycopg is imported only here, and only when a library is configured for PostgreSQL.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from legalassist.errors import LibraryError

EF_SEARCH = 200  # HNSW candidates per search: recall ≈ exact at the few hundred results fusion asks for
_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value bigint NOT NULL);
INSERT INTO meta VALUES ('generation', 0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS passages (
    pid bigint PRIMARY KEY, doc_id bigint NOT NULL,
    body tsvector NOT NULL, exact tsvector NOT NULL, title tsvector NOT NULL,
    breadcrumb tsvector NOT NULL, court tsvector NOT NULL,
    doc_type text NOT NULL, date text NOT NULL, cites text[] NOT NULL);
CREATE INDEX IF NOT EXISTS passages_doc ON passages (doc_id);
CREATE INDEX IF NOT EXISTS passages_body ON passages USING gin (body);
CREATE INDEX IF NOT EXISTS passages_exact ON passages USING gin (exact);
CREATE INDEX IF NOT EXISTS passages_title ON passages USING gin (title);
CREATE INDEX IF NOT EXISTS passages_cites ON passages USING gin (cites);
CREATE TABLE IF NOT EXISTS postings (
    field smallint NOT NULL, term text NOT NULL, pid bigint NOT NULL, doc_id bigint NOT NULL,
    weight real NOT NULL, length integer NOT NULL, PRIMARY KEY (field, term, pid));
CREATE INDEX IF NOT EXISTS postings_doc ON postings (doc_id);
CREATE TABLE IF NOT EXISTS field_totals (field smallint PRIMARY KEY, tokens bigint NOT NULL);
CREATE TABLE IF NOT EXISTS documents (doc_id bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS doc_postings (
    field smallint NOT NULL, term text NOT NULL, doc_id bigint NOT NULL,
    weight real NOT NULL, length integer NOT NULL, PRIMARY KEY (field, term, doc_id));
CREATE INDEX IF NOT EXISTS doc_postings_doc ON doc_postings (doc_id);
CREATE TABLE IF NOT EXISTS vectors (
    pid bigint PRIMARY KEY, row_no bigserial UNIQUE, embedding vector({dim}) NOT NULL);
CREATE INDEX IF NOT EXISTS vectors_hnsw ON vectors USING hnsw (embedding vector_ip_ops);
"""


class Connection:
    """One psycopg connection to one library's schema, used by one store under a lock."""

    def __init__(self, url: str, schema: str) -> None:
        import psycopg

        if not _SCHEMA_NAME.fullmatch(schema):
            raise LibraryError(f"postgres_schema {schema!r} must be lower-case letters, digits and _ (a-z first).")
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise LibraryError(
                f"Cannot reach the PostgreSQL library index at {_redacted(url)}: {' '.join(str(exc).split())}. "
                "Check postgres_url in the settings, and that the server is running."
            ) from exc
        self.schema = schema
        self.lock = threading.RLock()

    def prepare(self, dim: int) -> bool:
        """Create the schema and tables if missing; True when the schema was created now."""
        import psycopg

        with self.lock, self.conn.transaction():
            new = self.conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [self.schema]).fetchone() is None
            try:
                self.conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
            except psycopg.Error as exc:
                raise LibraryError(
                    f"The PostgreSQL server lacks pgvector ({exc}). Install it there "
                    "(https://github.com/pgvector/pgvector), or ask its administrator to run CREATE EXTENSION vector."
                ) from exc
            self.conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            self.conn.execute(f'SET search_path TO "{self.schema}", public')
            self.conn.execute(_DDL.replace("{dim}", str(int(dim))))
        self.conn.execute(f"SET hnsw.ef_search = {EF_SEARCH}")
        return new

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A transaction that also advances the library's generation (readers' cached statistics)."""
        with self.lock, self.conn.transaction():
            self.conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
            yield self.conn

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def connect(url: str | None, schema: str) -> Connection:
    if not url:
        raise LibraryError(
            "index_backend is postgres but postgres_url is not set; set it, e.g. "
            "postgresql://user@dbhost/library, or set index_backend back to embedded."
        )
    return Connection(url, schema)


def _redacted(url: str) -> str:
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", url)


# -- the vector store ----------------------------------------------------------------------------


class PostgresVectorIndex:
    """The vector store on PostgreSQL: a pgvector column, HNSW for the whole library, exact within an
    allowed set."""

    def __init__(self, db: Connection, dim: int) -> None:
        self.db = db
        self.dim = dim
        db.prepare(dim)
        self.is_new = int(db.rows("SELECT count(*) FROM vectors")[0][0]) == 0

    def close(self) -> None:
        self.db.close()

    def __len__(self) -> int:
        return int(self.db.rows("SELECT count(*) FROM vectors")[0][0])

    def trim(self) -> None:
        """Nothing to trim: rows land whole or not at all (transactions)."""

    @staticmethod
    def _text(vector: np.ndarray) -> str:
        return "[" + ",".join(repr(float(x)) for x in vector) + "]"

    def append(self, ids: Sequence[int], vectors: np.ndarray) -> list[int]:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim or len(ids) != vectors.shape[0]:
            raise ValueError(f"expected {len(ids)} vectors of {self.dim} dims, got {vectors.shape}")
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM vectors WHERE pid = ANY(%s)", [list(ids)])
            with conn.cursor().copy("COPY vectors (pid, embedding) FROM STDIN") as copy:
                for pid, vec in zip(ids, vectors, strict=True):
                    copy.write_row((int(pid), self._text(vec)))
            rows = dict(conn.execute("SELECT pid, row_no FROM vectors WHERE pid = ANY(%s)", [list(ids)]).fetchall())
        return [int(rows[int(pid)]) for pid in ids]

    def remove(self, ids: Sequence[int]) -> None:
        if ids:
            with self.db.transaction() as conn:
                conn.execute("DELETE FROM vectors WHERE pid = ANY(%s)", [list(ids)])

    def rows_not_matching(self, rows: dict[int, int]) -> int:
        stored = dict(self.db.rows("SELECT pid, row_no FROM vectors"))
        return sum(1 for pid, row in rows.items() if stored.get(pid) != row)

    def live_ids(self) -> set[int]:
        return {int(r[0]) for r in self.db.rows("SELECT pid FROM vectors")}

    def search(self, query: np.ndarray, limit: int, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        """Top ``limit`` (passage id, cosine) for a unit-length query vector."""
        q = self._text(np.asarray(query, dtype=np.float32))
        if allowed is not None:
            if not allowed:
                return []
            # Ordered by a computed score, not the operator: exact, so nothing allowed is missed.
            rows = self.db.rows(
                "SELECT pid, score FROM (SELECT pid, -(embedding <#> %s::vector) AS score FROM vectors "
                "WHERE pid = ANY(%s)) s ORDER BY score DESC, pid LIMIT %s",
                [q, sorted(allowed), limit],
            )
        else:
            rows = self.db.rows(
                "SELECT pid, -(embedding <#> %s::vector) FROM vectors ORDER BY embedding <#> %s::vector LIMIT %s",
                [q, q, limit],
            )
        return [(int(pid), float(score)) for pid, score in rows]

    def vectors_of(self, ids: Sequence[int]) -> dict[int, np.ndarray]:
        rows = self.db.rows("SELECT pid, embedding::real[] FROM vectors WHERE pid = ANY(%s)", [list(ids)])
        return {int(pid): np.asarray(vec, dtype=np.float32) for pid, vec in rows}

    def reset(self) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM vectors")
