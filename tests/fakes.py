"""Stand-ins for the models, for the fast tier: the answer code runs end to end on them without a GGUF file.

- ``FakeEmbedder``: hashed bag-of-stems vectors, so texts sharing words have a positive cosine.
- ``FakeLLM``: replies with a scripted text, in pieces, and counts tokens as words.
- ``fake_context``: an ``AnswerContext`` over the keyword index's real analyzer and a page-text table.
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

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 1

    def stream_chat(
        self, messages: list[dict[str, str]], max_tokens: int, cancelled: Callable[[], bool], *_args: object
    ) -> Iterator[str]:
        self.prompts.append(messages)
        for word in self.reply.split(" "):
            if cancelled():
                return
            yield word + " "


class FakeModels:
    """What ``Library(settings, models=...)`` and ``AnswerContext`` use of ``legalassist.generate.models.Models``."""

    def __init__(self, reply: str, settings: Settings | None = None) -> None:
        self.settings = settings or Settings(library_dir=Path("unused"), answer_mode="model")
        self.embedder = self.judge_embedder = FakeEmbedder()
        self.llm = FakeLLM(reply)

    def apply(self, settings: Settings) -> None:
        self.settings = settings

    def warm_up(self) -> None:
        pass


def hit(doc_id: int, title: str, text: str, page: int = 1, doc_type: str = "statute", known_as: str = "") -> Hit:
    """A search hit on a passage that is the whole of its page."""
    doc = Document(doc_id, f"/library/{doc_id}.pdf", "0" * 64, title, 1, "embedded", doc_type=doc_type)
    doc.known_as = known_as
    return Hit(Passage(doc_id * 100 + page, doc_id, page, 0, len(text), text), doc, 1.0)


def fake_context(reply: str, hits: Sequence[Hit]) -> tuple[AnswerContext, FakeLLM]:
    pages = {(h.passage.doc_id, h.passage.page): h.passage.text for h in hits}
    models = FakeModels(reply)
    ctx = AnswerContext(models, analyzer_terms(), lambda d, p: pages.get((d, p)), lambda _ids: {})  # type: ignore[arg-type]
    return ctx, models.llm
