"""Hybrid retrieval: a Whoosh keyword retriever and a vector retriever fused by weighted
reciprocal-rank fusion, all as llama-index retrievers over TextNodes (one node per passage)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from legalassist.domain import Passage

if TYPE_CHECKING:
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


def weighted_rrf(
    ranked: Sequence[Sequence[str]], weights: Sequence[float], k: float = RRF_K
) -> list[tuple[str, float]]:
    """Weighted reciprocal-rank fusion: an item at rank r (from 1) of list i gains w_i / (k + r), with the weights
    scaled to sum to 1. Items are returned best first; ties keep the order they were first met in."""
    total = sum(weights)
    fused: dict[str, float] = {}
    for items, weight in zip(ranked, weights, strict=True):
        share = weight / total if total else 0.0
        for rank, item in enumerate(items, start=1):
            fused[item] = fused.get(item, 0.0) + share / (k + rank)
    return sorted(fused.items(), key=lambda kv: kv[1], reverse=True)


KEEP_FIRST_MIN_K = 5  # below this many results, fusion's own order stands


def keep_firsts(fused: list[tuple[str, float]], lists: Sequence[Sequence[str]], top_k: int) -> list[tuple[str, float]]:
    """The first ``top_k`` of ``fused``, with each of ``lists``' first item among them: one missing takes the
    last place left. Reciprocal-rank fusion favours an item found by both lists, however low, over one that
    tops only one: a clause first by meaning can fall below twenty passages that share the question's words."""
    top = fused[:top_k]
    if top_k < KEEP_FIRST_MIN_K:
        return top
    shown = {item for item, _ in top}
    missing = list(dict.fromkeys(items[0] for items in lists if items and items[0] not in shown))
    if not missing:
        return top
    score = dict(fused)
    return top[: top_k - len(missing)] + [(item, score[item]) for item in missing]


class WeightedFusionRetriever(BaseRetriever):
    """Its retrievers' lists fused by ``weighted_rrf`` (llama-index's own fusion ignores weights and needs a chat
    model). Nodes are keyed by id, not by content, so identical text in two documents stays two hits; a node
    found by several retrievers carries each one's rank in its metadata."""

    def __init__(
        self,
        retrievers: Sequence[BaseRetriever],
        weights: Sequence[float],
        top_k: int,
        keep_first: Sequence[int] = (),
    ) -> None:
        super().__init__()
        self._retrievers, self._weights, self._top_k = list(retrievers), list(weights), top_k
        self._keep_first = list(keep_first)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        best: dict[str, NodeWithScore] = {}
        ranked = []
        for retriever in self._retrievers:
            nodes = sorted(retriever.retrieve(query_bundle), key=lambda n: n.score or 0.0, reverse=True)
            for nws in nodes:
                if nws.node.node_id in best:
                    best[nws.node.node_id].node.metadata.update(nws.node.metadata)
                else:
                    best[nws.node.node_id] = nws
            ranked.append([n.node.node_id for n in nodes])
        everything = weighted_rrf(ranked, self._weights)
        fused = keep_firsts(everything, [ranked[i] for i in self._keep_first], self._top_k)
        return [NodeWithScore(node=best[node_id].node, score=score) for node_id, score in fused]
