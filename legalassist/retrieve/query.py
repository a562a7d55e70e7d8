"""Queries a lawyer types, parsed into the app's query tree (``legalassist.retrieve.querytree``).

Syntax (terms-and-connectors, as in the research services lawyers know):

    "exact phrase"            words in this order (unstemmed)
    a AND b                   both            a OR b            either
    NOT a, a AND NOT b, -a    exclude         ( ... )           grouping
    a w/5 b                   within 5 words, either order      a pre/5 b   a before b, within 5
    a /s b                    same sentence (within 25 words)   a /p b      same passage
    negligen!                 root expansion: negligence, negligent, negligently ...
    court:"first circuit"  type:statute  title:arbitration  date:2015..2020  date:>=2016  doc:12
    cites:"45 U.S.C. § 56"    passages citing an authority, however written there ("45 U. S. C. §56", "§56",
                              "Id."); also cites:"347 U.S. 483", cites:"Buck v. Davis", cites:"Fourth Amendment"

Words without any operator are a natural-language question: ranked by every word (BM25F), as before.
When an operator or a field is present, words side by side must all match (implicit AND).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from legalassist.errors import LegalAssistError
from legalassist.retrieve import querytree as T

SENTENCE_SPAN = 25  # words: /s is approximated as "within 25 words" (sentence bounds are not indexed)

_TOKEN = re.compile(
    r'\s*(?:(?P<phrase>"[^"]*")|(?P<lparen>\()|(?P<rparen>\))'
    r"|(?P<prox>(?:w|pre)/\d+|/s|/p)(?=\s|$)"
    r"|(?P<field>[a-z]+):(?P<fvalue>\"[^\"]*\"|[^\s()]+)"
    r"|(?P<word>[^\s()\"]+)|(?P<stray>\"))",
    re.IGNORECASE,
)
# Connectors are recognised only as typed: "AND", not "and", which is an ordinary word of a question;
# "&" is not one at all, being part of so many names ("Johnson & Johnson", "AT&T").
_OPERATORS = {"AND", "OR", "NOT"}
FIELDS = {"court", "type", "title", "date", "doc", "cites"}


@dataclass
class ParsedQuery:
    """``query`` ranks passages; ``filters`` restrict them; ``natural`` marks a plain-words question."""

    query: T.Node | None
    natural: bool
    text: str
    filters: list[T.Node] = field(default_factory=list)
    doc_ids: list[int] = field(default_factory=list)


class QuerySyntaxError(LegalAssistError, ValueError):
    """A query that uses the search syntax but cannot be read; the message says where."""


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise QuerySyntaxError(f"cannot read the query at: {text[pos : pos + 20]!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind == "fvalue":
            name = m.group("field").lower()
            if name in FIELDS:
                tokens.append(("field", f"{name}:{m.group('fvalue').strip(chr(34))}"))
            else:  # "Section:2" and the like are words, not fields
                tokens.append(("word", m.group(0).strip()))
        elif kind == "word":
            word = m.group("word")
            tokens.append(("op", word) if word in _OPERATORS else ("word", word))
        elif kind == "stray":
            continue  # an unmatched quote mark in pasted text
        elif kind is not None:
            tokens.append((kind, m.group(kind)))
    return tokens


def is_natural(tokens: list[tuple[str, str]]) -> bool:
    """A question in words unless it uses a connector, a root (word!), an exclusion (-word), or is only
    quoted phrases. Quotes and brackets inside a question ("Consider "Fiverr"'s policy (2019); ...") do not
    make it a boolean query."""
    if not tokens:
        return True
    if all(kind == "phrase" for kind, _ in tokens):
        return False
    for kind, tok in tokens:
        if kind in ("op", "prox"):
            return False
        if kind == "word" and len(tok) > 1 and (tok.endswith("!") or (tok[0] == "-" and tok[1].isalnum())):
            return False
    return True


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], analyzers: dict[str, Any]) -> None:
        self.tokens = tokens
        self.i = 0
        self.stem = analyzers["body"]
        self.exact = analyzers["exact"]
        self.filters: list[T.Node] = []
        self.doc_ids: list[int] = []

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> T.Node | None:
        q = self.or_expr()
        if self.peek() is not None:
            raise QuerySyntaxError(f"unexpected {self.peek()[1]!r}")  # type: ignore[index]
        return q

    def or_expr(self) -> T.Node | None:
        found = [self.and_expr()]
        while self.peek() == ("op", "OR"):
            self.take()
            found.append(self.and_expr())
        parts = [p for p in found if p is not None]
        return parts[0] if len(parts) == 1 else T.Or(tuple(parts)) if parts else None

    def and_expr(self) -> T.Node | None:
        parts: list[T.Node] = []
        excluded: list[T.Node | None] = []
        while True:
            tok = self.peek()
            if tok is None or tok[0] == "rparen" or tok == ("op", "OR"):
                break
            if tok == ("op", "AND"):
                self.take()
                continue
            if tok == ("op", "NOT"):
                self.take()
                excluded.append(self.prox_expr())
                continue
            if tok[0] == "word" and tok[1].startswith("-") and len(tok[1]) > 1:
                self.take()
                excluded.append(self.word(tok[1][1:]))
                continue
            part = self.prox_expr()
            if part is not None:
                parts.append(part)
        if not parts and not excluded:
            return None
        positive = parts[0] if len(parts) == 1 else T.And(tuple(parts)) if parts else T.Every()
        negated = [n for n in excluded if n is not None]
        return T.AndNot(positive, T.Or(tuple(negated))) if negated else positive

    def prox_expr(self) -> T.Node | None:
        left = self.atom()
        while self.peek() is not None and self.peek()[0] == "prox":  # type: ignore[index]
            op = self.take()[1].lower()
            right = self.atom()
            if left is None or right is None:
                raise QuerySyntaxError(f"{op} needs a word on each side")
            if op == "/p":
                left = T.And((left, right))  # a passage is at most about a paragraph
                continue
            slop = SENTENCE_SPAN if op == "/s" else int(op.split("/")[1])
            left = T.Near((self.spannable(left), self.spannable(right)), slop=slop, ordered=op.startswith("pre"))
        return left

    def spannable(self, q: T.Node) -> T.Node:
        """The query on the stemmed body field, as spans: positions are only comparable within one field.

        Positions there skip stop words, so "w/5" counts the words that carry meaning.
        """
        if isinstance(q, T.Term):
            if q.fieldname == "body":
                return q
            stems = [t.text for t in self.stem(q.text)]
            return T.Term("body", stems[0] if stems else q.text)
        if isinstance(q, T.Or) and all(isinstance(s, T.Term) for s in q.subqueries):  # one word in several fields
            terms: list[T.Node] = [s for s in q.subqueries if isinstance(s, T.Term) and s.fieldname == "body"]
            terms = terms or [self.spannable(q.subqueries[0])]
            return terms[0] if len(terms) == 1 else T.SpanOr(tuple(terms))
        if isinstance(q, T.Or):
            return T.SpanOr(tuple(self.spannable(s) for s in q.subqueries))
        if isinstance(q, T.Phrase):
            stems = [t.text for w in q.words for t in self.stem(w)]
            terms = [T.Term("body", w) for w in stems]
            return terms[0] if len(terms) == 1 else T.Near(tuple(terms), slop=1, ordered=True)
        if isinstance(q, (T.Near, T.SpanOr)):
            return q
        raise QuerySyntaxError("w/, pre/ and /s join words, phrases or (a OR b) groups, not AND, NOT or roots (!)")

    def atom(self) -> T.Node | None:
        tok = self.peek()
        if tok is None:
            raise QuerySyntaxError("the query ends where a word was expected")
        kind, value = self.take()
        if kind == "lparen":
            inner = self.or_expr()
            if self.peek() is None or self.peek()[0] != "rparen":  # type: ignore[index]
                raise QuerySyntaxError("a '(' is not closed")
            self.take()
            return inner
        if kind == "rparen":
            raise QuerySyntaxError("a ')' has no '('")
        if kind == "phrase":
            words = [t.text for t in self.exact(value.strip('"'))]
            if not words:
                return None
            return T.Term("exact", words[0]) if len(words) == 1 else T.Phrase("exact", tuple(words))
        if kind == "field":
            return self.field(value)
        if kind in ("op", "prox"):
            raise QuerySyntaxError(f"{value} needs a word on each side")
        return self.word(value)

    def word(self, value: str) -> T.Node | None:
        if value.endswith("!") and len(value) > 1:
            roots = [t.text for t in self.exact(value[:-1])]
            return T.Prefix("exact", roots[0]) if roots else None
        stems = [t.text for t in self.stem(value)]
        if stems:
            return T.Or(tuple([T.Term("body", s) for s in stems] + [T.Term("title", s) for s in stems]))
        exact = [t.text for t in self.exact(value)]  # a stop word or a number the stemmer drops
        return T.Term("exact", exact[0]) if exact else None

    def field(self, value: str) -> T.Node | None:
        name, _, arg = value.partition(":")
        if name == "type":
            self.filters.append(T.Term("doc_type", arg.lower()))
            return None
        if name == "doc":
            if not arg.isdigit():
                raise QuerySyntaxError("doc: takes a document number (see `legalassist documents`)")
            self.doc_ids.append(int(arg))
            return None
        if name == "date":
            self.filters.append(_date_filter(arg))
            return None
        if name == "cites":
            self.filters.append(_cites_filter(arg))
            return None
        target = {"court": "court", "title": "title"}[name]
        terms = [t.text for t in self.stem(arg)]
        if not terms:
            return None
        q = T.And(tuple(T.Term(target, t) for t in terms))
        if name == "court":
            self.filters.append(q)
            return None
        return q


def _cites_filter(arg: str) -> T.Node:
    from legalassist.citations.extract import query_citations
    from legalassist.citations.names import match_targets, token

    named = query_citations(arg)
    if not named:
        raise QuerySyntaxError(
            f'cites: wants a citation such as "45 U.S.C. § 56", "347 U.S. 483" or "Buck v. Davis"; '
            f"{arg!r} is not one I can read"
        )
    tokens = {token(t) for key, targets in named for t in match_targets(key, targets)}
    return T.Or(tuple(T.Term("cites", t) for t in sorted(tokens)))


def _date_filter(arg: str) -> T.Node:
    def bound(text: str, upper: bool) -> str:
        text = text.strip()
        if re.fullmatch(r"\d{4}", text):
            return f"{text}-12-31" if upper else f"{text}-01-01"
        if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
            return text if len(text) == 10 else (f"{text}-31" if upper else f"{text}-01")
        raise QuerySyntaxError(f"date: wants YYYY, YYYY-MM-DD, a range a..b, or >=, <=; got {text!r}")

    if ".." in arg:
        lo, hi = arg.split("..", 1)
        return T.TermRange("date", bound(lo, False) if lo else None, bound(hi, True) if hi else None)
    for op in (">=", "<=", ">", "<"):
        if arg.startswith(op):
            value = bound(arg[len(op) :], upper=op.startswith("<"))
            return T.TermRange("date", value, None) if op.startswith(">") else T.TermRange("date", None, value)
    return T.TermRange("date", bound(arg, False), bound(arg, True))


def parse(text: str, analyzers: dict[str, Any]) -> ParsedQuery:
    """Parse ``text``; ``analyzers`` are the index's analyzers for the "body" and "exact" fields."""
    tokens = tokenize(text)
    words = [t for t in tokens if t[0] != "field"]
    if is_natural(words):
        # Plain words stay a natural-language question; fields beside them only filter.
        parser = _Parser([], analyzers)
        for _, value in (t for t in tokens if t[0] == "field"):
            q = parser.field(value)
            if q is not None:
                parser.filters.append(q)
        plain = " ".join(w.strip('"') for kind, w in words if kind in ("word", "phrase"))
        return ParsedQuery(None, True, plain, parser.filters, parser.doc_ids)
    parser = _Parser(tokens, analyzers)
    q = parser.parse()
    return ParsedQuery(query=q, natural=False, text=text, filters=parser.filters, doc_ids=parser.doc_ids)
