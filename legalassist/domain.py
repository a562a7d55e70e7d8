"""Plain data shared by every layer: documents, pages, passages, hits and answers.

Offsets are always character offsets into one page's text (``Page.text``), pages are 1-based.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """Where a document is: extracted (text and passages in the catalog) -> indexed (keyword-searchable) ->
    embedded (vector-searchable too); failed (the catalog says why); removing (on its way out; ``recover``
    finishes a removal cut short). A member equals its string, as the catalog stores it."""

    EXTRACTED = "extracted"
    INDEXED = "indexed"
    EMBEDDED = "embedded"
    FAILED = "failed"
    REMOVING = "removing"


SEARCHABLE = frozenset({Status.INDEXED, Status.EMBEDDED})  # a document in the keyword index


class DocType(StrEnum):
    """What kind of paper a document is. A member equals its string, as the catalog and the indexes store it."""

    OPINION = "opinion"
    ORDER = "order"
    STATUTE = "statute"
    REGULATION = "regulation"
    CONSTITUTION = "constitution"
    CONTRACT = "contract"
    BRIEF = "brief"  # a party's filing: complaint, motion, brief, petition
    TRANSCRIPT = "transcript"
    ARTICLE = "article"
    OTHER = "other"


COURT_PAPERS = frozenset({DocType.OPINION, DocType.ORDER})  # a court's own decision: caption, docket, holdings


class ImportStatus(StrEnum):
    """What importing one file did (``ImportResult.status``)."""

    IMPORTED = "imported"
    UNCHANGED = "unchanged"  # already in the library, same content
    MOVED = "moved"  # same content at a new path: the index is kept
    DUPLICATE = "duplicate"  # same content as another file: not indexed twice
    FAILED = "failed"
    SKIPPED = "skipped"  # not read: the import was cancelled first
    REMOVED = "removed"  # gone from a watched folder


def pages_phrase(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> "pages 1-3, 7"; [4] -> "page 4"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs]
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(parts)


def edit_problem(fields: dict[str, str]) -> str:
    """Why a user's correction of a document's metadata cannot be taken ("" when it can)."""
    if "doc_type" in fields and fields["doc_type"] not in set(DocType):
        return f"Unknown document type {fields['doc_type']!r}; use one of {', '.join(DocType)}."
    date = fields.get("date", "")
    if date and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
        return f"Date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD."
    if "title" in fields and not fields["title"]:
        return "A document needs a title."
    return ""


def displayable(text: str) -> str:
    """Text that can be stored and shown anywhere: bytes of a file name that are not UTF-8 (kept by Python
    as lone surrogates) become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass(frozen=True)
class WordBox:
    """One word on a page: its span in the page text and its rectangle in PDF points."""

    start: int
    end: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Page:
    number: int  # 1-based
    text: str
    words: list[WordBox] = field(default_factory=list)
    note: str = ""  # e.g. "no text layer, OCR unavailable"

    def boxes_for(self, start: int, end: int) -> list[WordBox]:
        """Word boxes overlapping the character range [start, end)."""
        return [w for w in self.words if w.end > start and w.start < end]


@dataclass
class Document:
    id: int
    path: str
    sha256: str
    title: str
    pages: int = 0
    status: str = Status.EXTRACTED  # a Status
    error: str = ""
    doc_type: str = DocType.OTHER  # a DocType
    court: str = ""
    date: str = ""
    citation: str = ""
    size: int = 0
    # Where each field was read and how sure the reader was: {"title": {"from": "page 1: caption",
    # "confidence": 0.8}, ...}; a field the user corrected says "you".
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    known_as: str = ""  # a statute's popular name: its own short-title clause's, else the Popular Names Table's

    def source_of(self, name: str) -> str:
        """ "page 1: caption (0.8)" for the details view; "" when unknown (a library from before)."""
        src = self.sources.get(name)
        if not src:
            return ""
        confidence = src.get("confidence")
        return f"{src.get('from', '')} ({confidence:.0%} sure)" if confidence is not None else str(src.get("from", ""))

    def header(self) -> str:
        """A short line telling a passage's origin (title, popular name, court, date, citation).
        Indexed and embedded with every passage so one retrieved alone still says where it is
        from; never part of the stored passage text."""
        parts = [self.title, self.known_as, self.court, self.date, self.citation]
        return " · ".join(p for p in parts if p)


@dataclass(frozen=True)
class Continuation:
    """The rest of a passage's last sentence, which runs over the page break: the opening of the next
    page's running text, ``text == next_page.text[start:end]`` (also held by that page's first passage)."""

    page: int
    start: int
    end: int
    text: str


@dataclass
class Passage:
    """A verbatim slice of one page: ``text == page.text[start:end]``; when its last sentence runs on
    over the page break, ``continued`` records where it ends on the next page."""

    id: int
    doc_id: int
    page: int
    start: int
    end: int
    text: str
    breadcrumb: str = ""
    continued: Continuation | None = None

    @property
    def pages(self) -> tuple[int, ...]:
        """Every page the passage touches."""
        return (self.page, self.continued.page) if self.continued else (self.page,)

    @property
    def whole_text(self) -> str:
        """The passage with the end of its last sentence from the next page: what is searched and embedded
        (the model sees the continuation after the passage's last sentence)."""
        return f"{self.text}\n{self.continued.text}" if self.continued else self.text

    def page_label(self) -> str:
        """ "page 4", or "pages 4–5" for a passage running over a page break."""
        return f"pages {self.page}–{self.continued.page}" if self.continued else f"page {self.page}"


NEAREST = 5  # passages listed with a declined answer
LEAD_NOTE = "read by the app from the quotes below"  # shown beside ``Answer.lead``: the quotes are the ground


@dataclass
class Hit:
    passage: Passage
    document: Document
    score: float
    keyword_rank: int | None = None  # 1-based rank in the keyword list, if it appeared there
    vector_rank: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document.path,
            "title": self.document.title,
            "page": self.passage.page,
            "start": self.passage.start,
            "end": self.passage.end,
            "text": self.passage.text,
            "pages": list(self.passage.pages),
            "continued": asdict(self.passage.continued) if self.passage.continued else None,
            "score": round(self.score, 6),
            "breadcrumb": self.passage.breadcrumb,
            "keyword_rank": self.keyword_rank,
            "vector_rank": self.vector_rank,
        }


@dataclass
class Citation:
    n: int
    passage: Passage
    document: Document
    quote: str  # verbatim text of the cited page, page_text[start:end]
    start: int
    end: int
    verified: bool
    verified_how: str = ""  # "exact" when quote == page_text[start:end]
    seen: tuple[int, int] = (0, 0)  # page offsets of what the model was shown of the passage

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "document": self.document.path,
            "title": self.document.title,
            "page": self.passage.page,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "verified": self.verified,
            "verified_how": self.verified_how,
            "seen": list(self.seen),
        }


@dataclass(frozen=True)
class QuoteCheck:
    """Quoted text checked against a page: whether and how it was found there, and where."""

    text: str
    verified: bool
    how: str = ""  # exact | normalised | fuzzy | "" (not found)
    score: float = 0.0  # 100 for exact and normalised matches; the fuzzy score otherwise
    start: int = -1  # span in the page text
    end: int = -1
    n: int = 0  # the answer's passage number whose page holds it (0: none)
    page: int = 0

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "score": round(self.score, 1)}


@dataclass
class Claim:
    text: str
    citations: list[int]
    support: str  # supported | partial | unsupported
    score: float = 0.0
    quotes: list[QuoteCheck] = field(default_factory=list)  # text the claim puts in quotation marks
    written: list[int] = field(default_factory=list)  # the [n] markers the model itself wrote
    reason: str = ""  # why it is not supported (a contradiction, a number the source lacks, ...)


@dataclass
class Answer:
    question: str
    text: str
    citations: list[Citation]
    claims: list[Claim]
    model: str
    abstained: bool
    hits: list[Hit] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    tokens: int = 0  # tokens the model generated
    model_text: str = ""  # the model's raw output, before the app checked and marked it
    lead: str = ""  # "Yes" or "No" the app read from the quotes (``generate.lead``), also first in ``text``

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "citations": [c.to_json() for c in self.citations],
            "claims": [asdict(c) for c in self.claims],
            "abstained": self.abstained,
            "model": self.model,
            "timings_ms": {k: round(v * 1000, 1) for k, v in self.timings.items()},
            "tokens": self.tokens,
            "model_text": self.model_text,
            "lead": self.lead,
            # A declined answer lists the passages that came nearest (what its text says is "listed below").
            "nearest": [h.to_json() for h in self.hits[:NEAREST]] if self.abstained else [],
        }


@dataclass
class ImportResult:
    path: str
    status: str  # an ImportStatus
    message: str = ""
    pages: int = 0
    passages: int = 0
    doc_id: int | None = None
    seconds: float = 0.0  # time spent on this file (reading, indexing; not embedding)

    @property
    def ok(self) -> bool:
        return self.status != ImportStatus.FAILED


@dataclass(frozen=True)
class CitationRecord:
    """A citation as stored: where it is written and the authority it names."""

    id: int
    doc_id: int
    page: int
    start: int
    end: int
    kind: str  # case, statute, constitution, docket, journal, short, id, supra
    text: str
    key: str  # "347 U.S. 483", "45 U.S.C. § 56", "U.S. Const. amend. IV"
    pin: str = ""
    name: str = ""
    treatment: str = ""


@dataclass
class CitedAuthority:
    """One authority a document cites, with every place it does so."""

    key: str
    kind: str
    name: str
    places: list[CitationRecord]
    documents: list[Document]  # the library documents it names (none: not in the library)
    page: int = 1  # where to open the first of them

    def to_json(self) -> dict[str, Any]:
        return {
            "authority": self.key,
            "kind": self.kind,
            "name": self.name,
            "count": len(self.places),
            "pages": sorted({c.page for c in self.places}),
            "in_library": [
                {"doc_id": d.id, "title": d.title, "path": d.path, "page": self.page} for d in self.documents
            ],
            "text": self.places[0].text if self.places else "",
        }


@dataclass
class CitingPassage:
    """A place in another document that cites this one."""

    document: Document
    citation: CitationRecord
    passage_id: int | None
    snippet: str  # the citing sentence or thereabouts

    def to_json(self) -> dict[str, Any]:
        c = self.citation
        return {
            "doc_id": self.document.id,
            "title": self.document.title,
            "path": self.document.path,
            "page": c.page,
            "span": [c.start, c.end],
            "citation": c.text,
            "authority": c.key,
            "kind": c.kind,
            "pin": c.pin,
            "passage_id": self.passage_id,
            "snippet": self.snippet,
            # Words near the citation in the citing text, not a citator's verdict.
            "treatment_hint": c.treatment,
        }
