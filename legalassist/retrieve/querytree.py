"""The app's own search query tree: what ``retrieve.query`` parses a lawyer's query into, and all a keyword store
must translate (the embedded store into Whoosh queries, ``index.keyword.to_whoosh``; the PostgreSQL store into SQL,
``index.postgres_query``). Plain data: nothing here imports an engine.

Fields are the keyword index's: "body" (stemmed text), "exact" (unstemmed), "title", "court", "doc_type",
"date", "cites", "doc_id"."""

from __future__ import annotations

from dataclasses import dataclass


class Node:
    def children(self) -> tuple[Node, ...]:
        return ()


@dataclass(frozen=True)
class Term(Node):
    fieldname: str
    text: str


@dataclass(frozen=True)
class Phrase(Node):
    """Words in this order, next to each other (``slop`` 1)."""

    fieldname: str
    words: tuple[str, ...]
    slop: int = 1


@dataclass(frozen=True)
class Prefix(Node):
    """Any term of the field starting with ``text`` (a root: "negligen!")."""

    fieldname: str
    text: str


@dataclass(frozen=True)
class And(Node):
    subqueries: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.subqueries


@dataclass(frozen=True)
class Or(Node):
    subqueries: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.subqueries


@dataclass(frozen=True)
class AndNot(Node):
    """``a`` without what matches ``b``; scored by ``a`` alone."""

    a: Node
    b: Node

    def children(self) -> tuple[Node, ...]:
        return (self.a, self.b)


@dataclass(frozen=True)
class Every(Node):
    """Every passage (what an exclusion alone is taken from)."""


@dataclass(frozen=True)
class Near(Node):
    """Its parts within ``slop`` positions of each other in the body field (``ordered``: in this order)."""

    subqueries: tuple[Node, ...]
    slop: int
    ordered: bool = False
    mindist: int = 1

    def children(self) -> tuple[Node, ...]:
        return self.subqueries


@dataclass(frozen=True)
class SpanOr(Node):
    """Any of its parts, as positions a ``Near`` can measure from."""

    subqueries: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.subqueries


@dataclass(frozen=True)
class TermRange(Node):
    """Terms between ``start`` and ``end`` (either open when None): dates as YYYY-MM-DD."""

    fieldname: str
    start: str | None
    end: str | None
    startexcl: bool = False
    endexcl: bool = False
