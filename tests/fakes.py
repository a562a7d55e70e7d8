"""Stand-ins for the models, for the fast tier: the answer code runs end to end on them without a GGUF file.

- ``FakeEmbedder``: hashed bag-of-stems vectors, so texts sharing words have a positive cosine.
- ``FakeLLM``: replies with a scripted text, in pieces, and counts tokens as words.
- ``FakeReader``: an entailment reader that reads a contradiction where a claim holds one of its words.
- ``fake_context``: an ``AnswerContext`` over the keyword index's real analyzer and a page-text table.
- ``MemoryVectors`` and ``memory_stores``: a library's three stores in memory (``Library(..., stores=...)``):
  the catalog in an in-memory SQLite database, the keyword index in Whoosh's RAM storage, and the vectors in
  a list. ``tests/test_memory_stores.py`` holds them to the real stores' behaviour.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from legalassist.benchmarks.grounding import analyzer_terms
from legalassist.config import Settings
from legalassist.domain import Document, Hit, Passage
from legalassist.generate.context import AnswerContext
from legalassist.index.catalog import Catalog
from legalassist.index.keyword import KeywordIndex

DIM = 384


class FakeEmbedder:
    dim = DIM
    name = "fake-embedder"
    model_path = Path("fake-embedder.gguf")

    def __init__(self) -> None:
        self._terms = analyzer_terms()

    def embed(self, texts: Sequence[str], on_pause: Callable[[], None] | None = None) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            for term in self._terms(text):
                out[i, int(hashlib.sha256(term.encode()).hexdigest()[:8], 16) % DIM] += 1.0
            norm = float(np.linalg.norm(out[i]))
            if norm:
                out[i] /= norm
        return out

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]

    def fingerprint(self) -> str:
        return "fake"


class FakeLLM:
    name = "fake-chat.gguf"
    context_size = 2048

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.prompts: list[list[dict[str, str]]] = []  # what it was asked, for the test to read
        self.grammars: list[str | None] = []  # the grammar each answer was to follow (legalassist.generate.held)

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 1

    def stream_chat(
        self,
        messages: list[dict[str, str]],
        max_tokens: int,
        cancelled: Callable[[], bool],
        stop: tuple[str, ...] = (),
        gate: tuple[str, float] | None = None,
        grammar: str | None = None,
    ) -> Iterator[str]:
        self.prompts.append(messages)
        self.grammars.append(grammar)
        for word in self.reply.split(" "):
            if cancelled():
                return
            yield word + " "


class FakeReader:
    """An entailment reader that reads a contradiction in every claim holding one of ``words``, and records the
    (sentence, claim) pairs it was asked about."""

    def __init__(self, words: Sequence[str], threshold: float = 0.8) -> None:
        self.words, self.threshold = tuple(words), threshold
        self.asked: list[tuple[str, str]] = []

    def contradicts(self, sentence: str, claim: str) -> float:
        self.asked.append((sentence, claim))
        return 0.95 if any(w in claim for w in self.words) else 0.05


class FakeModels:
    """What ``Library(settings, models=...)`` and ``AnswerContext`` use of ``legalassist.generate.models.Models``."""

    def __init__(self, reply: str, settings: Settings | None = None) -> None:
        self.settings = settings or Settings(library_dir=Path("unused"), answer_mode="model")
        self.embedder = self.judge_embedder = FakeEmbedder()
        self.llm = FakeLLM(reply)
        self.reader: FakeReader | None = None  # the entailment reader: none, as where it is not installed

    def apply(self, settings: Settings) -> None:
        self.settings = settings

    def warm_up(self) -> None:
        pass


def hit(doc_id: int, title: str, text: str, page: int = 1, doc_type: str = "statute", known_as: str = "") -> Hit:
    """A search hit on a passage that is the whole of its page."""
    doc = Document(doc_id, f"/library/{doc_id}.pdf", "0" * 64, title, 1, "embedded", doc_type=doc_type)
    doc.known_as = known_as
    return Hit(Passage(doc_id * 100 + page, doc_id, page, 0, len(text), text), doc, 1.0)


def fake_context(
    reply: str, hits: Sequence[Hit], share: Callable[[str], float] | None = None
) -> tuple[AnswerContext, FakeLLM]:
    """``share``: how rare each analysed word is in the (imagined) library; None: unknown."""
    pages = {(h.passage.doc_id, h.passage.page): h.passage.text for h in hits}
    models = FakeModels(reply)
    ctx = AnswerContext(models, analyzer_terms(), lambda d, p: pages.get((d, p)), lambda _ids: {}, share)  # type: ignore[arg-type]
    return ctx, models.llm


class MemoryVectors:
    """The vector store (``legalassist.index.backend.VectorStore``) as a list of rows: row numbers, tombstones
    and exact cosine search as ``VectorIndex`` has them, without files."""

    is_new = True

    def __init__(self, dim: int = DIM) -> None:
        self.dim = dim
        self._ids: list[int] = []  # the passage id of each row, -1 once removed
        self._rows: list[np.ndarray] = []

    def __len__(self) -> int:
        return len(self._ids)

    def trim(self) -> None:
        pass  # nothing is ever half written

    def append(self, ids: Sequence[int], vectors: np.ndarray) -> list[int]:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim or len(ids) != vectors.shape[0]:
            raise ValueError(f"expected {len(ids)} vectors of {self.dim} dims, got {vectors.shape}")
        first = len(self._ids)
        self._ids += [int(i) for i in ids]
        self._rows += [row.copy() for row in vectors]
        return list(range(first, len(self._ids)))

    def remove(self, ids: Sequence[int]) -> None:
        gone = set(ids)
        self._ids = [-1 if pid in gone else pid for pid in self._ids]

    def rows_not_matching(self, rows: dict[int, int]) -> int:
        return sum(1 for pid, row in rows.items() if not 0 <= row < len(self._ids) or self._ids[row] != pid)

    def live_ids(self) -> set[int]:
        return {pid for pid in self._ids if pid >= 0}

    def search(self, query: np.ndarray, limit: int, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        scored = [
            (pid, float(row @ query))
            for pid, row in zip(self._ids, self._rows, strict=True)
            if pid >= 0 and (allowed is None or pid in allowed)
        ]
        return sorted(scored, key=lambda pair: -pair[1])[:limit]

    def vectors_of(self, ids: Sequence[int]) -> dict[int, np.ndarray]:
        wanted = set(ids)
        return {pid: row.copy() for pid, row in zip(self._ids, self._rows, strict=True) if pid in wanted}

    def reset(self) -> None:
        self._ids, self._rows = [], []

    def close(self) -> None:
        pass


def memory_stores() -> tuple[Catalog, KeywordIndex, MemoryVectors]:
    """A catalog, a keyword index and a vector index that live in memory, for ``Library(..., stores=...)``."""
    return Catalog(Path(":memory:")), KeywordIndex(None), MemoryVectors()
