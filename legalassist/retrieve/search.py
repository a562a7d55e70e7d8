"""Search over a library: keyword, vector or hybrid, returning Hits with their documents."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from legalassist.domain import Document, Hit
from legalassist.retrieve.query import ParsedQuery, parse

if TYPE_CHECKING:
    from legalassist.service import Library

MODES = ("hybrid", "keyword", "vector")
# Legal citations are where keywords beat meaning ("9 U.S.C. § 2", "347 U.S. 483", "Brown v. Board").
_CITATION = re.compile(r"§|\bU\.\s?S\.|\bv\.\s|\d+\s+[A-Z][\w.]*\s+\d+")
LONG_QUESTION_WORDS = 12
AUTHORITY_PASSAGES = 3  # opening passages of a cited document put first for a query naming it


# A question that names its document ("Consider the NDA between Acme and Beta; ...") is routed to it
# when the document index's best match leads the next by this factor.
ROUTE_LEAD = 1.3
ROUTE_MAX_DOCS = 2  # a name word must occur in at most this many documents to identify one


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
        "consider",
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
        "information",
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


def vector_text(parsed: ParsedQuery) -> str:
    """What to embed for a query: its words and phrases, without operators or fields."""
    if parsed.natural:
        return parsed.text
    words = re.sub(r"\b(?:AND|OR|NOT)\b|(?:w|pre)/\d+|/[sp]\b|[()&|!\"]|(?<!\w)-", " ", parsed.text)
    words = re.sub(r"\b[a-z]+:(?:\"[^\"]*\"|\S+)", " ", words)
    return " ".join(words.split())


def fusion_weights(
    query: str, keyword_weight: float, vector_weight: float, parsed: ParsedQuery | None = None
) -> list[float]:
    """Keywords weigh more for exact phrases and citations, less for long questions in words."""
    natural = parsed.natural if parsed is not None else True
    if not natural or _CITATION.search(query):
        keyword_weight *= 2.0
    elif len(query.split()) > LONG_QUESTION_WORDS:
        keyword_weight *= 0.5
    return [keyword_weight, vector_weight]


class HybridSearch:
    def __init__(self, library: Library) -> None:
        self.library = library

    def search(self, query: str, k: int, mode: str = "hybrid") -> list[Hit]:
        from llama_index.core.retrievers import BaseRetriever

        from legalassist.generate.adapters import LlamaCppLLM
        from legalassist.retrieve.hybrid import (
            CitationRetriever,
            KeywordRetriever,
            VectorRetriever,
            WeightedFusionRetriever,
        )

        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
        query = query.strip()
        if not query:
            return []
        lib = self.library
        settings = lib.settings
        lookup = lib.catalog.passages
        parsed = parse(query, lib.keyword.analyzers())
        if mode != "keyword" and len(lib.vectors) == 0:
            mode = "keyword"  # nothing embedded yet: keyword search still answers
        limit = max(settings.candidates, k)

        def keyword_search(n: int | None, doc_ids: Sequence[int] | None) -> list[tuple[int, float]]:
            ids = list(doc_ids or parsed.doc_ids) or None
            if parsed.natural:
                return lib.keyword.search_terms(parsed.text, n, ids, parsed.filters)
            return lib.keyword.search_query(parsed.query, n, ids, parsed.filters)

        retrievers: list[BaseRetriever] = []
        weights: list[float] = []
        kw_weight, vec_weight = fusion_weights(query, settings.keyword_weight, settings.vector_weight, parsed)
        restricted: list[set[int] | None] = []

        def allowed_ids() -> set[int] | None:
            # Filters, a document scope or a boolean query decide which passages may come back at all.
            if not restricted:
                limited = parsed.filters or parsed.doc_ids or not parsed.natural
                restricted.append({pid for pid, _ in keyword_search(None, None)} if limited else None)
            return restricted[0]

        if mode in ("hybrid", "keyword"):
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
            query_vector = lib.embedder.embed_one(vector_text(parsed))  # once, for every vector list

            def embed(_text: str) -> np.ndarray:
                return query_vector

            allowed = allowed_ids()
            retrievers.append(VectorRetriever(lib.vectors, embed, lookup, limit, allowed))
            weights.append(vec_weight)
            routable = mode == "hybrid" and settings.route_documents and parsed.natural and not parsed.doc_ids
            routed = self.route(parsed.text) if routable else None
            if routed is not None:
                # The named document's own best passages join the fusion as two more lists.
                scoped = set(lib.catalog.passage_ids_of(routed))
                if allowed is not None:
                    scoped &= allowed
                retrievers.append(KeywordRetriever(keyword_search, lookup, limit, [routed]))
                retrievers.append(VectorRetriever(lib.vectors, embed, lookup, limit, scoped))
                # Inside the named document the question's words are shared by every passage (names,
                # defined terms); meaning separates them better, so its vector list weighs double.
                weights += [kw_weight, 2.0 * vec_weight]
        if len(retrievers) == 1:
            nodes = retrievers[0].retrieve(query)[:k]
        else:
            fusion = WeightedFusionRetriever(retrievers, weights, k, llm=LlamaCppLLM(lib.llm))
            nodes = fusion.retrieve(query)
        passages = lookup([int(n.node.node_id) for n in nodes])
        docs: dict[int, Document | None] = {}
        hits = []
        for n in nodes:
            p = passages.get(int(n.node.node_id))
            if p is None:
                continue
            if p.doc_id not in docs:
                docs[p.doc_id] = lib.catalog.document(p.doc_id)
            doc = docs[p.doc_id]
            if doc is None:
                continue
            meta = n.node.metadata
            hits.append(Hit(p, doc, float(n.score or 0.0), meta.get("keyword_rank"), meta.get("vector_rank")))
        return hits

    def cited_passages(
        self, query: str, limit: int, allowed_ids: Callable[[], set[int] | None]
    ) -> tuple[list[tuple[int, float]], list[tuple[int, float]], bool]:
        """For a query that names authorities: their own passages, the passages citing them (most
        citations first), each as (passage id, score), and whether the query is only the citation."""
        from legalassist.citations.extract import match_targets, query_citations
        from legalassist.citations.graph import authority_passages

        named = query_citations(query)
        if not named:
            return [], [], False
        catalog = self.library.catalog
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

        Only names count (capitalised words, quoted strings): "In the Fintricity NDA ..." names a document,
        "may state courts single out arbitration agreements?" does not, however well its words match one.
        """
        keyword = self.library.keyword
        # A name identifies a document only if few documents carry it ("FELA" is in a dozen; "Fintricity" in one).
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
