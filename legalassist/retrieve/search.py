"""Search over a library: keyword, vector or hybrid, returning Hits with their documents."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from legalassist.domain import Document, Hit
from legalassist.ingest.chunker import index_text
from legalassist.retrieve.query import ParsedQuery, parse
from legalassist.retrieve.querytree import Phrase

if TYPE_CHECKING:
    from legalassist.config import Settings
    from legalassist.index.backend import KeywordStore, VectorStore
    from legalassist.index.catalog import Catalog

MODES = ("hybrid", "keyword", "vector")
# Legal citations are where keywords beat meaning ("9 U.S.C. § 2", "347 U.S. 483", "Brown v. Board").
_CITATION = re.compile(r"§|\bU\.\s?S\.|\bv\.\s|\d+\s+[A-Z][\w.]*\s+\d+")
LONG_QUESTION_WORDS = 12
AUTHORITY_PASSAGES = 3  # opening passages of a cited document put first for a query naming it


# A question that names its document ("In the Acme supply agreement, who pays for shipping?") is routed to
# it when the document index's best match leads the next by this factor.
ROUTE_LEAD = 1.3
ROUTE_MAX_DOCS = 2  # a name word must occur in at most this many documents to identify one
# Text pasted from a document ("No action shall be maintained under this chapter unless commenced within three
# years") puts the passages holding it verbatim first: their list weighs this many times the keyword list.
VERBATIM_WEIGHT = 4.0
VERBATIM_MIN_WORDS = 5  # shorter text is a phrase search, not a paste

# Capitalised words that open questions and clauses rather than name anything.
_NOT_NAMES = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "by",
        "can",
        "could",
        "describe",
        "did",
        "do",
        "does",
        "explain",
        "for",
        "from",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "may",
        "must",
        "of",
        "on",
        "or",
        "please",
        "should",
        "tell",
        "the",
        "this",
        "under",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "would",
        "according",
    ]
)
_NAME_WORD = re.compile(r"\b[A-Z][\w&'’.\-]*")


def name_words(query: str) -> list[str]:
    """Words of the query that can name a document: capitalised (not question words) or quoted."""
    words = [w.strip(".'’") for w in _NAME_WORD.findall(query)]
    words = [w for w in words if w and w.lower() not in _NOT_NAMES and len(w) > 1]
    quoted = re.findall(r"[\"“]([^\"”]{2,80})[\"”]", query)
    return words + quoted


# Text copied from a PDF brings its line-break hyphens: a soft hyphen ("ex\xad cutive", whatever space
# follows it) always joins a word; a hyphen at a line's end ("arbi-\ntration") is joined as the index joins it.
_SOFT_HYPHEN = re.compile(r"(?<=[^\W\d_])\u00ad\s*(?=[^\W\d_])|\u00ad")
# A line-number gutter ("official 2 caption", "cross- 5 motion") is left out of the index, and a hyphen at
# a line's end joins the words around it there; a paste, its line breaks turned to spaces, still carries both.
_GUTTER_NUMBER = re.compile(r"(?:(?<=[^\W\d_] )|(?<=- )|^)\d{1,2} (?=[^\W\d_])")
_SPACED_HYPHEN = re.compile(r"(?<=[a-z])- +(?=[a-z])")
_CUT_WORD = re.compile(r"\s*\S*\u00ad\s*$")  # "... any ex\xad": the word goes on in text not pasted


def pasted_text(query: str) -> str:
    """The query with the line-break hyphens of text copied from a PDF rejoined."""
    return index_text(_SOFT_HYPHEN.sub("", _CUT_WORD.sub("", query)))


def _as_indexed(text: str) -> str:
    """Pasted text as the index holds it: gutter numbers out, words around a line-end hyphen joined."""
    return _SPACED_HYPHEN.sub("", _GUTTER_NUMBER.sub("", text))


def vector_text(parsed: ParsedQuery) -> str:
    """What to embed for a query: its words and phrases, without operators or fields."""
    if parsed.natural:
        return parsed.text
    words = re.sub(r"\b(?:AND|OR|NOT)\b|(?:w|pre)/\d+|/[sp]\b|[()&|!\"]|(?<!\w)-", " ", parsed.text)
    words = re.sub(r"\b[a-z]+:(?:\"[^\"]*\"|\S+)", " ", words)
    return " ".join(words.split())


def fusion_weights(
    query: str, keyword_weight: float, vector_weight: float, parsed: ParsedQuery | None = None, pasted: bool = False
) -> list[float]:
    """Keywords weigh more for exact phrases and citations, less for long questions in words (their meaning
    matters more than their words). Text found verbatim in the library (``pasted``) is not a question: its
    words are the document's own, so a long one keeps the keyword list's full weight.

    An exact phrase or a citation asks for words, not meaning: its keyword list weighs twice the heavier of the
    two lists, so an embedder fused at a high weight (the legal embedder's 5) does not outvote it."""
    natural = parsed.natural if parsed is not None else True
    if not natural or _CITATION.search(query):
        keyword_weight = 2.0 * max(keyword_weight, vector_weight)
    elif len(query.split()) > LONG_QUESTION_WORDS and not pasted:
        keyword_weight *= 0.5
    return [keyword_weight, vector_weight]


class HybridSearch:
    """Search over the catalog and the two stores; ``embed`` makes a query's vector."""

    def __init__(
        self,
        catalog: Catalog,
        keyword: KeywordStore,
        vectors: VectorStore,
        embed: Callable[[str], np.ndarray],
        settings: Settings,
    ) -> None:
        self.catalog, self.keyword, self.vectors, self.embed, self.settings = catalog, keyword, vectors, embed, settings

    def search(self, query: str, k: int, mode: str = "hybrid") -> list[Hit]:
        from llama_index.core.retrievers import BaseRetriever

        from legalassist.retrieve.hybrid import (
            CitationRetriever,
            KeywordRetriever,
            VectorRetriever,
            VerbatimRetriever,
            WeightedFusionRetriever,
        )

        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
        query = pasted_text(query).strip()
        if not query:
            return []
        settings, keyword = self.settings, self.keyword
        lookup = self.catalog.passages
        parsed = parse(query, keyword.analyzers())
        if mode != "keyword" and len(self.vectors) == 0:
            mode = "keyword"  # nothing embedded yet: keyword search still answers
        limit = max(settings.candidates, k)

        def keyword_search(n: int | None, doc_ids: Sequence[int] | None) -> list[tuple[int, float]]:
            ids = list(doc_ids or parsed.doc_ids) or None
            if parsed.natural:
                return keyword.search_terms(parsed.text, n, ids, parsed.filters)
            return keyword.search_query(parsed.query, n, ids, parsed.filters)

        retrievers: list[BaseRetriever] = []
        weights: list[float] = []
        main: list[int] = []  # the keyword and the vector list: each one's best passage is kept in the results
        verbatim = self.verbatim_passages(parsed, limit) if mode != "vector" else []
        kw_weight, vec_weight = fusion_weights(
            query, settings.keyword_weight, settings.fusion_vector_weight, parsed, pasted=bool(verbatim)
        )
        restricted: list[set[int] | None] = []

        def allowed_ids() -> set[int] | None:
            # Filters, a document scope or a boolean query decide which passages may come back at all.
            if not restricted:
                limited = parsed.filters or parsed.doc_ids or not parsed.natural
                restricted.append({pid for pid, _ in keyword_search(None, None)} if limited else None)
            return restricted[0]

        if verbatim:
            retrievers.append(VerbatimRetriever(lambda _n, _d: verbatim, lookup, limit))
            # The text's own words, found in order: above either main list, whatever their weights.
            weights.append(VERBATIM_WEIGHT * max(kw_weight, vec_weight))
        if mode in ("hybrid", "keyword"):
            main.append(len(retrievers))
            retrievers.append(KeywordRetriever(keyword_search, lookup, limit))
            weights.append(kw_weight)
            authority, citing, navigational = self.cited_passages(query, limit, allowed_ids)
            # "45 U.S.C. 56", "347 U.S. 483", "Buck v. Davis": the authority itself, and every passage
            # citing it in whatever form it is written there, join as two more lists. A query that is
            # nothing but the citation wants the authority first.
            if authority:
                retrievers.append(CitationRetriever(lambda _n, _d: authority, lookup, limit))
                weights.append((4.0 if navigational else 1.0) * kw_weight)
            if citing:
                retrievers.append(CitationRetriever(lambda _n, _d: citing, lookup, limit))
                weights.append(kw_weight)
        if mode in ("hybrid", "vector"):
            query_vector = self.embed(vector_text(parsed))  # once, for every vector list

            def embed(_text: str) -> np.ndarray:
                return query_vector

            allowed = allowed_ids()
            main.append(len(retrievers))
            retrievers.append(VectorRetriever(self.vectors, embed, lookup, limit, allowed))
            weights.append(vec_weight)
            # Text found verbatim names no document: it is the document's own words.
            routable = (
                mode == "hybrid" and settings.route_documents and parsed.natural and not parsed.doc_ids and not verbatim
            )
            routed = self.route(parsed.text) if routable else None
            if routed is not None:
                # The named document's own best passages join the fusion as two more lists.
                scoped = set(self.catalog.passage_ids_of(routed))
                if allowed is not None:
                    scoped &= allowed
                retrievers.append(KeywordRetriever(keyword_search, lookup, limit, [routed]))
                retrievers.append(VectorRetriever(self.vectors, embed, lookup, limit, scoped))
                # Inside the named document the question's words are shared by every passage (names,
                # defined terms); meaning separates them better, so its vector list weighs double.
                weights += [kw_weight, 2.0 * vec_weight]
        if len(retrievers) == 1:
            nodes = retrievers[0].retrieve(query)[:k]
        else:
            fusion = WeightedFusionRetriever(retrievers, weights, k, keep_first=main)
            nodes = fusion.retrieve(query)
        passages = lookup([int(n.node.node_id) for n in nodes])
        docs: dict[int, Document | None] = {}
        hits = []
        for n in nodes:
            p = passages.get(int(n.node.node_id))
            if p is None:
                continue
            if p.doc_id not in docs:
                docs[p.doc_id] = self.catalog.document(p.doc_id)
            doc = docs[p.doc_id]
            if doc is None:
                continue
            meta = n.node.metadata
            hits.append(Hit(p, doc, float(n.score or 0.0), meta.get("keyword_rank"), meta.get("vector_rank")))
        return hits

    def verbatim_passages(self, parsed: ParsedQuery, limit: int) -> list[tuple[int, float]]:
        """Passages holding the query's words in its order (case and punctuation aside): a sentence or a
        distinctive phrase pasted from a document. Tried for the whole text, then as the index holds it
        (line-number gutters out, a line-end hyphen's words joined), then for its longest sentence."""
        if not parsed.natural:
            return []  # a quoted phrase or a boolean query is already exact
        keyword = self.keyword
        analyzer = keyword.analyzers()["exact"]
        text = re.sub(r"[\"“”]", " ", parsed.text)
        longest = sorted(re.split(r"(?<=[.;:?!])\s+", text), key=len, reverse=True)[:1]
        candidates = [text, _as_indexed(text), *longest]
        for candidate in dict.fromkeys(candidates):
            words = [t.text for t in analyzer(candidate)]
            if len(words) < VERBATIM_MIN_WORDS:
                continue
            found = keyword.search_query(Phrase("exact", tuple(words)), limit, parsed.doc_ids or None, parsed.filters)
            if found:
                return found
        return []

    def cited_passages(
        self, query: str, limit: int, allowed_ids: Callable[[], set[int] | None]
    ) -> tuple[list[tuple[int, float]], list[tuple[int, float]], bool]:
        """For a query that names authorities: their own passages, the passages citing them (most
        citations first), each as (passage id, score), and whether the query is only the citation."""
        from legalassist.citations.extract import query_citations
        from legalassist.citations.graph import authority_passages
        from legalassist.citations.names import match_targets

        named = query_citations(query)
        if not named:
            return [], [], False
        catalog = self.catalog
        own: list[int] = []
        counts: dict[int, int] = {}
        for key, targets in named:
            for doc_id in sorted({d for ids in catalog.documents_cited_as(list(targets)).values() for d in ids}):
                doc = catalog.document(doc_id)
                own += authority_passages(catalog, doc, key, AUTHORITY_PASSAGES) if doc else []
            for citing, n in catalog.passages_citing(match_targets(key, targets)):
                counts[citing] = counts.get(citing, 0) + n
        allowed = allowed_ids() if own or counts else None
        own = [pid for pid in dict.fromkeys(own) if allowed is None or pid in allowed]
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        citing_list = [(pid, float(n)) for pid, n in ranked if allowed is None or pid in allowed]

        def words(text: str) -> set[str]:
            return set(re.sub(r"[^\w\s]", " ", text).lower().split())

        navigational = len(words(query) - words(" ".join(k for k, _ in named))) <= 3
        return [(pid, 100.0 - i) for i, pid in enumerate(own)][:limit], citing_list[:limit], navigational

    def route(self, query: str) -> int | None:
        """The document the query names, when one clearly stands out; else None.

        Only names count (capitalised words, quoted strings): "In the Acme supply agreement ..." names a
        document, "may state courts single out arbitration agreements?" does not, however well its words
        match one. Text pasted from a document is not routed (``search`` checks it first): in a sentence
        of a statute, "Water" is a word of the statute, not the name of "Tarrant Regional Water Dist."
        """
        keyword = self.keyword
        # A name identifies a document only if few documents carry it ("FELA" is in a dozen; "Acme" in one).
        names = [
            t for t in keyword.terms(" ".join(name_words(query))) if 0 < keyword.documents_with(t) <= ROUTE_MAX_DOCS
        ]
        if not names:
            return None
        docs = keyword.search_documents(" ".join(names), 2)
        if not docs:
            return None
        if len(docs) == 1 or docs[0][1] >= ROUTE_LEAD * docs[1][1]:
            return docs[0][0]
        return None
