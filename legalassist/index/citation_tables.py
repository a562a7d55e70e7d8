"""The catalog's citation tables: each document's citations (page, span, key, the authorities it may name),
and what each document can be cited as. Part of ``Catalog``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from legalassist.domain import CitationRecord

_CITATION_COLUMNS = "c.id, c.doc_id, c.page, c.start, c.end, c.kind, c.text, c.key, c.pin, c.name, c.treatment"


class CitationTables:
    _db: sqlite3.Connection

    def set_citations(self, doc_id: int, found: Iterable[Any], targets: Iterable[str]) -> None:
        """Replace a document's citations (FoundCitation) and what it can itself be cited as."""
        self._db.execute("DELETE FROM citations WHERE doc_id=?", (doc_id,))
        self._db.execute("DELETE FROM authorities WHERE doc_id=?", (doc_id,))
        for c in found:
            cur = self._db.execute(
                "INSERT INTO citations (doc_id, page, start, end, kind, text, key, pin, name, treatment)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, c.page, c.start, c.end, c.kind, c.text, c.key, c.pin, c.name, c.treatment),
            )
            cid = int(cur.lastrowid or 0)
            self._db.executemany(
                "INSERT INTO citation_targets (citation_id, target) VALUES (?, ?)",
                ((cid, t) for t in dict.fromkeys((c.key, *c.targets))),
            )
        self._db.executemany(
            "INSERT OR IGNORE INTO authorities (doc_id, target) VALUES (?, ?)", ((doc_id, t) for t in targets)
        )

    def citations_of(self, doc_id: int, page: int | None = None) -> list[tuple[CitationRecord, list[str]]]:
        """A document's citations (or one page's) in page order, each with its targets."""
        where, args = ("c.doc_id=? AND c.page=?", (doc_id, page)) if page is not None else ("c.doc_id=?", (doc_id,))
        rows = self._db.execute(
            f"SELECT {_CITATION_COLUMNS}, group_concat(t.target, char(31)) FROM citations c"
            f" LEFT JOIN citation_targets t ON t.citation_id = c.id WHERE {where}"
            " GROUP BY c.id ORDER BY c.page, c.start",
            args,
        ).fetchall()
        return [(CitationRecord(*r[:11]), (r[11] or "").split(chr(31)) if r[11] else []) for r in rows]

    def authorities_of(self, doc_id: int) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT target FROM authorities WHERE doc_id=?", (doc_id,))]

    def documents_cited_as(self, targets: Sequence[str]) -> dict[str, list[int]]:
        """For each target, the library documents known by it."""
        out: dict[str, list[int]] = {}
        for chunk_start in range(0, len(targets), 500):
            chunk = list(targets[chunk_start : chunk_start + 500])
            marks = ",".join("?" * len(chunk))
            for target, doc_id in self._db.execute(
                f"SELECT target, doc_id FROM authorities WHERE target IN ({marks}) ORDER BY doc_id", chunk
            ):
                out.setdefault(target, []).append(doc_id)
        return out

    def citations_naming(self, targets: Sequence[str]) -> list[CitationRecord]:
        """Citations anywhere in the library that name one of these targets."""
        if not targets:
            return []
        marks = ",".join("?" * len(targets))
        rows = self._db.execute(
            f"SELECT DISTINCT {_CITATION_COLUMNS} FROM citation_targets t JOIN citations c ON c.id = t.citation_id"
            f" WHERE t.target IN ({marks}) ORDER BY c.doc_id, c.page, c.start",
            list(targets),
        ).fetchall()
        return [CitationRecord(*r) for r in rows]

    def passages_citing(self, targets: Sequence[str]) -> list[tuple[int, int]]:
        """(passage id, how many citations in it name one of these targets), most first."""
        if not targets:
            return []
        marks = ",".join("?" * len(targets))
        return self._db.execute(
            "SELECT p.id, COUNT(DISTINCT c.id) AS n FROM citation_targets t"
            " JOIN citations c ON c.id = t.citation_id"
            " JOIN passages p ON p.doc_id = c.doc_id AND p.page = c.page AND p.start <= c.start AND c.start < p.end"
            f" WHERE t.target IN ({marks}) GROUP BY p.id ORDER BY n DESC, p.id",
            list(targets),
        ).fetchall()
