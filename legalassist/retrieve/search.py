"""Search over a library: keyword, vector or hybrid, returning Hits with their documents."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from legalassist.domain import Document, Hit

if TYPE_CHECKING:
    from legalassist.service import Library

MODES = ("hybrid", "keyword", "vector")
# Exact phrases and legal citations are where keywords beat meaning; weigh the keyword list up.
_EXACT = re.compile(r"\"[^\"]+\"|§|\bU\.\s?S\.|\bv\.\s|\d+\s+[A-Z][\w.]*\s+\d+")


def fusion_weights(query: str, keyword_weight: float, vector_weight: float) -> list[float]:
    if _EXACT.search(query):
        keyword_weight *= 2.0
    return [keyword_weight, vector_weight]


class HybridSearch:
    def __init__(self, library: Library) -> None:
        self.library = library

    def search(self, query: str, k: int, mode: str = "hybrid") -> list[Hit]:
        from llama_index.core.retrievers import BaseRetriever

        from legalassist.generate.adapters import LlamaCppLLM
        from legalassist.retrieve.hybrid import KeywordRetriever, VectorRetriever, WeightedFusionRetriever

        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
        query = query.strip()
        if not query:
            return []
        lib = self.library
        settings = lib.settings
        lookup = lib.catalog.passages
        if mode != "keyword" and len(lib.vectors) == 0:
            mode = "keyword"  # nothing embedded yet: keyword search still answers
        retrievers: list[BaseRetriever] = []
        if mode in ("hybrid", "keyword"):
            retrievers.append(KeywordRetriever(lib.keyword, lookup, max(settings.candidates, k)))
        if mode in ("hybrid", "vector"):
            embed = lib.embedder.embed_one
            retrievers.append(VectorRetriever(lib.vectors, embed, lookup, max(settings.candidates, k)))
        if len(retrievers) == 1:
            nodes = retrievers[0].retrieve(query)[:k]
        else:
            weights = fusion_weights(query, settings.keyword_weight, settings.vector_weight)
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


def cosine_to_passages(library: Library, text: str, passage_texts: list[str]) -> np.ndarray:
    """Cosine of ``text`` to each passage text, through the library's embedder."""
    vectors = library.embedder.embed([text, *passage_texts])
    return vectors[1:] @ vectors[0]
