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

import math
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from legalassist.errors import LibraryError
from legalassist.index.keyword import (
    HEAD_CHARS,
    NATURAL_FIELDS,
    TEXT_VERSION,
    DocumentEntry,
    KeywordDoc,
    _docs_schema,
    _schema,
)

K1, B = 1.2, 0.75  # Whoosh's BM25F defaults, as the embedded index uses
COMMON_TERM_SHARE = 0.5
EF_SEARCH = 200  # HNSW candidates per search: recall ≈ exact at the few hundred results fusion asks for
MAX_LEXEME_BYTES = 2046  # PostgreSQL's limit for one tsvector lexeme
MAX_POSITION = 16383  # and for a position
PASSAGE_FIELDS = {name: i for i, name in enumerate(NATURAL_FIELDS)}  # postings fields of passages
DOC_FIELDS = {"title": 0, "head": 1}
TEXT_COLUMNS = ("body", "exact", "title", "breadcrumb", "court")
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


# -- tsvector and tsquery text -------------------------------------------------------------------


def lexeme(term: str) -> str:
    """A term as a quoted tsvector/tsquery lexeme, taken verbatim (no parsing, no stemming)."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _fits(term: str) -> bool:
    return 0 < len(term.encode()) <= MAX_LEXEME_BYTES


def tsvector(analyzer: Any, text: str) -> tuple[str, dict[str, int]]:
    """The tsvector text of ``text`` under a Whoosh analyzer (its tokens and positions), and each
    term's frequency."""
    positions: dict[str, list[int]] = {}
    for tok in analyzer(text, positions=True):
        if _fits(tok.text):
            positions.setdefault(tok.text, []).append(min(tok.pos + 1, MAX_POSITION))
    body = " ".join(f"{lexeme(t)}:{','.join(map(str, ps[:256]))}" for t, ps in positions.items())
    return body, {t: len(ps) for t, ps in positions.items()}


def _span(q: Any) -> str:
    """A span query (the parser's proximity and phrase-in-proximity nodes) as tsquery text.

    "within N" is every distance from 1 to N (PostgreSQL's ``<N>`` is one exact distance), both ways
    round when the order is free: Whoosh's SpanNear2 with mindist 1, the same matches."""
    from whoosh import query as Q

    if isinstance(q, Q.Term):
        return lexeme(q.text)
    if isinstance(q, Q.SpanOr):
        return "(" + " | ".join(_span(s) for s in q.subqs) + ")"
    if isinstance(q, Q.SpanNear2):
        expr = _span(q.qs[0])
        for sub in q.qs[1:]:
            right = _span(sub)
            alts = [f"({expr}) <{d}> ({right})" for d in range(max(1, q.mindist), q.slop + 1)]
            if not q.ordered:
                alts += [f"({right}) <{d}> ({expr})" for d in range(max(1, q.mindist), q.slop + 1)]
            expr = " | ".join(alts)
        return expr
    raise LibraryError(f"the PostgreSQL index cannot run the span query {q!r}")


class _Where:
    """Translates the parser's query tree into a SQL condition over ``passages p``."""

    def __init__(self) -> None:
        self.params: list[Any] = []

    def param(self, value: Any) -> str:
        self.params.append(value)
        return "%s"

    def sql(self, q: Any) -> str:
        from whoosh import query as Q

        if q is None or isinstance(q, Q.Every):
            return "TRUE"
        if q is Q.NullQuery:
            return "FALSE"
        if isinstance(q, Q.AndNot):
            return f"({self.sql(q.a)} AND NOT {self.sql(q.b)})"
        if isinstance(q, Q.Not):
            return f"(NOT {self.sql(q.query)})"
        if isinstance(q, Q.And):
            return "(" + " AND ".join(self.sql(s) for s in q.subqueries) + ")"
        if isinstance(q, Q.Or) and not isinstance(q, Q.SpanOr):
            return "(" + " OR ".join(self.sql(s) for s in q.subqueries) + ")" if q.subqueries else "FALSE"
        if isinstance(q, Q.TermRange):
            if q.fieldname != "date":
                raise LibraryError(f"the PostgreSQL index has no range over {q.fieldname!r}")
            parts = ["p.date <> ''"]
            if q.start is not None:
                parts.append(f"p.date {'>' if q.startexcl else '>='} {self.param(q.start)}")
            if q.end is not None:
                parts.append(f"p.date {'<' if q.endexcl else '<='} {self.param(q.end)}")
            return "(" + " AND ".join(parts) + ")"
        if isinstance(q, (Q.SpanNear2, Q.SpanOr)):
            return f"p.body @@ {self.param(_span(q))}::tsquery"
        if isinstance(q, Q.Phrase):
            if q.fieldname not in TEXT_COLUMNS:
                raise LibraryError(f"no phrase search over {q.fieldname!r}")
            words = [w for w in q.words if _fits(w)]
            joiner = " <-> " if q.slop <= 1 else " & "  # the parser's phrases are exact (slop 1)
            text = joiner.join(lexeme(w) for w in words)
            return f"p.{q.fieldname} @@ {self.param(text)}::tsquery" if words else "FALSE"
        if isinstance(q, Q.Prefix):
            return f"p.{self._text_column(q.fieldname)} @@ {self.param(lexeme(q.text) + ':*')}::tsquery"
        if isinstance(q, Q.Term):
            name, value = q.fieldname, q.text
            if name in ("doc_id", "pid"):
                return f"p.{name} = {self.param(int(value))}"
            if name in ("doc_type", "date"):
                return f"p.{name} = {self.param(value)}"
            if name == "cites":
                return f"{self.param(value)} = ANY(p.cites)"
            if not _fits(value):
                return "FALSE"
            return f"p.{self._text_column(name)} @@ {self.param(lexeme(value))}::tsquery"
        raise LibraryError(f"the PostgreSQL index cannot run the query {q!r}")

    @staticmethod
    def _text_column(name: str) -> str:
        if name not in TEXT_COLUMNS:
            raise LibraryError(f"the PostgreSQL index has no text field {name!r}")
        return name


def _positive_terms(q: Any) -> list[tuple[str, str]]:
    """The (field, term) pairs a query scores by: its terms outside any NOT, as Whoosh scores them."""
    from whoosh import query as Q

    if q is None or isinstance(q, (Q.Not, Q.TermRange, Q.Every)):
        return []
    if isinstance(q, Q.AndNot):
        return _positive_terms(q.a)
    if isinstance(q, Q.Term):
        return [(q.fieldname, q.text)]
    if isinstance(q, Q.Phrase):
        return [(q.fieldname, w) for w in q.words]
    out = []
    for sub in q.children() if hasattr(q, "children") else []:
        out += _positive_terms(sub)
    return out


# -- the keyword store ---------------------------------------------------------------------------


class PostgresKeywordIndex:
    """The keyword store on PostgreSQL: the same interface and query meaning as ``KeywordIndex``."""

    def __init__(self, db: Connection, dim: int) -> None:
        self.db = db
        new = db.prepare(dim)  # a new schema is filled from the catalog
        self.docs_index_is_new = new
        if new:
            self.mark_current()
        rows = db.rows("SELECT value FROM meta WHERE key = 'text_version'")
        self.outdated = new or (int(rows[0][0]) if rows else 1) < TEXT_VERSION  # text indexed the old way
        schema = _schema()
        self._analyzers = {name: schema[name].analyzer for name in TEXT_COLUMNS}
        self._doc_analyzers = {name: _docs_schema()[name].analyzer for name in DOC_FIELDS}
        self._boosts = {name: schema[name].format.field_boost for name in NATURAL_FIELDS}
        self._doc_boosts = {name: _docs_schema()[name].format.field_boost for name in DOC_FIELDS}
        self._stats: tuple[int, Any] | None = None  # (generation, statistics)

    def close(self) -> None:
        self.db.close()

    # -- writing ------------------------------------------------------------------------------
    def add(self, docs: Iterable[KeywordDoc]) -> None:
        """Add or replace passages (keyed by pid) in one transaction."""
        rows: list[tuple[Any, ...]] = []
        postings: list[tuple[Any, ...]] = []
        tokens = dict.fromkeys(PASSAGE_FIELDS.values(), 0)  # field lengths added, for BM25F's averages
        shared: dict[tuple[str, str], tuple[str, dict[str, int]]] = {}  # a document's title and court, once
        for d in docs:
            vecs = {}
            for name, text in (("body", d.text), ("exact", d.text), ("breadcrumb", d.breadcrumb)):
                vecs[name] = tsvector(self._analyzers[name], text)
            for name, text in (("title", d.title), ("court", d.court)):
                key = (name, text)
                if key not in shared:
                    shared[key] = tsvector(self._analyzers[name], text)
                vecs[name] = shared[key]
            cites = sorted(set(d.cites.lower().split()))
            rows.append(
                (d.pid, d.doc_id, *(vecs[n][0] for n in TEXT_COLUMNS), d.doc_type or "other", d.date or "", cites)
            )
            for name, field in PASSAGE_FIELDS.items():
                freqs = vecs[name][1]
                length = sum(freqs.values())
                boost = self._boosts[name]
                tokens[field] += length
                postings += [(field, t, d.pid, d.doc_id, tf * boost, length) for t, tf in freqs.items()]
        if not rows:
            return
        with self.db.transaction() as conn:
            pids = [int(r[0]) for r in rows]
            self._delete(conn, "pid", pids)
            with conn.cursor().copy(
                "COPY passages (pid, doc_id, body, exact, title, breadcrumb, court, doc_type, date, cites) FROM STDIN"
            ) as copy:
                for r in rows:
                    copy.write_row(r)
            with conn.cursor().copy("COPY postings (field, term, pid, doc_id, weight, length) FROM STDIN") as copy:
                for p in postings:
                    copy.write_row(p)
            conn.execute(
                "INSERT INTO field_totals SELECT * FROM unnest(%s::smallint[], %s::bigint[]) "
                "ON CONFLICT (field) DO UPDATE SET tokens = field_totals.tokens + excluded.tokens",
                [list(tokens), list(tokens.values())],
            )

    def pending(self) -> int:
        return 0  # every write is its own transaction

    def flush(self) -> None:
        """Nothing to do: writes are committed as they are made."""

    def add_documents(self, entries: Iterable[DocumentEntry]) -> None:
        postings = []
        ids = []
        for e in entries:
            ids.append(e.doc_id)
            for name, field in DOC_FIELDS.items():
                text = e.title if name == "title" else e.head[:HEAD_CHARS]
                _, freqs = tsvector(self._doc_analyzers[name], text)
                length = sum(freqs.values())
                postings += [(field, t, e.doc_id, tf * self._doc_boosts[name], length) for t, tf in freqs.items()]
        if not ids:
            return
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM documents WHERE doc_id = ANY(%s)", [ids])
            conn.execute("DELETE FROM doc_postings WHERE doc_id = ANY(%s)", [ids])
            with conn.cursor().copy("COPY documents (doc_id) FROM STDIN") as copy:
                for doc_id in ids:
                    copy.write_row((doc_id,))
            with conn.cursor().copy("COPY doc_postings (field, term, doc_id, weight, length) FROM STDIN") as copy:
                for p in postings:
                    copy.write_row(p)

    @staticmethod
    def _delete(conn: Any, key: str, ids: Sequence[int]) -> None:
        """Remove passages by pid or doc_id, and their field lengths from the totals."""
        conn.execute(
            "UPDATE field_totals t SET tokens = t.tokens - d.tokens FROM (SELECT field, sum(length) AS tokens FROM "
            f"(SELECT DISTINCT field, pid, length FROM postings WHERE {key} = ANY(%s)) f GROUP BY field) d "
            "WHERE t.field = d.field",
            [list(ids)],
        )
        conn.execute(f"DELETE FROM passages WHERE {key} = ANY(%s)", [list(ids)])
        conn.execute(f"DELETE FROM postings WHERE {key} = ANY(%s)", [list(ids)])

    def delete_documents(self, doc_ids: Sequence[int]) -> None:
        if not doc_ids:
            return
        with self.db.transaction() as conn:
            self._delete(conn, "doc_id", doc_ids)
            conn.execute("DELETE FROM documents WHERE doc_id = ANY(%s)", [list(doc_ids)])
            conn.execute("DELETE FROM doc_postings WHERE doc_id = ANY(%s)", [list(doc_ids)])

    def deleted_share(self) -> float:
        return 0.0  # PostgreSQL removes rows for good (statistics never count removed passages)

    def compact(self) -> None:
        with self.db.lock:
            for table in ("passages", "postings", "documents", "doc_postings"):
                self.db.conn.execute(f"VACUUM ANALYZE {table}")

    def rebuild(self) -> None:
        with self.db.transaction() as conn:
            for table in ("passages", "postings", "field_totals"):
                conn.execute(f"DELETE FROM {table}")
            conn.execute("DELETE FROM meta WHERE key = 'text_version'")  # until refilled (mark_current)
        self.outdated = False

    def mark_current(self) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO meta VALUES ('text_version', %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [TEXT_VERSION],
            )

    def analyzers(self) -> dict[str, Any]:
        return {"body": self._analyzers["body"], "exact": self._analyzers["exact"]}

    def all_pids(self) -> set[int]:
        return {int(r[0]) for r in self.db.rows("SELECT pid FROM passages")}

    def all_document_ids(self) -> set[int]:
        return {int(r[0]) for r in self.db.rows("SELECT doc_id FROM documents")}

    # -- searching ----------------------------------------------------------------------------
    def terms(self, text: str) -> list[str]:
        seen: dict[str, None] = {}
        for tok in self._analyzers["body"](text):
            seen.setdefault(tok.text, None)
        return list(seen)

    def _statistics(self, documents: bool = False) -> tuple[int, dict[int, float]]:
        """(passages, average length of each postings field), or the same for the document index;
        cached until the library changes."""
        with self.db.lock:
            generation = int(self.db.rows("SELECT value FROM meta WHERE key = 'generation'")[0][0])
            if self._stats is None or self._stats[0] != generation:
                total = int(self.db.rows("SELECT count(*) FROM passages")[0][0])
                totals = self.db.rows("SELECT field, tokens FROM field_totals")
                avg = {int(f): (tok / total if total else 0.0) for f, tok in totals}
                docs = int(self.db.rows("SELECT count(*) FROM documents")[0][0])
                rows = self.db.rows(
                    "SELECT field, avg(length) FROM (SELECT DISTINCT field, doc_id, length FROM doc_postings) d "
                    "GROUP BY field"
                )
                doc_avg = {int(f): float(a) for f, a in rows}
                self._stats = (generation, {False: (total, avg), True: (docs, doc_avg)})
            stats: tuple[int, dict[int, float]] = self._stats[1][documents]
            return stats

    def _frequencies(self, table: str, pairs: Sequence[tuple[int, str]]) -> dict[tuple[int, str], int]:
        if not pairs:
            return {}
        rows = self.db.rows(
            f"SELECT q.f, q.t, (SELECT count(*) FROM {table} x WHERE x.field = q.f AND x.term = q.t) "
            f"FROM unnest(%s::smallint[], %s::text[]) AS q(f, t)",
            [[f for f, _ in pairs], [t for _, t in pairs]],
        )
        return {(int(f), str(t)): int(n) for f, t, n in rows}

    def documents_with(self, term: str) -> int:
        freq = self._frequencies("doc_postings", [(f, term) for f in DOC_FIELDS.values()])
        return max(freq.values(), default=0)

    def search_documents(self, text: str, limit: int = 5) -> list[tuple[int, float]]:
        terms = self.terms(text)
        if not terms:
            return []
        total, avg = self._statistics(documents=True)
        pairs = [(f, t) for t in terms for f in DOC_FIELDS.values()]
        return self._bm25("doc_postings", "doc_id", pairs, total, avg, limit, "")

    def _idf(self, total: int, df: int) -> float:
        return math.log(total / (df + 1)) + 1.0  # Whoosh's idf

    def _bm25(
        self,
        table: str,
        key: str,
        pairs: Sequence[tuple[int, str]],
        total: int,
        avg: dict[int, float],
        limit: int | None,
        where: str,
        params: Sequence[Any] = (),
        df: dict[tuple[int, str], int] | None = None,
    ) -> list[tuple[int, float]]:
        """BM25F of ``pairs`` (field, term) over a postings table, restricted by ``where`` (SQL over
        ``passages p`` joined on the key), best first, ties by key."""
        df = df if df is not None else self._frequencies(table, pairs)
        pairs = [p for p in pairs if df.get(p, 0) > 0]
        if not pairs:
            return []
        fields = sorted({f for f, _ in pairs})
        avg_array = [avg.get(f, 1.0) or 1.0 for f in range(max(fields) + 1)]
        join = f"JOIN passages p ON p.pid = x.{key}" if where else ""
        sql = (
            f"SELECT x.{key}, sum(q.idf * (x.weight * {K1 + 1}) / "
            f"(x.weight + {K1} * ({1 - B} + {B} * x.length / (%s::float8[])[x.field + 1]))) AS score "
            f"FROM unnest(%s::smallint[], %s::text[], %s::float8[]) AS q(f, t, idf) "
            f"JOIN {table} x ON x.field = q.f AND x.term = q.t {join} "
            f"{'WHERE ' + where if where else ''} GROUP BY x.{key} ORDER BY score DESC, x.{key}"
            + (f" LIMIT {int(limit)}" if limit is not None else "")
        )
        idf = [self._idf(total, df[p]) for p in pairs]
        rows = self.db.rows(sql, [avg_array, [f for f, _ in pairs], [t for _, t in pairs], idf, *params])
        return [(int(k), float(s)) for k, s in rows]

    def _restriction(self, doc_ids: Sequence[int] | None, filters: Sequence[Any]) -> tuple[str, list[Any]]:
        where = _Where()
        parts = [where.sql(f) for f in filters]
        if doc_ids:
            parts.append(f"p.doc_id = ANY({where.param(list(doc_ids))})")
        return " AND ".join(parts), where.params

    def search_terms(
        self, text: str, limit: int | None, doc_ids: Sequence[int] | None = None, filters: Sequence[Any] = ()
    ) -> list[tuple[int, float]]:
        """Natural-language search: any of the words, ranked by BM25F over body, title and breadcrumb."""
        from whoosh import query as Q

        terms = self.terms(text)
        total, avg = self._statistics()
        # One round trip for every field's document frequencies: the body's drop very common words, and
        # all of them weigh the rest.
        df = self._frequencies("postings", [(f, t) for t in terms for f in PASSAGE_FIELDS.values()])
        kept = [t for t in terms if df.get((PASSAGE_FIELDS["body"], t), 0) <= COMMON_TERM_SHARE * max(1, total)]
        terms = kept or terms
        if not terms:
            return [] if not filters else self.search_query(Q.Every(), limit, doc_ids, filters)
        where, params = self._restriction(doc_ids, filters)
        pairs = [(f, t) for t in terms for f in PASSAGE_FIELDS.values()]
        return self._bm25("postings", "pid", pairs, total, avg, limit, where, params, df=df)

    def search_query(
        self, q: Any, limit: int | None, doc_ids: Sequence[int] | None = None, filters: Sequence[Any] = ()
    ) -> list[tuple[int, float]]:
        """Passages matching a parsed query, ranked by BM25F of its positive terms; ``doc_ids`` and
        ``filters`` restrict without changing the ranking."""
        where = _Where()
        condition = where.sql(q)
        restriction, more = self._restriction(doc_ids, filters)
        params = where.params + more
        full = condition + (f" AND {restriction}" if restriction else "")
        total, avg = self._statistics()
        pairs: list[tuple[int, str]] = []
        for field, term in _positive_terms(q):
            if field in PASSAGE_FIELDS:
                pairs.append((PASSAGE_FIELDS[field], term))
            elif field == "exact":  # a phrase's words, ranked by their stems
                pairs += [(PASSAGE_FIELDS["body"], s) for s in self.terms(term)]
        pairs = list(dict.fromkeys(pairs))
        matched = [int(r[0]) for r in self.db.rows(f"SELECT p.pid FROM passages p WHERE {full}", params)]
        if not matched:
            return []
        ranked = self._bm25("postings", "pid", pairs, total, avg, None, "p.pid = ANY(%s)", [matched]) if pairs else []
        scored = dict(ranked)
        order = sorted(matched, key=lambda pid: (-scored.get(pid, 0.0), pid))
        hits = [(pid, scored.get(pid, 0.0) or 1e-9) for pid in order]
        return hits[:limit] if limit is not None else hits


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
