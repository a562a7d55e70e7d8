"""BM25F over a Whoosh index's own postings, term at a time with NumPy.

Whoosh scores a query posting by posting in Python; a twenty-word question over three fields walks
tens of thousands of postings that way. This reads the same postings a block (up to 128 postings) at a
time into arrays and applies Whoosh's own BM25F formula, with Whoosh's statistics (idf, average field
length, the stored field lengths), so scores equal Whoosh's to float precision and the ranking is the
same; only ties may come out in another order. The index on disk is untouched: Whoosh still writes it
and still runs every query that is not a plain bag of words (phrases, proximity, boolean operators).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

K1, B = 1.2, 0.75  # Whoosh's BM25F defaults: both keyword stores rank with them


def idf(total: int, df: int) -> float:
    """Whoosh's inverse document frequency of a term in ``df`` of ``total`` documents."""
    return math.log(total / (df + 1)) + 1.0


# Posting lists read are kept, most recently used first, up to this many postings (8 bytes each: about
# 32 MB). A researcher's questions share much of their vocabulary, so most terms are read once.
CACHED_POSTINGS = 4_000_000


class SearcherArrays:
    """What one Whoosh searcher (one index generation) needs for array scoring: per segment, its
    document offset, its field lengths as arrays, and its deleted documents; and the posting lists
    and document frequencies read so far. Built on first use, dropped with its searcher."""

    def __init__(
        self, searcher: Any, fields: Sequence[str], segment_lengths: dict[tuple[str, str], np.ndarray] | None = None
    ) -> None:
        self.searcher = searcher
        self._postings: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cached = 0
        self._frequencies: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()  # searches on several threads share the cache
        self.size = searcher.doc_count_all()
        self.leaves: list[tuple[Any, int]] = [(leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()]
        self.lengths: dict[str, np.ndarray] = {}
        deleted = np.zeros(self.size, dtype=bool)
        for reader, offset in self.leaves:
            if reader.has_deletions():
                n = reader.doc_count_all()
                deleted[offset : offset + n] = True
                deleted[[offset + d for d in reader.all_doc_ids()]] = False  # all_doc_ids: the live ones
        self.deleted = deleted
        # A segment's field lengths never change (deletions only mark documents), so ``segment_lengths``
        # carries them from one index generation to the next: after an import adds a small segment, only
        # that segment's lengths are read. Segments merged away drop out of it.
        known = segment_lengths if segment_lengths is not None else {}
        current: dict[tuple[str, str], np.ndarray] = {}
        for field in fields:
            column = np.zeros(self.size, dtype=np.float32)
            for reader, offset in self.leaves:
                if reader.segment() is None:  # an empty index: one reader, no segment, no documents
                    continue
                key = (reader.segment().segment_id(), field)
                if key not in known:
                    n = reader.doc_count_all()
                    known[key] = np.array([reader.doc_field_length(d, field, 0) or 0 for d in range(n)], np.float32)
                current[key] = known[key]
                column[offset : offset + len(current[key])] = current[key]
            self.lengths[field] = column
        known.clear()
        known.update(current)

    def doc_frequency(self, field: str, term: str) -> int:
        key = (field, term)
        if key not in self._frequencies:
            self._frequencies[key] = int(self.searcher.doc_frequency(field, term))
        return self._frequencies[key]

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Every posting of ``term`` in ``field``: (global document numbers, weights)."""
        key = (field, term)
        with self._lock:
            found = self._postings.get(key)
            if found is not None:
                self._postings.move_to_end(key)
                return found
        found = self._read(field, term)
        with self._lock:
            if key not in self._postings:
                self._postings[key] = found
                self._cached += len(found[0])
            while self._cached > CACHED_POSTINGS and len(self._postings) > 1:
                _, (old, _) = self._postings.popitem(last=False)
                self._cached -= len(old)
        return found

    def _read(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        ids: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for reader, offset in self.leaves:
            if (field, term) not in reader:
                continue
            leaf_ids, leaf_weights = _read_postings(reader.postings(field, term))
            ids.append(leaf_ids + offset)
            weights.append(leaf_weights)
        if not ids:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        return np.concatenate(ids).astype(np.int32), np.concatenate(weights)


def _read_postings(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.matching.wrappers import FilterMatcher

    if type(matcher) is FilterMatcher and matcher._exclude:
        # A segment with deleted documents: read the postings underneath (the filter has only moved
        # them past deleted documents, if any) and let the caller's mask drop the deleted ones.
        matcher = matcher.child
    if type(matcher) is W3LeafMatcher:  # Whoosh's on-disk format: whole blocks at once
        ids: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        while not matcher._atend:
            matcher._read_ids()
            matcher._read_weights()
            ids.append(np.asarray(matcher._ids, dtype=np.int64))
            weights.append(np.asarray(matcher._weights, dtype=np.float32))
            matcher._next_block()
        if ids:
            return np.concatenate(ids), np.concatenate(weights)
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)  # every posting was deleted
    # Any other matcher (an in-memory segment): the public interface, posting by posting.
    id_list: list[int] = []
    weight_list: list[float] = []
    while matcher.is_active():
        id_list.append(matcher.id())
        weight_list.append(matcher.weight())
        matcher.next()
    return np.asarray(id_list, dtype=np.int64), np.asarray(weight_list, dtype=np.float32)


def bm25f_scores(arrays: SearcherArrays, terms: Sequence[str], fields: Sequence[str]) -> np.ndarray:
    """The score of every document for ``terms`` in any of ``fields`` (the sum over fields and terms,
    as Whoosh's Or of Term queries scores it); 0 for documents matching none, and for deleted ones."""
    searcher = arrays.searcher
    weighting = searcher.weighting
    k1 = float(getattr(weighting, "K1", K1))
    scores = np.zeros(arrays.size, dtype=np.float64)
    for field in fields:
        b = float(getattr(weighting, "_field_B", {}).get(field, getattr(weighting, "B", B)))
        avg = searcher.avg_field_length(field) or 1.0
        lengths = arrays.lengths[field]
        for term in terms:
            ids, weights = arrays.postings(field, term)
            if not len(ids):
                continue
            idf = searcher.idf(field, term)
            norm = k1 * ((1 - b) + b * lengths[ids] / avg)
            scores[ids] += idf * (weights * (k1 + 1)) / (weights + norm)  # ids are unique within a list
    scores[arrays.deleted] = 0.0
    return scores


def top_documents(scores: np.ndarray, limit: int | None, allowed: np.ndarray | None = None) -> list[int]:
    """Document numbers with a positive score, best first (ties by document number), at most ``limit``;
    ``allowed`` is a boolean mask of the documents that may be returned."""
    if allowed is not None:
        scores = np.where(allowed, scores, 0.0)
    matched = np.flatnonzero(scores > 0)
    if limit is not None and len(matched) > limit:
        cut = np.partition(scores[matched], len(matched) - limit)[len(matched) - limit]  # the limit-th best
        above = matched[scores[matched] > cut]
        at_cut = matched[scores[matched] == cut][: limit - len(above)]  # ties: lowest document numbers
        matched = np.sort(np.concatenate([above, at_cut]))
    order = np.argsort(-scores[matched], kind="stable")  # matched is ascending: ties by document number
    return [int(d) for d in matched[order]]
