"""The keyword store on PostgreSQL: full-text matching over tsvector columns, and BM25F ranking over a
postings table with Whoosh's formula, so a query means and ranks the same as on the embedded index."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from legalassist.domain import DocType
from legalassist.index.bm25 import K1, B, idf
from legalassist.index.keyword import (
    HEAD_CHARS,
    NATURAL_FIELDS,
    TEXT_VERSION,
    DocumentEntry,
    KeywordDoc,
    document_schema,
    passage_schema,
)
from legalassist.index.postgres import Connection
from legalassist.index.postgres_query import TEXT_COLUMNS, Where, positive_terms, tsvector

COMMON_TERM_SHARE = 0.5
PASSAGE_FIELDS = {name: i for i, name in enumerate(NATURAL_FIELDS)}  # postings fields of passages
DOC_FIELDS = {"title": 0, "head": 1}

# -- the keyword store ---------------------------------------------------------------------------


class PostgresKeywordIndex:
    """The keyword store on PostgreSQL: the same interface and query meaning as ``KeywordIndex``."""

    def __init__(self, db: Connection, dim: int) -> None:
        self.db = db
        new = db.prepare(dim)  # a new schema is filled from the catalog
        self.docs_index_is_new = new
        # A new schema is outdated until the keyword rebuild fills it and records the text version, at this
        # opening or, if that one stopped first, the next: otherwise a library moved onto the server whose
        # first opening was cut short would open with empty keyword tables for good. For a new library the
        # rebuild is instant.
        rows = db.rows("SELECT value FROM meta WHERE key = 'text_version'")
        self.outdated = (int(rows[0][0]) if rows else 0) < TEXT_VERSION  # unfilled, or text indexed the old way
        schema = passage_schema()
        self._analyzers = {name: schema[name].analyzer for name in TEXT_COLUMNS}
        self._doc_analyzers = {name: document_schema()[name].analyzer for name in DOC_FIELDS}
        self._boosts = {name: schema[name].format.field_boost for name in NATURAL_FIELDS}
        self._doc_boosts = {name: document_schema()[name].format.field_boost for name in DOC_FIELDS}
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
                (d.pid, d.doc_id, *(vecs[n][0] for n in TEXT_COLUMNS), d.doc_type or DocType.OTHER, d.date or "", cites)
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

    def passage_share(self, term: str) -> float:
        total, _ = self._statistics()
        freq = self._frequencies("postings", [(PASSAGE_FIELDS["body"], term)])
        return freq.get((PASSAGE_FIELDS["body"], term), 0) / max(1, total)

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
        idfs = [idf(total, df[p]) for p in pairs]
        rows = self.db.rows(sql, [avg_array, [f for f, _ in pairs], [t for _, t in pairs], idfs, *params])
        return [(int(k), float(s)) for k, s in rows]

    def _restriction(self, doc_ids: Sequence[int] | None, filters: Sequence[Any]) -> tuple[str, list[Any]]:
        where = Where()
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
        where = Where()
        condition = where.sql(q)
        restriction, more = self._restriction(doc_ids, filters)
        params = where.params + more
        full = condition + (f" AND {restriction}" if restriction else "")
        total, avg = self._statistics()
        pairs: list[tuple[int, str]] = []
        for field, term in positive_terms(q):
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
