"""Hybrid retrieval: a Whoosh keyword retriever and a vector retriever fused by weighted
reciprocal-rank fusion, all as llama-index retrievers over TextNodes (one node per passage)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from llama_index.core.retrievers import BaseRetriever, QueryFusionRetriever
from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from legalassist.domain import Passage
from legalassist.index.backend import VectorStore

RRF_K = 60.0
PassageLookup = Callable[[Sequence[int]], dict[int, Passage]]


def _nodes(ranked: Sequence[tuple[int, float]], lookup: PassageLookup, source: str) -> list[NodeWithScore]:
    passages = lookup([pid for pid, _ in ranked])
    out = []
    for rank, (pid, score) in enumerate(ranked, start=1):
        p = passages.get(pid)
        if p is None:  # index ahead of the catalog (a removal in flight): skip
            continue
        node = TextNode(
            id_=str(pid), text=p.text, metadata={"doc_id": p.doc_id, "page": p.page, f"{source}_rank": rank}
        )
        out.append(NodeWithScore(node=node, score=score))
    return out


KeywordSearch = Callable[[int | None, Sequence[int] | None], list[tuple[int, float]]]


class KeywordRetriever(BaseRetriever):
    """Ranks passages with ``search(limit, doc_ids)`` (the Whoosh index, with the query already parsed)."""

    source = "keyword"

    def __init__(
        self, search: KeywordSearch, lookup: PassageLookup, limit: int, doc_ids: Sequence[int] | None = None
    ) -> None:
        super().__init__()
        self._search, self._lookup, self._limit, self._doc_ids = search, lookup, limit, doc_ids

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return _nodes(self._search(self._limit, self._doc_ids), self._lookup, self.source)


class CitationRetriever(KeywordRetriever):
    """Passages of the authority a query cites, then the passages citing it (``search`` ranks them)."""

    source = "citation"


class VerbatimRetriever(KeywordRetriever):
    """Passages holding the query's text verbatim (a sentence or phrase pasted from a document)."""

    source = "verbatim"


class VectorRetriever(BaseRetriever):
    def __init__(
        self,
        index: VectorStore,
        embed: Callable[[str], np.ndarray],
        lookup: PassageLookup,
        limit: int,
        allowed: set[int] | None = None,
    ) -> None:
        super().__init__()
        self._index, self._embed, self._lookup, self._limit, self._allowed = index, embed, lookup, limit, allowed

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        vector = query_bundle.embedding
        query_vec = np.asarray(vector, dtype=np.float32) if vector is not None else self._embed(query_bundle.query_str)
        ranked = self._index.search(query_vec, self._limit, self._allowed)
        return _nodes(ranked, self._lookup, "vector")


class WeightedFusionRetriever(QueryFusionRetriever):
    """Reciprocal-rank fusion with a weight per retriever (llama-index's own RRF ignores weights).

    Nodes are keyed by id, not by content hash, so identical text in two documents stays two hits.
    """

    def __init__(self, retrievers: list[BaseRetriever], weights: list[float], top_k: int, llm: Any) -> None:
        super().__init__(
            retrievers,
            llm=llm,
            mode=FUSION_MODES.RECIPROCAL_RANK,
            similarity_top_k=top_k,
            num_queries=1,
            use_async=False,
            retriever_weights=weights,
        )

    def _reciprocal_rerank_fusion(self, results: dict[tuple[str, int], list[NodeWithScore]]) -> list[NodeWithScore]:
        fused: dict[str, float] = {}
        best: dict[str, NodeWithScore] = {}
        for (_, retriever_idx), nodes in results.items():
            weight = self._retriever_weights[retriever_idx]
            for rank, nws in enumerate(sorted(nodes, key=lambda x: x.score or 0.0, reverse=True)):
                node_id = nws.node.node_id
                fused[node_id] = fused.get(node_id, 0.0) + weight / (RRF_K + rank + 1)
                if node_id in best:
                    best[node_id].node.metadata.update(nws.node.metadata)
                else:
                    best[node_id] = nws
        ranked = sorted(fused.items(), key=lambda kv: kv[1], reverse=True)
        out = []
        for node_id, score in ranked:
            nws = best[node_id]
            out.append(NodeWithScore(node=nws.node, score=score))
        return out
