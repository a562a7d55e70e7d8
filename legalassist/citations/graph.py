"""Links between library documents through their citations: what a document cites, what cites it.

A citation links to a document when one of its targets (a reporter citation, a U.S. Code section, a
case name, a docket number, the Constitution) is among the targets that document can be cited as. Links
are worked out when asked for, so a document imported later is linked to everything that already cites it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from legalassist.citations.extract import FoundCitation, document_targets, extract_citations
from legalassist.citations.names import token
from legalassist.citations.shapes import CONSTITUTION, ROMAN
from legalassist.domain import CitationRecord, CitedAuthority, CitingPassage, DocType, Document, Passage

if TYPE_CHECKING:
    from legalassist.index.catalog import Catalog

log = logging.getLogger(__name__)
_KIND_ORDER = {"case": 0, "statute": 1, "constitution": 2, "docket": 3, "journal": 4}


def scan(catalog: Catalog, doc: Document) -> list[FoundCitation]:
    """Find a document's citations and what it can be cited as, and store both (inside the caller's
    transaction)."""
    found, targets = read_citations(doc.path, catalog.page_texts(doc.id), doc.doc_type, doc.title, doc.citation)
    catalog.set_citations(doc.id, found, targets)
    return found


def read_citations(
    path: str, pages: Sequence[tuple[int, str]], doc_type: str, title: str, citation: str
) -> tuple[list[FoundCitation], set[str]]:
    """A document's citations, from its (page number, text) pairs, and the targets it can be cited as."""
    try:
        found = extract_citations(pages)
    except Exception:  # eyecite on text it cannot parse: the document stays searchable, without citations
        log.warning("citations of %s could not be read", path, exc_info=True)
        found = []
    head = "\n".join(text for _, text in pages[:2])
    return found, document_targets(doc_type, title, citation, head)


def passage_tokens(catalog: Catalog, doc_id: int, passages: Sequence[Passage]) -> dict[int, str]:
    """For each passage, the tokens of what it cites (cites: field), the sentence it runs on with over a
    page break included."""
    by_page: dict[int, list[tuple[CitationRecord, list[str]]]] = {}
    for record, targets in catalog.citations_of(doc_id):
        by_page.setdefault(record.page, []).append((record, targets))
    out: dict[int, str] = {}
    for p in passages:
        spans = [(p.page, p.start, p.end)]
        if p.continued is not None:
            spans.append((p.continued.page, p.continued.start, p.continued.end))
        toks = {
            token(t)
            for page, start, end in spans
            for record, targets in by_page.get(page, [])
            if start <= record.start < end
            for t in targets
        }
        out[p.id] = " ".join(sorted(toks))
    return out


def linked(
    catalog: Catalog, items: Sequence[tuple[str, Sequence[str]]], exclude: int | None = None
) -> list[tuple[list[Document], int]]:
    """For each (key, targets) citation: the library documents its targets name (other than ``exclude``)
    and the page of the first of them to open. One catalog lookup for all targets; each document and each
    provision's page are read once."""
    known = catalog.documents_cited_as(sorted({t for _, targets in items for t in targets}))
    docs: dict[int, Document | None] = {}
    pages: dict[tuple[int, str], int] = {}
    out: list[tuple[list[Document], int]] = []
    for key, targets in items:
        ids = sorted({d for t in targets for d in known.get(t, []) if d != exclude})
        for d in ids:
            if d not in docs:
                docs[d] = catalog.document(d)
        found = [doc for doc in (docs[d] for d in ids) if doc is not None]
        page = 1
        if found:
            where = (found[0].id, key)
            if where not in pages:
                pages[where] = authority_page(catalog, found[0], key)
            page = pages[where]
        out.append((found, page))
    return out


def cites(catalog: Catalog, doc_id: int) -> list[CitedAuthority]:
    """Every authority a document cites, most cited first within each kind, with the library documents
    each one names. Citations of the document itself (its own caption and running heads) are left out."""
    rows = catalog.citations_of(doc_id)
    groups: dict[str, CitedAuthority] = {}
    for (record, _), (docs, page) in zip(rows, linked(catalog, [(r.key, t) for r, t in rows]), strict=True):
        if any(d.id == doc_id for d in docs):
            continue  # the document citing itself
        kind = record.kind if record.kind in _KIND_ORDER else "case"
        group = groups.get(record.key)
        if group is None:
            group = groups[record.key] = CitedAuthority(record.key, kind, record.name, [], [])
        if docs and not group.documents:
            group.page = page
        group.places.append(record)
        group.name = group.name or record.name
        group.documents += [d for d in docs if d not in group.documents]
    return sorted(groups.values(), key=lambda g: (_KIND_ORDER.get(g.kind, 9), -len(g.places), g.key))


def cited_by(catalog: Catalog, doc_id: int) -> list[CitingPassage]:
    """Every place in other library documents that cites this one, by document then page."""
    targets = catalog.authorities_of(doc_id)
    out: list[CitingPassage] = []
    docs: dict[int, Document | None] = {}
    texts: dict[tuple[int, int], str] = {}  # a page cited many times is read once
    for record in catalog.citations_naming(targets):
        if record.doc_id == doc_id:
            continue
        if record.doc_id not in docs:
            docs[record.doc_id] = catalog.document(record.doc_id)
        citing = docs[record.doc_id]
        if citing is None:
            continue
        where = (record.doc_id, record.page)
        if where not in texts:
            texts[where] = catalog.page_text(*where) or ""
        page_text = texts[where]
        out.append(
            CitingPassage(
                citing,
                record,
                catalog.passage_at(record.doc_id, record.page, record.start),
                snippet(page_text, record.start, record.end),
            )
        )
    return out


def snippet(text: str, start: int, end: int, reach: int = 240) -> str:
    """The sentence around a span, give or take: from the last sentence end before it to the next after."""
    lo = max(0, start - reach)
    before = text[lo:start]
    cut = max((m.end() for m in re.finditer(r"[.;:]\s+(?=[A-Z“\"(])", before)), default=0)
    s = lo + cut
    after = text[end : end + reach]
    m = re.search(r"[.;](?=\s)", after)
    e = end + (m.end() if m else len(after))
    return " ".join(text[s:e].split())


def authority_page(catalog: Catalog, doc: Document, key: str) -> int:
    """The page of a cited document to open for a citation: the article or amendment of the Constitution
    when the citation names one; otherwise the first page."""
    place = provision(catalog, doc, key)
    return place[0] if place else 1


def authority_passages(catalog: Catalog, doc: Document, key: str, n: int) -> list[int]:
    """The passages that state a cited authority: where its provision begins (an amendment of the
    Constitution), else the document's opening passages."""
    ids = catalog.passage_ids_of(doc.id)
    place = provision(catalog, doc, key)
    if place is not None:
        first = catalog.passage_at(doc.id, *place)
        if first is not None and first in ids:
            return [first]  # the passage where the article or amendment begins
    return ids[:n]


def provision(catalog: Catalog, doc: Document, key: str) -> tuple[int, int] | None:
    """(page, offset) of the heading of the article or amendment a Constitution key names."""
    m = re.match(re.escape(CONSTITUTION) + r" (art|amend)\. ([IVX]+)", key)
    if not m or doc.doc_type != DocType.CONSTITUTION:
        return None
    roman = m.group(2)
    if m.group(1) == "art":
        heading = re.compile(rf"\bArt(?:icle|\.)\s+{roman}\b", re.IGNORECASE)
    else:
        n = ROMAN.index(roman) + 1 if roman in ROMAN else 0
        heading = re.compile(rf"\bAmendment\s+(?:{roman}|{n})\b", re.IGNORECASE)
    for number, text in catalog.page_texts(doc.id):
        found = heading.search(text)
        if found:
            return number, found.start()
    return None
