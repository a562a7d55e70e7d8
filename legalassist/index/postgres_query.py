"""The PostgreSQL keyword store's text: the app's analyzers' tokens as tsvector text, and the parser's query
tree as a tsquery and SQL conditions (``legalassist.index.postgres_keyword``)."""

from __future__ import annotations

from typing import Any

from legalassist.errors import LibraryError
from legalassist.retrieve import querytree as T

MAX_LEXEME_BYTES = 2046  # PostgreSQL's limit for one tsvector lexeme
MAX_POSITION = 16383  # and for a position
TEXT_COLUMNS = ("body", "exact", "title", "breadcrumb", "court")

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
    round when the order is free: the tree's Near with mindist 1, as Whoosh's SpanNear2, the same matches."""
    if isinstance(q, T.Term):
        return lexeme(q.text)
    if isinstance(q, T.SpanOr):
        return "(" + " | ".join(_span(s) for s in q.subqueries) + ")"
    if isinstance(q, T.Near):
        expr = _span(q.subqueries[0])
        for sub in q.subqueries[1:]:
            right = _span(sub)
            alts = [f"({expr}) <{d}> ({right})" for d in range(max(1, q.mindist), q.slop + 1)]
            if not q.ordered:
                alts += [f"({right}) <{d}> ({expr})" for d in range(max(1, q.mindist), q.slop + 1)]
            expr = " | ".join(alts)
        return expr
    raise LibraryError(f"the PostgreSQL index cannot run the span query {q!r}")


class Where:
    """Translates the parser's query tree into a SQL condition over ``passages p``."""

    def __init__(self) -> None:
        self.params: list[Any] = []

    def param(self, value: Any) -> str:
        self.params.append(value)
        return "%s"

    def sql(self, q: Any) -> str:
        if q is None or isinstance(q, T.Every):
            return "TRUE"
        if isinstance(q, T.AndNot):
            return f"({self.sql(q.a)} AND NOT {self.sql(q.b)})"
        if isinstance(q, T.And):
            return "(" + " AND ".join(self.sql(s) for s in q.subqueries) + ")"
        if isinstance(q, T.Or):
            return "(" + " OR ".join(self.sql(s) for s in q.subqueries) + ")" if q.subqueries else "FALSE"
        if isinstance(q, T.TermRange):
            if q.fieldname != "date":
                raise LibraryError(f"the PostgreSQL index has no range over {q.fieldname!r}")
            parts = ["p.date <> ''"]
            if q.start is not None:
                parts.append(f"p.date {'>' if q.startexcl else '>='} {self.param(q.start)}")
            if q.end is not None:
                parts.append(f"p.date {'<' if q.endexcl else '<='} {self.param(q.end)}")
            return "(" + " AND ".join(parts) + ")"
        if isinstance(q, (T.Near, T.SpanOr)):
            return f"p.body @@ {self.param(_span(q))}::tsquery"
        if isinstance(q, T.Phrase):
            if q.fieldname not in TEXT_COLUMNS:
                raise LibraryError(f"no phrase search over {q.fieldname!r}")
            words = [w for w in q.words if _fits(w)]
            joiner = " <-> " if q.slop <= 1 else " & "  # the parser's phrases are exact (slop 1)
            text = joiner.join(lexeme(w) for w in words)
            return f"p.{q.fieldname} @@ {self.param(text)}::tsquery" if words else "FALSE"
        if isinstance(q, T.Prefix):
            return f"p.{self._text_column(q.fieldname)} @@ {self.param(lexeme(q.text) + ':*')}::tsquery"
        if isinstance(q, T.Term):
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


def positive_terms(q: Any) -> list[tuple[str, str]]:
    """The (field, term) pairs a query scores by: its terms outside any NOT, as Whoosh scores them."""
    if q is None or isinstance(q, (T.TermRange, T.Every)):
        return []
    if isinstance(q, T.AndNot):
        return positive_terms(q.a)
    if isinstance(q, T.Term):
        return [(q.fieldname, q.text)]
    if isinstance(q, T.Phrase):
        return [(q.fieldname, w) for w in q.words]
    out = []
    for sub in q.children():
        out += positive_terms(sub)
    return out
