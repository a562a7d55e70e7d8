"""The keyword index: Whoosh with BM25F over passage text, title, breadcrumb and court."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INDEX_NAME = "passages"


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


def _schema() -> Any:
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, NUMERIC, TEXT, Schema

    analyzer = StemmingAnalyzer()
    return Schema(
        pid=NUMERIC(stored=True, unique=True, bits=64),
        doc_id=NUMERIC(stored=True, bits=64),
        body=TEXT(analyzer=analyzer),
        title=TEXT(analyzer=analyzer, field_boost=1.5),
        breadcrumb=TEXT(analyzer=analyzer),
        court=TEXT(analyzer=analyzer),
        doc_type=ID,
        date=ID,
    )


class KeywordIndex:
    def __init__(self, folder: Path) -> None:
        from whoosh import index

        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        if index.exists_in(str(folder), indexname=INDEX_NAME):
            self._ix = index.open_dir(str(folder), indexname=INDEX_NAME)
        else:
            self._ix = index.create_in(str(folder), _schema(), indexname=INDEX_NAME)
        self._searcher: Any = None
        self._lock = threading.Lock()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._ix.close()

    # -- writing ------------------------------------------------------------------------------
    def add(self, docs: Iterable[KeywordDoc]) -> None:
        """Add or replace passages (keyed by pid) in one commit."""
        writer = self._ix.writer(limitmb=128)
        try:
            for d in docs:
                writer.update_document(
                    pid=d.pid,
                    doc_id=d.doc_id,
                    body=d.text,
                    title=d.title,
                    breadcrumb=d.breadcrumb,
                    court=d.court,
                    doc_type=d.doc_type or "other",
                    date=d.date or "",
                )
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def delete_documents(self, doc_ids: Sequence[int]) -> None:
        if not doc_ids:
            return
        writer = self._ix.writer()
        try:
            for doc_id in doc_ids:
                writer.delete_by_term("doc_id", doc_id)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def all_pids(self) -> set[int]:
        with self._ix.searcher() as s:
            return {int(f["pid"]) for f in s.all_stored_fields()}

    # -- searching ----------------------------------------------------------------------------
    def _current_searcher(self) -> Any:
        with self._lock:
            if self._searcher is None:
                self._searcher = self._ix.searcher()
            elif not self._searcher.up_to_date():
                self._searcher = self._searcher.refresh()
            return self._searcher

    def terms(self, text: str) -> list[str]:
        """The indexed terms of ``text`` (stemmed, stop words dropped), in order, without repeats."""
        analyzer = self._ix.schema["body"].analyzer
        seen: dict[str, None] = {}
        for tok in analyzer(text):
            seen.setdefault(tok.text, None)
        return list(seen)

    def search_terms(self, text: str, limit: int, doc_ids: Sequence[int] | None = None) -> list[tuple[int, float]]:
        """Natural-language search: any of the words, ranked by BM25F. Returns (pid, score)."""
        from whoosh import query as Q

        terms = self.terms(text)
        if not terms:
            return []
        fields = ("body", "title", "breadcrumb", "court")
        q: Any = Q.Or([Q.Term(f, t) for t in terms for f in fields])
        return self.search_query(q, limit, doc_ids)

    def search_query(self, q: Any, limit: int, doc_ids: Sequence[int] | None = None) -> list[tuple[int, float]]:
        from whoosh import query as Q

        searcher = self._current_searcher()
        filt = Q.Or([Q.Term("doc_id", d) for d in doc_ids]) if doc_ids else None
        results = searcher.search(q, limit=limit, filter=filt)
        return [(int(hit["pid"]), float(hit.score)) for hit in results]
